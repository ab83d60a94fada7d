"""Exercises of notebook 10, Reading the sources."""

from .. import data, sources
from . import Exercise, register

register(Exercise(
    "10.1", "calculation", "How far above its basis is the takeover claim?",
    hint="Divide the article's 'up to' price per day by the price the 2019 deck implies.",
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
    "10.4", "written", "Checking a claim you cannot find",
    hint="Think about who wrote the article and why, what kind of source could confirm the claim, and what to do "
         "until one does.",
    rubric=("Full marks (3): notes the articles are marketing for follower-growth services, so accuracy is not "
            "their aim; describes how to look for an official or analyst source (help pages, filings, regulators, "
            "research firms) and to compare what exactly is measured (year, region, gross or net); says an "
            "unverified figure should be labelled as a blog claim with a wide range, not used as fact. "
            "2: two of these. 1: one. 0: none."),
))
