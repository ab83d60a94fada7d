"""Exercises of notebook 00, Start here."""

from .. import data, start
from . import Exercise, register

register(Exercise(
    "00.1", "calculation", "Advertising revenue per user per month",
    hint="Take the ad revenue per user per year from the table and spread it over 12 months.",
    answer=lambda: data.value("ad_revenue_per_user_2024") / 12,
))
register(Exercise(
    "00.2", "calculation", "Advertising's share of the reported total",
    hint="Divide the aggregator's ad revenue by its total revenue (both 2024, USD billion). "
         "Give a fraction between 0 and 1.",
    answer=lambda: data.value("tiktok_ad_revenue_2024") / data.value("tiktok_revenue_2024"),
))


def _biggest_lever() -> str:
    """The stream whose revenue changes most when its driver doubles (ads, gifts or shop)."""
    base = start.REVENUE_AT_A_GLANCE()
    return max(("ads", "gifts", "shop"), key=lambda s: base[f"{s}_usd_b"])


register(Exercise(
    "00.3", "what-if", "Which stream's driver moves total revenue most?",
    hint="In the panel, double one driver at a time (users, in-app spending, Shop sales) and watch the total.",
    answer=_biggest_lever, options=("ads", "gifts", "shop"),
))
register(Exercise(
    "00.4", "written", "Who is subsidised on the platform?",
    hint="Think about who pays money, who pays with attention and who is paid.",
    rubric=("Full marks (3): names viewers as the subsidised side (free app, pay with attention and data); "
            "explains that advertisers and sellers pay because viewers are there; notes creators are paid "
            "(gifts, funds, affiliate commission) because their videos hold attention. "
            "2: two of the three. 1: one. 0: none or no reasoning."),
))
