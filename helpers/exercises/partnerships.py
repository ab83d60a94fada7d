"""Exercises of notebook 06, Partnerships and data."""

from .. import analysis, data, in_feed, partnerships
from . import Exercise, register

register(Exercise(
    "06.1", "calculation", "Creator Rewards against the Creator Fund",
    hint="Divide the Creator Rewards pay per 1,000 views by the Creator Fund's.",
    answer=lambda: data.value("creator_rewards_rpm") / data.value("creator_fund_rpm"),
))
register(Exercise(
    "06.2", "what-if", "How much signal can privacy rules take before the advertiser drops out?",
    hint="In the targeting panel, move only the signal loss until the affordable CPM after the loss falls to the "
         "course's average CPM from notebook 02.",
    answer=lambda: analysis.goal_seek(partnerships.TARGETING, "signal_loss", "cpm_targeted_usd", in_feed.CPM.base),
    rel_tol=0.03,
))
register(Exercise(
    "06.3", "calculation", "TikTok's part of a creator campaign",
    hint="Multiply the campaign budget by the share spent promoting the creators' videos on TikTok.",
    answer=lambda: partnerships.CAMPAIGN()["tiktok_usd"],
))
register(Exercise(
    "06.4", "written", "Earning from data without selling it",
    hint="Follow a signal from a viewer's swipe to the price an advertiser pays, then ask what a privacy rule cuts.",
    rubric=("Full marks (3): explains that TikTok uses viewing signals to show each ad to people likely to respond, "
            "which raises click and conversion rates and so the price advertisers will pay per impression, without "
            "handing the data to anyone; notes that measurement and insights for advertisers work the same way; "
            "links to the privacy risk: rules that remove signals (tracking limits, profiling limits for minors, "
            "data-localisation) cut the lift and the CPM. 2: two of these. 1: one. 0: none."),
))
