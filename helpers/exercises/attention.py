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


def _us_cpm(share_key: str = "us_share_ad_revenue_2024_emarketer", **changes) -> float:
    """The US in-feed price of the region split, with the US's share of ad revenue from a row of data/."""
    return in_feed.REGION_SPLIT(us_share_in_feed_revenue=data.value(share_key), **changes)["cpm_us_usd"]


def _user_share_cpm() -> float:
    """The wrong turn of pricing US impressions by the US's share of users, not of impressions."""
    split = in_feed.REGION_SPLIT()
    return in_feed.CPM.base * data.value("us_share_ad_revenue_2024_emarketer") / split["us_user_share"]


register(Exercise(
    "01.2", "calculation", "The US price, on another estimate of the US's share",
    hint="Only the US's share of revenue changes: the US's share of impressions stays what the split above printed. "
         "Divide the new share of revenue by the share of impressions and multiply by the blended CPM.",
    answer=_us_cpm, unit="USD", form="multi-step",
    mistakes=(
        Mistake("kept the course's share of revenue instead of eMarketer's 'about half'",
                lambda: _us_cpm("us_share_ad_revenue")),
        Mistake("divided by the US's share of users instead of its share of impressions", _user_share_cpm),
        Mistake("worked out the price for the rest of the world instead of the US",
                lambda: in_feed.REGION_SPLIT(us_share_in_feed_revenue=data.value("us_share_ad_revenue_2024_emarketer"))
                ["cpm_rest_usd"]),
    ),
    shown=_us_cpm,
    follow_up=("Says the test gets harder to pass: a larger US share of revenue from the same impressions means a "
               "dearer US impression, further above the prices advertisers quote.",
               "Draws the lesson: the estimates of the US share disagree, and the split is only as good as the "
               "share put into it — the failed test may lie in the evidence, not in the chain."),
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
    follow_up=(
        "Says a daily user would then watch more than the base case assumes, so the chain's impressions grow in "
         "proportion to the minutes.",
        "Explains that the price per 1,000 ads, set so that revenue matches the central estimate, would fall in "
         "proportion: revenue is unchanged, only its split between attention and price moves.",
        "Draws the lesson on units: a figure per user per day must say whether its users are monthly or daily, and "
         "whether days without use count.",
    ),
))
register(Exercise(
    "01.5", "written", "Why optimise for watch time?",
    hint="Follow a minute of extra viewing through the chain of this notebook to the advertiser's money.",
    rubric=("Full marks (3), excellent: explains the mechanism: each extra minute watched creates more ad slots "
            "(videos × ad load) and more signals that improve recommendations and targeting, which raise each "
            "slot's price; argues that likes are a weaker, rarer signal and create no inventory; names a risk or "
            "limit (user well-being, regulation, diminishing returns); follows the minute through the notebook's "
            "chain and its figures. 2, good: the inventory mechanism right, but the signals, the comparison with "
            "likes or the risk missing, or no figures from the chain. 1, weak: asserts that watch time means more "
            "ads or money, without the mechanism or any evidence. 0: missing, or argues that likes create ad "
            "inventory."),
    covers=(
        "Follows an extra minute through the chain: more videos seen, so more ad slots to sell at the same ad "
         "load.",
        "Adds that watch time yields signals (what was watched, for how long) that improve recommendations and ad "
         "targeting, which raises the price of each slot.",
        "Contrasts likes: rarer, weaker signals that create no inventory by themselves.",
        "Names a risk: rewarding compulsive use, which can harm users and draws regulators (limits for minors, the "
         "EU's Digital Services Act).",
    ),
))
