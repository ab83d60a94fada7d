"""Named scenarios for the whole-company model, each a set of changes with its reasoning.

They sit above both the models and the toolkit (``helpers.analysis.Scenario``), and are shared by the
revenue-mix and risk notebooks. Values come from data/ where a sourced event anchors them.
"""

from __future__ import annotations

import numpy as np

from . import data
from .analysis import Scenario
from .company import BAN_SHARE, COMPANY, hold_cpm
from .params import Model, tidy


def company_scenarios() -> list[Scenario]:
    """Bull, bear, a US ban and a privacy clamp-down, for the model of TikTok outside China."""
    return [
        Scenario("bull", {"monthly_users_m": 1400, "minutes_per_day": 65, "cpm_usd": 6.5, "buyers_m": 220,
                          "ad_market_change": 1.05},
                 "Users and viewing keep growing, advertisers pay more for a proven format, and Shop buyers grow by "
                 "half, as GMV did in 2024."),
        Scenario("bear", {"monthly_users_m": 950, "minutes_per_day": 48, "ad_market_change": 0.92},
                 "Viewing drifts to Reels and Shorts and the ad market shrinks as in past downturns (Google's ad "
                 "revenue fell 8% in one quarter of 2020)."),
        Scenario("us_ban", {"lost_market_share": round(data.value("us_share_ad_revenue"), 2)},
                 "The 2024 US divest-or-ban law takes effect with no sale: TikTok loses its US business, about the US "
                 "share of its advertising revenue."),
        Scenario("privacy", {"signal_loss": 0.4, "fines_usd_b": 3.0},
                 "Privacy rules remove much of the targeting signal and regulators fine repeatedly: the CPM falls and "
                 "fines triple the provision."),
    ]


def _hold(p) -> dict:
    """The CPM that keeps revenue where it is when a ban cuts the business (on top of any share already lost)."""
    needed = np.asarray(hold_cpm(p, np.maximum(p.lost_market_share, p.ban_lost_share)))
    return tidy({"cpm_needed_usd": needed, "cpm_base_usd": np.asarray(p.cpm_usd) + np.zeros_like(needed),
                 "cpm_rise": needed / np.asarray(p.cpm_usd)})


HOLD_REVENUE = Model(
    "Goal seek: the CPM that keeps revenue flat after a ban",
    _hold,
    params=(BAN_SHARE,),
    parts=(COMPANY,),
    outputs={"cpm_needed_usd": "USD per 1000 impressions; infinite where no CPM can",
             "cpm_base_usd": "USD per 1000 impressions", "cpm_rise": "ratio; infinite where no CPM can"},
)
