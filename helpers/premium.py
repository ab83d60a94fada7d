"""Premium ad formats: brand takeover, TopView, branded hashtag challenges and branded effects.

Two models:

* ``PREMIUM_SALES`` — scarcity economics: a handful of premium slots sold by the day (takeover, TopView)
  and campaigns sold by the piece (challenges, effects), against the auction's daily revenue.
* ``PLANNER`` — a campaign planner for one brand in one market: a budget split across formats (shares
  that can never add up to more than the whole), bought in whole units where formats are sold by the day
  or the piece, giving impressions, reach, cost per thousand people reached, engagement, and TikTok's
  revenue. Every dollar is accounted for: spent per format + unspent = budget.

Reach uses the standard random-duplication model: with I impressions spread over an audience A, the
number of people reached at least once is A × (1 − e^(−I/A)) — never more than the audience.
"""

from __future__ import annotations

import numpy as np

from . import data
from .ads import CPM, FILL, platform_revenue
from .params import Model, Param, SumAtMost

# ------------------------------------------------------------------------------------ scarcity
TAKEOVER_PRICE = Param("takeover_price_usd", "Brand takeover price per day", "USD per day", min=5_000, max=300_000,
                       step=5_000, fact="takeover_price_2019", fmt="${:,.0f}")
TAKEOVER_SLOTS = Param("takeover_slots_per_day", "Takeover days sold per day (all markets)", "count", min=0,
                       max=200, step=1, fact="takeover_slots_per_day", fmt="{:,.0f}")
TOPVIEW_PRICE = Param("topview_price_usd", "TopView price per day", "USD per day", min=5_000, max=300_000,
                      step=5_000, fact="topview_price_per_day_blog", fmt="${:,.0f}")
TOPVIEW_SLOTS = Param("topview_slots_per_day", "TopView days sold per day (all markets)", "count", min=0, max=200,
                      step=1, fact="topview_slots_per_day", fmt="{:,.0f}")
CHALLENGE_PRICE = Param("challenge_price_usd_k", "Hashtag challenge fee", "USD thousand", min=10, max=1000, step=5,
                        fact="hashtag_challenge_price_blog", fmt="${:,.0f}k")
CHALLENGES = Param("challenges_per_year", "Hashtag challenges sold per year", "count", min=0, max=3000, step=10,
                   fact="challenges_per_year", fmt="{:,.0f}")
EFFECT_PRICE = Param("effect_price_usd_k", "Branded effect fee", "USD thousand", min=5, max=500, step=5,
                     fact="branded_effect_price_blog", fmt="${:,.0f}k")
EFFECTS = Param("effects_per_year", "Branded effects sold per year", "count", min=0, max=5000, step=10,
                fact="effects_per_year", fmt="{:,.0f}")


def premium_sales(takeover_price_usd, takeover_slots_per_day, topview_price_usd, topview_slots_per_day,
                  challenge_price_usd_k, challenges_per_year, effect_price_usd_k, effects_per_year) -> dict:
    """Yearly premium-format revenue by format (USD billion) and its size against in-feed revenue."""
    takeover = np.asarray(takeover_price_usd) * np.asarray(takeover_slots_per_day) * 365 / 1e9
    topview = np.asarray(topview_price_usd) * np.asarray(topview_slots_per_day) * 365 / 1e9
    challenges = np.asarray(challenge_price_usd_k) * np.asarray(challenges_per_year) / 1e6
    effects = np.asarray(effect_price_usd_k) * np.asarray(effects_per_year) / 1e6
    total = takeover + topview + challenges + effects
    in_feed = platform_revenue(**_ad_base())["revenue_per_year_usd_b"]
    out = {
        "takeover_usd_b": takeover, "topview_usd_b": topview, "challenges_usd_b": challenges,
        "effects_usd_b": effects, "premium_usd_b": total,
        "premium_per_day_usd_m": total * 1000 / 365,
        "in_feed_usd_b": in_feed + 0 * total,
        "premium_vs_in_feed": total / in_feed,
    }
    return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in out.items()}


def _ad_base() -> dict:
    from .ads import PLATFORM

    return PLATFORM.base()


PREMIUM_SALES = Model(
    "Premium formats: scarce slots, high prices",
    premium_sales,
    params=(TAKEOVER_PRICE, TAKEOVER_SLOTS, TOPVIEW_PRICE, TOPVIEW_SLOTS, CHALLENGE_PRICE, CHALLENGES,
            EFFECT_PRICE, EFFECTS),
    outputs={"takeover_usd_b": "USD billion", "topview_usd_b": "USD billion", "challenges_usd_b": "USD billion",
             "effects_usd_b": "USD billion", "premium_usd_b": "USD billion", "premium_per_day_usd_m": "USD million",
             "in_feed_usd_b": "USD billion", "premium_vs_in_feed": "ratio"},
)


def effective_cpms() -> dict[str, float]:
    """Price per 1,000 impressions of each format in the base case (USD): what scarcity adds to the auction."""
    return {
        "In-feed (auction)": data.value("in_feed_cpm"),
        "Brand takeover": data.value("takeover_price_2019") / data.value("takeover_impressions_per_day") * 1000,
        "TopView": data.value("topview_cpm_blog"),
        "Hashtag challenge": data.value("hashtag_challenge_price_blog") * 1000 / data.value("challenge_impressions") * 1000,
        "Branded effect": data.value("branded_effect_price_blog") * 1000 / data.value("effect_impressions") * 1000,
    }


