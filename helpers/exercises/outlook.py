"""Exercises of notebook 09, Competition and outlook."""

from functools import lru_cache

from .. import analysis, attention, data, outlook, pricing, scenarios
from . import Exercise, Mistake, register


def _tiktok_per_daily_user(users_m: float | None = None) -> float:
    """TikTok's 2024 revenue per daily user, in USD (the company model's revenue over the attention model's users)."""
    users = attention.ATTENTION()["daily_users_m"] if users_m is None else users_m
    return outlook.OUTLOOK()["revenue_y0_usd_b"] * 1000 / users


def _snap_per_daily_user() -> float:
    """Snap's 2024 revenue over its daily users, in USD."""
    return data.value("snap_revenue_2024") * 1000 / data.value("snap_dau_2024")


def _breakeven_with_ads() -> float:
    """The largest share of GMV TikTok can lose to the fee rise when sellers also spend, per dollar of GMV, half as
    much on ads as they pay in fees at today's rate, and a seller who leaves takes that ad spend with it."""
    r0, r1 = data.value("shop_referral_fee_us_2024"), data.value("shop_fee_us_jul2024")
    ads = r0 / 2
    return 1 - (r0 + ads) / (r1 + ads)


def _ad_growth() -> float:
    return outlook.OUTLOOK.base()["ad_growth"]


def _ageing() -> float:
    return outlook.OUTLOOK.base()["ageing_drift"]


#: The notebook's paths: 20,000 of them, seed 2027 (scenarios.ahead's defaults).
PATHS, PATHS_SEED = 20_000, 2027


@lru_cache(maxsize=1)
def _fan() -> "object":
    return scenarios.fan(scenarios.ahead(n=PATHS, seed=PATHS_SEED))


def _median_against_path() -> str:
    """The prediction's answer: where the paths' median profit in the last year lies against the path with every
    input at base and no events ("about the same" within 5%)."""
    last = outlook.year(outlook.YEARS)
    median = float(_fan().loc[last, "p50"])
    path = float(outlook.OUTLOOK()[f"profit_y{outlook.YEARS}_usd_b"])
    if abs(median - path) <= 0.05 * abs(path):
        return "about the same"
    return "above" if median > path else "below"


def _most_views() -> str:
    """The prediction's answer: of TikTok and YouTube Shorts, the one with more daily views in the rivals table."""
    views = {"tiktok": float(attention.ATTENTION()["videos_per_day_b"]),
             "youtube shorts": data.value("yt_shorts_daily_views_2025")}  # as the rivals table shows them
    return max(views, key=views.get)

