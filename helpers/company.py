"""The whole company, top down: where TikTok's revenue comes from.

``revenue_at_a_glance`` is the first, deliberately simple model of the course: three streams, each the
product of two numbers a student can look up. Later notebooks replace each factor with a model of its
own (attention and auctions for ads, the coin economy for gifts, orders for the shop).
Units: users in millions, money in USD billion per year, TikTok outside mainland China, base year 2024.
"""

from __future__ import annotations

import numpy as np

from .attention import MONTHLY_USERS  # declared once, with the attention model
from .params import Model, Param

AD_REVENUE_PER_USER = Param("ad_revenue_per_user", "Ad revenue per user", "USD per user per year", min=0,
                            max=60, step=0.25, fact="ad_revenue_per_user_2024", fmt="${:,.2f}")
INAPP_SPEND = Param("inapp_spend_usd_b", "Viewers' in-app spending", "USD billion", min=0, max=20, step=0.1,
                    fact="inapp_spend_ex_china_2023", fmt="${:,.1f}B")
KEEP_SHARE = Param("tiktok_keep_share", "TikTok keeps of in-app spending", "share", min=0, max=1, step=0.01,
                   fact="tiktok_keep_share_gifts", fmt="{:.0%}")
SHOP_GMV = Param("shop_gmv_usd_b", "TikTok Shop sales (GMV)", "USD billion", min=0, max=200, step=0.5,
                 fact="shop_gmv_2024_tabcut", fmt="${:,.1f}B")
SHOP_TAKE = Param("shop_take_rate", "TikTok's commission on Shop sales", "share", min=0, max=0.3, step=0.005,
                  fact="shop_take_rate", fmt="{:.1%}")


def revenue_streams(monthly_users_m, ad_revenue_per_user, inapp_spend_usd_b, tiktok_keep_share,
                    shop_gmv_usd_b, shop_take_rate) -> dict:
    """Yearly revenue by stream, USD billion: users × ad revenue per user; in-app spending × the share
    TikTok keeps; Shop sales × commission. Shares of the total are 0 when the total is 0."""
    ads = np.asarray(monthly_users_m) * np.asarray(ad_revenue_per_user) / 1000.0  # 1e6 users × $ = $1e6 → /1000 = $B
    gifts = np.asarray(inapp_spend_usd_b) * np.asarray(tiktok_keep_share)
    shop = np.asarray(shop_gmv_usd_b) * np.asarray(shop_take_rate)
    total = ads + gifts + shop
    safe = np.where(total > 0, total, 1.0)
    out = {
        "ads_usd_b": ads, "gifts_usd_b": gifts, "shop_usd_b": shop, "total_usd_b": total,
        "ads_share": np.where(total > 0, ads / safe, 0.0),
        "gifts_share": np.where(total > 0, gifts / safe, 0.0),
        "shop_share": np.where(total > 0, shop / safe, 0.0),
    }
    return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in out.items()}


REVENUE_AT_A_GLANCE = Model(
    "TikTok's revenue at a glance",
    revenue_streams,
    params=(MONTHLY_USERS, AD_REVENUE_PER_USER, INAPP_SPEND, KEEP_SHARE, SHOP_GMV, SHOP_TAKE),
    outputs={"ads_usd_b": "USD billion", "gifts_usd_b": "USD billion", "shop_usd_b": "USD billion",
             "total_usd_b": "USD billion", "ads_share": "share", "gifts_share": "share", "shop_share": "share"},
)
