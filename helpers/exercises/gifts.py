"""Exercises of notebook 04, Coins, gifts and diamonds."""

from .. import data, gifts
from . import Exercise, register


def _bigger_lever() -> str:
    base = gifts.GIFTS()["tiktok_per_dollar"]
    web = gifts.GIFTS(web_share=1.0)["tiktok_per_dollar"] - base
    cut = gifts.GIFTS(creator_share=data.value("creator_share_2025"))["tiktok_per_dollar"] - base
    return "web" if web > cut else "creator"


register(Exercise(
    "04.1", "calculation", "What a creator gets for a 1,000-coin gift",
    hint="A gift's value is its coins at the web price of a coin; the creator gets the creator share of that.",
    answer=lambda: gifts.gift_payout(1000),
))
register(Exercise(
    "04.2", "what-if", "Which change raises TikTok's cut more?",
    hint="In the panel, first move every purchase to the web (web share 100%), note TikTok's cents, reset, then set "
         "the creator share to the 2025 midpoint and compare.",
    answer=_bigger_lever, options=("web", "creator"),
))
register(Exercise(
    "04.3", "calculation", "TikTok's yearly gift revenue",
    hint="Multiply viewers' yearly spending on coins by the cents TikTok keeps of each dollar.",
    answer=lambda: gifts.GIFTS()["tiktok_usd_b"],
))
register(Exercise(
    "04.4", "written", "Do in-app purchases earn TikTok most of its money?",
    hint="Put the yearly spending on coins next to the advertising revenue of notebook 00, then think about what "
         "TikTok keeps of each.",
    rubric=("Full marks (3): compares yearly coin spending (a few billion dollars, of which TikTok keeps well under "
            "half) with advertising revenue (well over ten billion); concludes the claim is wrong and advertising "
            "is the largest stream; notes the '$10 billion' figure is lifetime spending, a likely source of the "
            "confusion. 2: two of these. 1: one. 0: none."),
))
