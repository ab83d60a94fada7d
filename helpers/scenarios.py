"""Whole-course scenarios, routed to the models: the one layer that knows which model takes which input.

A capstone scenario (``docs/capstone.md``) changes inputs of several models at once: the company's base
year, the outlook's growth rates, the risks' likelihoods and sizes. Each model takes its own inputs and
nothing else; this module hands each the part of a scenario that is its own, and refuses a name that no
model of the course has (suggesting the nearest). It sits above the models and beside :mod:`helpers.analysis`,
so no model imports another to route a scenario.
"""

from __future__ import annotations

import pandas as pd

from .analysis import Scenario, changes_for
from .outlook import OUTLOOK, YEARS, year
from .params import Model
from .revenue_mix import COMPANY
from .risks import RISK_MATRIX, get
from . import risks
from .streams import STREAMS

#: The models a whole-course scenario may change (every other model is a part of one of them).
COURSE_MODELS: tuple[Model, ...] = (COMPANY, OUTLOOK, RISK_MATRIX)


def changes(scenario, model: Model) -> dict:
    """The changes ``scenario`` (a :class:`~helpers.analysis.Scenario`, a dict of changes, or None for the base
    case) makes to ``model``'s inputs; a name none of the course's models has is an error."""
    return changes_for(scenario, model, *(m for m in COURSE_MODELS if m is not model))


def years(scenario=None) -> pd.DataFrame:
    """Revenue by stream (and advertising's total) in the base year and each of the next three, USD billion,
    one row per calendar year, in the base case or in a scenario."""
    out = OUTLOOK(**changes(scenario, OUTLOOK))
    columns = [*(s.key for s in STREAMS), "ads", "revenue"]
    rows = {year(t): {c: float(out[f"{c}_y{t}_usd_b"]) for c in columns} for t in range(YEARS + 1)}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "year"
    return table


def profit_impact(name: str, scenario=None) -> float:
    """Change in yearly operating profit (USD billion) if risk ``name`` alone strikes, in the base case or in a
    year of the scenario (against the same year without the risk)."""
    return get(name).profit_impact(**changes(scenario, RISK_MATRIX))


def risk_inputs(name: str, scenario=None) -> dict:
    """The company's inputs in a year of the scenario when risk ``name`` alone strikes."""
    return get(name).inputs(**changes(scenario, RISK_MATRIX))


def simulate(scenario=None, *, n: int = 100_000, seed: int = 2026, likelihoods: dict | None = None):
    """:func:`helpers.risks.simulate` in a scenario: each risk strikes with its likelihood (the scenario's, where
    it sets one, unless ``likelihoods`` overrides it), every other input at the scenario's value."""
    return risks.simulate(n=n, seed=seed, likelihoods=likelihoods, changes=changes(scenario, RISK_MATRIX))


__all__ = ["COURSE_MODELS", "Scenario", "changes", "profit_impact", "risk_inputs", "simulate", "years"]
