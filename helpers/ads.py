"""In-feed ads: the auction's price, the platform's revenue, the ad-load trade-off and the advertiser's funnel.

Platform: impressions × fill × CPM = revenue. More ads earn more per minute watched, but viewers watch
less when they see more ads. The course makes that explicit with a labelled assumption, the *elasticity of
watch time to ad load* ε at the base ad load L₀:

    minutes(L) = minutes₀ × exp(-ε × (L - L₀) / L₀)

so a 1% higher ad load costs about ε% of watch time. Revenue ∝ L × minutes(L) peaks at L* = L₀ / ε: a hump.

Advertiser: a budget buys impressions at the CPM; a share are clicked (CTR), a share of clicks buy
(conversion rate), each purchase is worth some sales. Every dollar of the budget is spent on impressions.
"""

from __future__ import annotations

import numpy as np

from . import data
from .attention import AD_LOAD, DAU_MAU, MINUTES, MONTHLY_USERS, VIDEOS_PER_MINUTE, inventory
from .params import Model, Param

CPM = Param("cpm_usd", "Price per 1,000 impressions (CPM)", "USD per 1000 impressions", min=0.5, max=30,
            step=0.25, fact="in_feed_cpm", fmt="${:,.2f}")
FILL = Param("ad_fill_rate", "Share of ad slots sold", "share", min=0.1, max=1, step=0.01, fact="ad_fill_rate",
             fmt="{:.0%}")
ELASTICITY = Param("watch_time_elasticity", "Watch-time elasticity to ad load", "ratio", min=0.05, max=3,
                   step=0.05, fact="watch_time_elasticity", fmt="{:.2f}")
BUDGET = Param("budget_usd", "Campaign budget", "USD", min=50, max=1_000_000, step=50, default=10_000,
               plausible=(1_000, 100_000), fmt="${:,.0f}")
CTR = Param("click_through_rate", "Click-through rate", "share", min=0.001, max=0.05, step=0.001,
            fact="click_through_rate", fmt="{:.1%}")
CVR = Param("conversion_rate", "Conversion rate (purchases per click)", "share", min=0.002, max=0.2, step=0.002,
            fact="conversion_rate", fmt="{:.1%}")
ORDER_VALUE = Param("value_per_conversion_usd", "Sales per purchase", "USD", min=1, max=500, step=1,
                    fact="value_per_conversion", fmt="${:,.0f}")


def base_ad_load() -> float:
    """L₀: the ad load at which the minutes-per-day figure was observed (the data's base case)."""
    return data.value("ad_load")


def minutes_at(ad_load, minutes_per_day, watch_time_elasticity):
    """Minutes watched per user per day at a given ad load, from the minutes observed at the base ad load."""
    l0 = base_ad_load()
    return np.asarray(minutes_per_day) * np.exp(-np.asarray(watch_time_elasticity) * (np.asarray(ad_load) - l0) / l0)


