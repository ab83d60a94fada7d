"""Named scenarios for the whole-company model, each a set of changes with its reasoning.

They sit above both the models and the toolkit (``helpers.analysis.Scenario``), and are shared by the
revenue-mix and risk notebooks. Values come from data/ where a sourced event anchors them.
"""

from __future__ import annotations

from . import data
from .analysis import Scenario
from .company import COMPANY, cpm_to_hold_revenue
from .params import Model, Param


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


LOST = Param("lost_market_share", "Share of the business lost to a ban", "share", min=0, max=0.9, step=0.01,
             fact="us_share_ad_revenue", fmt="{:.0%}")


def _hold(lost_market_share) -> dict:
    base_cpm = COMPANY.base()["cpm_usd"]
    needed = cpm_to_hold_revenue(lost_market_share)
    out = {"cpm_needed_usd": needed, "cpm_base_usd": base_cpm + 0 * needed, "cpm_rise": needed / base_cpm}
    return {k: (float(v) if getattr(v, "ndim", 0) == 0 else v) for k, v in out.items()}


HOLD_REVENUE = Model(
    "Goal seek: the CPM that keeps revenue flat after a ban",
    _hold,
    params=(LOST,),
    outputs={"cpm_needed_usd": "USD per 1000 impressions", "cpm_base_usd": "USD per 1000 impressions",
             "cpm_rise": "ratio"},
)
