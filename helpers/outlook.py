"""Competition and the outlook: TikTok beside its rivals, and three years ahead as scenarios, not predictions.

The outlook model grows each of the company model's base-year streams at its own rate, minus the viewing
drifting to rivals each year for the advertising streams, for ``years`` years. It is built on the company
model, so its inputs are the company's inputs (the base year) plus the growth rates.
"""

from __future__ import annotations

import numpy as np

from . import data
from .attention import ATTENTION
from .revenue_mix import COMPANY
from .params import Model, Param, divide, tidy

AD_GROWTH = Param("ad_growth", "Ad revenue growth per year", "share", min=-0.3, max=0.6, step=0.01, fact="ad_growth",
                  fmt="{:.0%}")
SHOP_GROWTH = Param("shop_gmv_growth", "Shop GMV growth per year", "share", min=-0.3, max=1.5, step=0.01,
                    fact="shop_gmv_growth", fmt="{:.0%}")
GIFTS_GROWTH = Param("gifts_growth", "Coin spending growth per year", "share", min=-0.3, max=0.5, step=0.01,
                     fact="gifts_growth", fmt="{:.0%}")
RIVAL_SHIFT = Param("rival_shift", "Viewing lost to rivals per year", "share", min=0, max=0.3, step=0.01,
                    fact="rival_shift", fmt="{:.0%}")
YEARS = 3


def project(p) -> dict:
    """Revenue by stream in each of the next three years (USD billion), from the base year."""
    base = COMPANY.func(p)
    ads0 = np.asarray(base["in_feed_usd_b"]) + np.asarray(base["premium_usd_b"])
    out = {}
    for t in range(YEARS + 1):
        ads = ads0 * ((1 + np.asarray(p.ad_growth)) * (1 - np.asarray(p.rival_shift))) ** t
        shop = np.asarray(base["shop_usd_b"]) * (1 + np.asarray(p.shop_gmv_growth)) ** t
        gifts = np.asarray(base["gifts_usd_b"]) * (1 + np.asarray(p.gifts_growth)) ** t
        out[f"ads_y{t}_usd_b"], out[f"shop_y{t}_usd_b"], out[f"gifts_y{t}_usd_b"] = ads, shop, gifts
        out[f"revenue_y{t}_usd_b"] = ads + shop + gifts
    last = out[f"revenue_y{YEARS}_usd_b"]
    out["shop_share_y3"] = divide(out[f"shop_y{YEARS}_usd_b"], last)
    out["growth_per_year"] = divide(last, out["revenue_y0_usd_b"], otherwise=1.0) ** (1 / YEARS) - 1
    return tidy(out)


OUTLOOK = Model(
    "TikTok three years ahead",
    project,
    params=(AD_GROWTH, SHOP_GROWTH, GIFTS_GROWTH, RIVAL_SHIFT),
    parts=(COMPANY,),
    outputs={**{f"{s}_y{t}_usd_b": "USD billion" for t in range(YEARS + 1) for s in ("ads", "shop", "gifts", "revenue")},
             "shop_share_y3": "share", "growth_per_year": "ratio"},
)


def years(scenario=None):
    """Revenue by stream in the base year and each of the next three (USD billion; rows: year 0..3), in the
    base case or in a scenario (a :class:`~helpers.analysis.Scenario` or a dict of changes to the outlook's
    growth rates and the company's inputs; a name neither has is an error that suggests the nearest)."""
    import pandas as pd

    from .analysis import changes_for
    from .risks import RISK_MATRIX

    out = OUTLOOK(**changes_for(scenario, OUTLOOK, RISK_MATRIX))  # the risks' inputs may ride along
    rows = {t: {s: float(out[f"{s}_y{t}_usd_b"]) for s in ("ads", "shop", "gifts", "revenue")} for t in range(YEARS + 1)}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "year"
    return table


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
