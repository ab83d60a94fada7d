"""The attention engine: how users and their viewing time become ad inventory.

monthly users × daily share → daily users; × minutes per day × videos per minute → videos watched;
× ad load → ad impressions. Units: users in millions; counts per day in billions.
"""

from __future__ import annotations

import numpy as np

from .params import Model, Param, tidy

MONTHLY_USERS = Param("monthly_users_m", "Monthly active users", "million users", min=0, max=3000, step=10,
                      fact="tiktok_mau_2024_warc", fmt="{:,.0f}")
DAU_MAU = Param("dau_mau_ratio", "Daily users per monthly user", "share", min=0.05, max=1, step=0.01,
                fact="dau_mau_ratio", fmt="{:.0%}")
MINUTES = Param("minutes_per_day", "Minutes watched per user per day", "minutes per day", min=0, max=240, step=1,
                fact="minutes_per_day", fmt="{:,.0f}")
VIDEOS_PER_MINUTE = Param("videos_per_minute", "Videos watched per minute", "videos per minute", min=0.5, max=10,
                          step=0.1, fact="videos_per_minute", fmt="{:.1f}")
AD_LOAD = Param("ad_load", "Ad load (share of videos that are ads)", "share", min=0, max=0.5, step=0.01,
                fact="ad_load", fmt="{:.0%}")


def inventory(p) -> dict:
    """Daily attention and the ad impressions it yields (counts per day in billions, per user in units)."""
    daily_users_m = np.asarray(p.monthly_users_m) * np.asarray(p.dau_mau_ratio)
    videos_per_user = np.asarray(p.minutes_per_day) * np.asarray(p.videos_per_minute)
    ads_per_user = videos_per_user * np.asarray(p.ad_load)
    return tidy({
        "daily_users_m": daily_users_m,
        "videos_per_user_day": videos_per_user,
        "ads_per_user_day": ads_per_user,
        "minutes_per_day_b": daily_users_m * np.asarray(p.minutes_per_day) / 1000.0,  # 1e6 users × min → 1e9 min
        "videos_per_day_b": daily_users_m * videos_per_user / 1000.0,
        "impressions_per_day_b": daily_users_m * ads_per_user / 1000.0,
    })


ATTENTION = Model(
    "The attention engine",
    inventory,
    params=(MONTHLY_USERS, DAU_MAU, MINUTES, VIDEOS_PER_MINUTE, AD_LOAD),
    outputs={"daily_users_m": "million users", "videos_per_user_day": "count", "ads_per_user_day": "count",
             "minutes_per_day_b": "count", "videos_per_day_b": "count", "impressions_per_day_b": "count"},
)
