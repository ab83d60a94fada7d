"""Competition and the outlook: TikTok beside its rivals, and three years ahead as scenarios, not predictions.

The outlook model grows each of the company model's base-year streams at its own rate, minus the viewing
drifting to rivals each year for the advertising streams, for ``years`` years.
"""

from __future__ import annotations

import numpy as np

from . import data
from .attention import ATTENTION
from .company import COMPANY
from .params import Model, Param

AD_GROWTH = Param("ad_growth", "Ad revenue growth per year", "share", min=-0.3, max=0.6, step=0.01, fact="ad_growth",
                  fmt="{:.0%}")
SHOP_GROWTH = Param("shop_gmv_growth", "Shop GMV growth per year", "share", min=-0.3, max=1.5, step=0.01,
                    fact="shop_gmv_growth", fmt="{:.0%}")
GIFTS_GROWTH = Param("gifts_growth", "Coin spending growth per year", "share", min=-0.3, max=0.5, step=0.01,
                     fact="gifts_growth", fmt="{:.0%}")
RIVAL_SHIFT = Param("rival_shift", "Viewing lost to rivals per year", "share", min=0, max=0.3, step=0.01,
                    fact="rival_shift", fmt="{:.0%}")
YEARS = 3


def project(ad_growth, shop_gmv_growth, gifts_growth, rival_shift) -> dict:
    """Revenue by stream in each of the next three years (USD billion), from the 2024 base case."""
    base = COMPANY()
    ads0 = base["in_feed_usd_b"] + base["premium_usd_b"]
    out = {}
    for t in range(YEARS + 1):
        ads = ads0 * ((1 + np.asarray(ad_growth)) * (1 - np.asarray(rival_shift))) ** t
        shop = base["shop_usd_b"] * (1 + np.asarray(shop_gmv_growth)) ** t
        gifts = base["gifts_usd_b"] * (1 + np.asarray(gifts_growth)) ** t
        out[f"ads_y{t}_usd_b"], out[f"shop_y{t}_usd_b"], out[f"gifts_y{t}_usd_b"] = ads, shop, gifts
        out[f"revenue_y{t}_usd_b"] = ads + shop + gifts
    last = out[f"revenue_y{YEARS}_usd_b"]
    out["shop_share_y3"] = np.where(last > 0, out[f"shop_y{YEARS}_usd_b"] / np.where(last > 0, last, 1.0), 0.0)
    out["growth_per_year"] = (last / out["revenue_y0_usd_b"]) ** (1 / YEARS) - 1
    return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in out.items()}


OUTLOOK = Model(
    "TikTok three years ahead",
    project,
    params=(AD_GROWTH, SHOP_GROWTH, GIFTS_GROWTH, RIVAL_SHIFT),
    outputs={**{f"{s}_y{t}_usd_b": "USD billion" for t in range(YEARS + 1) for s in ("ads", "shop", "gifts", "revenue")},
             "shop_share_y3": "share", "growth_per_year": "ratio"},
)


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
