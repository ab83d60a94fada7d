"""Exercises of notebook 00, Start here."""

from .. import data, start
from . import Exercise, Mistake, displayed_fact, register

GLANCE = start.REVENUE_AT_A_GLANCE


def _base(name: str) -> float:
    return GLANCE.base()[name]


def _bigger_stream() -> str:
    out = GLANCE()
    return "gifts" if out["gifts_usd_b"] > out["shop_usd_b"] else "shop"


def _bigger_small_stream() -> str:
    """The prediction's answer: which of the two smaller streams earns TikTok more in the base case."""
    base = start.REVENUE_AT_A_GLANCE()
    return max(("gifts", "shop"), key=lambda s: base[f"{s}_usd_b"])

register(Exercise(
    "00.1", "prediction", "Which earns TikTok more: coins and gifts, or the Shop?",
    hint="Both streams start from what people spend; think about the share of that spending TikTok keeps in each.",
    options=("gifts", "shop"), answer=_bigger_small_stream, form="predict",
    explain=("Shop sales are many times larger than viewers' spending on coins, but TikTok keeps only a commission of a "
             "few percent on them, while it keeps more than a third of each dollar spent on coins. A small cut of a "
             "very large flow beats a large cut of a small one: in the base case the Shop earns TikTok a little more "
             "than coins and gifts (the chart below). Many people guess coins and gifts, because the headline "
             "table's blog row for in-app purchases looks larger than anything the Shop could earn; but that row "
             "counts what viewers spend on coins, the same order as their spending, not what TikTok keeps. Both "
             "streams are gross flows of which TikTok "
             "keeps a take, and notebooks 04 and 05 open up each cut."),
))

register(Exercise(
    "00.2", "calculation", "Advertising's share of the reported total",
    hint="Divide the aggregator's ad revenue by its total revenue (both 2024, USD billion). "
         "Give a fraction between 0 and 1.",
    answer=lambda: data.value("tiktok_ad_revenue_2024") / data.value("tiktok_revenue_2024"), unit="share",
    mistakes=(
        Mistake("divided by ByteDance's revenue outside China instead of the aggregator's total for TikTok",
                lambda: data.value("tiktok_ad_revenue_2024") / data.value("bytedance_intl_revenue_2024")),
        # Two wrong turns land within a per cent of each other, so one diagnosis names both
        Mistake("divided by advertising plus in-app purchases only, leaving the rest of the total out, or used the "
                "course's central estimates (the three-stream model) instead of the aggregator's figures",
                lambda: data.value("tiktok_ad_revenue_2024")
                / (data.value("tiktok_ad_revenue_2024") + data.value("tiktok_inapp_revenue_2024"))),
    ),
    shown=lambda: displayed_fact("tiktok_ad_revenue_2024") / displayed_fact("tiktok_revenue_2024"),
    follow_up=(
        "Says the aggregator's own figures make advertising most of TikTok's revenue, and in-app purchases a small "
         "part of it.",
        "Concludes they support the article that calls advertising the biggest earner (Buzzoid) and contradict the "
         "one that credits in-app purchases (High Social).",
    ),
))


def _per_daily_user_day(arpu: float, ratio: float) -> float:
    return arpu / ratio / 365


register(Exercise(
    "00.3", "calculation", "Advertising revenue per daily user per day",
    hint="Advertising revenue per year is monthly users × revenue per monthly user; daily users are monthly users × "
         "the daily share; divide the first by the second, then by the days in a year.",
    answer=lambda: _per_daily_user_day(_base("ad_revenue_per_user"), data.value("dau_mau_ratio")),
    unit="USD", form="multi-step",
    mistakes=(
        Mistake("used monthly users where the question asks for daily ones",
                lambda: _base("ad_revenue_per_user") / 365),
        Mistake("multiplied by the daily share instead of dividing by it (there are fewer daily users than monthly "
                "ones, so each brings in more)",
                lambda: _base("ad_revenue_per_user") * data.value("dau_mau_ratio") / 365),
        Mistake("gave the revenue per daily user per year, not per day",
                lambda: _base("ad_revenue_per_user") / data.value("dau_mau_ratio")),
    ),
    shown=lambda: _per_daily_user_day(displayed_fact("ad_revenue_per_user_2024"), displayed_fact("dau_mau_ratio")),
))


