"""What could break the model: the five business-model risks, each a change to the company model anchored in
sourced events, with a yearly likelihood; their expected cost; and a Monte Carlo of all of them together.

A risk's ``strike`` turns the company's inputs into the inputs after it strikes (0.8 × minutes watched; a
share of the business lost). Its size is a declared input too (the US share of ad revenue, the DSA's
ceiling, the fall in an ad recession), so the matrix and the simulation read nothing behind their
declarations. When several risks strike in one draw they apply one after another: factors multiply, a
share lost takes the larger value, and a fine adds to the year's fines. Each risk is sized on a precedent
of its own kind: privacy on privacy-law (GDPR) fines, a downturn on a year's decline.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable

import numpy as np

from .revenue_mix import BAN_SHARE, COMPANY, company
from .params import Inputs, Model, Param, check_number, check_share, suggest, tidy

PRIVACY_CUT = Param("privacy_signal_cut", "Lift removed by a privacy clamp-down", "share", min=0, max=1,
                    step=0.05, default=0.4, plausible=(0.2, 0.6), fmt="{:.0%}")
PRIVACY_FINE = Param("privacy_fine_usd_b", "Privacy fine in a bad year",
                     "USD billion", min=0, max=5, step=0.1, fact="gdpr_fine_2025_usd", fmt="${:,.1f}B")
DOWNTURN = Param("ad_downturn_drop", "Price fall in an ad recession (a year)", "share", min=0,
                 max=0.5, step=0.005, fact="us_internet_ads_2009", fmt="{:.1%}")


@dataclass(frozen=True)
class Risk:
    name: str
    label: str
    likelihood: Param
    rationale: str
    strike: Callable[[Inputs], dict]  # the record before the risk -> the inputs it changes

    @property
    def likelihood_fact(self) -> str:
        return self.likelihood.fact

    def inputs(self, scenario=None) -> dict:
        """The company's inputs (and the risks' sizes) in a year when this risk alone strikes — from the base
        case, or from a scenario's inputs (an :class:`~helpers.analysis.Scenario` or a dict of changes)."""
        p = Inputs(RISK_MATRIX.inputs(**_changes(scenario)))
        return {k: float(v) for k, v in (dict(p) | self.strike(p)).items() if k in COMPANY.names}

    def profit_impact(self, scenario=None) -> float:
        """Change in yearly operating profit (USD billion) if this risk alone strikes, in the base case or in
        a scenario (a year of the scenario with the risk, against the same year without it)."""
        return float(RISK_MATRIX(**_changes(scenario))[f"impact_{self.name}_usd_b"])


def _changes(scenario) -> dict:
    """A scenario's changes to the risk model's inputs (the outlook's growth rates are left out)."""
    from .analysis import changes_for
    from .outlook import OUTLOOK

    return changes_for(scenario, RISK_MATRIX, OUTLOOK)


LIKELIHOODS = tuple(
    Param(f"p_{name}", f"Likelihood per year: {label}", "share", min=0, max=1, step=0.01, fact=fact, fmt="{:.0%}")
    for name, label, fact in (
        ("ban", "regulation and bans", "risk_likelihood_ban"),
        ("privacy", "privacy", "risk_likelihood_privacy"),
        ("downturn", "ad downturn", "risk_likelihood_downturn"),
        ("demographics", "demographics", "risk_likelihood_demographics"),
        ("competition", "competition", "risk_likelihood_competition"),
    )
)
_P = {p.name: p for p in LIKELIHOODS}

