"""Exercises of notebook 02, In-feed ads and the auction."""

from .. import in_feed
from . import Exercise, register

register(Exercise(
    "02.1", "calculation", "From CPM to cost per click",
    hint="A CPM is the price of 1,000 impressions; divide the price of one impression by the click-through rate.",
    answer=lambda: in_feed.ADVERTISER()["cost_per_click_usd"],
))
register(Exercise(
    "02.2", "what-if", "The revenue-maximising ad load with a deeper pool of advertisers",
    hint="In the ad-load panel, set the bidders per impression to 20 (other sliders at base) and read the "
         "revenue-maximising ad load.",
    answer=lambda: in_feed.PLATFORM(bidders=20)["best_ad_load"], rel_tol=0.04,
))
register(Exercise(
    "02.3", "calculation", "What a monthly user is worth in a year",
    hint="Yearly in-feed revenue divided by monthly users; mind the units (USD billion and million users).",
    answer=lambda: in_feed.PLATFORM()["revenue_per_mau_per_year_usd"],
))
register(Exercise(
    "02.4", "written", "Why not show the revenue-maximising number of ads?",
    hint="Think beyond one year's revenue: what do viewers, rivals and advertisers do when the feed fills with ads?",
    rubric=("Full marks (3): argues that the elasticity is uncertain and may grow over time (habits form slowly, "
            "viewers drift to rivals such as Reels and Shorts); that fewer, better ads keep prices (CPM) and ad "
            "performance up; and that a lower ad load protects growth in users, which drives every stream. "
            "2: two of these. 1: one. 0: none."),
))
