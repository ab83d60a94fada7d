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

from .in_feed import CPM, CTR, PLATFORM, yearly_revenue
from .params import Model, Param, SumAtMost, check_number, divide, tidy

# ------------------------------------------------------------------------------------ scarcity
TAKEOVER_PRICE = Param("takeover_price_usd", "Brand takeover price per day", "USD per day", min=5_000, max=300_000,
                       step=5_000, fact="takeover_price_2019", fmt="${:,.0f}")
TAKEOVER_SLOTS = Param("takeover_slots_per_day", "Takeover days sold daily, all markets", "count", min=0,
                       max=200, step=1, fact="takeover_slots_per_day", fmt="{:,.0f}")
TOPVIEW_PRICE = Param("topview_price_usd", "TopView price per day", "USD per day", min=5_000, max=300_000,
                      step=5_000, fact="topview_price_per_day_blog", fmt="${:,.0f}")
TOPVIEW_SLOTS = Param("topview_slots_per_day", "TopView days sold daily, all markets", "count", min=0, max=200,
                      step=1, fact="topview_slots_per_day", fmt="{:,.0f}")
CHALLENGE_PRICE = Param("challenge_price_usd_k", "Hashtag challenge fee", "USD thousand", min=10, max=1000, step=5,
                        fact="hashtag_challenge_price_blog", fmt="${:,.0f}k")
CHALLENGES = Param("challenges_per_year", "Hashtag challenges sold per year", "count", min=0, max=3000, step=10,
                   fact="challenges_per_year", fmt="{:,.0f}")
EFFECT_PRICE = Param("effect_price_usd_k", "Branded effect fee", "USD thousand", min=5, max=500, step=5,
                     fact="branded_effect_price_blog", fmt="${:,.0f}k")
EFFECTS = Param("effects_per_year", "Branded effects sold per year", "count", min=0, max=5000, step=10,
                fact="effects_per_year", fmt="{:,.0f}")


def premium_sales(p) -> dict:
    """Yearly premium-format revenue by format (USD billion) and its size against in-feed revenue."""
    takeover = np.asarray(p.takeover_price_usd) * np.asarray(p.takeover_slots_per_day) * 365 / 1e9
    topview = np.asarray(p.topview_price_usd) * np.asarray(p.topview_slots_per_day) * 365 / 1e9
    challenges = np.asarray(p.challenge_price_usd_k) * np.asarray(p.challenges_per_year) / 1e6
    effects = np.asarray(p.effect_price_usd_k) * np.asarray(p.effects_per_year) / 1e6
    total = takeover + topview + challenges + effects
    in_feed = np.asarray(yearly_revenue(p))
    return tidy({
        "takeover_usd_b": takeover, "topview_usd_b": topview, "challenges_usd_b": challenges,
        "effects_usd_b": effects, "premium_usd_b": total,
        "premium_per_day_usd_m": total * 1000 / 365,
        "in_feed_usd_b": in_feed + 0 * total,
        "premium_vs_in_feed": divide(total, in_feed),
    })


PREMIUM_SALES = Model(
    "Premium formats: scarce slots, high prices",
    premium_sales,
    params=(TAKEOVER_PRICE, TAKEOVER_SLOTS, TOPVIEW_PRICE, TOPVIEW_SLOTS, CHALLENGE_PRICE, CHALLENGES,
            EFFECT_PRICE, EFFECTS),
    parts=(PLATFORM,),
    outputs={"takeover_usd_b": "USD billion", "topview_usd_b": "USD billion", "challenges_usd_b": "USD billion",
             "effects_usd_b": "USD billion", "premium_usd_b": "USD billion", "premium_per_day_usd_m": "USD million",
             "in_feed_usd_b": "USD billion", "premium_vs_in_feed": "ratio"},
)

# What one unit of each format delivers: the planner's and the price comparison's inputs.
TAKEOVER_IMPRESSIONS = Param("takeover_impressions", "Impressions of one takeover day", "count", min=100_000,
                             max=20_000_000, step=100_000, fact="takeover_impressions_per_day", fmt="{:,.0f}")
TOPVIEW_CPM = Param("topview_cpm_usd", "TopView price per 1,000 impressions", "USD per 1000 impressions", min=1,
                    max=50, step=0.5, fact="topview_cpm_blog", fmt="${:,.2f}")
CHALLENGE_IMPRESSIONS = Param("challenge_impressions", "Impressions of one hashtag challenge", "count",
                              min=1_000_000, max=1_000_000_000, step=1_000_000, fact="challenge_impressions",
                              fmt="{:,.0f}")
