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
    "05.3", "calculation", "How fast did TikTok Shop grow in Southeast Asia?",
    hint="Divide Southeast Asia's 2023 GMV estimate by its 2021 estimate.",
    answer=lambda: data.value("shop_gmv_2023") / data.value("shop_gmv_2021"),
))
register(Exercise(
    "05.4", "written", "The article's Shop figures against better sources",
    hint="Take each figure in turn, find the rows in data/ that measure the same thing, and compare kinds, regions and years.",
    rubric=("Full marks (3): '2-8% by category' roughly fits the US fee (6% from April 2024, lower in some "
            "categories; 8% was announced but no source shows it in force) but not the UK's 9%; '3.78% per order' is "
            "Malaysia's per-order transaction (payment) fee since September 2024, a market and a date the article "
            "does not name; '$23B GMV for 2024' is an unnamed experts' forecast that does not match global GMV "
            "estimates but matches Southeast Asia's GMV or TikTok's total revenue, so it was probably mislabelled. "
            "2: two of the three. 1: one. 0: none."),
))
