"""Partnerships and data: a brand's creator (influencer) campaign, what creator programmes pay, and how
targeting with data raises the price of an impression.

A brand's creator-campaign budget is split between creator fees, promoting the creators' videos as ads on
TikTok (TikTok's revenue), agency management, and the brand's own production; the parts add up to the
budget. Creator programmes pay per 1,000 views: the old Creator Fund paid cents, the Creator Rewards
Program (for videos over a minute) pays more.

Targeting, or data without selling it: how targeting raises what an advertiser will pay per impression.

An impression is worth to an advertiser: click-through rate × conversion rate × sales per purchase. An
advertiser who needs a given return on ad spend (ROAS) can pay up to that value ÷ ROAS per impression, so
the most it can bid per 1,000 impressions is 1,000 × value ÷ ROAS. Targeting multiplies the click and
conversion rates (the *lift*), and with them the affordable CPM. Privacy rules that remove signals take
away part of the lift. The ``cpm_multiplier`` output is how much targeting (after any signal loss) raises
the price per impression — what the ad models' CPM rests on. ``cpm_multiplier_in_auction`` counts, with notebook
02's auction, that targeting also thins the bidders for each impression.
"""

from __future__ import annotations

import numpy as np

from .in_feed import BIDDERS, CTR, CVR, ORDER_VALUE, expected_price_share
from .params import Model, Param, SumAtMost, divide, tidy

BUDGET = Param("campaign_budget_usd", "Creator campaign budget", "USD", min=1_000, max=2_000_000, step=1_000, default=100_000,
               plausible=(20_000, 500_000), fmt="${:,.0f}")
CREATOR = Param("campaign_creator_share", "Share paid to creators", "share", min=0, max=1, step=0.05,
                fact="campaign_creator_share", fmt="{:.0%}")
PROMOTION = Param("promotion_share", "Spent promoting the videos (TikTok)", "share", min=0, max=1, step=0.05,
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


# ------------------------------------------------------------------------------ targeting with data
CTR_LIFT = Param("ctr_lift", "Targeting lift on clicks", "ratio", min=1, max=5, step=0.05, fact="targeting_ctr_lift",
                 fmt="×{:.2f}")
CVR_LIFT = Param("cvr_lift", "Targeting lift on purchases", "ratio", min=1, max=3, step=0.05, fact="targeting_cvr_lift",
                 fmt="×{:.2f}")
ROAS = Param("target_roas", "Return on ad spend needed", "ratio", min=0.5, max=10, step=0.1,
             fact="target_roas", fmt="{:.2f}")
AUDIENCE = Param("audience_share", "Share of impressions an advertiser targets", "share", min=0.05, max=1, step=0.05,
                 fact="targeting_audience_share", fmt="{:.0%}")
SIGNAL_LOSS = Param("signal_loss", "Targeting lift lost to privacy rules", "share", min=0, max=1, step=0.01,
                    fact="privacy_signal_loss", fmt="{:.0%}", event=True)


def lifts(p):
    """(click lift, purchase lift) that targeting keeps after privacy rules remove a share of it."""
    keep = 1 - np.asarray(p.signal_loss)
    return 1 + (np.asarray(p.ctr_lift) - 1) * keep, 1 + (np.asarray(p.cvr_lift) - 1) * keep


def cpm_ratio(p):
    """How the CPM moves when privacy rules take away part of the targeting lift: the CPM in the data was paid
    with today's full targeting, so the ratio is 1 when no signal is lost."""
    ctr_l, cvr_l = lifts(p)
    return ctr_l * cvr_l / (np.asarray(p.ctr_lift) * np.asarray(p.cvr_lift))


def affordable_cpm(p) -> dict:
    """The most an advertiser can pay per 1,000 impressions (USD): today, with full targeting; without
    targeting; and after privacy rules take a share of the lift.

    The click and conversion rates are notebook 02's, observed today, when TikTok targets with all its
    signals; without targeting they would be lower by the lifts. This is the same reading as the company
    model's :func:`cpm_ratio`: today's CPM is paid with full targeting."""
    ctr_l, cvr_l = lifts(p)
    full = np.asarray(p.ctr_lift) * np.asarray(p.cvr_lift)
    value_today = np.asarray(p.click_through_rate) * np.asarray(p.conversion_rate) * np.asarray(p.value_per_conversion_usd)
    cpm_today = 1000 * value_today / np.asarray(p.target_roas)
    cpm_plain = cpm_today / full
    return tidy({
        "value_per_impression_usd": value_today / full * ctr_l * cvr_l,
        "cpm_untargeted_usd": cpm_plain,
        "cpm_full_targeting_usd": cpm_today,
        "cpm_targeted_usd": cpm_plain * ctr_l * cvr_l,
        "cpm_multiplier": ctr_l * cvr_l,
        "lift_lost_share": divide(full - ctr_l * cvr_l, full - 1),
        **auction_effect(p, full),
    })


def auction_effect(p, lift) -> dict:
    """Targeting in notebook 02's auction: each advertiser bids only on its audience, a share ``a`` of the
    impressions, so today's n bidders per impression would be n / a without targeting, each valuing an impression
    less by the lift. The clearing price is the top value × (n − 1)/(n + 1) (the expected second-highest of n
    values), so targeting multiplies the price of an impression by lift × s(n) / s(n / a), less than the lift."""
    n = np.asarray(p.bidders)
    broad = n / np.asarray(p.audience_share)
    return {"bidders_untargeted": broad + 0 * lift,
            "cpm_multiplier_in_auction": np.asarray(lift) * divide(expected_price_share(n), expected_price_share(broad))}


TARGETING = Model(
    "Targeting and the price of an impression",
    affordable_cpm,
    params=(CTR, CVR, ORDER_VALUE, CTR_LIFT, CVR_LIFT, ROAS, SIGNAL_LOSS, BIDDERS, AUDIENCE),
    outputs={"value_per_impression_usd": "USD", "cpm_untargeted_usd": "USD per 1000 impressions",
             "cpm_full_targeting_usd": "USD per 1000 impressions", "cpm_targeted_usd": "USD per 1000 impressions",
             "cpm_multiplier": "ratio", "lift_lost_share": "share", "bidders_untargeted": "count",
             "cpm_multiplier_in_auction": "ratio"},
)