EFFECT_IMPRESSIONS = Param("effect_impressions", "Impressions of one branded effect", "count", min=1_000_000,
                           max=500_000_000, step=1_000_000, fact="effect_impressions", fmt="{:,.0f}")
ENGAGEMENT = Param("premium_engagement_rate", "Premium impressions clicked or used", "share",
                   min=0, max=0.2, step=0.005, fact="premium_engagement_rate", fmt="{:.1%}")
CHALLENGE_VIDEOS = Param("challenge_videos", "User videos per hashtag challenge", "count", min=0,
                         max=500_000, step=1_000, fact="challenge_videos", fmt="{:,.0f}")
EFFECT_VIDEOS = Param("effect_videos", "User videos using one branded effect", "count", min=0, max=200_000,
                      step=1_000, fact="effect_videos", fmt="{:,.0f}")


def effective_cpms(p=None) -> dict[str, float]:
    """Price per 1,000 impressions of each format (USD): what scarcity adds to the auction. ``p`` is a record of
    the planner's inputs (default: the base case)."""
    p = PLANNER.inputs() if p is None else p
    return {
        "In-feed (auction)": float(p["cpm_usd"]),
        "Brand takeover": float(p["takeover_price_usd"] / p["takeover_impressions"] * 1000),
        "TopView": float(p["topview_cpm_usd"]),
        "Hashtag challenge": float(p["challenge_price_usd_k"] * 1000 / p["challenge_impressions"] * 1000),
        "Branded effect": float(p["effect_price_usd_k"] * 1000 / p["effect_impressions"] * 1000),
    }


