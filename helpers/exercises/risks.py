"""Exercises of notebook 08, Risks."""

from .. import data, revenue_mix, risks
from ..params import Inputs
from . import Exercise, Mistake, register

NAMES = ("ban", "clampdown", "fine", "downturn")


def _likelihood(name: str) -> float:
    return risks.get(name).likelihood.base


def _all_struck(**changes) -> Inputs:
    """The company's inputs in a year when all three risks strike, one after another as the model applies them."""
    p = Inputs(risks.RISK_MATRIX.inputs())
    for r in risks.all_risks():
        p = p.replace(**r.strike(p))
    return p.replace(**changes)


def _profit(p: Inputs) -> float:
    return float(revenue_mix.company(p)["profit_usd_b"])


def _chance_any(likelihoods) -> float:
    none = 1.0
    for p in likelihoods:
        none *= 1 - p
    return 1 - none


def _ban_within_fine() -> float:
    """The chance that at least one risk strikes when every year with a ban is also a year with a large privacy
    fine (the two together count once, with the fine's likelihood)."""
    return _chance_any(_likelihood(n) for n in NAMES if n != "ban")


def _costliest_risk() -> str:
    """The prediction's answer: the risk whose year of exposure costs most in expectation (likelihood × the
    present value of what it takes if it strikes)."""
    m = risks.RISK_MATRIX()
    return max(risks.NAMES, key=lambda n: m[f"expected_pv_loss_{n}_usd_b"])


LIFTED_AFTER = 6  # years: India's ban, from June 2020, had lasted six years by 2026


def _ban_lifted(years: int = LIFTED_AFTER, shown: bool = False) -> float:
    """The present value (USD billion) of a ban that strikes next year and is lifted after ``years`` years:
    L x q (1 - q^T) / (1 - q), with L the profit it takes in a year and q = (1 + g) / (1 + r)."""
    base = risks.RISK_MATRIX.base()
    loss = -float(risks.RISK_MATRIX()["impact_ban_usd_b"])
    if shown:  # as the notebook prints them: the loss to a tenth of a billion, the rates to a tenth of a percent
        loss = round(loss, 1)
    q = (1 + base["long_run_growth"]) / (1 + base["discount_rate"])
    return loss * q * (1 - q ** years) / (1 - q)

