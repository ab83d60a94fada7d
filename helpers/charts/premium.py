"""Views of the premium formats: what scarcity adds to the price, yearly sales, and a brand's campaign plan."""

from __future__ import annotations

from functools import cache

import numpy as np

from .. import analysis, data, premium, style
from .view import View
from .flows import labelled_bars

LABELS = {"takeover": "Brand takeover", "topview": "TopView", "challenge": "Hashtag challenge",
          "effect": "Branded effect", "in_feed": "In-feed ads"}
COLORS = {"takeover": style.PURPLES[0], "topview": style.PURPLES[1], "challenge": style.PURPLES[2],
          "effect": style.PURPLES[3], "in_feed": style.THING["in_feed"], "unspent": style.THING["unspent"]}


#: The inputs behind each format's price per 1,000 impressions (``premium.effective_cpms``).
CPM_INPUTS = ("cpm_usd", "takeover_price_usd", "takeover_impressions", "topview_cpm_usd", "challenge_price_usd_k",
              "challenge_impressions", "effect_price_usd_k", "effect_impressions")
#: The inputs behind each format's yearly sales: its price and how many it sells.
SALES_INPUTS = ("takeover_price_usd", "takeover_slots_per_day", "topview_price_usd", "topview_slots_per_day",
                "challenge_price_usd_k", "challenges_per_year", "effect_price_usd_k", "effects_per_year")


@cache
def sales_ranges() -> dict:
    """Each format's yearly sales over the plausible ranges of its price and volume (the base case's envelope)."""
    return analysis.envelope(premium.PREMIUM_SALES, SALES_INPUTS)


def draw_cpms(ax) -> None:
    cpms = premium.effective_cpms()
    ranges = analysis.envelope(premium.PLANNER, CPM_INPUTS, of=premium.effective_cpms)
    labelled_bars(ax, list(cpms), list(cpms.values()),
                  [COLORS[{v: k for k, v in LABELS.items()}.get(lab, "in_feed")] for lab in cpms],  # each format its shade
                  fmt=style.money, pad=1.15, ranges=[ranges[k] for k in cpms])  # prices to the cent
    style.money_axis(ax, "x")
    auction = cpms["In-feed (auction)"]
    style.decorate(ax, title=f"App-open slots cost {cpms['Brand takeover'] / auction:.0f}-{cpms['TopView'] / auction:.0f} "
                             "times the auction's price per 1,000 views",
                   xlabel="Price per 1,000 impressions (USD); whisker: its plausible range",
                   source=data.cite(["in_feed_cpm", "takeover_price_2019", "topview_cpm_blog",
                                     "hashtag_challenge_price_blog", "challenge_impressions",
                                     "branded_effect_price_blog", "effect_impressions"]))


def draw_sales(ax, result, inputs) -> None:
    keys = [("takeover_usd_b", "Brand takeover"), ("topview_usd_b", "TopView"),
            ("challenges_usd_b", "Hashtag challenges"), ("effects_usd_b", "Branded effects")]
    ranges = sales_ranges()  # the base case's: a reference for any setting
    labelled_bars(ax, [lab for _, lab in keys], [result[k] for k, _ in keys], list(style.PURPLES),
                  fmt=lambda v: style.money(v, "USD billion"), floor=0.1, pad=1.2, ranges=[ranges[k] for k, _ in keys])
    style.money_axis(ax, "x", unit="USD billion")
    lo, hi = ranges["premium_usd_b"]
    style.decorate(ax, title=f"Premium formats earn {style.money(result['premium_usd_b'], 'USD billion')} a year "
                             f"({style.money(lo, 'USD billion')} to {style.money(hi, 'USD billion')} on the plausible "
                             f"prices and volumes), {style.percent(result['premium_vs_in_feed'])} of in-feed revenue",
                   xlabel="Revenue per year (USD); whisker: its plausible range",
                   source=data.cite(premium.PREMIUM_SALES.facts))


