"""Partnerships and sponsorships: a brand's creator campaign, and what creator programmes pay.

A brand's creator-campaign budget is split between creator fees, promoting the creators' videos as ads on
TikTok (TikTok's revenue), agency management, and the brand's own production; the parts add up to the
budget. Creator programmes pay per 1,000 views: the old Creator Fund paid cents, the Creator Rewards
Program (for videos over a minute) pays more.
"""

from __future__ import annotations

import numpy as np

from .params import Model, Param, SumAtMost, tidy

BUDGET = Param("campaign_budget_usd", "Creator campaign budget", "USD", min=1_000, max=2_000_000, step=1_000, default=100_000,
               plausible=(20_000, 500_000), fmt="${:,.0f}")
CREATOR = Param("campaign_creator_share", "Share paid to creators", "share", min=0, max=1, step=0.05,
                fact="campaign_creator_share", fmt="{:.0%}")
PROMOTION = Param("promotion_share", "Share spent promoting the videos (TikTok)", "share", min=0, max=1, step=0.05,
                  fact="campaign_promotion_share", fmt="{:.0%}")
AGENCY = Param("agency_share", "Share to the agency", "share", min=0, max=1, step=0.05, fact="campaign_agency_share",
               fmt="{:.0%}")
VIEWS = Param("views_m", "Views of a creator's videos", "count", min=0, max=100, step=0.5, default=10,
              plausible=(1, 50), fmt="{:,.1f} million")
FUND_RPM = Param("fund_rpm_usd", "Creator Fund pay per 1,000 views", "USD per 1000 views", min=0, max=0.2, step=0.005,
                 fact="creator_fund_rpm", fmt="${:.3f}")
REWARDS_RPM = Param("rewards_rpm_usd", "Creator Rewards pay per 1,000 views", "USD per 1000 views", min=0, max=2,
                    step=0.05, fact="creator_rewards_rpm", fmt="${:.2f}")

SHARES = ("campaign_creator_share", "promotion_share", "agency_share")


def campaign_split(p) -> dict:
    """Where a brand's creator-campaign budget goes (USD); the four parts add up to the budget."""
    b = np.asarray(p.campaign_budget_usd, dtype=float)
    creators = b * np.asarray(p.campaign_creator_share)
    tiktok = b * np.asarray(p.promotion_share)
    agency = b * np.asarray(p.agency_share)
    production = b - creators - tiktok - agency
    return tidy({"creators_usd": creators, "tiktok_usd": tiktok, "agency_usd": agency, "production_usd": production,
                 "budget_usd": b})


CAMPAIGN = Model(
    "A brand's creator campaign",
    campaign_split,
    params=(BUDGET, CREATOR, PROMOTION, AGENCY),
    constraints=(SumAtMost(SHARES, 1.0),),
    outputs={"creators_usd": "USD", "tiktok_usd": "USD", "agency_usd": "USD", "production_usd": "USD",
             "budget_usd": "USD"},
)


def programme_pay(p) -> dict:
    """What a creator earns for a number of views under each programme (USD)."""
    views = np.asarray(p.views_m, dtype=float) * 1e6
    return tidy({"fund_usd": views / 1000 * np.asarray(p.fund_rpm_usd),
                 "rewards_usd": views / 1000 * np.asarray(p.rewards_rpm_usd)})


PROGRAMMES = Model(
    "Creator programmes: pay per view",
    programme_pay,
    params=(VIEWS, FUND_RPM, REWARDS_RPM),
    outputs={"fund_usd": "USD", "rewards_usd": "USD"},
)