RISKS = (
    Risk("ban", "Regulation and bans", _P["p_ban"],
         "A large market is closed, as India was in 2020: here the US share of ad revenue is lost.",
         lambda p: {"lost_market_share": np.maximum(p.lost_market_share, np.round(p.ban_lost_share, 2))}),
    Risk("privacy", "Privacy and data security", _P["p_privacy"],
         "Targeting signals are cut and a regulator adds a fine as large as the largest GDPR fine on TikTok so far.",
         lambda p: {"signal_loss": np.maximum(p.signal_loss, p.privacy_signal_cut),
                    "fines_usd_b": np.asarray(p.fines_usd_b) + np.asarray(p.privacy_fine_usd_b)}),
    Risk("downturn", "Dependence on advertising", _P["p_downturn"],
         "An ad recession: for a year, prices fall as much as US internet advertising did in 2009, its worst year.",
         lambda p: {"ad_market_change": p.ad_market_change * (1 - np.asarray(p.ad_downturn_drop))}),
    Risk("demographics", "User demographics", _P["p_demographics"],
         "The young audience ages out and older users do not come: a tenth fewer users, slightly lower prices.",
         lambda p: {"monthly_users_m": p.monthly_users_m * 0.9, "ad_market_change": p.ad_market_change * 0.97}),
    Risk("competition", "Competition", _P["p_competition"],
         "A fifth of viewing time moves to Reels and Shorts.",
         lambda p: {"minutes_per_day": p.minutes_per_day * 0.8}),
)
NAMES = tuple(r.name for r in RISKS)


def all_risks() -> list[Risk]:
    return list(RISKS)


def get(name: str) -> Risk:
    risks = {r.name: r for r in RISKS}
    if name not in risks:
        raise KeyError(f"no risk {name!r}{suggest(name, risks)}")
    return risks[name]


# ----------------------------------------------------------------------- the likelihood × impact matrix
def matrix(p) -> dict:
    """Profit lost if each risk strikes alone (its impact), expected yearly profit lost to each risk
    (likelihood × impact), and the chance that at least one strikes."""
    profit = np.asarray(company(p)["profit_usd_b"])
    out = {}
    for r in RISKS:
        out[f"impact_{r.name}_usd_b"] = np.asarray(company(p.replace(**r.strike(p)))["profit_usd_b"]) - profit
    for r in RISKS:
        out[f"expected_loss_{r.name}_usd_b"] = np.asarray(p[r.likelihood.name]) * -out[f"impact_{r.name}_usd_b"]
    out["expected_loss_usd_b"] = sum(out[f"expected_loss_{n}_usd_b"] for n in NAMES)
    out["chance_any"] = 1 - np.prod([1 - np.asarray(p[r.likelihood.name]) for r in RISKS], axis=0)
    return tidy(out)


RISK_MATRIX = Model(
    "Risks: likelihood × impact",
    matrix,
    params=(*LIKELIHOODS, BAN_SHARE, PRIVACY_CUT, PRIVACY_FINE, DOWNTURN),
    parts=(COMPANY,),
    # An impact is a change in profit (negative when the risk hurts). Where a market costs more than it
    # earns (far from the base case), losing it raises profit, so an expected loss can be negative too.
    outputs={**{f"impact_{r}_usd_b": "USD billion, can be negative" for r in NAMES},
             **{f"expected_loss_{r}_usd_b": "USD billion, can be negative" for r in NAMES},
             "expected_loss_usd_b": "USD billion, can be negative", "chance_any": "share"},
)


def simulate(n: int = 100_000, seed: int = 2026, likelihoods: dict | None = None, scenario=None):
    """Profit (USD billion) in ``n`` years drawn at random: each risk strikes with its likelihood,
    independently, every other input at its base value — or at a scenario's value (``scenario``: a
    :class:`~helpers.analysis.Scenario` or a dict of changes; likelihoods it changes, ``p_ban`` say, count
    too, and ``likelihoods`` overrides them). Returns (profit, how many risks struck) as arrays."""
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a whole number of draws, at least 1, got {n!r}")
    check_number("seed", seed)
    likelihoods = dict(likelihoods or {})
    for k, v in likelihoods.items():
        get(k)
        check_share(f"likelihood of {k}", v)
    rng = np.random.default_rng(seed)
    start = RISK_MATRIX.inputs(**_changes(scenario))
    likelihoods = {r.name: float(start[r.likelihood.name]) for r in RISKS} | likelihoods
    p = Inputs({k: np.full(n, float(v)) for k, v in start.items()})
    struck = np.zeros(n, dtype=int)
    for r in RISKS:
        hit = rng.random(n) < likelihoods[r.name]
        struck += hit
        p = p.replace(**{k: np.where(hit, v, p[k]) for k, v in r.strike(p).items()})
    return np.asarray(company(p)["profit_usd_b"]), struck