register(Exercise(
    "09.1", "prediction", "Which counts more short videos watched a day: TikTok or YouTube Shorts?",
    hint="Think about reach — how many people can see each company's short videos — as well as how much each "
         "viewer watches.",
    options=("tiktok", "youtube shorts"), answer=_most_views, form="predict",
    explain=("YouTube Shorts, by its own count: 200 billion views a day in 2025, nearly three times its 2023 figure, "
             "against the course's estimate of TikTok's. Shorts sits inside YouTube, which far more people use than "
             "TikTok, so its short videos reach people who never installed TikTok; Reels, across Facebook and "
             "Instagram, had already reported a similar count in 2023. TikTok's own count is large because each of its "
             "users watches so many videos a day, not because it has the most users — its strength is intensity, not "
             "reach. The measures also differ: each company counts a 'view' or a 'play' its own way, and TikTok's "
             "figure is the course's estimate, not a reported one, so read the table as orders of magnitude. Most "
             "people guess TikTok, because it defined the format; the rivals now match it in views, which is the "
             "competition drift of notebook 08."),
))
register(Exercise(
    "09.2", "calculation", "TikTok's revenue per daily user against Snap's",
    hint="Revenue per daily user is a year's revenue divided by daily users, for each company. TikTok's daily users "
         "are the attention model's daily_users_m (monthly users times the share who open the app on a day); Snap's "
         "are in the table. Then divide TikTok's figure by Snap's.",
    answer=lambda: _tiktok_per_daily_user() / _snap_per_daily_user(), unit="multiple", form="multi-step",
    mistakes=(
        Mistake("divided TikTok's revenue by its monthly users where the question asks for daily ones (the table's "
                "users column is monthly for TikTok, daily for Snapchat)",
                lambda: _tiktok_per_daily_user(attention.ATTENTION.base()["monthly_users_m"]) / _snap_per_daily_user()),
        Mistake("used Snap's revenue per daily user in one quarter as if it were a whole year's",
                lambda: _tiktok_per_daily_user() / data.value("snap_revenue_per_dau_q4")),
        Mistake("scaled Snap's fourth quarter up to a year: the holiday quarter earns more than an average one, so "
                "use Snap's revenue for the whole of 2024",
                lambda: _tiktok_per_daily_user() / (4 * data.value("snap_revenue_per_dau_q4"))),
    ),
    # From the rivals table as printed (revenue to one decimal); TikTok's daily users are not printed, so exact.
    shown=lambda: (round(outlook.OUTLOOK()["revenue_y0_usd_b"], 1) * 1000 / attention.ATTENTION()["daily_users_m"])
    / (round(data.value("snap_revenue_2024"), 1) * 1000 / data.value("snap_dau_2024")),
))
register(Exercise(
    "09.3", "calculation", "The fee's break-even, counting the sellers' ads",
    hint="Write what TikTok earns from the US Shop's sellers per year before and after the rise: GMV times (the "
         "referral fee plus the ad spend per dollar of GMV). The rise pays only while the new amount is the larger; "
         "solve for the share of GMV lost.",
    answer=_breakeven_with_ads, unit="share", form="extend",
    mistakes=(
        Mistake("left out the sellers' ad spend (that is the case's break-even line as it stands)",
                lambda: 1 - data.value("shop_referral_fee_us_2024") / data.value("shop_fee_us_jul2024")),
        Mistake("counted the ad spend on one side of the test only (the sellers pay it before the rise as well as "
                "after)",
                lambda: 1 - data.value("shop_referral_fee_us_2024")
                / (data.value("shop_fee_us_jul2024") + data.value("shop_referral_fee_us_2024") / 2)),
        Mistake("divided the fee rise by the old fee plus the ads, where the sellers who stay pay the new fee",
                lambda: (data.value("shop_fee_us_jul2024") - data.value("shop_referral_fee_us_2024"))
                / (1.5 * data.value("shop_referral_fee_us_2024"))),
    ),
    shown=_breakeven_with_ads,  # the case's table shows both rates exactly (whole percents)
    follow_up=(
        "Explains that each seller who leaves now costs TikTok its ad budget as well as its fees, while the rise "
         "adds only a couple of points of fee on the GMV that stays, so less GMV can be lost.",
        "Concludes that the rise still pays if few sellers leave, but the margin of safety is thinner: an argument "
         "for raising the fee in stages and watching sellers' ad spend, or for holding it if sellers can move to "
         "Amazon or their own stores.",
    ),
))
register(Exercise(
    "09.4", "what-if", "Shop growth for a fifth of revenue",
    hint="In the outlook panel, move only the Shop GMV growth until the Shop's share of 2027 revenue reaches 20%.",
    answer=lambda: analysis.goal_seek(outlook.OUTLOOK, "shop_gmv_growth", "shop_share_y3", 0.20), rel_tol=0.03,
))
register(Exercise(
    "09.5", "calculation", "The drift to rivals that would halve ad revenue's growth",
    hint="In the outlook model, advertising is multiplied each year by (1 + ad growth) × (1 − users lost to age) × "
         "(1 − drift to rivals); the base case loses no users to age. Set that factor equal to one plus half the "
         "ad growth, and solve for the drift.",
    answer=lambda: 1 - (1 + _ad_growth() / 2) / ((1 + _ad_growth()) * (1 - _ageing())), unit="share",
    mistakes=(
        Mistake("took half the growth rate as the drift: losing a share after growing takes away more than that "
                "share of the growth, because the loss applies to the grown amount", lambda: _ad_growth() / 2),
        Mistake("found the drift that stops advertising growing altogether, where the question asks for half its "
                "growth", lambda: 1 - 1 / ((1 + _ad_growth()) * (1 - _ageing()))),
    ),
    shown=lambda: 1 - (1 + _ad_growth() / 2) / ((1 + _ad_growth()) * (1 - _ageing())),  # the rates are printed exactly
    follow_up=(
        "Compares the drift with the range in the table of growth assumptions: it lies inside the range, at "
         "about three times the base case, so the range's upper half is a world where rivals halve TikTok's "
         "advertising growth.",
        "Notes that stopping advertising's growth would take a drift of 1 − 1/(1 + g), above the range's top: in "
         "the model rivals slow advertising but do not stop it; an event such as a ban could.",
        "May add that total revenue grows faster than advertising, since the Shop and coins lose no viewing to "
         "rivals in the model.",
    ),
))
register(Exercise(
    "09.6", "written", "How long can TikTok's advantage last?",
    hint="Name the advantage's sources, then ask which of them a rival with more users and money can copy.",
    rubric=("Full marks (3), excellent: identifies the sources of advantage (the For You algorithm and its data, "
            "creators and their audiences, in-app shopping) and the economics behind them (network effects on both "
            "sides, switching costs, data scale); uses the evidence that the format has been copied and rivals' "
            "daily views are comparable or larger; concludes with a reasoned view on which advantages last. "
            "2, good: the sources of advantage and a reasoned view on how long they last, but without the "
            "economics that make them hard to copy, or without the rivals' numbers. "
            "1, weak: lists advantages or asserts a duration without reasons or evidence. 0: missing."),
    covers=(
        "Says what rivals have copied: the format and the vertical feed, within two years; Reels reports more "
         "daily views than the course's estimate for TikTok.",
        "Names what is harder to copy: years of viewing data in a feed built for short video, creators' audiences "
         "(switching costs on the creator side), the closed shopping loop with its sellers.",
        "Notes that viewers' switching costs are low, so the advantage rests on keeping the feed better and "
         "creators paid.",
        "Ends with a reasoned view: it can last years if TikTok keeps long viewing per user and grows the Shop, "
         "but it is not a moat that holds by itself.",
    ),
))
register(Exercise(
    "09.7", "prediction", "Where does the middle path's profit end up?",
    hint="List what the paths draw that the base path leaves out: the events, the drifts, the growth rates, the "
         "costs. For each, ask how far it can move profit up and how far down.",
    options=("above", "about the same", "below"), answer=_median_against_path, form="predict",
    explain=("Below. The path with every input at its base value is not the middle path, because what the paths "
             "draw is not symmetric. The events only ever take profit away, and the two that last — a ban and a "
             "clamp-down on targeting — pile up over the years: by the last year a good share of paths has been "
             "hit by one of them, and stays hit. The drifts can only take viewing and users away, and their "
             "plausible ranges reach further above their base values than below, as does the fixed costs' growth. "
             "The growth rates are drawn "
             "around their base values and move the median little. So the median falls below the base path, by "
             "more each year, while the spread widens as uncertainty compounds; a loss stays unlikely. A base case is a useful reference, but it is not "
             "the most likely outcome when the risks are one-sided."),
))


