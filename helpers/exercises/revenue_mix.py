"""Exercises of notebook 07, The revenue mix."""

from functools import lru_cache

from .. import analysis, data, revenue_mix, streams
from . import Exercise, Mistake, displayed_fact, displayed_money, register

M = revenue_mix.COMPANY
#: Exercise 07.1's options, each the input of the priced company model it names.
TOP_INPUTS = {"ad load": "ad_load", "users": "monthly_users_m", "revenue": "revenue_evidence_usd_b",
              "infrastructure": "infrastructure_share", "staff costs": "staff_other_share"}


def _streams(shown: bool = False) -> tuple[float, float, float]:
    """The streams advertisers pay for (in-feed, premium), the other streams (gifts, Shop) and the fixed costs,
    USD billion."""
    b = M()
    f = displayed_money if shown else float
    ads = sum(f(b[s.column]) for s in streams.STREAMS if s.advertising)
    other = sum(f(b[s.column]) for s in streams.STREAMS if not s.advertising)
    return ads, other, f(b["fixed_costs_usd_b"])


def _variable(shown: bool = False) -> float:
    """The share of each dollar of revenue taken by the variable costs (infrastructure, staff and other)."""
    f = displayed_fact if shown else data.value
    return f("infrastructure_share") + f("staff_other_share")


def _break_even_fall(shown: bool = False) -> float:
    ads, other, fixed = _streams(shown)
    return 1 - (fixed / (1 - _variable(shown)) - other) / ads


#: Exercise 07.4's fall in advertisers' prices.
DOWNTURN = 0.15


def _fall_staff_fixed(shown: bool = False) -> float:
    """Profit's fall when ad prices fall by DOWNTURN and staff and other costs stay at their base-case dollars."""
    ads, _, _ = _streams(shown)
    infra = displayed_fact("infrastructure_share") if shown else data.value("infrastructure_share")
    profit = displayed_money(M()["profit_usd_b"]) if shown else float(M()["profit_usd_b"])
    return DOWNTURN * ads * (1 - infra) / profit


@lru_cache(maxsize=1)
def _draws():
    return analysis.monte_carlo(revenue_mix.PRICED, n=100_000, seed=2024, outputs=["margin", "profit_usd_b"])


def _filed_margin() -> float:
    return -data.value("uk_eu_latam_loss_share_2024")  # a loss is a negative margin


def _max_share_lost() -> float:
    """The largest share of the business lost for which a CPM at the top of its plausible range keeps revenue flat.

    From the goal seek's closed form: (1 - b) x (R_in-feed x CPM_top / CPM + other streams) = R."""
    b = M()
    top = M.param("cpm_usd").range[1]
    other = b["revenue_usd_b"] - b["in_feed_usd_b"]  # every stream but in-feed ads, which the CPM prices
    return float(1 - b["revenue_usd_b"] / (b["in_feed_usd_b"] * top / M.base()["cpm_usd"] + other))


def _widest_swing() -> str:
    """The prediction's answer: the option whose input swings operating profit most in the tornado (the
    company priced to the revenue evidence)."""
    swing = analysis.one_way(revenue_mix.PRICED, "profit_usd_b",
                             names=list(TOP_INPUTS.values())).set_index("parameter")["swing"]
    return max(TOP_INPUTS, key=lambda k: swing[TOP_INPUTS[k]])


