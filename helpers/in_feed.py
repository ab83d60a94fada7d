"""In-feed ads: the auction's price, the platform's revenue, the ad-load trade-off and the advertiser's funnel.

Platform: impressions × fill × CPM = revenue. More ads earn more per minute watched, but viewers watch
less when they see more ads. The course makes that explicit with a labelled assumption, the *elasticity of
watch time to ad load* ε at the base ad load L₀:

    minutes(L) = minutes₀ × exp(-ε × (L - L₀) / L₀)

so a 1% higher ad load costs about ε% of watch time. Revenue ∝ L × minutes(L) peaks at L* = L₀ / ε: a hump.
L₀ is an input of its own (``observed_ad_load``): a student's slider moves L away from it, while analysis of
what we do not know about today moves both together.

Advertiser: a budget buys impressions at the CPM; a share are clicked (CTR), a share of clicks buy
(conversion rate), each purchase is worth some sales. Every dollar of the budget is spent on impressions.
"""

from __future__ import annotations

import numpy as np

from .attention import AD_LOAD, ATTENTION, inventory
from .params import Model, Param, divide, tidy

CPM = Param("cpm_usd", "Price per 1,000 impressions (CPM)", "USD per 1000 impressions", min=0.5, max=30,
            step=0.01, fact="in_feed_cpm", fmt="${:,.2f}")
FILL = Param("ad_fill_rate", "Share of ad slots sold", "share", min=0.1, max=1, step=0.01, fact="ad_fill_rate",
             fmt="{:.0%}")
ELASTICITY = Param("watch_time_elasticity", "Watch-time elasticity to ad load", "ratio", min=0.05, max=3,
                   step=0.05, fact="watch_time_elasticity", fmt="{:.2f}")
OBSERVED_AD_LOAD = Param("observed_ad_load", "Ad load when the minutes were measured (L₀)", "share", min=0.01,
                         max=0.5, step=0.01, fact="ad_load", fmt="{:.0%}", follows="ad_load")
BUDGET = Param("ad_budget_usd", "In-feed campaign budget", "USD", min=50, max=1_000_000, step=50, default=10_000,
               plausible=(1_000, 100_000), fmt="${:,.0f}")
CTR = Param("click_through_rate", "Click-through rate", "share", min=0.001, max=0.05, step=0.001,
            fact="click_through_rate", fmt="{:.1%}")
CVR = Param("conversion_rate", "Conversion rate (purchases per click)", "share", min=0.002, max=0.2, step=0.002,
            fact="conversion_rate", fmt="{:.1%}")
ORDER_VALUE = Param("value_per_conversion_usd", "Sales per purchase", "USD", min=1, max=500, step=1,
                    fact="value_per_conversion", fmt="${:,.0f}")


def minutes_at(ad_load, p):
    """Minutes watched per user per day at an ad load, from the minutes observed at the ad load L₀."""
    l0 = np.asarray(p.observed_ad_load)
    return np.asarray(p.minutes_per_day) * np.exp(-np.asarray(p.watch_time_elasticity) * (np.asarray(ad_load) - l0) / l0)


def best_ad_load(p, max_ad_load: float = AD_LOAD.max):
    """The revenue-maximising ad load L* = L₀ / ε (within the slider's bounds)."""
    return np.clip(np.asarray(p.observed_ad_load) / np.asarray(p.watch_time_elasticity, dtype=float), AD_LOAD.min,
                   max_ad_load)


def _yearly_revenue(p, ad_load):
    """Inventory at an ad load, with viewing responding to it: (inventory, sold impressions per day in billions)."""
    inv = inventory(p.replace(minutes_per_day=minutes_at(ad_load, p), ad_load=ad_load))
    return inv, np.asarray(inv["impressions_per_day_b"]) * np.asarray(p.ad_fill_rate)


