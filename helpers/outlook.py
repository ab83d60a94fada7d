"""Competition and the outlook: TikTok beside its rivals, and three years ahead as scenarios, not predictions.

The outlook model grows each of the company model's base-year streams (the registry of
:mod:`helpers.streams`) at its own rate, for ``YEARS`` years, less two drifts: the viewing that moves to
rivals each year (for the streams advertisers pay for) and the users lost as the audience ages (for every
stream). Costs follow year by year: the variable costs stay shares of revenue, the fixed costs grow at their
own rate, and profit is what is left. It is built on the company model, so its inputs are the company's
inputs (the base year) plus the growth rates and drifts. :func:`helpers.scenarios.years` tabulates it for a
scenario, and :func:`helpers.scenarios.ahead` draws it, with the risks' events, as fan charts.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from .params import Model, Param, divide, tidy
from .revenue_mix import COMPANY, PRICED, company_model, company_of, price
from .streams import AD_GROWTH, BASE_YEAR, GIFTS_GROWTH, SHOP_GROWTH, STREAMS, check_streams  # noqa: F401 (re-exported)

RIVAL_SHIFT = Param("rival_shift", "Viewing lost to rivals per year", "share", min=0, max=0.3, step=0.01,
                    fact="rival_shift", fmt="{:.0%}")
AGEING_DRIFT = Param("ageing_drift", "Users lost per year as the audience ages", "share", min=0, max=0.2, step=0.005,
                     fact="ageing_drift", fmt="{:.1%}")
FIXED_GROWTH = Param("fixed_cost_growth", "Fixed costs' growth per year", "share", min=0, max=0.5, step=0.01,
                     fact="fixed_cost_growth", fmt="{:.0%}")
YEARS = 3


def stream_factor(p, stream):
    """How much a stream's revenue is multiplied by each year: its growth, less the users lost to age and, for the
    streams advertisers pay for, the viewing lost to rivals: (1 + g_s)(1 - a)(1 - d)."""
    yearly = (1 + np.asarray(p[stream.growth.name])) * (1 - np.asarray(p.ageing_drift))
    return yearly * (1 - np.asarray(p.rival_shift)) if stream.advertising else yearly


def project_of(p, streams=STREAMS, priced: bool = False) -> dict:
    """Revenue by stream, costs and operating profit in the base year and each of the next ``YEARS`` (USD
    billion). With ``priced``, the base year's in-feed price is first set from the revenue evidence
    (:func:`helpers.revenue_mix.price`)."""
    if priced:
        p, _ = price(p, streams)
    base = company_of(p, streams)
    variable_share = np.asarray(p.infrastructure_share) + np.asarray(p.staff_other_share)
    out = {}
    for t in range(YEARS + 1):
        total = ads = 0.0
        for s in streams:
            v = np.asarray(base[s.column]) * stream_factor(p, s) ** t
            out[f"{s.key}_y{t}_usd_b"] = v
            total = total + v
            ads = ads + (v if s.advertising else 0.0)
        fixed = np.asarray(base["fixed_costs_usd_b"]) * (1 + np.asarray(p.fixed_cost_growth)) ** t
        costs = total * variable_share + fixed
        out[f"ads_y{t}_usd_b"] = ads + 0 * total
        out[f"revenue_y{t}_usd_b"] = total
        out[f"costs_y{t}_usd_b"] = costs
        out[f"profit_y{t}_usd_b"] = total - costs
    last = out[f"revenue_y{YEARS}_usd_b"]
    for s in streams:
        out[f"{s.key}_share_y{YEARS}"] = divide(out[f"{s.key}_y{YEARS}_usd_b"], last)
    out["growth_per_year"] = divide(last, out["revenue_y0_usd_b"], otherwise=1.0) ** (1 / YEARS) - 1
    return tidy(out)


def outlook_model(streams=STREAMS, company: Model | None = None) -> Model:
    """The outlook over ``streams`` (the registry's, unless a test or an extension gives others), built on the
    company model over the same streams."""
    streams = check_streams(streams)
    company = company if company is not None else (COMPANY if streams == STREAMS else company_model(streams))
    growth = tuple({s.growth.name: s.growth for s in streams}.values())
    return Model(
        "TikTok three years ahead",
        partial(project_of, streams=streams),
        params=(*growth, RIVAL_SHIFT, AGEING_DRIFT, FIXED_GROWTH),
        parts=(company,),
        outputs={**{f"{k}_y{t}_usd_b": "USD billion" for t in range(YEARS + 1)
                    for k in (*(s.key for s in streams), "ads", "revenue", "costs")},
                 **{f"profit_y{t}_usd_b": "USD billion, can be negative" for t in range(YEARS + 1)},
                 **{f"{s.key}_share_y{YEARS}": "share" for s in streams}, "growth_per_year": "ratio"},
    )


OUTLOOK = outlook_model()

#: The outlook with the base year priced to the revenue evidence (as notebook 07's Monte Carlo): what
#: :func:`helpers.scenarios.ahead` draws, so that every draw's base year agrees with the estimates.
OUTLOOK_PRICED = Model(
    "TikTok three years ahead, priced to the revenue evidence",
    partial(project_of, streams=STREAMS, priced=True),
    parts=(OUTLOOK, PRICED),
    outputs=OUTLOOK.outputs,
)


def year(t: int) -> int:
    """The calendar year of the outlook's year ``t`` (0 is the base year)."""
    return BASE_YEAR + t