register(Exercise(
    "08.1", "prediction", "Which risk costs most in expectation?",
    hint="A risk's expected cost is its likelihood times the value it takes, and the value depends on how long the "
         "loss lasts: compare what each takes over the years, not in the year it strikes.",
    options=NAMES, answer=_costliest_risk, form="predict",
    explain=("Ban. The course assumes a ban is rare — the US case ended in a joint venture — but it is the largest "
             "blow and it lasts: a closed market stays closed, so it takes half of the value of the company's profit. A "
             "clamp-down on targeting lasts too, but it takes less and is assumed rarer still: no regulator has "
             "cut TikTok's targeting yet. A large fine is the likeliest event of all, and it costs least: it is "
             "paid once, a small sum beside the value of a market. An ad recession recovers within a couple of "
             "years, and the model's variable costs shrink with revenue. Likelihood × value lost therefore puts "
             "the ban first and the clamp-down second, with the downturn and the fine far behind. Most people "
             "pick the fine, the likeliest, or the downturn, a familiar shock: what decides is how long a loss "
             "lasts. The ranking rests on likelihoods that are judgements: "
             "Exercise 3 asks how unlikely a ban would have to be to lose the lead."),
))
register(Exercise(
    "08.2", "calculation", "Profit in a year when all four risks strike",
    hint="Translate each row of the table of what a risk changes into the company model's inputs — a ban's share "
         "lost, the targeting lift lost and a large fine added to the year's routine fines, advertisers' prices short "
         "of the trend — and run the model once with all of them.",
    answer=lambda: _profit(_all_struck()), unit="USD billion", form="multi-step",
    mistakes=(
        Mistake("added up the four risks' impacts as if each struck alone (each risk shrinks the business the "
                "next one hits, and the variable costs shrink with it)",
                lambda: float(revenue_mix.COMPANY()["profit_usd_b"]) + sum(r.profit_impact() for r in risks.all_risks())),
        Mistake("cut advertisers' prices by 2009's fall on the year before, not by its shortfall against the trend "
                "(a growing market falls short of the year that would have come)",
                lambda: _profit(_all_struck(ad_market_change=1 - data.value("us_internet_ads_2009")))),
    ),
    # Every figure the working needs is displayed (the fine to a hundredth of a billion, the US share to a whole
    # percent, as the model rounds it), so the answer from the display is the answer.
    shown=lambda: _profit(_all_struck(fines_usd_b=revenue_mix.COMPANY.base()["fines_usd_b"]
                                      + round(data.value("gdpr_fine_mean_usd"), 2))),
    follow_up=(
        "Explains that adding the impacts counts each blow against today's whole business, while struck together "
         "each risk hits what the others have left.",
        "Notes that costs which are shares of revenue fall with it; only the fine, a fixed sum, adds up in full.",
        "Concludes that the sum overstates the damage, and that running the model once with every change is the "
         "right way.",
    ),
))
register(Exercise(
    "08.3", "what-if", "How unlikely must a ban be to lose the lead?",
    hint="Move only the ban's slider down and watch the expected losses of value in the readout: the ban's shrinks in "
         "proportion to its likelihood, while the clamp-down's stays put.",
    answer=lambda: float(risks.RISK_MATRIX()["expected_pv_loss_clampdown_usd_b"] / risks.RISK_MATRIX()["pv_loss_ban_usd_b"]),
    rel_tol=0.05,  # the slider moves in whole percentage points, either side of the crossing
    follow_up=(
        "Compares the crossing with the table's plausible range for a ban: it lies at the bottom of that range or "
         "below it, so within the range the ban leads.",
        "Explains why: a ban is the largest loss and it lasts; the ranking would change only if the clamp-down "
         "were judged far likelier than assumed.",
    ),
))
register(Exercise(
    "08.4", "calculation", "The chance that any risk strikes if a ban never comes alone",
    hint="If a ban only ever comes in a year of a large privacy fine, the pair strikes exactly when the fine "
         "does. The chance that none of the risks strikes is then a product over three chances, not four.",
    answer=_ban_within_fine, unit="share", form="extend",
    mistakes=(
        Mistake("kept the ban and the fine independent (the assumption the question changes)",
                lambda: float(risks.RISK_MATRIX()["chance_any"])),
        Mistake("gave the pair the ban's likelihood (a fine can still come alone, with its own likelihood)",
                lambda: _chance_any(_likelihood(n) for n in NAMES if n != "fine")),
        Mistake("added up the likelihoods instead of multiplying the chances that each risk does not strike",
                lambda: sum(_likelihood(n) for n in NAMES if n != "ban")),
    ),
    # The likelihoods are displayed as whole percents, which they are.
    shown=lambda: _chance_any(round(_likelihood(n), 2) for n in NAMES if n != "ban"),
    follow_up=(
        "Explains that fewer years see any risk, because a ban now falls in years that already have a large fine.",
        "Says those years carry a lost market and a fine at once, so double years become as common as bans: the "
         "chance of losing anything drops while the tail of bad years fattens.",
        "Notes that each risk keeps its likelihood, so expected costs are unchanged and only the spread of the "
         "years shows the difference: the independence assumption needs an argument of its own.",
    ),
))
register(Exercise(
    "08.5", "written", "Which risk matters most, and why?",
    hint="Separate how likely a risk is from how much it would cost, and ask which of them TikTok can influence.",
    rubric=("Full marks (3), excellent: ranks the risks by expected loss of value and by worst case and explains "
            "why they can differ (a ban is larger but assumed rarer); weighs the slow drifts (an ageing audience, "
            "viewing lost to rivals) beside the events; argues which matters most with numbers from the notebook; "
            "says which risks TikTok can reduce itself (privacy practices, products for older users) and which it "
            "cannot (ad cycles, governments). 2, good: a defensible ranking with reasons but few numbers, or the "
            "numbers quoted without separating likelihood from size; the drifts or what TikTok controls may be "
            "missing. 1, weak: names a risk as the biggest without reasoning from likelihood and size, or lists "
            "figures with no argument. 0: missing."),
    covers=(
        "Separates how likely a risk is from how much it would cost, and ranks by expected loss of value: a ban, "
         "rare but the largest blow and lasting, comes first.",
        "Notes that the likeliest event, a large fine, matters little because it is paid once, and that a downturn "
         "hurts one year and recovers.",
        "Weighs the drifts (an ageing audience, viewing lost to rivals): small in any one year, but they compound.",
        "Says which risks TikTok can reduce (privacy practices, products for older users) and which it cannot (ad "
         "cycles, governments).",
    ),
))
register(Exercise(
    "08.6", "calculation", "What a ban is worth if it is lifted after six years",
    hint="A ban that is lifted takes the same profit each year, growing with the business, but only for six years: "
         "sum six terms of the series instead of all of them. With q = (1 + g) / (1 + r), the first T terms sum to "
         "q (1 - q^T) / (1 - q) times a year's loss.",
    answer=_ban_lifted, unit="USD billion", form="multi-step",
    mistakes=(
        Mistake("valued the ban for good (the question lifts it after six years)",
                lambda: float(risks.RISK_MATRIX()["pv_loss_ban_usd_b"])),
        Mistake("added six years' losses without discounting them (a dollar in six years is worth less today)",
                lambda: -LIFTED_AFTER * float(risks.RISK_MATRIX()["impact_ban_usd_b"])),
        Mistake("discounted but left out the business's growth (the loss grows with the business, at g)",
                lambda: -float(risks.RISK_MATRIX()["impact_ban_usd_b"]) * sum(
                    (1 + risks.RISK_MATRIX.base()["discount_rate"]) ** -t for t in range(1, LIFTED_AFTER + 1))),
    ),
    shown=lambda: _ban_lifted(shown=True),
    follow_up=(
        "Compares it with a ban for good and explains why the years after the sixth still carry most of the value: "
         "with the discount rate only a few points above growth, a loss that grows with the business is worth many "
         "years of it (the factor q/(1 − q)).",
        "Concludes that how long a ban lasts matters as much as whether it comes: a risk's size and its duration "
         "are separate judgements.",
    ),
))