def platform_revenue(p) -> dict:
    """The platform's in-feed ad revenue at an ad load, with viewing time responding to the ad load."""
    inv, sold_b = _yearly_revenue(p, p.ad_load)
    cpm = np.asarray(p.cpm_usd)
    revenue_day_usd_m = sold_b * cpm  # 1e9 impressions × $/1000 = $1e6
    revenue_year_usd_b = revenue_day_usd_m * 365 / 1000.0
    best = best_ad_load(p)
    _, best_sold_b = _yearly_revenue(p, best)
    return tidy({
        "minutes_per_user_day": minutes_at(p.ad_load, p),
        "ads_per_user_day": inv["ads_per_user_day"],
        "impressions_per_day_b": inv["impressions_per_day_b"],
        "sold_impressions_per_day_b": sold_b,
        "revenue_per_day_usd_m": revenue_day_usd_m,
        "revenue_per_year_usd_b": revenue_year_usd_b,
        "revenue_per_impression_usd": cpm * np.asarray(p.ad_fill_rate) / 1000.0,
        "revenue_per_dau_per_day_usd": divide(revenue_day_usd_m, inv["daily_users_m"]),
        "revenue_per_mau_per_year_usd": divide(revenue_year_usd_b * 1000.0, p.monthly_users_m),
        "revenue_per_hour_watched_usd": divide(revenue_day_usd_m / 1000.0, inv["minutes_per_day_b"]) * 60.0,
        "best_ad_load": best + 0 * revenue_year_usd_b,
        "best_revenue_per_year_usd_b": best_sold_b * cpm * 0.365,
    })


PLATFORM = Model(
    "In-feed ad revenue and the ad-load trade-off",
    platform_revenue,
    params=(FILL, CPM, ELASTICITY, OBSERVED_AD_LOAD),
    parts=(ATTENTION,),
    outputs={"minutes_per_user_day": "minutes per day", "ads_per_user_day": "count", "impressions_per_day_b": "count",
             "sold_impressions_per_day_b": "count", "revenue_per_day_usd_m": "USD million",
             "revenue_per_year_usd_b": "USD billion", "revenue_per_impression_usd": "USD",
             "revenue_per_dau_per_day_usd": "USD", "revenue_per_mau_per_year_usd": "USD per user per year",
             "revenue_per_hour_watched_usd": "USD", "best_ad_load": "share",
             "best_revenue_per_year_usd_b": "USD billion"},
)


def campaign(p) -> dict:
    """An advertiser's funnel: budget → impressions → clicks → purchases → sales, and what each costs.

    The whole budget is spent on impressions (``spend_usd`` = budget = TikTok's revenue)."""
    budget = np.asarray(p.ad_budget_usd, dtype=float)
    impressions = budget / np.asarray(p.cpm_usd) * 1000.0
    clicks = impressions * np.asarray(p.click_through_rate)
    conversions = clicks * np.asarray(p.conversion_rate)
    sales = conversions * np.asarray(p.value_per_conversion_usd)
    return tidy({
        "spend_usd": budget,
        "tiktok_revenue_usd": budget,
        "impressions": impressions,
        "clicks": clicks,
        "conversions": conversions,
        "sales_usd": sales,
        "roas": sales / budget,
        "cost_per_click_usd": budget / clicks,
        "cost_per_conversion_usd": budget / conversions,
    })


ADVERTISER = Model(
    "An advertiser's in-feed campaign",
    campaign,
    params=(BUDGET, CPM, CTR, CVR, ORDER_VALUE),
    outputs={"spend_usd": "USD", "tiktok_revenue_usd": "USD", "impressions": "count", "clicks": "count",
             "conversions": "count", "sales_usd": "USD", "roas": "ratio", "cost_per_click_usd": "USD",
             "cost_per_conversion_usd": "USD"},
)


def revenue_curve(ad_loads, **changes) -> np.ndarray:
    """Yearly revenue (USD billion) at each ad load, every other input at base or as changed."""
    inputs = PLATFORM.inputs(**changes)
    inputs["ad_load"] = np.asarray(ad_loads, dtype=float)
    return np.asarray(PLATFORM.evaluate(inputs)["revenue_per_year_usd_b"])
