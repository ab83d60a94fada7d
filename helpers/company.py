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


# =================================================================================== the whole company
# The stream models of notebooks 01-06 summed into one model of TikTok outside mainland China (USD billion
# per year, base year 2024), with the costs the articles leave out. A lost market (a ban) scales every
# stream's volume by (1 - lost_market_share).

from . import ads as _ads  # noqa: E402
from . import attention as _attention  # noqa: E402
from . import gifts as _gifts  # noqa: E402
from . import premium as _premium  # noqa: E402
from . import shop as _shop  # noqa: E402
from . import targeting as _targeting  # noqa: E402

LOST_MARKET = Param("lost_market_share", "Share of the business lost to bans", "share", min=0, max=0.9, step=0.01,
                    default=0.0, plausible=(0.0, 0.4), fmt="{:.0%}")
AD_MARKET = Param("ad_market_change", "Change in advertisers' prices (ad market)", "share", min=0, max=2, step=0.01,
                  default=1.0, plausible=(0.85, 1.1), fmt="{:.0%}")
CREATOR_PROGRAMMES = Param("creator_programmes_usd_b", "Creator programmes paid per year", "USD billion", min=0,
                           max=5, step=0.1, fact="creator_programmes_cost", fmt="${:,.1f}B")
INFRA = Param("infrastructure_share", "Infrastructure (share of revenue)", "share", min=0, max=0.5, step=0.01,
              fact="infrastructure_share", fmt="{:.0%}")
TRUST = Param("trust_safety_usd_b", "Moderation, trust and safety per year", "USD billion", min=0, max=6, step=0.1,
              fact="trust_safety_cost", fmt="${:,.1f}B")
FINES = Param("fines_usd_b", "Provision for fines per year", "USD billion", min=0, max=10, step=0.1,
              fact="eu_fines_provision_2024", fmt="${:,.1f}B")
STAFF = Param("staff_other_share", "Staff and other costs (share of revenue)", "share", min=0, max=1, step=0.01,
              fact="staff_other_share", fmt="{:.0%}")

COMPANY_PARAMS = (
    _attention.MONTHLY_USERS, _attention.DAU_MAU, _attention.MINUTES, _attention.VIDEOS_PER_MINUTE, _attention.AD_LOAD,
    _ads.FILL, _ads.CPM, _ads.ELASTICITY, _targeting.SIGNAL_LOSS, AD_MARKET,
    _premium.TAKEOVER_SLOTS, _premium.TOPVIEW_SLOTS, _premium.CHALLENGES,
    _gifts.SPEND, _gifts.WEB_SHARE, _gifts.CREATOR_SHARE,
    _shop.BUYERS, _shop.ORDERS, _shop.BASKET, _shop.TAKE_RATE,
    LOST_MARKET, CREATOR_PROGRAMMES, INFRA, TRUST, FINES, STAFF,
)
STREAM_KEYS = ("in_feed_usd_b", "premium_usd_b", "gifts_usd_b", "shop_usd_b")
COST_KEYS = ("creator_programmes_cost_usd_b", "infrastructure_cost_usd_b", "trust_safety_cost_usd_b",
             "fines_cost_usd_b", "staff_other_cost_usd_b")


def _targeting_ratio(signal_loss):
    """How the CPM moves when privacy rules remove part of the targeting lift (1 at the base case)."""
    base = _targeting.TARGETING.base()
    now = _targeting.affordable_cpm(**(base | {"signal_loss": signal_loss}))["cpm_multiplier"]
    return np.asarray(now) / _targeting.affordable_cpm(**base)["cpm_multiplier"]