def _kept_share_to_beat_sale(price_key: str = "us_valuation_ives_no_algo_2025", value_key: str = "us_value_usd_b",
                             flip: bool = False) -> float:
    case = risks.US_OPTIONS()
    value = case[value_key] if value_key in case else risks.RISK_MATRIX()[value_key]
    share = data.value(price_key) / value
    return 1 - share if flip else share


register(Exercise(
    "08.7", "calculation", "The share of US profit that makes the venture beat a sale",
    hint="The venture takes (1 − k) × V and the sale takes V − P; set them equal, with V the value a ban for good "
         "takes (the case's table) and P the 2020 offers' value, and solve for k.",
    answer=lambda: _kept_share_to_beat_sale("us_valuation_2020_offers"), unit="share", form="multi-step",
    mistakes=(
        Mistake("priced the sale at the analyst's 2025 value instead of the 2020 offers", lambda: _kept_share_to_beat_sale()),
        Mistake("priced the sale at the Vice President's value of the venture instead of the 2020 offers",
                lambda: _kept_share_to_beat_sale("us_jv_valuation_vance")),
        Mistake("valued the whole company's yearly profit instead of the US profit (the value a ban takes)",
                lambda: _kept_share_to_beat_sale("us_valuation_2020_offers", "value_usd_b")),
    ),
    shown=lambda: round(data.value("us_valuation_2020_offers"), 1) / round(risks.US_OPTIONS()["us_value_usd_b"], 1),
    follow_up=("Compares the break-even share with the reported one (about half): on these numbers the two options "
               "are close, and the choice turns on what they leave out (a later, forced price; the payment for the "
               "stakes; the revenue left with ByteDance).",
               "Says why the comparison is rough: V is a pre-tax yardstick of what the US adds to the whole company, "
               "P a price for a stand-alone business."),
))
register(Exercise(
    "08.8", "written", "The US ownership case: refuse, sell or seek a venture?",
    hint="Set out what each option takes and how likely each outcome is: a sale's price depends on who may buy and "
         "what they may buy, refusing depends on the courts and on politics, a venture on what ByteDance keeps.",
    rubric=("Full marks (3), excellent: recommends an option and argues it by weighing what each takes (the case's "
            "numbers: the value of the US profit, the 2020 offers, the analyst's price, the reported share "
            "kept) against how likely it is (the courts had upheld the law; Beijing's export rule limits what can be "
            "sold; a deadline depresses a sale's price); names the figure the advice is most sensitive to (the share "
            "kept, or the chance of delay) and explains how hindsight (the 2025 delays, the closing terms) changes "
            "or does not change it. 2, good: a reasoned recommendation with the case's numbers, but no weighing of "
            "likelihoods or no sensitivity. 1, weak: a recommendation with reasons but no figures, or figures "
            "without an argument for one option. 0: no recommendation, or one that ignores the law's terms."),
    covers=(
        "Sets out what each option takes from ByteDance: all of the US value if banned, the value less the price "
        "if sold, the share not kept in a venture.",
        "Weighs how likely each outcome is: the courts had upheld the law, the algorithm could not be sold without "
        "Beijing's licence, a deadline lowers a sale's price.",
        "Names the figure the advice hangs on — the share of US profit kept, which is not public — and what would "
        "change the advice.",
        "Uses hindsight fairly: the 2025 delays and the closing terms were not known in December 2024.",
    ),
))