def _best_change() -> str:
    """The change that raises total revenue most: ad revenue per user up a tenth, coin spending or Shop sales doubled."""
    b = GLANCE.base()
    totals = {
        "ads": GLANCE(ad_revenue_per_user=1.1 * b["ad_revenue_per_user"])["total_usd_b"],
        "gifts": GLANCE(spend_usd_b=2 * b["spend_usd_b"])["total_usd_b"],
        "shop": GLANCE(shop_gmv_usd_b=2 * b["shop_gmv_usd_b"])["total_usd_b"],
    }
    return max(totals, key=totals.get)


register(Exercise(
    "00.4", "what-if", "A small change to a big stream, or a big change to a small one?",
    hint="In the panel, make one change at a time — ad revenue per user up by a tenth, viewers' spending on coins "
         "doubled, Shop sales doubled — note the total each time, and reset to the base case in between.",
    answer=_best_change, options=("ads", "gifts", "shop"),
))


def _users_low() -> float:
    return data.fact(start.MONTHLY_USERS.fact).low


register(Exercise(
    "00.5", "calculation", "If there are fewer users, each must bring in more",
    hint="Ad revenue per user is derived: the central advertising estimate (USD billion, so × 1,000 for USD million) "
         "divided by the monthly users (millions). Keep the estimate and use the low end of the users' range.",
    answer=lambda: GLANCE()["ads_usd_b"] * 1000 / _users_low(), unit="USD", form="extend",
    mistakes=(
        Mistake("kept ad revenue per user at its base value, as the sensitivity table does",
                lambda: _base("ad_revenue_per_user")),
        Mistake("divided the central estimate of total revenue, not of advertising revenue",
                lambda: data.value("tiktok_revenue_2024_central") * 1000 / _users_low()),
    ),
    shown=lambda: round(GLANCE()["ads_usd_b"], 1) * 1000 / _users_low(),
    follow_up=(
        "Explains that with fewer users each must bring in more for the central estimate to hold, so advertising "
         "revenue, users × ad revenue per user, does not move.",
        "Says the table's row for users moves them with ad revenue per user held fixed, as if the two were "
         "measured separately, though one is calibrated from the other: its swing is not doubt about revenue.",
        "Places the doubt that matters in the central advertising estimate, until ad revenue per user is measured "
         "another way (viewing, ad load, ad prices).",
    ),
))

register(Exercise(
    "00.6", "written", "Who is subsidised on the platform?",
    hint="Think about who pays money, who pays with attention and who is paid.",
    rubric=("Full marks (3), excellent: names viewers as the subsidised side (a free app; they pay with attention "
            "and data) and explains the mechanism: advertisers and sellers pay because viewers are there, and "
            "creators are paid (gifts, funds, affiliate commission) because their videos hold that attention; ties "
            "it to the notebook's evidence of who pays (advertising, most of the revenue). 2, good: the subsidised "
            "side and why it pays to let it in free, but the creators' role or any evidence of who pays is missing. "
            "1, weak: names viewers as subsidised without explaining why, or lists who pays with no reasoning and "
            "no figures. 0: missing, or a paying side named as subsidised."),
    covers=(
        "Names viewers as the subsidised side: they pay no money, only with their attention and the data it "
         "generates.",
        "Explains that advertisers and sellers pay for that attention: the more viewers, and the longer they "
         "watch, the more those sides will pay.",
        "Notes that creators are paid (gifts, programmes, brand deals, commission) because their videos keep "
         "viewers watching.",
        "Concludes that charging viewers would shrink the audience every paying side pays for.",
    ),
))