register(Exercise(
    "07.1", "prediction", "Which input swings profit most?",
    hint="Write profit as revenue less the costs that are shares of revenue and the fixed costs. Then ask what the "
         "price rule above does to revenue when an input of the chain, such as the ad load, moves; and for the other "
         "inputs, how far each plausible range reaches and what it multiplies.",
    options=tuple(TOP_INPUTS), answer=_widest_swing, form="predict",
    explain=("Staff costs: the share of revenue spent on staff and other costs. With the CPM set from the evidence, profit is revenue times what the "
             "variable costs leave of each dollar, less the fixed costs. The ad load and the users do not appear "
             "in that: given the revenue, a higher ad load or more users only lower the price that reproduces "
             "it, so their swing on profit is zero. Revenue appears, but it is known to lie between the two estimates, and "
             "each dollar more of it adds only the share of a dollar that the variable costs leave. A cost share "
             "takes a share of the whole revenue, and the two cost shares are teaching assumptions with wide "
             "ranges; the staff share, the largest cost with the widest range, comes first and the "
             "infrastructure share second. What we know least about — the costs — is what matters most."),
))
register(Exercise(
    "07.2", "calculation", "How far can ad prices fall before TikTok makes a loss?",
    hint="Only advertising (in-feed and premium) moves with advertisers' prices. Infrastructure and staff costs "
         "shrink with revenue; the fixed costs do not. Profit is zero when what is left of revenue after the "
         "variable costs just pays the fixed costs.",
    answer=lambda: 1 - analysis.goal_seek(M, "ad_market_change", "profit_usd_b", 0.0),
    unit="share", form="multi-step",
    mistakes=(
        Mistake("kept every cost where it is as revenue falls (infrastructure and staff costs shrink with revenue)",
                lambda: float(M()["profit_usd_b"]) / _streams()[0]),
        Mistake("let gifts and Shop commission fall with ad prices too (only advertising is priced by advertisers)",
                lambda: 1 - _streams()[2] / (1 - _variable()) / float(M()["revenue_usd_b"])),
        Mistake("gave the level of ad prices at which profit is zero (as a fraction of today's) instead of how far "
                "they fall", lambda: 1 - _break_even_fall()),
    ),
    shown=lambda: _break_even_fall(shown=True),
))
register(Exercise(
    "07.3", "what-if", "The largest loss of business a plausible CPM can make up",
    hint="In the goal-seek panel, move the share of the business lost until the CPM needed reaches the dashed line "
         "(the highest plausible CPM), and read the share lost there.",
    answer=_max_share_lost, rel_tol=0.02,
))
register(Exercise(
    "07.4", "calculation", "Profit's fall in a downturn if staff costs are fixed",
    hint="With advertisers paying 15% less, revenue falls by 15% of the advertising revenue. Of that fall, only "
         "the infrastructure costs shrink with it; staff and other costs now stay put. Divide the fall in profit by "
         "the base-case profit.",
    answer=lambda: 1 - float(M(ad_market_change=1 - DOWNTURN)["revenue_usd_b"] - M(ad_market_change=1 - DOWNTURN)["infrastructure_cost_usd_b"]
                             - M()["fixed_costs_usd_b"] - M()["staff_other_cost_usd_b"]) / float(M()["profit_usd_b"]),
    unit="share", form="extend",
    mistakes=(
        Mistake("kept staff and other costs as a share of revenue (the model's assumption the question changes)",
                lambda: 1 - float(M(ad_market_change=1 - DOWNTURN)["profit_usd_b"] / M()["profit_usd_b"])),
        Mistake("let gifts and Shop commission fall with ad prices too (only advertising is priced by advertisers)",
                lambda: DOWNTURN * float(M()["revenue_usd_b"]) * (1 - data.value("infrastructure_share"))
                / float(M()["profit_usd_b"])),
        Mistake("kept infrastructure costs fixed too (they are still a share of revenue)",
                lambda: DOWNTURN * _streams()[0] / float(M()["profit_usd_b"])),
    ),
    shown=lambda: _fall_staff_fixed(shown=True),
    follow_up=(
        "Says the model has staff costs shrink at once with revenue and this exercise not at all, and that neither "
         "holds for a real company.",
        "Explains the timing: in the first months headcount and salaries are fixed (contracts, notice periods), so "
         "profit falls about as this exercise says; over a year or more, hiring freezes and layoffs let part of "
         "staff costs follow revenue down.",
        "Concludes that operating leverage is not a fixed number: it depends on how fast costs can be cut.",
    ),
))
register(Exercise(
    "07.5", "calculation", "How close does the model come to the filed accounts?",
    hint="Use the table of draws above, sims: its margin column holds each draw's operating margin (a loss is a "
         "negative margin), and the lowest is its minimum.",
    answer=lambda: float(_draws()["margin"].min()), unit="share", form="apply",
    mistakes=(
        Mistake("gave the lowest profit in USD billion, not the lowest margin (profit over revenue)",
                lambda: float(_draws()["profit_usd_b"].min())),
        Mistake("gave the margin below which 5% of the draws lie, not the lowest of all",
                lambda: float(_draws()["margin"].quantile(0.05))),
        Mistake("gave the filed margin itself, not the model's lowest", lambda: _filed_margin()),
    ),
    shown=lambda: float(_draws()["margin"].min()),  # read from the draws themselves, not from a rounded display
    follow_up=(
        "Says even the worst draw's margin is better than the filed accounts show: the model's ranges exclude the "
         "only audited evidence.",
        "Locates the gap in costs, not revenue: the filed markets may be unusual, the cost shares centred too "
         "optimistically or drawn too narrowly, or costs left out (Shop subsidies, payments to ByteDance).",
        "Concludes that the ranges should be widened or re-centred before the model's chance of a loss is "
         "believed.",
    ),
))
register(Exercise(
    "07.6", "written", "Which assumption would you research first?",
    hint="Look at the top of the tornado chart, then ask which of those inputs could be measured, and how.",
    rubric=("Full marks (3), excellent: picks an input at the top of the tornado (the staff and other costs' share, "
            "or the infrastructure share) and argues why its swing matters (a share of the whole revenue, a "
            "teaching assumption with a wide range), or argues for another input while noting that, with the price "
            "set from the revenue evidence, the attention inputs and the CPM move the price rather than profit; "
            "names the evidence that would narrow its range (company filings, headcounts, listed peers' costs, "
            "analyst panels). 2, good: a sensible choice with a reason, but not read from the tornado, or with no "
            "realistic source to research it. 1, weak: names an assumption with no reason and no evidence or data "
            "to look for. 0: missing."),
    covers=(
        "Reads the top of the tornado: the staff-and-other cost share, then the infrastructure share, move profit "
         "the most.",
        "Explains why: each is a share of the whole revenue, and a teaching assumption with a wide range.",
        "Notes that, with the price set from the revenue evidence, the attention inputs and the CPM change how "
         "revenue splits into price and volume, not profit.",
        "Says how to narrow it: TikTok's filed accounts where markets require them, reported headcounts and "
         "salaries, the cost structure of listed platforms.",
    ),
))
