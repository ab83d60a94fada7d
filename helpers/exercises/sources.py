"""Exercises of notebook 10, Reading the sources."""

from .. import data, sources
from . import Exercise, register

register(Exercise(
    "10.1", "calculation", "How far above its basis is the takeover claim?",
    hint="Divide the article's 'up to' price per day by the 2019 basis price (takeover_price_2019).",
    answer=lambda: data.value("claim_brand_takeover_price") / data.value("takeover_price_2019"),
))
register(Exercise(
    "10.2", "what-if", "GMV if you ignore blogs",
    hint="In the trust panel, set the weight on blog claims to 0 (others at base) and read the estimate.",
    answer=lambda: sources.TRUST(weight_blog=0.0)["gmv_estimate_usd_b"], rel_tol=0.01,
))
register(Exercise(
    "10.3", "calculation", "How far apart are the user estimates?",
    hint="Divide the larger 2024 monthly-user estimate by the smaller one.",
    answer=lambda: data.value("tiktok_mau_2024_warc") / data.value("tiktok_mau_2024_emarketer"),
))
register(Exercise(
    "10.4", "written", "A claim you could not find, until you could",
    hint="Think about who wrote the article and why, what kind of source could confirm a figure, and what a number "
         "needs besides its digits: a market, a date, and what it is a fee for.",
    rubric=("Full marks (3): (a) until a source is found, labels the figure an unverified blog claim, keeps it out "
            "of the inputs or gives it a wide range, and looks for official fee pages, sellers' breakdowns, the "
            "press and research firms, comparing what exactly is measured; (b) judges it roughly right for one "
            "market only: the article names no market or date and calls a payment fee 'shopping costs', so a "
            "reader could not have used it as written; (c) notes that the articles are marketing for "
            "follower-growth services, so accuracy is not their aim. 2: two of these. 1: one. 0: none."),
))
