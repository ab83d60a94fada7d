"""Exercises of notebook 03, Premium ad formats."""

import math

from .. import data, premium
from . import Exercise, Mistake, register


def _cheapest_reach() -> str:
    """The format that reaches 1,000 people most cheaply when it gets the whole budget."""
    costs = {}
    for share in premium.SHARES:
        out = premium.PLANNER(**{s: (1.0 if s == share else 0.0) for s in premium.SHARES})
        costs[share.removeprefix("share_")] = out["cost_per_thousand_reached_usd"] if out["reach"] > 0 else float("inf")
    return min(costs, key=costs.get)


def _claim_cpm(price_usd: float | None = None) -> float:
    """The price per 1,000 impressions a takeover day costs at a day price, with the 2019 US deck's impressions."""
    price = data.value("claim_brand_takeover_price") if price_usd is None else price_usd
    return price / data.value("takeover_impressions_per_day") * 1000


def _in_feed_cpm() -> float:
    return premium.PLANNER.base()["cpm_usd"]


def _takeover_days_to_match(rest_usd_b: float | None = None, price_usd: float | None = None,
                            days: float = 365) -> float:
    """Takeover days TikTok would have to sell per day for premium formats to earn as much as the in-feed auction,
    the other premium formats at base: (in-feed − TopView − challenges − effects) ÷ a takeover day's yearly
    revenue."""
    s = premium.PREMIUM_SALES()
    rest = s["in_feed_usd_b"] - s["topview_usd_b"] - s["challenges_usd_b"] - s["effects_usd_b"]
    rest = rest if rest_usd_b is None else rest_usd_b
    price = premium.PREMIUM_SALES.base()["takeover_price_usd"] if price_usd is None else price_usd
    return rest / (price * days / 1e9)


def _shown_rest() -> float:
    """The same, from the panel's readouts as displayed (in-feed $26.5B, TopView $1.1B, challenges $45.0M, ...)."""
    s = premium.PREMIUM_SALES()
    return (round(s["in_feed_usd_b"], 1) - round(s["topview_usd_b"], 1) - round(s["challenges_usd_b"], 4)
            - round(s["effects_usd_b"], 4))


def _audience() -> float:
    return premium.PLANNER.base()["audience_m"] * 1e6


def _half_reach_cost(impressions_per_person: float = math.log(2), audience: float | None = None) -> float:
    """In-feed spending (USD) that reaches half the planner's audience: reach = A (1 − e^(−I/A)) = A/2 needs
    I = A ln 2 impressions, bought at the in-feed CPM."""
    return (_audience() if audience is None else audience) * impressions_per_person * _in_feed_cpm() / 1000


def _premium_band() -> str:
    """The prediction's answer: premium formats' revenue as a share of the auction's, in the prompt's bands."""
    ratio = premium.PREMIUM_SALES()["premium_vs_in_feed"]
    return "under a tenth" if ratio < 0.1 else "a tenth to a half" if ratio <= 0.5 else "over half"

