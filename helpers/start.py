"""Notebook 00, start here: TikTok's revenue at a glance, top down.

``revenue_streams`` is the first, deliberately simple model of the course: three streams, each the
product of two numbers a student can look up. Later notebooks replace each factor with a model of its
own (attention and auctions for ads, the coin economy for gifts, orders for the shop), and
:mod:`helpers.revenue_mix` sums those stream models, with costs, into one model of the whole company.
Units: users in millions, money in USD billion per year, TikTok outside mainland China, base year 2024.
"""

from __future__ import annotations

import numpy as np

from .attention import MONTHLY_USERS
from .gifts import SPEND
from .params import Model, Param, divide, tidy
from .shop import TAKE_RATE

AD_REVENUE_PER_USER = Param("ad_revenue_per_user", "Ad revenue per user", "USD per user per year", min=0,
                            max=60, step=0.25, fact="ad_revenue_per_user_2024", fmt="${:,.2f}")
KEEP_SHARE = Param("tiktok_keep_share", "TikTok keeps of in-app spending", "share", min=0, max=1, step=0.01,
                   fact="tiktok_keep_share_gifts", fmt="{:.0%}")
SHOP_GMV = Param("shop_gmv_usd_b", "TikTok Shop sales (GMV)", "USD billion", min=0, max=200, step=0.5,
                 fact="shop_gmv_2024_tabcut", fmt="${:,.1f}B")


def revenue_streams(p) -> dict:
    """Yearly revenue by stream, USD billion: users × ad revenue per user; in-app spending × the share
    TikTok keeps; Shop sales × commission. Shares of the total are 0 when the total is 0."""
    ads = np.asarray(p.monthly_users_m) * np.asarray(p.ad_revenue_per_user) / 1000.0  # 1e6 users × $ = $1e6 → /1000 = $B
    gifts = np.asarray(p.spend_usd_b) * np.asarray(p.tiktok_keep_share)
    shop = np.asarray(p.shop_gmv_usd_b) * np.asarray(p.shop_take_rate)
    total = ads + gifts + shop
    return tidy({
        "ads_usd_b": ads, "gifts_usd_b": gifts, "shop_usd_b": shop, "total_usd_b": total,
        "ads_share": divide(ads, total), "gifts_share": divide(gifts, total), "shop_share": divide(shop, total),
    })


REVENUE_AT_A_GLANCE = Model(
    "TikTok's revenue at a glance",
    revenue_streams,
    params=(MONTHLY_USERS, AD_REVENUE_PER_USER, SPEND, KEEP_SHARE, SHOP_GMV, TAKE_RATE),
    outputs={"ads_usd_b": "USD billion", "gifts_usd_b": "USD billion", "shop_usd_b": "USD billion",
             "total_usd_b": "USD billion", "ads_share": "share", "gifts_share": "share", "shop_share": "share"},
)
