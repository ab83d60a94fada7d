"""Exercises of notebook 06, Partnerships and data."""

from .. import analysis, data, in_feed, partnerships
from . import Exercise, Given, Mistake, course_own, register, yours


def _rpm_ratio() -> float:
    return data.value("creator_rewards_rpm") / data.value("creator_fund_rpm")


def _campaign() -> dict:
    """The campaign of exercise 06.4 at the student's own budget (the course's $100,000)."""
    return partnerships.CAMPAIGN(campaign_budget_usd=yours("06.4")["campaign_budget_usd"])


def _purchases(spend_usd: float = None, cpm_usd: float = None, conversion: bool = True) -> float:
    """Purchases a brand's promotion budget buys: impressions at the average CPM × click and conversion rates."""
    spend = _campaign()["tiktok_usd"] if spend_usd is None else spend_usd
    cpm = data.value("in_feed_cpm") if cpm_usd is None else cpm_usd
    t = partnerships.TARGETING.base()
    clicks = spend / cpm * 1000 * t["click_through_rate"]
    return clicks * t["conversion_rate"] if conversion else clicks


def _cpm_keeping_only(lift: str) -> float:
    """The most the advertiser can pay per 1,000 impressions (USD) when a rule removes every targeting lift but
    ``lift`` ("ctr_lift" or "cvr_lift"): today's CPM, earned with both lifts, divided by the one removed."""
    base = partnerships.TARGETING.base()
    removed = base["cvr_lift"] if lift == "ctr_lift" else base["ctr_lift"]
    return partnerships.TARGETING()["cpm_full_targeting_usd"] / removed


register(Exercise(
    "06.1", "prediction", "How much does targeting multiply the price of an impression?",
    hint="Think about how the two lifts combine in the value of an impression, and whether the return the "
         "advertiser needs changes with targeting.",
    form="predict",
    explain=("Targeting multiplies the price by the product of the two lifts: a little more than double in the base "
             "case. An impression's value is the chance it is clicked × the chance a click ends in a purchase × the "
             "sales per purchase, so raising both chances multiplies the value, and the gains compound. The common "
             "guess adds the two percentage gains, which falls short; another takes only the click lift, since "
             "better clicks are what targeting is known for. The return the advertiser needs and the sales per "
             "purchase do not change the factor: they scale the price with targeting and without it alike."),
))
register(Exercise(
    "06.2", "calculation", "Creator Rewards against the Creator Fund",
    hint="Divide the Creator Rewards pay per 1,000 views by the Creator Fund's.",
    answer=_rpm_ratio, unit="multiple",
    mistakes=(
        Mistake("divided the Creator Fund's rate by the Creator Rewards rate (the other way round)",
                lambda: 1 / _rpm_ratio()),
        Mistake("took the difference of the two rates instead of their ratio",
                lambda: data.value("creator_rewards_rpm") - data.value("creator_fund_rpm")),
    ),
    shown=lambda: round(data.value("creator_rewards_rpm"), 2) / round(data.value("creator_fund_rpm"), 2),
))
register(Exercise(
    "06.3", "what-if", "How much signal can privacy rules take before the advertiser drops out?",
    hint="In the targeting panel, move only the signal loss until the affordable CPM after the loss falls to the "
         "course's average CPM from notebook 02.",
    answer=lambda: analysis.goal_seek(partnerships.TARGETING, "signal_loss", "cpm_targeted_usd", in_feed.CPM.base),
    rel_tol=0.03,
))
register(Exercise(
    "06.4", "calculation", "What a creator campaign's promotion buys",
    hint="Take the campaign's promotion spend from the campaign panel with its budget set to yours; at the average CPM each $1 buys 1,000 ÷ CPM "
         "impressions; multiply the impressions by the click-through rate, then the clicks by the conversion rate.",
    answer=_purchases, unit="count", form="multi-step",
    givens=(Given("campaign_budget_usd", "the campaign's budget", "USD", 100_000, 20_000, 500_000, 1_000),),
    mistakes=(
        Mistake("used the course's own budget ($100,000) instead of yours", course_own("06.4")),
        Mistake("spent the whole campaign budget on ads instead of the share spent promoting the videos",
                lambda: _purchases(spend_usd=_campaign()["budget_usd"])),
        Mistake("priced the impressions at the most the advertiser could afford instead of the average CPM it pays",
                lambda: _purchases(cpm_usd=partnerships.TARGETING()["cpm_targeted_usd"])),
        Mistake("stopped at clicks: multiply them by the conversion rate to get purchases",
                lambda: _purchases(conversion=False)),
    ),
    shown=lambda: _purchases(cpm_usd=round(data.value("in_feed_cpm"), 2)),  # $30.0k, the CPM, 1%, 3% are exact
))
register(Exercise(
    "06.5", "calculation", "A privacy rule that removes only the purchase lift",
    hint="Today's affordable CPM was earned with both lifts. Take away the purchase lift alone: divide by it, or "
         "start from the CPM without targeting and put the click lift back.",
    answer=lambda: _cpm_keeping_only("ctr_lift"), unit="USD", form="extend",
    mistakes=(
        Mistake("removed the click lift instead of the purchase lift", lambda: _cpm_keeping_only("cvr_lift")),
        Mistake("removed both lifts (that is the CPM without any targeting)",
                lambda: partnerships.TARGETING()["cpm_untargeted_usd"]),
        Mistake("set the purchase lift to 1 in the panel, which says today's rates never had it, so that nothing "
                "is removed", lambda: partnerships.TARGETING()["cpm_full_targeting_usd"]),
    ),
    # As printed: the CPM without targeting (to the cent) times the click lift (as the table shows it).
    shown=lambda: round(partnerships.TARGETING()["cpm_untargeted_usd"], 2) * round(data.value("targeting_ctr_lift"), 1),
    follow_up=(
        "Says the advertiser can no longer afford the course's average CPM, although the click lift, learnt from "
         "viewing in TikTok's own app, is untouched: losing one whole lift cuts the price by that whole factor.",
        "Concludes that the targeting premium is most exposed where TikTok depends on data from outside its app "
         "(who bought after an ad), one reason to keep purchases in the app (TikTok Shop's closed loop).",
        "May note the model's limits: advertisers could accept a lower return, or the auction price fall for "
         "everyone, so not every advertiser would drop out.",
    ),
))
register(Exercise(
    "06.6", "written", "Earning from data without selling it",
    hint="Follow a signal from a viewer's swipe to the price an advertiser pays, then ask what a privacy rule cuts.",
    rubric=("Full marks (3), excellent: explains the mechanism: viewing signals let TikTok show each ad to people "
            "likely to respond, which raises click and conversion rates and so the price advertisers will pay per "
            "impression (by the product of the notebook's two lifts), without handing the data to anyone; links it "
            "to the privacy risk: rules that remove signals cut the lift and the CPM; says what a rule removes and "
            "what it leaves (Apple's tracking prompt limits data from other apps and purchases made off TikTok, not "
            "viewing in its own app). 2, good: the mechanism from signal to price right, but the rule's effect left "
            "general, or no use of the lifts as evidence. 1, weak: says TikTok 'uses data for ads' without "
            "explaining how data raises the price, and no evidence. 0: missing, or says TikTok sells data."),
    covers=(
        "Follows a signal: every swipe tells TikTok what a viewer cares about, so it can show each ad to the "
         "people most likely to respond.",
        "Explains that clicks and purchases per impression rise, so advertisers can pay more per 1,000 impressions "
         "for the same return: the price rises by the product of the two lifts.",
        "Notes that the data never leaves TikTok: its value is captured as a premium on the price of every ad.",
        "Says a rule that removes signals shrinks the lift and the CPM, and that it depends on the rule: Apple's "
         "tracking prompt cuts data from other apps and purchases made off TikTok, not what TikTok learns from "
         "viewing in its own app.",
    ),
))


