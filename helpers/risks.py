"""What could break the model: the five business-model risks, each a change to the company model anchored in
sourced events, with a yearly likelihood; their expected cost; and a Monte Carlo of all of them together.

A risk's ``factors`` multiply base inputs (0.8 × minutes watched); its ``sets`` put an input at a value (a
share of the business lost). When several risks change the same input in one draw, factors multiply and
set values take the largest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from . import data
from .company import COMPANY
from .params import Model, Param, suggest


@dataclass(frozen=True)
class Risk:
    name: str
    label: str
    likelihood_fact: str
    rationale: str
    factors: dict = field(default_factory=dict)
    sets: dict = field(default_factory=dict)

    def inputs(self) -> dict:
        base = COMPANY.base()
        return base | {k: base[k] * f for k, f in self.factors.items()} | self.sets

    def profit_impact(self) -> float:
        """Change in yearly operating profit (USD billion) if this risk alone strikes."""
        return float(COMPANY(**self.inputs())["profit_usd_b"] - COMPANY()["profit_usd_b"])


def all_risks() -> list[Risk]:
    dsa_max = data.value("dsa_max_fine_bytedance")
    return [
        Risk("ban", "Regulation and bans", "risk_likelihood_ban",
             "A large market is closed, as India was in 2020: here the US share of ad revenue is lost.",
             sets={"lost_market_share": round(data.value("us_share_ad_revenue"), 2)}),
        Risk("privacy", "Privacy and data security", "risk_likelihood_privacy",
             "Targeting signals are cut and the EU imposes a DSA fine at a third of its ceiling.",
             sets={"signal_loss": 0.4, "fines_usd_b": round(dsa_max / 3, 1)}),
        Risk("downturn", "Dependence on advertising", "risk_likelihood_downturn",
             "An ad recession: prices fall as much as Google's ad revenue did in 2020.",
             sets={"ad_market_change": round(1 - data.value("google_ads_q2_2020"), 2)}),
        Risk("demographics", "User demographics", "risk_likelihood_demographics",
             "The young audience ages out and older users do not come: a tenth fewer users, slightly lower prices.",
             factors={"monthly_users_m": 0.9}, sets={"ad_market_change": 0.97}),
        Risk("competition", "Competition", "risk_likelihood_competition",
             "A fifth of viewing time moves to Reels and Shorts.", factors={"minutes_per_day": 0.8}),
    ]


def get(name: str) -> Risk:
    risks = {r.name: r for r in all_risks()}
    if name not in risks:
        raise KeyError(f"no risk {name!r}{suggest(name, risks)}")
    return risks[name]


def simulate(n: int = 100_000, seed: int = 2026, likelihoods: dict | None = None):
    """Profit (USD billion) in ``n`` years drawn at random: each risk strikes with its likelihood,
    independently. Returns (profit, how many risks struck) as arrays."""
    from .params import check_number, check_share

    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a whole number of draws, at least 1, got {n!r}")
    check_number("seed", seed)
    risks = all_risks()
    likelihoods = dict(likelihoods or {})
    for k, v in likelihoods.items():
        get(k)
        check_share(f"likelihood of {k}", v)
    rng = np.random.default_rng(seed)
    base = COMPANY.base()
    inputs = {k: np.full(n, float(v)) for k, v in base.items()}
    struck = np.zeros(n, dtype=int)
    for r in risks:
        p = likelihoods.get(r.name, data.value(r.likelihood_fact))
        hit = rng.random(n) < p
        struck += hit
        for k, f in r.factors.items():
            inputs[k] = np.where(hit, inputs[k] * f, inputs[k])
        for k, v in r.sets.items():
            if k == "ad_market_change":  # price shocks compound
                inputs[k] = np.where(hit, inputs[k] * v, inputs[k])
            else:
                inputs[k] = np.where(hit, np.maximum(inputs[k], v), inputs[k])
    return np.asarray(COMPANY(**inputs)["profit_usd_b"]), struck


# ----------------------------------------------------------------------- the likelihood × impact matrix
@lru_cache(maxsize=1)
def _impacts() -> dict:
    """Profit lost if each risk strikes alone (USD billion, positive); data does not change while a kernel runs."""
    return {r.name: -r.profit_impact() for r in all_risks()}


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


def matrix(p_ban, p_privacy, p_downturn, p_demographics, p_competition) -> dict:
    """Expected yearly profit lost to each risk (likelihood × impact) and the chance that at least one strikes."""
    ps = {"ban": p_ban, "privacy": p_privacy, "downturn": p_downturn, "demographics": p_demographics,
          "competition": p_competition}
    impacts = _impacts()
    out = {f"expected_loss_{k}_usd_b": np.asarray(p) * impacts[k] for k, p in ps.items()}
    out["expected_loss_usd_b"] = sum(out.values())
    out["chance_any"] = 1 - np.prod([1 - np.asarray(p) for p in ps.values()], axis=0)
    return {k: (float(v) if np.ndim(v) == 0 else v) for k, v in out.items()}


RISK_MATRIX = Model(
    "Risks: likelihood × impact",
    matrix,
    params=LIKELIHOODS,
    outputs={**{f"expected_loss_{r}_usd_b": "USD billion" for r in ("ban", "privacy", "downturn", "demographics",
                                                                     "competition")},
             "expected_loss_usd_b": "USD billion", "chance_any": "share"},
)
