"""Whole-course scenarios, routed to the models: the one layer that knows which model takes which input.

A capstone scenario (``docs/capstone.md``) changes inputs of several models at once: the company's base
year, the outlook's growth rates, the risks' likelihoods and sizes. Each model takes its own inputs and
nothing else; this module hands each the part of a scenario that is its own, and refuses a name that no
model of the course has (suggesting the nearest). It sits above the models and beside :mod:`helpers.analysis`,
so no model imports another to route a scenario.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import analysis, risks
from .analysis import Scenario, changes_for
from .outlook import OUTLOOK, OUTLOOK_PRICED, YEARS, stream_factor, year
from .params import Inputs, Model
from .revenue_mix import COMPANY, company, company_of, price
from .risks import RISK_MATRIX, get
from .streams import STREAMS

#: The models a whole-course scenario may change (every other model is a part of one of them).
COURSE_MODELS: tuple[Model, ...] = (COMPANY, OUTLOOK, RISK_MATRIX)


def changes(scenario, model: Model) -> dict:
    """The changes ``scenario`` (a :class:`~helpers.analysis.Scenario`, a dict of changes, or None for the base
    case) makes to ``model``'s inputs; a name none of the course's models has is an error."""
    return changes_for(scenario, model, *(m for m in COURSE_MODELS if m is not model))


def years(scenario=None) -> pd.DataFrame:
    """Revenue by stream (and advertising's total), costs and operating profit in the base year and each of the
    next three, USD billion, one row per calendar year, in the base case or in a scenario (no events)."""
    out = OUTLOOK(**changes(scenario, OUTLOOK))
    columns = [*(s.key for s in STREAMS), "ads", "revenue", "costs", "profit"]
    rows = {year(t): {c: float(out[f"{c}_y{t}_usd_b"]) for c in columns} for t in range(YEARS + 1)}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "year"
    return table


#: Events the data already records for a year of the outlook: in 2025 the Irish regulator's €530 million fine
#: came (``gdpr_fine_2025``), no ban did (the US case ended in the joint venture of January 2026,
#: ``us_jv_bytedance_stake``) and no regulator cut TikTok's targeting (``risk_likelihood_clampdown``'s note). The
#: paths take them as they happened, not by chance; what the data does not record for a year (a recession) is
#: still drawn.
KNOWN = {2025: {"fine": True, "ban": False, "clampdown": False}}


def ahead(scenario=None, *, n: int = 20_000, seed: int = 2027, likelihoods: dict | None = None,
          known: bool = True) -> pd.DataFrame:
    """``n`` random paths of revenue and operating profit (USD billion) from the base year through each of the
    next three, in the base case or around a scenario: one row per path, columns ``revenue_<year>`` and
    ``profit_<year>``, ``struck_<year>`` (how many events struck that year) and ``lasting_<year>`` (whether a
    loss that lasts — a ban or a clamp-down — has struck by then).

    What is drawn, in every path:

    * what we do not know: every uncertain input of the outlook and the company (as notebook 07's Monte Carlo),
      around the scenario's values where it sets one within the input's plausible range (held where it sets
      one outside it), the base year priced to the revenue evidence — centred on the scenario's own base-year revenue, with the
      estimates' relative spread — and the growth rates and the two drifts (users lost to age, viewing lost to
      rivals) over their plausible ranges;
    * what may happen: in each year ahead, each of the risks' events strikes with its likelihood (the scenario's
      where it sets one, unless ``likelihoods``, by risk name, overrides it), independently — except the
      events :data:`KNOWN` records for a year, which happen as they did (unless ``known`` is False). A ban, once it
      strikes, lasts; a privacy clamp-down cuts targeting from then on; a large fine is paid in the year it
      comes; a downturn leaves advertisers' prices short of the trend that year and by its persistence the next.
    """
    likelihoods = risks.check_draws(n, seed, likelihoods, "paths")
    base_changes = changes(scenario, OUTLOOK_PRICED)
    risk_inputs = RISK_MATRIX.inputs(**changes(scenario, RISK_MATRIX))
    chances = {r.name: float(risk_inputs[r.likelihood.name]) for r in risks.RISKS} | likelihoods
    draws = analysis.draw_inputs(OUTLOOK_PRICED, n, seed, around=base_changes)  # still drawn, around its values
    # The evidence's relative spread around the scenario's own reading of the base year's revenue (the base
    # case's reading is the central estimate, to which the base case is calibrated).
    own = float(company(Inputs(COMPANY.inputs(**changes(scenario, COMPANY))))["revenue_usd_b"])
    draws["revenue_evidence_usd_b"] = np.asarray(draws["revenue_evidence_usd_b"]) * own / float(COMPANY()["revenue_usd_b"])
    p, _ = price(Inputs(OUTLOOK_PRICED.inputs(**draws)), STREAMS)
    sizes = {k: np.full(n, float(risk_inputs[k])) for k in (q.name for q in (*risks.SIZES, *risks.VALUATION))}
    p = p.replace(**sizes)
    rng = np.random.default_rng([seed, 1])
    calm = company_of(p, STREAMS)
    variable_share = np.asarray(p.infrastructure_share) + np.asarray(p.staff_other_share)
    out = {f"revenue_{year(0)}": np.asarray(calm["revenue_usd_b"]), f"profit_{year(0)}": np.asarray(calm["profit_usd_b"]),
           f"struck_{year(0)}": np.zeros(n, dtype=int), f"lasting_{year(0)}": np.zeros(n, dtype=bool)}
    ban, clamp = risks.get("ban").strike(p), risks.get("clampdown").strike(p)  # the inputs once each has struck
    banned = np.zeros(n, dtype=bool)
    clamped = np.zeros(n, dtype=bool)
    last_downturn = np.zeros(n, dtype=bool)
    for t in range(1, YEARS + 1):
        hits = {r.name: rng.random(n) < chances[r.name] for r in risks.RISKS}  # drawn every year, so a seed gives
        if known:                                                                # the same later years either way
            hits |= {name: np.full(n, happened) for name, happened in KNOWN.get(year(t), {}).items()}
        banned |= hits["ban"]
        clamped |= hits["clampdown"]
        # This year's record: a ban and a clamp-down from the year they struck, a downturn this year or, by
        # its persistence, the year after.
        short = np.where(hits["downturn"], p.ad_downturn_drop, 0.0)
        short = 1 - (1 - short) * (1 - np.where(last_downturn, p.downturn_persistence * p.ad_downturn_drop, 0.0))
        year_p = p.replace(
            lost_market_share=np.where(banned, ban["lost_market_share"], p.lost_market_share),
            signal_loss=np.where(clamped, clamp["signal_loss"], p.signal_loss),
            ad_market_change=np.asarray(p.ad_market_change) * (1 - short))
        struck_base = company_of(year_p, STREAMS)
        revenue = sum(np.asarray(struck_base[s.column]) * stream_factor(p, s) ** t for s in STREAMS)
        fixed = (np.asarray(struck_base["fixed_costs_usd_b"]) * (1 + np.asarray(p.fixed_cost_growth)) ** t
                 + np.where(hits["fine"], p.privacy_fine_usd_b, 0.0))
        out[f"revenue_{year(t)}"] = revenue
        out[f"profit_{year(t)}"] = revenue * (1 - variable_share) - fixed
        out[f"struck_{year(t)}"] = sum(h.astype(int) for h in hits.values())
        out[f"lasting_{year(t)}"] = banned | clamped
        last_downturn = hits["downturn"]
    return pd.DataFrame(out)


def fan(paths: pd.DataFrame, what: str = "profit", percentiles=(5, 25, 50, 75, 95)) -> pd.DataFrame:
    """The fan of :func:`ahead`'s paths for ``what`` ("revenue" or "profit"): one row per year, a column per
    percentile (``p5`` ... ``p95``, USD billion) and, for profit, the chance of a loss that year."""
    if what not in ("revenue", "profit"):
        raise ValueError(f"what must be 'revenue' or 'profit', got {what!r}")
    rows = {}
    for t in range(YEARS + 1):
        values = paths[f"{what}_{year(t)}"].to_numpy()
        row = {f"p{q}": float(v) for q, v in zip(percentiles, np.percentile(values, percentiles))}
        if what == "profit":
            row["chance_of_loss"] = float((values < 0).mean())
        rows[year(t)] = row
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "year"
    return table


def profit_impact(name: str, scenario=None) -> float:
    """Change in yearly operating profit (USD billion) if risk ``name`` alone strikes, in the base case or in a
    year of the scenario (against the same year without the risk)."""
    return get(name).profit_impact(**changes(scenario, RISK_MATRIX))


def value_lost(name: str, scenario=None) -> float:
    """The present value (USD billion) of the profit risk ``name`` takes if it strikes next year, over the years
    it lasts (notebook 08), in the base case or in the scenario."""
    get(name)
    return float(RISK_MATRIX(**changes(scenario, RISK_MATRIX))[f"pv_loss_{name}_usd_b"])


def risk_inputs(name: str, scenario=None) -> dict:
    """The company's inputs in a year of the scenario when risk ``name`` alone strikes."""
    return get(name).inputs(**changes(scenario, RISK_MATRIX))


def simulate(scenario=None, *, n: int = 100_000, seed: int = 2026, likelihoods: dict | None = None):
    """:func:`helpers.risks.simulate` in a scenario: each risk strikes with its likelihood (the scenario's, where
    it sets one, unless ``likelihoods`` overrides it), every other input at the scenario's value."""
    return risks.simulate(n=n, seed=seed, likelihoods=likelihoods, changes=changes(scenario, RISK_MATRIX))


__all__ = ["COURSE_MODELS", "Scenario", "ahead", "changes", "fan", "profit_impact", "risk_inputs", "simulate",
           "value_lost", "years"]
