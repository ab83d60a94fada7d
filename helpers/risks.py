"""What could break the model: the business-model risks that are events — a ban, a privacy clamp-down, an ad
downturn — each a change to the company model anchored in sourced events, with a yearly likelihood; what each
takes over the years it lasts, in today's money; their expected cost; and a Monte Carlo of all of them
together. The two slower risks the seed article names, an ageing audience and competition, are not events but
drifts in the outlook's growth (:mod:`helpers.outlook`: ``ageing_drift`` and ``rival_shift``).

A risk's ``strike`` turns the company's inputs into the inputs after it strikes (a fifth less viewing; a
share of the business lost). Every size it uses is a declared input with a row in ``data/`` (the US share
of ad revenue, the Irish regulator's large fines, the shortfall in an ad recession, and the course's labelled teaching
assumptions where no source measures a size), so the matrix and the simulation read nothing behind their
declarations and analysis can vary every one. A model here takes its own inputs only: a whole-course
scenario reaches it through :mod:`helpers.scenarios`. When several risks strike in one draw they apply one after another: factors multiply, a
share lost takes the larger value, and a fine adds to the year's fines. Each risk is sized on a precedent
of its own kind: privacy on privacy-law (GDPR) fines, a downturn on a year's decline.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable

import numpy as np

from .revenue_mix import BAN_SHARE, COMPANY, company
from .params import Inputs, Model, Param, check_number, check_share, divide, suggest, tidy

PRIVACY_CUT = Param("privacy_signal_cut", "Lift removed by a privacy clamp-down", "share", min=0, max=1,
                    step=0.05, fact="risk_privacy_signal_cut", fmt="{:.0%}")
PRIVACY_FINE = Param("privacy_fine_usd_b", "A large privacy-law fine (the Irish fines on average)",
                     "USD billion", min=0, max=5, step=0.01, fact="gdpr_fine_mean_usd", fmt="${:,.2f}B")
DOWNTURN = Param("ad_downturn_drop", "Shortfall against the trend in an ad recession", "share", min=0,
                 max=0.5, step=0.005, fact="ad_shortfall_2009", fmt="{:.1%}")

# ------------------------------------------------------------------------------ risks over the years
DISCOUNT = Param("discount_rate", "Discount rate per year", "share", min=0.06, max=0.2, step=0.005,
                 fact="discount_rate", fmt="{:.1%}")
LONG_GROWTH = Param("long_run_growth", "Long-run growth of profit per year", "share", min=0.0, max=0.05,
                    step=0.005, fact="long_run_growth", fmt="{:.1%}")
PERSISTENCE = Param("downturn_persistence", "Share of a downturn's shortfall left a year later", "share", min=0,
                    max=1, step=0.05, fact="downturn_persistence", fmt="{:.0%}")


#: How long a risk's loss lasts: for good, over a recovery (the downturn's persistence), or once.
LASTS = ("for good", "recovers", "once")


@dataclass(frozen=True)
class Risk:
    """One risk: what it changes in the company (``strike``) and how long the loss lasts (``lasts``: ``"for
    good"``, ``"recovers"`` over the years after, by the downturn's persistence, or ``"once"``); ``once`` names
    the input of a part of the loss paid once, not every year (a fine)."""

    name: str
    label: str
    likelihood: Param
    rationale: str
    strike: Callable[[Inputs], dict]  # the record before the risk -> the inputs it changes
    lasts: str = "for good"
    once: str | None = None

    def __post_init__(self):
        if self.lasts not in LASTS:
            raise ValueError(f"risk {self.name!r}: lasts must be one of {', '.join(LASTS)}, got {self.lasts!r}")

    @property
    def likelihood_fact(self) -> str:
        return self.likelihood.fact

    def inputs(self, **changes) -> dict:
        """The company's inputs in a year when this risk alone strikes, from the risk model's inputs (its base
        case with ``changes``; :mod:`helpers.scenarios` turns a whole-course scenario into them)."""
        p = Inputs(RISK_MATRIX.inputs(**changes))
        return {k: float(v) for k, v in (dict(p) | self.strike(p)).items() if k in COMPANY.names}

    def profit_impact(self, **changes) -> float:
        """Change in yearly operating profit (USD billion) if this risk alone strikes: a year with the risk
        against the same year without it, at the risk model's inputs with ``changes``."""
        return float(RISK_MATRIX(**changes)[f"impact_{self.name}_usd_b"])


LIKELIHOODS = tuple(
    Param(f"p_{name}", f"Likelihood per year: {label}", "share", min=0, max=1, step=0.01, fact=fact, fmt="{:.0%}")
    for name, label, fact in (
        ("ban", "regulation and bans", "risk_likelihood_ban"),
        ("clampdown", "privacy clamp-down", "risk_likelihood_clampdown"),
        ("fine", "large privacy fine", "risk_likelihood_privacy"),
        ("downturn", "ad downturn", "risk_likelihood_downturn"),
    )
)
_P = {p.name: p for p in LIKELIHOODS}

RISKS = (
    Risk("ban", "Regulation: a ban", _P["p_ban"],
         "A large market is closed for good, as India was in 2020: here the US share of ad revenue is lost.",
         lambda p: {"lost_market_share": np.maximum(p.lost_market_share, np.round(p.ban_lost_share, 2))}),
    Risk("clampdown", "Privacy: a clamp-down", _P["p_clampdown"],
         "Regulators cut the signals targeting uses, for good: a share of targeting's lift is lost.",
         lambda p: {"signal_loss": np.maximum(p.signal_loss, p.privacy_signal_cut)}),
    Risk("fine", "Privacy: a large fine", _P["p_fine"],
         "A regulator adds, once, a fine as large as the Irish regulator's two fines on TikTok on average.",
         lambda p: {"fines_usd_b": np.asarray(p.fines_usd_b) + np.asarray(p.privacy_fine_usd_b)},
         lasts="once", once="privacy_fine_usd_b"),
    Risk("downturn", "Dependence on advertising", _P["p_downturn"],
         "An ad recession: prices fall short of the trend as US internet advertising did in 2009, and recover over the years after.",
         lambda p: {"ad_market_change": p.ad_market_change * (1 - np.asarray(p.ad_downturn_drop))},
         lasts="recovers"),
)
NAMES = tuple(r.name for r in RISKS)
#: How hard each risk strikes: every size a risk uses, each with its row in data/.
SIZES = (BAN_SHARE, PRIVACY_CUT, PRIVACY_FINE, DOWNTURN)
#: The simulation evaluates the company this many years at a time.
CHUNK = 20_000
#: How losses and profits are valued over the years: each with its row in data/.
VALUATION = (DISCOUNT, LONG_GROWTH, PERSISTENCE)


def all_risks() -> list[Risk]:
    return list(RISKS)


def get(name: str) -> Risk:
    risks = {r.name: r for r in RISKS}
    if name not in risks:
        raise KeyError(f"no risk {name!r}{suggest(name, risks)}")
    return risks[name]


# ----------------------------------------------------------------------- the likelihood × impact matrix
def growth_factor(p):
    """q = (1 + g) / (1 + r): what a dollar of profit a year later is worth today, given the profit grows at g
    and is discounted at r."""
    return (1 + np.asarray(p.long_run_growth)) / (1 + np.asarray(p.discount_rate))


def annuity(p):
    """The present value of a yearly dollar of profit from next year on, growing for good: q / (1 - q) =
    (1 + g) / (r - g) (r > g: the sliders' bounds keep the discount rate above the growth)."""
    q = growth_factor(p)
    return q / (1 - q)


def present_loss(risk: Risk, p, loss):
    """The present value of the profit a risk takes if it strikes next year: ``loss`` (profit lost in a year,
    USD billion) for good, or over the recovery, plus a part paid once at its face value."""
    q, r = growth_factor(p), np.asarray(p.discount_rate)
    once = np.asarray(p[risk.once]) if risk.once else 0.0
    if risk.lasts == "for good":
        return (loss - once) * annuity(p) + once / (1 + r)
    if risk.lasts == "once":
        return loss / (1 + r)
    persistence = np.asarray(p.downturn_persistence)
    return (loss - once) * q * (1 + persistence * q) + once / (1 + r)


def matrix(p) -> dict:
    """Profit lost if each risk strikes alone (its impact, in a year), the present value of what it takes over
    the years (and that as a share of the value of the company's profit), the expected cost of a year's exposure (likelihood
    × present value) and of a year's profit (likelihood × impact), and the chance that at least one strikes."""
    profit = np.asarray(company(p)["profit_usd_b"])
    value = profit * annuity(p)
    out = {}
    for r in RISKS:
        out[f"impact_{r.name}_usd_b"] = np.asarray(company(p.replace(**r.strike(p)))["profit_usd_b"]) - profit
    for r in RISKS:
        out[f"expected_loss_{r.name}_usd_b"] = np.asarray(p[r.likelihood.name]) * -out[f"impact_{r.name}_usd_b"]
    out["expected_loss_usd_b"] = sum(out[f"expected_loss_{n}_usd_b"] for n in NAMES)
    out["value_usd_b"] = value + 0 * profit
    for r in RISKS:
        pv = present_loss(r, p, -out[f"impact_{r.name}_usd_b"])
        out[f"pv_loss_{r.name}_usd_b"] = pv
        out[f"value_share_{r.name}"] = divide(pv, value)  # 0 where the company has no positive value to share
        out[f"expected_pv_loss_{r.name}_usd_b"] = np.asarray(p[r.likelihood.name]) * pv
    out["expected_pv_loss_usd_b"] = sum(out[f"expected_pv_loss_{n}_usd_b"] for n in NAMES)
    out["chance_any"] = 1 - np.prod([1 - np.asarray(p[r.likelihood.name]) for r in RISKS], axis=0)
    return tidy(out)


RISK_MATRIX = Model(
    "Risks: likelihood × value lost",
    matrix,
    params=(*LIKELIHOODS, *SIZES, *VALUATION),
    parts=(COMPANY,),
    # An impact is a change in profit (negative when the risk hurts). Where a market costs more than it
    # earns (far from the base case), losing it raises profit, so an expected loss can be negative too.
    outputs={**{f"impact_{r}_usd_b": "USD billion, can be negative" for r in NAMES},
             **{f"expected_loss_{r}_usd_b": "USD billion, can be negative" for r in NAMES},
             "expected_loss_usd_b": "USD billion, can be negative",
             "value_usd_b": "USD billion, present value; can be negative",
             **{f"pv_loss_{r}_usd_b": "USD billion, present value; can be negative" for r in NAMES},
             **{f"value_share_{r}": "share of the value of the company's profit; 0 where that is not positive" for r in NAMES},
             **{f"expected_pv_loss_{r}_usd_b": "USD billion, present value; can be negative" for r in NAMES},
             "expected_pv_loss_usd_b": "USD billion, present value; can be negative", "chance_any": "share"},
)


def check_draws(n, seed, likelihoods, what: str = "draws") -> dict:
    """A simulation's arguments checked: ``n`` whole and positive, ``seed`` a number, ``likelihoods`` a dict of
    risk names (suggesting the nearest for a typo) to shares. Returns the likelihoods as a new dict."""
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n must be a whole number of {what}, at least 1, got {n!r}")
    check_number("seed", seed)
    likelihoods = dict(likelihoods or {})
    for k, v in likelihoods.items():
        get(k)
        check_share(f"likelihood of {k}", v)
    return likelihoods


def simulate(n: int = 100_000, seed: int = 2026, likelihoods: dict | None = None, changes: dict | None = None):
    """Profit (USD billion) in ``n`` years drawn at random: each risk strikes with its likelihood,
    independently, every other input at its base value — or changed by ``changes`` (a dict of the risk
    model's inputs; likelihoods it changes, ``p_ban`` say, count too, and ``likelihoods``, by risk name,
    overrides them). Returns (profit, how many risks struck) as arrays."""
    likelihoods = check_draws(n, seed, likelihoods, "draws")
    rng = np.random.default_rng(seed)
    start = RISK_MATRIX.inputs(**dict(changes or {}))
    likelihoods = {r.name: float(start[r.likelihood.name]) for r in RISKS} | likelihoods
    hits = {r.name: rng.random(n) < likelihoods[r.name] for r in RISKS}  # every draw first: a seed gives the same years
    struck = sum(h.astype(int) for h in hits.values())
    profit = np.empty(n)
    for lo in range(0, n, CHUNK):  # the company evaluated a chunk of years at a time, so memory stays small
        size = min(CHUNK, n - lo)
        p = Inputs({k: np.full(size, float(v)) for k, v in start.items()})
        for r in RISKS:
            hit = hits[r.name][lo:lo + size]
            p = p.replace(**{k: np.where(hit, v, p[k]) for k, v in r.strike(p).items()})
        profit[lo:lo + size] = np.asarray(company(p)["profit_usd_b"])
    return profit, struck


# ============================================================ a decision case: the US ownership crisis
# December 2024: the law gives ByteDance until 19 January 2025 to sell TikTok's US business or see it banned.
# Three ways out, each valued by what it leaves ByteDance of the value of TikTok's US profit, V (the value a
# ban for good takes, from the matrix above; a pre-tax yardstick, not a valuation):
#
#   ban (refuse, lose in court):               keeps 0,        loses V;
#   sell the US business outright at price P:  keeps P,        loses V − P;
#   a US venture, ByteDance under 20%, the algorithm licensed, keeping a share k of the US profit:
#                                              keeps k × V,    loses (1 − k) × V.
#
# A sale beats the venture only at a price above k × V. P is an analyst's value without the algorithm (China's
# 2020 export rule needs a licence to sell it); k is what Bloomberg's sources reported at the framework stage.
SALE_PRICE = Param("sale_price_usd_b", "Price of the US business in a sale (no algorithm)", "USD billion", min=0,
                   max=150, step=1, fact="us_valuation_ives_no_algo_2025", fmt="${:,.0f}B")
KEPT_SHARE = Param("kept_profit_share", "Share of US profit ByteDance keeps in a venture", "share", min=0, max=1,
                   step=0.05, fact="us_bytedance_profit_share_reported", fmt="{:.0%}")


def us_options(p) -> dict:
    """What each way out of the 2024-2025 US case leaves ByteDance and takes from it, in today's money."""
    value = matrix(p)["pv_loss_ban_usd_b"]  # the value of the US profit: what a ban for good takes
    price, kept = np.asarray(p.sale_price_usd_b, dtype=float), np.asarray(p.kept_profit_share, dtype=float)
    return tidy({
        "us_value_usd_b": value + 0 * price * kept,
        "lost_ban_usd_b": value + 0 * price * kept,
        "lost_sale_usd_b": value - price + 0 * kept,
        "lost_venture_usd_b": (1 - kept) * value + 0 * price,
        "breakeven_sale_price_usd_b": kept * value + 0 * price,
    })


US_OPTIONS = Model(
    "The US ownership case: what each way out takes",
    us_options,
    params=(SALE_PRICE, KEPT_SHARE),
    parts=(RISK_MATRIX,),
    outputs={"us_value_usd_b": "USD billion, present value; can be negative",
             "lost_ban_usd_b": "USD billion, present value; can be negative",
             "lost_sale_usd_b": "USD billion, present value; can be negative",
             "lost_venture_usd_b": "USD billion, present value; can be negative",
             "breakeven_sale_price_usd_b": "USD billion, present value; can be negative"},
)
