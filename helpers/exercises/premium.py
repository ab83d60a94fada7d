"""Exercises of notebook 03, Premium ad formats."""

from .. import data, premium
from . import Exercise, register


def _cheapest_reach() -> str:
    """The format that reaches 1,000 people most cheaply when it gets the whole budget."""
    costs = {}
    for share in premium.SHARES:
        out = premium.PLANNER(**{s: (1.0 if s == share else 0.0) for s in premium.SHARES})
        costs[share.removeprefix("share_")] = out["cost_per_thousand_reached_usd"] if out["reach"] > 0 else float("inf")
    return min(costs, key=costs.get)


register(Exercise(
    "03.1", "calculation", "What the 2019 figures imply a takeover costs",
    hint="The US deck's guaranteed impressions per day × the media buyer's fixed-buy CPM ÷ 1,000.",
    answer=lambda: data.value("takeover_impressions_per_day") * data.value("fixed_cpm_2019") / 1000,
))
register(Exercise(
    "03.2", "what-if", "The cheapest way to reach people",
    hint="In the planner, give the whole budget to one format at a time (set the other shares to 0 first) and "
         "compare the cost per 1,000 people reached.",
    answer=_cheapest_reach, options=("takeover", "topview", "challenge", "effect", "in_feed"),
))
register(Exercise(
    "03.3", "calculation", "Premium formats against the auction",
    hint="Divide premium-format revenue per year by in-feed revenue per year, both from the base case.",
    answer=lambda: premium.PREMIUM_SALES()["premium_vs_in_feed"],
))
register(Exercise(
    "03.4", "written", "When does TopView play?",
    hint="Compare the two articles' words with TikTok's own help page, and name the evidence that would settle it.",
    rubric=("Full marks (3): states that TikTok's help page says TopView plays when the app opens, before other "
            "videos; notes that one article ('after a few seconds') is close and the other ('after scrolling a "
            "while') describes a different product, probably a reserved in-feed slot; proposes checking the "
            "official documentation or opening the app repeatedly as evidence. 2: two of these. 1: one. 0: none."),
))
