"""Competition and the outlook: TikTok beside its rivals, and three years ahead as scenarios, not predictions.

The outlook model grows each of the company model's base-year streams (the registry of
:mod:`helpers.streams`) at its own rate, minus the viewing drifting to rivals each year for the streams
advertisers pay for, for ``YEARS`` years. It is built on the company model, so its inputs are the company's
inputs (the base year) plus the growth rates. :func:`helpers.scenarios.years` tabulates it for a scenario.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from . import data
from .attention import ATTENTION
from .params import Model, Param, divide, tidy
from .revenue_mix import COMPANY, company_model, company_of
from .streams import AD_GROWTH, BASE_YEAR, GIFTS_GROWTH, SHOP_GROWTH, STREAMS, check_streams  # noqa: F401 (re-exported)

RIVAL_SHIFT = Param("rival_shift", "Viewing lost to rivals per year", "share", min=0, max=0.3, step=0.01,
                    fact="rival_shift", fmt="{:.0%}")
YEARS = 3


def project_of(p, streams=STREAMS) -> dict:
    """Revenue by stream in the base year and each of the next ``YEARS`` (USD billion): each stream grows at
    its own rate, and the streams advertisers pay for also lose the viewing that drifts to rivals."""
    base = company_of(p, streams)
    drift = 1 - np.asarray(p.rival_shift)
    out = {}
    for t in range(YEARS + 1):
        total = ads = 0.0
        for s in streams:
            yearly = (1 + np.asarray(p[s.growth.name])) * (drift if s.advertising else 1.0)
            v = np.asarray(base[s.column]) * yearly ** t
            out[f"{s.key}_y{t}_usd_b"] = v
            total = total + v
            ads = ads + (v if s.advertising else 0.0)
        out[f"ads_y{t}_usd_b"] = ads + 0 * total
        out[f"revenue_y{t}_usd_b"] = total
    last = out[f"revenue_y{YEARS}_usd_b"]
    for s in streams:
        out[f"{s.key}_share_y{YEARS}"] = divide(out[f"{s.key}_y{YEARS}_usd_b"], last)
    out["growth_per_year"] = divide(last, out["revenue_y0_usd_b"], otherwise=1.0) ** (1 / YEARS) - 1
    return tidy(out)


def outlook_model(streams=STREAMS, company: Model | None = None) -> Model:
    """The outlook over ``streams`` (the registry's, unless a test or an extension gives others), built on the
    company model over the same streams."""
    streams = check_streams(streams)
    company = company if company is not None else (COMPANY if streams == STREAMS else company_model(streams))
    growth = tuple({s.growth.name: s.growth for s in streams}.values())
    return Model(
        "TikTok three years ahead",
        partial(project_of, streams=streams),
        params=(*growth, RIVAL_SHIFT),
        parts=(company,),
        outputs={**{f"{k}_y{t}_usd_b": "USD billion" for t in range(YEARS + 1)
                    for k in (*(s.key for s in streams), "ads", "revenue")},
                 **{f"{s.key}_share_y{YEARS}": "share" for s in streams}, "growth_per_year": "ratio"},
    )


OUTLOOK = outlook_model()


def year(t: int) -> int:
    """The calendar year of the outlook's year ``t`` (0 is the base year)."""
    return BASE_YEAR + t


def rivals_table():
    """TikTok beside YouTube Shorts, Reels and Snapchat: daily views, users and revenue, with sources."""
    import pandas as pd

    tiktok = ATTENTION()
    rows = [
        ("TikTok (course model)", tiktok["videos_per_day_b"], ATTENTION.base()["monthly_users_m"],
         COMPANY()["revenue_usd_b"], "model; 2024"),
        ("YouTube Shorts", data.value("yt_shorts_daily_views"), data.value("yt_shorts_users"), np.nan, "official; 2023"),
        ("Reels (Instagram + Facebook)", data.value("reels_daily_plays"), np.nan, data.value("reels_run_rate"),
         "official; 2023 (revenue: run-rate)"),
        ("Snapchat (all of Snap)", np.nan, data.value("snap_dau_2024"), data.value("snap_revenue_2024"),
         "official; 2024 (users: daily)"),
    ]
    return pd.DataFrame(rows, columns=["platform", "daily views (billion)", "users (million)", "revenue (USD billion)",
                                       "kind; year"]).set_index("platform").round(1)
