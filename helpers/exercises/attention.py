"""Exercises of notebook 01, The attention engine."""

from .. import analysis, attention
from . import Exercise, register

register(Exercise(
    "01.1", "calculation", "Ads seen per daily user",
    hint="Minutes per day × videos per minute gives videos per day; the ad load is the share of them that are ads.",
    answer=lambda: attention.ATTENTION()["ads_per_user_day"],
))
register(Exercise(
    "01.2", "calculation", "Ad impressions per year",
    hint="Take the daily ad impressions (in billions) from the base case and multiply by the days in a year.",
    answer=lambda: attention.ATTENTION()["impressions_per_day_b"] * 365,
))
register(Exercise(
    "01.3", "what-if", "Minutes a day for 20 billion impressions",
    hint="In the panel, move only the minutes slider until the ad impressions per day reach 20 billion.",
    answer=lambda: analysis.goal_seek(attention.ATTENTION, "minutes_per_day", "impressions_per_day_b", 20.0),
    rel_tol=0.02,
))
register(Exercise(
    "01.4", "written", "Why optimise for watch time?",
    hint="Follow a minute of extra viewing through the chain of this notebook to the advertiser's money.",
    rubric=("Full marks (3): explains that each extra minute watched creates more ad slots (videos × ad load) "
            "and more signals that improve recommendations and targeting; notes that likes are a weaker, rarer "
            "signal and do not create inventory; mentions a risk or limit (user well-being, regulation, "
            "diminishing returns). 2: two of the three. 1: one. 0: none."),
))