# ------------------------------------------------------------------------------- campaign planner
BUDGET = Param("premium_budget_usd", "Premium campaign budget", "USD", min=10_000, max=5_000_000, step=10_000, default=1_000_000,
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


def plan(p) -> dict:
    """One brand's campaign in one market: what each format buys, and where every dollar goes."""
    budget = np.asarray(p.premium_budget_usd, dtype=float)
    alloc = {f: budget * np.asarray(p[s]) for f, s in zip(FORMATS, SHARES)}
    unit_price = {"takeover": np.asarray(p.takeover_price_usd, dtype=float),
                  "topview": np.asarray(p.topview_price_usd, dtype=float),
                  "challenge": np.asarray(p.challenge_price_usd_k, dtype=float) * 1000,
                  "effect": np.asarray(p.effect_price_usd_k, dtype=float) * 1000}
    units = {f: np.floor(alloc[f] / unit_price[f] + 1e-9) for f in unit_price}  # sold whole: days or campaigns
    spend = {f: units[f] * unit_price[f] for f in unit_price}
    spend["in_feed"] = alloc["in_feed"]  # the auction sells any amount
    impressions = {
        "takeover": units["takeover"] * np.asarray(p.takeover_impressions),
        "topview": spend["topview"] / np.asarray(p.topview_cpm_usd) * 1000,
        "challenge": units["challenge"] * np.asarray(p.challenge_impressions),
        "effect": units["effect"] * np.asarray(p.effect_impressions),
        "in_feed": spend["in_feed"] / np.asarray(p.cpm_usd) * 1000,
    }
    total_impr = sum(impressions.values())
    audience = np.asarray(p.audience_m, dtype=float) * 1e6
    reach = audience * -np.expm1(-total_impr / audience)
    spent = sum(spend.values())
    engagement = ((impressions["takeover"] + impressions["topview"]) * np.asarray(p.premium_engagement_rate)
                  + impressions["in_feed"] * np.asarray(p.click_through_rate)
                  + units["challenge"] * np.asarray(p.challenge_videos) + units["effect"] * np.asarray(p.effect_videos))
    out = {f"spend_{f}_usd": spend[f] for f in FORMATS}
    out |= {f"impressions_{f}": impressions[f] for f in FORMATS}
    out |= {
        "takeover_days": units["takeover"], "topview_days": units["topview"],
        "challenges": units["challenge"], "effects": units["effect"],
        "spent_usd": spent, "unspent_usd": budget - spent, "tiktok_revenue_usd": spent,
        "impressions": total_impr, "reach": reach, "reach_share": reach / audience,
        "frequency": divide(total_impr, reach),
        "cost_per_thousand_reached_usd": divide(spent * 1000, reach),
        "engagements": engagement,
    }
    return tidy(out)


PLANNER = Model(
    "A brand's premium campaign planner",
    plan,
    params=(BUDGET, AUDIENCE, SHARE_TAKEOVER, SHARE_TOPVIEW, SHARE_CHALLENGE, SHARE_EFFECT, SHARE_IN_FEED,
            TAKEOVER_PRICE, TOPVIEW_PRICE, CHALLENGE_PRICE, EFFECT_PRICE, CPM, TAKEOVER_IMPRESSIONS, TOPVIEW_CPM,
            CHALLENGE_IMPRESSIONS, EFFECT_IMPRESSIONS, ENGAGEMENT, CTR, CHALLENGE_VIDEOS, EFFECT_VIDEOS),
    constraints=(SumAtMost(SHARES, 1.0),),
    outputs={**{f"spend_{f}_usd": "USD" for f in FORMATS}, **{f"impressions_{f}": "count" for f in FORMATS},
             "takeover_days": "count", "topview_days": "count", "challenges": "count", "effects": "count",
             "spent_usd": "USD", "unspent_usd": "USD", "tiktok_revenue_usd": "USD", "impressions": "count",
             "reach": "count", "reach_share": "share", "frequency": "ratio",
             "cost_per_thousand_reached_usd": "USD", "engagements": "count"},
)


# ------------------------------------------------------------------- a thin market: the reserve price
# One category's app-open day in one market is one slot with few brands after it. Notebook 02's auction, with
# n bidders whose values are spread evenly from 0 to a top value v̄, would sell it for the second-highest
# value: v̄ (n − 1)/(n + 1) on average. A reserve price r — a posted price below which the slot stays unsold —
# earns more when bidders are few (Myerson 1981): the winner pays max(r, second value), and the expected
# revenue, per dollar of v̄ with ρ = r / v̄, is
#
#     R(ρ) = ρⁿ − ρ^(n+1) + (n − 1)(1 − ρ^(n+1)) / (n + 1),
#
# with R'(ρ) = n ρ^(n−1) (1 − 2ρ): highest at ρ* = 1/2 whatever n (for evenly spread values); the slot goes unsold with chance ρ^n.
BIDDERS = Param("app_open_bidders", "Brands after one category's app-open day", "count", min=2, max=10, step=1,
                fact="app_open_bidders", fmt="{:,.0f}")
RESERVE = Param("reserve_share", "Reserve price, share of the top value v̄", "share", min=0, max=0.95, step=0.05,
                default=0.5, plausible=(0.0, 0.95), fmt="{:.0%}")


def reserve_revenue(bidders, reserve_share):
    """Expected revenue of a second-price auction with a reserve, per dollar of the top value v̄, for ``bidders``
    values spread evenly from 0 to v̄ and a reserve of ``reserve_share`` × v̄ (0: no reserve)."""
    n = check_number("bidders", bidders, low=1)
    rho = check_number("reserve_share", reserve_share, low=0, high=1)
    if np.any(np.asarray(n) != np.round(n)):
        raise ValueError(f"bidders must be a whole number of brands, got {bidders!r}")
    return _reserve_formula(n, rho)


def _reserve_formula(n, rho):
    # Sold at no less than the reserve when the top value clears it, at the second value when that is higher:
    # ρ(1 − ρⁿ) + ∫_ρ^1 P(second ≥ x) dx, with P(second ≥ x) = 1 − n x^(n−1) + (n − 1) xⁿ.
    return rho ** n - rho ** (n + 1) + (n - 1) * (1 - rho ** (n + 1)) / (n + 1)


def reserve_auction(p) -> dict:
    """The auction for one slot with and without the reserve: expected revenue per dollar of v̄, the gain, and
    the chance the slot stays unsold."""
    n, rho = np.asarray(p.app_open_bidders, dtype=float), np.asarray(p.reserve_share, dtype=float)
    plain = _reserve_formula(n, 0.0)  # at least 2 brands (the parameter's minimum), so the auction has a price
    with_reserve = _reserve_formula(n, rho)
    return tidy({
        "revenue_no_reserve": plain + 0 * with_reserve,
        "revenue_with_reserve": with_reserve,
        "revenue_best_reserve": _reserve_formula(n, 0.5) + 0 * with_reserve,
        "gain_vs_no_reserve": divide(with_reserve - plain, plain),
        "chance_unsold": rho ** n,
    })


RESERVE_AUCTION = Model(
    "A thin market: one app-open day, a few brands, a reserve price",
    reserve_auction,
    params=(BIDDERS, RESERVE),
    outputs={"revenue_no_reserve": "share of v̄", "revenue_with_reserve": "share of v̄",
             "revenue_best_reserve": "share of v̄", "gain_vs_no_reserve": "ratio",
             "chance_unsold": "share"},
)