def _auction_multiplier(bidders: float, a: float | None = None) -> float:
    """Targeting's price multiplier in the auction: the lifts times s(n) / s(n / a), s(n) = (n - 1)/(n + 1)."""
    lift = data.value("targeting_ctr_lift") * data.value("targeting_cvr_lift")
    a = data.fact("targeting_audience_share").low if a is None else a
    share = lambda n: (n - 1) / (n + 1)  # noqa: E731
    return lift * share(bidders) / share(bidders / a)


register(Exercise(
    "06.7", "calculation", "Targeting's premium in a thin auction",
    hint="Take today's bidders per impression, n, and the audience share, a, at the low ends of their plausible "
         "ranges (the table above). Without targeting, n / a advertisers would compete for each impression. The price multiplier is the product of the "
         "two lifts times (n - 1)/(n + 1) divided by the same fraction at n / a.",
    answer=lambda: _auction_multiplier(data.fact("bidders_per_impression").low), unit="multiple", form="multi-step",
    mistakes=(
        Mistake("used the lifts alone: they count the higher value but not the bidders targeting takes away",
                lambda: data.value("targeting_ctr_lift") * data.value("targeting_cvr_lift")),
        Mistake("used today's bidders per impression, not the low end of their range the question asks for",
                lambda: _auction_multiplier(data.value("bidders_per_impression"))),
        Mistake("kept the audience share at its base value, not the narrow audiences the question asks for",
                lambda: _auction_multiplier(data.fact("bidders_per_impression").low, data.value("targeting_audience_share"))),
        Mistake("put the two auction fractions the wrong way up (fewer bidders lower the price, not raise it)",
                lambda: data.value("targeting_ctr_lift") * data.value("targeting_cvr_lift") ** 1
                * ((lambda n, a: ((n / a - 1) / (n / a + 1)) / ((n - 1) / (n + 1)))(
                    data.fact("bidders_per_impression").low, data.fact("targeting_audience_share").low))),
    ),
    shown=lambda: _auction_multiplier(data.fact("bidders_per_impression").low),
))