# ------------------------------------------------------------------------------- campaign planner
BUDGET = Param("budget_usd", "Campaign budget", "USD", min=10_000, max=5_000_000, step=10_000, default=1_000_000,
               plausible=(250_000, 3_000_000), fmt="${:,.0f}")
AUDIENCE = Param("audience_m", "Audience: monthly users in the market", "million users", min=10, max=300, step=5,
                 fact="us_mau_2023", fmt="{:,.0f}")
SHARE_TAKEOVER = Param("share_takeover", "Budget share: brand takeover", "share", min=0, max=1, step=0.05,
                       default=0.2, plausible=(0, 0.5), fmt="{:.0%}")
SHARE_TOPVIEW = Param("share_topview", "Budget share: TopView", "share", min=0, max=1, step=0.05, default=0.2,
                      plausible=(0, 0.5), fmt="{:.0%}")
SHARE_CHALLENGE = Param("share_challenge", "Budget share: hashtag challenge", "share", min=0, max=1, step=0.05,
                        default=0.2, plausible=(0, 0.5), fmt="{:.0%}")
SHARE_EFFECT = Param("share_effect", "Budget share: branded effect", "share", min=0, max=1, step=0.05, default=0.1,
                     plausible=(0, 0.3), fmt="{:.0%}")
SHARE_IN_FEED = Param("share_in_feed", "Budget share: in-feed ads", "share", min=0, max=1, step=0.05, default=0.2,
                      plausible=(0, 0.8), fmt="{:.0%}")
SHARES = ("share_takeover", "share_topview", "share_challenge", "share_effect", "share_in_feed")
FORMATS = ("takeover", "topview", "challenge", "effect", "in_feed")


def plan(budget_usd, audience_m, share_takeover, share_topview, share_challenge, share_effect, share_in_feed,
         takeover_price_usd, topview_price_usd, challenge_price_usd_k, effect_price_usd_k, cpm_usd) -> dict:
    """One brand's campaign in one market: what each format buys, and where every dollar goes."""
    budget = np.asarray(budget_usd, dtype=float)
    alloc = {f: budget * np.asarray(s) for f, s in zip(FORMATS, (share_takeover, share_topview, share_challenge,
                                                                  share_effect, share_in_feed))}
    unit_price = {"takeover": np.asarray(takeover_price_usd, dtype=float),
                  "topview": np.asarray(topview_price_usd, dtype=float),
                  "challenge": np.asarray(challenge_price_usd_k, dtype=float) * 1000,
                  "effect": np.asarray(effect_price_usd_k, dtype=float) * 1000}
    units = {f: np.floor(alloc[f] / unit_price[f] + 1e-9) for f in unit_price}  # sold whole: days or campaigns
    spend = {f: units[f] * unit_price[f] for f in unit_price}
    spend["in_feed"] = alloc["in_feed"]  # the auction sells any amount
    impressions = {
        "takeover": units["takeover"] * data.value("takeover_impressions_per_day"),
        "topview": spend["topview"] / data.value("topview_cpm_blog") * 1000,
        "challenge": units["challenge"] * data.value("challenge_impressions"),
        "effect": units["effect"] * data.value("effect_impressions"),
        "in_feed": spend["in_feed"] / np.asarray(cpm_usd) * 1000,
    }
    total_impr = sum(impressions.values())
    audience = np.asarray(audience_m, dtype=float) * 1e6
    reach = audience * -np.expm1(-total_impr / audience)
    spent = sum(spend.values())
    engagement = ((impressions["takeover"] + impressions["topview"]) * data.value("premium_engagement_rate")
                  + impressions["in_feed"] * data.value("click_through_rate")
                  + units["challenge"] * data.value("challenge_videos") + units["effect"] * data.value("effect_videos"))
    safe_reach = np.where(reach > 0, reach, 1.0)
    out = {f"spend_{f}_usd": spend[f] for f in FORMATS}
    out |= {f"impressions_{f}": impressions[f] for f in FORMATS}
    out |= {
        "takeover_days": units["takeover"], "topview_days": units["topview"],
        "challenges": units["challenge"], "effects": units["effect"],
        "spent_usd": spent, "unspent_usd": budget - spent, "tiktok_revenue_usd": spent,
        "impressions": total_impr, "reach": reach, "reach_share": reach / audience,
        "frequency": np.where(reach > 0, total_impr / safe_reach, 0.0),
        "cost_per_thousand_reached_usd": np.where(reach > 0, spent / safe_reach * 1000, 0.0),
        "engagements": engagement,
    }
    return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in out.items()}


PLANNER = Model(
    "A brand's premium campaign planner",
    plan,
    params=(BUDGET, AUDIENCE, SHARE_TAKEOVER, SHARE_TOPVIEW, SHARE_CHALLENGE, SHARE_EFFECT, SHARE_IN_FEED,
            TAKEOVER_PRICE, TOPVIEW_PRICE, CHALLENGE_PRICE, EFFECT_PRICE, CPM),
    constraints=(SumAtMost(SHARES, 1.0),),
    outputs={**{f"spend_{f}_usd": "USD" for f in FORMATS}, **{f"impressions_{f}": "count" for f in FORMATS},
             "takeover_days": "count", "topview_days": "count", "challenges": "count", "effects": "count",
             "spent_usd": "USD", "unspent_usd": "USD", "tiktok_revenue_usd": "USD", "impressions": "count",
             "reach": "count", "reach_share": "share", "frequency": "ratio",
             "cost_per_thousand_reached_usd": "USD", "engagements": "count"},
)