register(Exercise(
    "03.1", "prediction", "Premium formats beside the auction",
    hint="Think of price × quantity: how many premium slots are there to sell, and how many auction impressions?",
    options=("under a tenth", "a tenth to a half", "over half"), answer=_premium_band, form="predict",
    explain=("Each premium slot is expensive, but there are very few of them: one app-open moment per person per "
             "day, sold by the day to one advertiser per category in each market, and a few hundred challenges and "
             "effects a year (the course's teaching assumptions). The auction sells billions of impressions every "
             "day at a few dollars per thousand. Price × quantity: a few dozen premium days a day, however dear, earn "
             "well under a tenth of what the auction earns. Most people guess more, because the headline prices are "
             "so large; the scarcity that makes each slot dear is also what keeps their total small."),
))
register(Exercise(
    "03.2", "calculation", "What the article's takeover price implies per 1,000 views",
    hint="Turn the article's day price into a price per 1,000 impressions with the US deck's guaranteed impressions "
         "a day, then divide by the in-feed auction's CPM.",
    answer=lambda: _claim_cpm() / _in_feed_cpm(), unit="multiple",
    mistakes=(
        Mistake("used the course's derived 2019 price instead of the article's claim",
                lambda: _claim_cpm(data.value("takeover_price_2019")) / _in_feed_cpm()),
        Mistake("compared with the media buyer's fixed-buy CPM instead of the in-feed auction's CPM",
                lambda: _claim_cpm() / data.value("fixed_cpm_2019")),
        Mistake("compared with TopView's CPM instead of the in-feed auction's",
                lambda: _claim_cpm() / data.value("topview_cpm_blog")),
    ),
    shown=lambda: _claim_cpm() / _in_feed_cpm(),
))
register(Exercise(
    "03.3", "calculation", "How many takeovers would match the auction?",
    hint="Premium revenue matches the auction when takeovers earn what the in-feed auction earns minus TopView, "
         "challenges and effects; one takeover day sold every day earns its price × 365 a year.",
    answer=_takeover_days_to_match, unit="count", form="extend",
    mistakes=(
        Mistake("matched the takeovers alone to the auction, leaving out what TopView, challenges and effects "
                "already earn",
                lambda: _takeover_days_to_match(rest_usd_b=premium.PREMIUM_SALES()["in_feed_usd_b"])),
        Mistake("left out the 365 days: a day's price is not a year's revenue", lambda: _takeover_days_to_match(days=1)),
        Mistake("priced a takeover day at the article's claim instead of the model's base case",
                lambda: _takeover_days_to_match(price_usd=data.value("claim_brand_takeover_price"))),
    ),
    shown=lambda: _takeover_days_to_match(rest_usd_b=_shown_rest()),
    follow_up=(
        "Says TikTok could not sell that many: a takeover is sold to one advertiser per category per day in each "
         "market, so its markets and categories cap the days it can sell.",
        "Adds that selling more would mean several app-open ads a day for the same viewers, ending the scarcity "
         "and full-screen attention that justify the price.",
        "Concludes that scarcity makes each premium slot dear and keeps the total small: premium formats add to "
         "the auction's revenue, never replace it.",
    ),
))
register(Exercise(
    "03.4", "what-if", "The cheapest way to reach people",
    hint="In the planner, give the whole budget to one format at a time (set the other shares to 0 first) and "
         "compare the cost per 1,000 people reached.",
    answer=_cheapest_reach, options=("takeover", "topview", "challenge", "effect", "in_feed"),
    follow_up=(
        "Says the cheapest is not necessarily best: its cheap reach rests on assumptions with a wide range (for a "
         "challenge, users' own videos), formats sold whole can leave budget unspent, and reach is not clicks or "
         "participation.",
        "Notes that a launch wants guaranteed exposure on day one and control of the message, which the app-open "
         "formats give.",
        "Suggests a mix: an app-open day for reach, a challenge for participation, in-feed ads to fill in.",
    ),
))
register(Exercise(
    "03.5", "calculation", "What it costs to reach half the market with in-feed ads",
    hint="Set the reach formula equal to half the audience and solve for the impressions: 1 − e^(−I/A) = 1/2 gives "
         "I = A × ln 2 (the natural logarithm). Then price those impressions at the in-feed CPM.",
    answer=_half_reach_cost, unit="USD", form="multi-step",
    mistakes=(
        Mistake("bought one impression for each person to be reached, forgetting that some people see the ad more "
                "than once", lambda: _half_reach_cost(0.5)),
        Mistake("used the base-10 logarithm instead of the natural one", lambda: _half_reach_cost(math.log10(2))),
        Mistake("priced the impressions at TopView's CPM instead of the in-feed auction's",
                lambda: _half_reach_cost() * data.value("topview_cpm_blog") / _in_feed_cpm()),
        Mistake("took notebook 01's 2024 count of US monthly users (us_mau_2024) instead of the planner's "
                "audience (us_mau_2023)", lambda: _half_reach_cost(audience=data.value("us_mau_2024") * 1e6)),
    ),
    shown=lambda: _half_reach_cost(),
    follow_up=(
        "Explains that impressions fall at random on the audience, so as the campaign goes on more of them land on "
         "people who have already seen the ad.",
        "Says reaching half the audience once takes ln 2 impressions per person, more than a half, and each "
         "further step of reach costs more than the one before.",
    ),
))
register(Exercise(
    "03.6", "written", "When does TopView play?",
    hint="Compare the two articles' words with TikTok's own help page, and name the evidence that would settle it.",
    rubric=("Full marks (3), excellent: states, citing TikTok's help page as the evidence, that TopView plays when "
            "the app opens, before other videos; explains that one article ('after a few seconds') is close and the "
            "other ('after scrolling a while') describes a different product, probably a reserved in-feed slot; "
            "proposes evidence that would settle it (the official documentation, opening the app repeatedly, an ad "
            "library) and why it beats a blog. 2, good: the right verdict from the help page, but no reason for the "
            "other article's account, or no evidence that would settle it. 1, weak: picks the right article from "
            "the articles' words alone, with no source and no reasoning. 0: missing, or backs 'after scrolling'."),
    covers=(
        "Cites TikTok's own help page: TopView plays when the app opens, before any other video, then behaves like "
         "an in-feed video.",
        "Judges the article that says 'after a few seconds when you open TikTok' close to that.",
        "Explains the other article ('after scrolling for a while') as probably describing a reserved in-feed slot "
         "(sold as TopFeed) or ordinary in-feed ads.",
        "Names evidence that would settle it: the official documentation, opening the app repeatedly where a "
         "TopView runs, or the ad library the EU's Digital Services Act requires.",
    ),
))


def _reserve_gain(bidders: int = 2, reserve: float = 0.5) -> float:
    best, plain = premium.reserve_revenue(bidders, reserve), premium.reserve_revenue(bidders, 0.0)
    return (best - plain) / plain


register(Exercise(
    "03.7", "calculation", "A reserve price on a quiet day",
    hint="Work out R(ρ) at the best reserve and at ρ = 0 (the plain auction's price) with n = 2, and divide the "
         "difference by the plain auction's price.",
    answer=_reserve_gain, unit="share", form="multi-step",
    mistakes=(
        Mistake("kept the base case's number of brands instead of the two of the question", lambda: _reserve_gain(3)),
        Mistake("gave the expected price with the reserve, not how much more it is than without",
                lambda: premium.reserve_revenue(2, 0.5)),
        Mistake("divided the difference by the price with the reserve instead of the price without it",
                lambda: 1 - premium.reserve_revenue(2, 0.0) / premium.reserve_revenue(2, 0.5)),
    ),
    shown=_reserve_gain,
    follow_up=("Explains that with fewer brands the second-highest value falls further below the winner's, so a plain "
               "auction leaves more on the table and a price floor recovers more of it.",
               "Names the cost: with fewer brands the day stays unsold more often at the same reserve."),
))