def readout_sales(result, inputs) -> dict:
    return {
        "Brand takeover": style.money(result["takeover_usd_b"], "USD billion"),
        "TopView": style.money(result["topview_usd_b"], "USD billion"),
        "Hashtag challenges": style.money(result["challenges_usd_b"], "USD billion"),
        "Branded effects": style.money(result["effects_usd_b"], "USD billion"),
        "Premium formats per day": style.money(result["premium_per_day_usd_m"], "USD million"),
        "Premium formats per year": style.money(result["premium_usd_b"], "USD billion"),
        "In-feed ads per year (notebook 02)": style.money(result["in_feed_usd_b"], "USD billion"),
    }


PREMIUM_SALES = View(draw_sales, readout_sales, figsize=(6.4, 3.0), model=premium.PREMIUM_SALES)


def draw_plan(ax, result, inputs) -> None:
    left = 0.0
    for f in premium.FORMATS:
        v = result[f"spend_{f}_usd"]
        ax.barh([0], [v], left=left, height=0.6, color=COLORS[f], label=LABELS[f])
        left += v
    ax.barh([0], [result["unspent_usd"]], left=left, height=0.6, color="white",
            edgecolor=COLORS["unspent"], hatch="///", label="Unspent")
    ax.set_yticks([])
    ax.set_ylim(-0.45, 1.25)  # room above the bar for the legend, inside the axes
    ax.set_xlim(0, inputs["premium_budget_usd"] * 1.02)
    style.money_axis(ax, "x")
    ax.legend(ncols=3, fontsize=8, frameon=False, loc="upper center")
    style.decorate(ax, title=f"Reach {style.percent(result['reach_share'])} of the audience at "
                             f"{style.money(result['cost_per_thousand_reached_usd'])} per 1,000 people reached",
                   xlabel="Where the budget goes (USD)", source=data.cite(premium.PLANNER.facts))


def readout_plan(result, inputs) -> dict:
    return {
        "Spent (TikTok's revenue)": style.money(result["spent_usd"]),
        "Unspent (whole days or campaigns only)": style.money(result["unspent_usd"]),
        "Takeover days, TopView days": f"{result['takeover_days']:,.0f}, {result['topview_days']:,.0f}",
        "Challenges, effects": f"{result['challenges']:,.0f}, {result['effects']:,.0f}",
        "Impressions": style.number(result["impressions"]),
        "People reached": style.number(result["reach"]),
        "Average views per person reached": f"{result['frequency']:,.1f}",
        "Cost per 1,000 people reached": style.money(result["cost_per_thousand_reached_usd"]),
        "Engagements (clicks and user videos)": style.number(result["engagements"]),
    }


PLANNER = View(draw_plan, readout_plan, figsize=(6.4, 2.8), model=premium.PLANNER)


def draw_reserve(ax, bidders=(1, None, 10)) -> None:
    """Expected revenue of one slot's auction against its reserve price, for a few numbers of brands (None: the
    base case's), per dollar of the top value; a dot at the best reserve."""
    rho = np.linspace(0, 1, 201)
    base = int(premium.RESERVE_AUCTION.base()["app_open_bidders"])
    shown = [base if n is None else n for n in bidders]
    # The premium formats' purple throughout, told apart by the line's dash and a label at each curve's best
    # reserve (a legend would sit on the curves).
    for n, dash in zip(shown, ("-", "--", ":")):
        label = f"{n} brand{'s' if n > 1 else ''}" + (" (base case)" if n == base else "")
        best = premium.reserve_revenue(n, 0.5)
        ax.plot(rho, premium.reserve_revenue(n, rho), color=style.THING["premium"], lw=2, ls=dash, label=label)
        ax.plot([0.5], [best], "o", color=style.PURPLES[0])
        ax.annotate(label, (0.5, best), xytext=(6, 5), textcoords="offset points", fontsize=8, color=style.PURPLES[0])
    ax.axvline(0.5, color=style.THING["reference"], lw=0.8, ls=":")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    style.percent_axis(ax, "x")
    style.decorate(ax, title="A reserve at half the top value earns most, and adds most when few brands bid",
                   xlabel="Reserve price, as a share of the top value", ylabel="Expected price per $ of top value",
                   source=data.cite(["app_open_bidders"]))