def company(monthly_users_m, dau_mau_ratio, minutes_per_day, videos_per_minute, ad_load, ad_fill_rate, cpm_usd,
            watch_time_elasticity, signal_loss, ad_market_change, takeover_slots_per_day, topview_slots_per_day,
            challenges_per_year, spend_usd_b, web_share, creator_share, buyers_m, orders_per_buyer, basket_usd,
            take_rate, lost_market_share, creator_programmes_usd_b, infrastructure_share, trust_safety_usd_b,
            fines_usd_b, staff_other_share) -> dict:
    """TikTok's revenue by stream, its main costs and its operating profit (USD billion per year)."""
    keep = 1 - np.asarray(lost_market_share)
    price = np.asarray(ad_market_change) * _targeting_ratio(signal_loss)
    in_feed = _ads.platform_revenue(monthly_users_m, dau_mau_ratio, minutes_per_day, videos_per_minute, ad_load,
                                    ad_fill_rate, cpm_usd, watch_time_elasticity)["revenue_per_year_usd_b"]
    in_feed = np.asarray(in_feed) * price * keep
    pb = _premium.PREMIUM_SALES.base()
    premium = _premium.premium_sales(pb["takeover_price_usd"], takeover_slots_per_day, pb["topview_price_usd"],
                                     topview_slots_per_day, pb["challenge_price_usd_k"], challenges_per_year,
                                     pb["effect_price_usd_k"], pb["effects_per_year"])["premium_usd_b"]
    premium = np.asarray(premium) * np.asarray(ad_market_change) * keep
    gb = _gifts.GIFTS.base()
    gifts = _gifts.dollar_split(web_share, gb["app_store_commission"], gb["web_payment_fee"], creator_share,
                                spend_usd_b)["tiktok_usd_b"]
    gifts = np.asarray(gifts) * keep
    shop = np.asarray(_shop.gmv(buyers_m, orders_per_buyer, basket_usd, take_rate)["commission_usd_b"]) * keep
    revenue = in_feed + premium + gifts + shop
    costs = {
        "creator_programmes_cost_usd_b": np.asarray(creator_programmes_usd_b) * keep,
        "infrastructure_cost_usd_b": revenue * np.asarray(infrastructure_share),
        "trust_safety_cost_usd_b": np.asarray(trust_safety_usd_b) + 0 * revenue,
        "fines_cost_usd_b": np.asarray(fines_usd_b) + 0 * revenue,
        "staff_other_cost_usd_b": revenue * np.asarray(staff_other_share),
    }
    total_costs = sum(costs.values())
    safe = np.where(revenue > 0, revenue, 1.0)
    out = {"in_feed_usd_b": in_feed, "premium_usd_b": premium, "gifts_usd_b": gifts, "shop_usd_b": shop,
           "revenue_usd_b": revenue, "ads_share": np.where(revenue > 0, (in_feed + premium) / safe, 0.0),
           **costs, "costs_usd_b": total_costs, "profit_usd_b": revenue - total_costs,
           "margin": np.where(revenue > 0, (revenue - total_costs) / safe, 0.0)}
    return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in out.items()}


COMPANY = Model(
    "TikTok outside China: revenue, costs and profit",
    company,
    params=COMPANY_PARAMS,
    outputs={**{k: "USD billion" for k in STREAM_KEYS}, "revenue_usd_b": "USD billion", "ads_share": "share",
             **{k: "USD billion" for k in COST_KEYS}, "costs_usd_b": "USD billion", "profit_usd_b": "USD billion, can be negative",
             "margin": "ratio"},
)


def cpm_to_hold_revenue(lost_market_share, **changes):
    """The CPM at which total revenue stays at its base level after losing a share of the business (a ban).

    Revenue is linear in the CPM (in-feed ads only), so the answer is exact; it may exceed any plausible CPM."""
    base_inputs = COMPANY.inputs(**changes)
    target = company(**base_inputs)["revenue_usd_b"]
    after = company(**(base_inputs | {"lost_market_share": lost_market_share}))
    other = after["revenue_usd_b"] - after["in_feed_usd_b"]
    per_dollar_cpm = np.asarray(after["in_feed_usd_b"]) / base_inputs["cpm_usd"]
    return np.where(per_dollar_cpm > 0, (target - other) / np.where(per_dollar_cpm > 0, per_dollar_cpm, 1.0), np.inf)
