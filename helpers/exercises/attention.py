"""Exercises of notebook 01, The attention engine."""

import math

from .. import analysis, attention, data, in_feed
from . import Exercise, Mistake, register

ATTENTION = attention.ATTENTION

def _hour_worth() -> str:
    """The prediction's answer: the option nearest (on a log scale) to in-feed revenue per hour watched."""
    per_hour = in_feed.PLATFORM()["revenue_per_hour_watched_usd"]
    options = {"a cent": 0.01, "ten cents": 0.1, "a dollar": 1.0, "ten dollars": 10.0}
    return min(options, key=lambda k: abs(math.log10(per_hour / options[k])))

register(Exercise(
    "01.1", "prediction", "What is an hour of a viewer's attention worth to TikTok?",
    hint="An hour is sixty minutes of swiping: count roughly how many ads it shows, then think about what an "
         "advertiser pays to show one ad once.",
    options=("a cent", "ten cents", "a dollar", "ten dollars"), answer=_hour_worth, form="predict",
    explain=("An hour of swiping is a few hundred videos at most, and only a small share of them are ads: under two "
             "dozen at the base case's swiping speed and ad load. Advertisers pay a few dollars per *thousand* ads "
             "shown, and not every slot finds a buyer, so each ad earns TikTok well under a cent. Together that is "
             "nearly ten cents an hour: the nearest option is ten cents, just above it. Most people guess a dollar "
             "or more, because "
             "attention feels valuable; but it is sold a fraction of a cent at a time. That is why TikTok needs "
             "billions of hours of viewing, and why it fights rivals for every minute."),
))


def _us_impressions_b(minutes: float | None = None, daily_share: float | None = None) -> float:
    """Daily ad impressions (billions) of US users alone, the other links at base."""
    changes = {"monthly_users_m": data.value("us_mau_2024"),
               "minutes_per_day": data.value("minutes_per_day_warc_us_2024") if minutes is None else minutes}
    if daily_share is not None:
        changes["dau_mau_ratio"] = daily_share
    return ATTENTION(**changes)["impressions_per_day_b"]


def _platform_impressions_b() -> float:
    return ATTENTION()["impressions_per_day_b"]


register(Exercise(
    "01.2", "calculation", "The US share of TikTok's ad impressions",
    hint="Only two links of the chain change for the US: the monthly users and the minutes. Run the chain with "
         "those two (the others at base), then divide by the whole platform's daily ad impressions.",
    answer=lambda: _us_impressions_b() / _platform_impressions_b(), unit="share", form="multi-step",
    mistakes=(
        Mistake("kept the base case's minutes for the US instead of WARC's US minutes",
                lambda: _us_impressions_b(minutes=attention.MINUTES.base) / _platform_impressions_b()),
        Mistake("left out the daily share for the US users but kept it for the whole platform",
                lambda: _us_impressions_b(daily_share=1.0) / _platform_impressions_b()),
        Mistake("divided by the whole platform's impressions counted with monthly users instead of daily ones",
                lambda: _us_impressions_b() / ATTENTION(dau_mau_ratio=1.0)["impressions_per_day_b"]),
    ),
    # As displayed: WARC's US minutes as the estimates table prints them, the platform's impressions as the panel
    # prints them (one decimal, billions).
    shown=lambda: _us_impressions_b(minutes=round(data.value("minutes_per_day_warc_us_2024"), 2))
    / round(_platform_impressions_b(), 1),
))
register(Exercise(
    "01.3", "what-if", "Minutes a day for 20 billion impressions",
    hint="In the panel, move only the minutes slider until the ad impressions per day reach 20 billion.",
    answer=lambda: analysis.goal_seek(attention.ATTENTION, "minutes_per_day", "impressions_per_day_b", 20.0),
    rel_tol=0.02,
))


def _warc_minutes() -> float:
    return data.value("minutes_per_day_warc_2024")


register(Exercise(
    "01.4", "calculation", "Minutes per monthly user, or per daily user?",
    hint="If WARC spreads its monthly hours over every monthly user and every day, the total minutes watched in a day "
         "are monthly users × WARC's minutes; share them among the daily users, who are monthly users × the daily "
         "share.",
    answer=lambda: _warc_minutes() / attention.DAU_MAU.base, unit="number", form="extend",
    mistakes=(
        Mistake("multiplied by the daily share instead of dividing by it (fewer daily users share the same minutes, "
                "so each watches more)", lambda: _warc_minutes() * attention.DAU_MAU.base),
        Mistake("kept WARC's figure as the model reads it, as minutes per daily user",
                lambda: _warc_minutes()),
        Mistake("started from WARC's US figure instead of its worldwide one",
                lambda: data.value("minutes_per_day_warc_us_2024") / attention.DAU_MAU.base),
    ),
    shown=lambda: round(_warc_minutes(), 2) / round(attention.DAU_MAU.base, 2),
))
register(Exercise(
    "01.5", "written", "Why optimise for watch time?",
    hint="Follow a minute of extra viewing through the chain of this notebook to the advertiser's money.",
    rubric=("Full marks (3): explains that each extra minute watched creates more ad slots (videos × ad load) "
            "and more signals that improve recommendations and targeting; notes that likes are a weaker, rarer "
            "signal and do not create inventory; mentions a risk or limit (user well-being, regulation, "
            "diminishing returns). 2: two of the three. 1: one. 0: none."),
))