def platform_revenue(monthly_users_m, dau_mau_ratio, minutes_per_day, videos_per_minute, ad_load, ad_fill_rate,
                     cpm_usd, watch_time_elasticity) -> dict:
    """The platform's in-feed ad revenue at an ad load, with viewing time responding to the ad load."""
    minutes = minutes_at(ad_load, minutes_per_day, watch_time_elasticity)
    inv = inventory(monthly_users_m, dau_mau_ratio, minutes, videos_per_minute, ad_load)
    sold_b = np.asarray(inv["impressions_per_day_b"]) * np.asarray(ad_fill_rate)
    revenue_day_usd_m = sold_b * np.asarray(cpm_usd)  # 1e9 impressions × $/1000 = $1e6
    revenue_year_usd_b = revenue_day_usd_m * 365 / 1000.0
    daily_users = np.asarray(inv["daily_users_m"])
    safe_dau = np.where(daily_users > 0, daily_users, 1.0)
    safe_mau = np.where(np.asarray(monthly_users_m) > 0, monthly_users_m, 1.0)
    safe_min = np.where(np.asarray(inv["minutes_per_day_b"]) > 0, inv["minutes_per_day_b"], 1.0)
    best = best_ad_load(watch_time_elasticity)
    best_minutes = minutes_at(best, minutes_per_day, watch_time_elasticity)
    best_inv = inventory(monthly_users_m, dau_mau_ratio, best_minutes, videos_per_minute, best)
    best_revenue = np.asarray(best_inv["impressions_per_day_b"]) * np.asarray(ad_fill_rate) * np.asarray(cpm_usd) * 0.365
    out = {
        "minutes_per_user_day": minutes,
        "ads_per_user_day": inv["ads_per_user_day"],
        "impressions_per_day_b": inv["impressions_per_day_b"],
        "sold_impressions_per_day_b": sold_b,
        "revenue_per_day_usd_m": revenue_day_usd_m,
        "revenue_per_year_usd_b": revenue_year_usd_b,
        "revenue_per_impression_usd": np.asarray(cpm_usd) * np.asarray(ad_fill_rate) / 1000.0,
        "revenue_per_dau_per_day_usd": np.where(daily_users > 0, revenue_day_usd_m / safe_dau, 0.0),
        "revenue_per_mau_per_year_usd": np.where(np.asarray(monthly_users_m) > 0,
                                                 revenue_year_usd_b * 1000.0 / safe_mau, 0.0),
        "revenue_per_hour_watched_usd": np.where(np.asarray(inv["minutes_per_day_b"]) > 0,
                                                 revenue_day_usd_m / 1000.0 / safe_min * 60.0, 0.0),
        "best_ad_load": best + 0 * revenue_year_usd_b,
        "best_revenue_per_year_usd_b": best_revenue,
    }
    return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in out.items()}


def best_ad_load(watch_time_elasticity, max_ad_load: float = AD_LOAD.max):
    """The revenue-maximising ad load L* = L₀ / ε (within the slider's bounds)."""
    return np.clip(base_ad_load() / np.asarray(watch_time_elasticity, dtype=float), AD_LOAD.min, max_ad_load)


PLATFORM = Model(
    "In-feed ad revenue and the ad-load trade-off",
    platform_revenue,
    params=(MONTHLY_USERS, DAU_MAU, MINUTES, VIDEOS_PER_MINUTE, AD_LOAD, FILL, CPM, ELASTICITY),
    outputs={"minutes_per_user_day": "minutes per day", "ads_per_user_day": "count", "impressions_per_day_b": "count",
             "sold_impressions_per_day_b": "count", "revenue_per_day_usd_m": "USD million",
             "revenue_per_year_usd_b": "USD billion", "revenue_per_impression_usd": "USD",
             "revenue_per_dau_per_day_usd": "USD", "revenue_per_mau_per_year_usd": "USD per user per year",
             "revenue_per_hour_watched_usd": "USD", "best_ad_load": "share",
             "best_revenue_per_year_usd_b": "USD billion"},
)


def campaign(budget_usd, cpm_usd, click_through_rate, conversion_rate, value_per_conversion_usd) -> dict:
    """An advertiser's funnel: budget → impressions → clicks → purchases → sales, and what each costs.

    The whole budget is spent on impressions (``spend_usd`` = budget = TikTok's revenue)."""
    budget = np.asarray(budget_usd, dtype=float)
    impressions = budget / np.asarray(cpm_usd) * 1000.0
    clicks = impressions * np.asarray(click_through_rate)
    conversions = clicks * np.asarray(conversion_rate)
    sales = conversions * np.asarray(value_per_conversion_usd)
    out = {
        "spend_usd": budget,
        "tiktok_revenue_usd": budget,
        "impressions": impressions,
        "clicks": clicks,
        "conversions": conversions,
        "sales_usd": sales,
        "roas": sales / budget,
        "cost_per_click_usd": budget / clicks,
        "cost_per_conversion_usd": budget / conversions,
    }
    return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in out.items()}


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
    return np.asarray(platform_revenue(**inputs)["revenue_per_year_usd_b"])