def _positive_price_threshold() -> float:
    """The semi-elasticity below which the profit-maximising viewer price turns positive: the markup 1/e must exceed
    what a viewer brings advertisers less what it costs to serve, so e < 1 / (value − cost)."""
    base = pricing.TWO_SIDED.base()
    return 1.0 / (base["ad_value_per_viewer_usd"] - base["cost_per_viewer_usd"])


register(Exercise(
    "09.8", "calculation", "How insensitive would viewers have to be to pay for TikTok?",
    hint="The best viewer price is cost − value brought to advertisers + 1 / e. It is above zero when 1 / e is larger "
         "than value − cost; solve for e, the share of viewers a $1-a-year price drives away.",
    answer=_positive_price_threshold, unit="share", form="multi-step",
    mistakes=(
        Mistake("left out the cost of serving a viewer (it raises the price a little, so the threshold is higher)",
                lambda: 1.0 / pricing.TWO_SIDED.base()["ad_value_per_viewer_usd"]),
        Mistake("gave the markup in dollars, not the share of viewers lost per dollar",
                lambda: pricing.TWO_SIDED.base()["ad_value_per_viewer_usd"] - pricing.TWO_SIDED.base()["cost_per_viewer_usd"]),
    ),
    shown=_positive_price_threshold,  # both figures are printed to the cent
    follow_up=(
        "Argues that viewers would have to be very loyal, which is implausible with Reels and Shorts free and one "
         "swipe away: the model's price below zero, paid in kind, fits what TikTok does.",
        "Notes that where viewers are less sensitive (a loyal niche, an ad-free tier for those who hate ads) a "
         "positive price can pay, which is why platforms try subscriptions beside the free service.",
    ),
))
register(Exercise(
    "09.9", "written", "A competitive bottleneck: who pays when advertisers multi-home?",
    hint="Ask which side each platform can have to itself: a viewer watches one app at a time, an advertiser "
         "buys on all of them. Where is the platform a gatekeeper, and where must it compete?",
    rubric=("Full marks (3), excellent: explains that viewers mostly single-home and advertisers multi-home, so "
            "each platform is the only way to reach its own viewers — a bottleneck — and can charge advertisers "
            "close to their full value per viewer, while platforms compete for viewers by giving them more (a free "
            "app, content, creators paid); uses the notebook's numbers (value per viewer, the price the model gives "
            "viewers) and draws a consequence (advertisers bear the market power; rivals such as Reels fight for "
            "viewers' time). 2, good: the mechanism right but no numbers, or numbers without the mechanism. "
            "1, weak: says advertisers pay and viewers do not, without why and without evidence. "
            "0: missing or the wrong way round."),
    covers=(
        "Viewers mostly single-home and advertisers multi-home, so each platform is the only way to reach its own "
         "viewers: a bottleneck.",
        "TikTok can therefore charge advertisers close to what its viewers are worth to them (ad revenue per "
         "viewer, in the notebook's table).",
        "The platforms compete for viewers by giving them more — the free app, content, paid creators — down to "
         "the negative price the model gives viewers.",
        "So advertisers bear the market power, and the platforms compete for viewers' time: a rival wins ad money "
         "by winning viewers first.",
    ),
))
