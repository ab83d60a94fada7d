"""Exercises of notebook 05, TikTok Shop."""

from .. import analysis, data, shop
from . import Exercise, register

register(Exercise(
    "05.1", "calculation", "TikTok's fee on one order",
    hint="Multiply what the buyer pays by TikTok's referral fee (a fraction).",
    answer=lambda: shop.ORDER()["tiktok_usd"],
))
register(Exercise(
    "05.2", "what-if", "Buyers needed for $100 billion of GMV",
    hint="In the GMV panel, move only the buyers slider until GMV reaches $100B.",
    answer=lambda: analysis.goal_seek(shop.GMV, "buyers_m", "gmv_usd_b", 100.0), rel_tol=0.02,
))
register(Exercise(
    "05.3", "calculation", "How fast did TikTok Shop grow?",
    hint="Divide the 2023 GMV estimate by the 2021 estimate.",
    answer=lambda: data.value("shop_gmv_2023") / data.value("shop_gmv_2021"),
))
register(Exercise(
    "05.4", "written", "The article's Shop figures against better sources",
    hint="Take each figure in turn, find the rows in data/ that measure the same thing, and compare kinds and years.",
    rubric=("Full marks (3): '2-8% by category' roughly fits the published US fees (6%, later 8%, lower in some "
            "categories) but not the UK's 9%; '3.78% per order' appears in no other source and cannot be checked; "
            "'$23B GMV for 2024' does not match global GMV estimates ($32.6-42B) but matches Southeast Asia's GMV "
            "or TikTok's total revenue, so it was probably mislabelled. 2: two of the three. 1: one. 0: none."),
))
