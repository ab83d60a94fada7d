"""Notebook 07, the revenue mix: the whole company as one model, built from the stream models.

``COMPANY`` sums the revenue streams of the registry (:mod:`helpers.streams`: in-feed ads, premium formats,
coins and gifts, the shop), with the costs the articles leave out, into TikTok's operating profit; its inputs are every input
of its parts. ``PRICED`` is the same company with the in-feed price set, case by case, so that revenue equals
the revenue the evidence gives (what the tornado and the Monte Carlo vary). ``HOLD_REVENUE`` is a goal seek on
the company: the CPM that keeps revenue flat after a ban.
Units: money in USD billion per year, TikTok outside mainland China, base year 2024.
"""

from __future__ import annotations

import math
from functools import partial

import numpy as np

from .params import Inputs, Model, Param, SumAtMost, divide, tidy
from .streams import STREAMS, check_streams

# =================================================================================== the whole company
# The stream models of notebooks 01-06 summed into one model of TikTok outside mainland China (USD billion
# per year, base year 2024), with the costs the articles leave out. Infrastructure and staff costs are
# variable (shares of revenue); creator programmes, trust and safety and routine fines are fixed (the large
# privacy-law fines are notebook 08's privacy event, so each fine of the record is counted once), which gives the
# company operating leverage: profit moves by (R - V) / (R - V - F) per cent for each per cent of revenue. A lost market (a ban) scales every
# stream's volume by (1 - lost_market_share).

LOST_MARKET = Param("lost_market_share", "Share of the business lost to bans", "share", min=0, max=0.9, step=0.01,
                    default=0.0, plausible=(0.0, 0.4), fmt="{:.0%}", event=True)
BAN_SHARE = Param("ban_lost_share", "Share of business a US ban would cut", "share", min=0, max=0.9, step=0.01,
                  fact="us_share_ad_revenue", fmt="{:.0%}")
AD_MARKET = Param("ad_market_change", "Advertisers' prices (× today's)", "ratio", min=0, max=2, step=0.01,
                  default=1.0, plausible=(0.85, 1.1), fmt="×{:.2f}", event=True)
CREATOR_PROGRAMMES = Param("creator_programmes_usd_b", "Creator programmes paid per year", "USD billion", min=0,
                           max=5, step=0.1, fact="creator_programmes_cost", fmt="${:,.1f}B")
INFRA = Param("infrastructure_share", "Infrastructure (share of revenue)", "share", min=0, max=0.5, step=0.01,
              fact="infrastructure_share", fmt="{:.0%}")
TRUST_SAFETY = Param("trust_safety_usd_b", "Moderation, trust and safety per year", "USD billion", min=0, max=6, step=0.1,
              fact="trust_safety_cost", fmt="${:,.1f}B")
FINES = Param("fines_usd_b", "Routine fines per year", "USD billion", min=0, max=2, step=0.001,
              fact="routine_fines_per_year", fmt="${:,.3f}B")
STAFF = Param("staff_other_share", "Staff and other costs (of revenue)", "share", min=0, max=1, step=0.01,
              fact="staff_other_share", fmt="{:.0%}")

COST_KEYS = ("creator_programmes_cost_usd_b", "infrastructure_cost_usd_b", "trust_safety_cost_usd_b",
             "fines_cost_usd_b", "staff_other_cost_usd_b")


def company_of(p, streams=STREAMS) -> dict:
    """TikTok's revenue by stream (one output per stream of ``streams``), its main costs and its operating
    profit (USD billion per year)."""
    keep = 1 - np.asarray(p.lost_market_share)
    market = np.asarray(p.ad_market_change)
    by_stream = {s.column: s.revenue(p) * (market if s.advertising else 1.0) * keep for s in streams}
    revenue = sum(by_stream.values())
    ads = sum(v for s, v in zip(streams, by_stream.values()) if s.advertising) + 0 * revenue
    costs = {
        "creator_programmes_cost_usd_b": np.asarray(p.creator_programmes_usd_b) * keep,
        "infrastructure_cost_usd_b": revenue * np.asarray(p.infrastructure_share),
        "trust_safety_cost_usd_b": np.asarray(p.trust_safety_usd_b) + 0 * revenue,
        "fines_cost_usd_b": np.asarray(p.fines_usd_b) + 0 * revenue,
        "staff_other_cost_usd_b": revenue * np.asarray(p.staff_other_share),
    }
    total_costs = sum(costs.values())
    variable = costs["infrastructure_cost_usd_b"] + costs["staff_other_cost_usd_b"]
    fixed = total_costs - variable
    profit = revenue - total_costs
    return tidy({**by_stream,
                 "revenue_usd_b": revenue, "ads_share": divide(ads, revenue),
                 **costs, "costs_usd_b": total_costs, "profit_usd_b": profit,
                 "margin": divide(profit, revenue),
                 "fixed_costs_usd_b": fixed, "variable_costs_usd_b": variable,
                 "contribution_usd_b": np.maximum(revenue - variable, 0.0)})  # the shares add up to at most 1


def company(p) -> dict:
    """:func:`company_of` the registry's streams."""
    return company_of(p, STREAMS)


def operating_leverage(result) -> float:
    """The % change in profit for a 1% change in revenue: contribution (revenue less variable costs) over
    profit, (R - V) / (R - V - F). Infinite at zero profit, negative at a loss (more revenue then shrinks
    the loss)."""
    contribution, profit = float(result["contribution_usd_b"]), float(result["profit_usd_b"])
    return contribution / profit if profit != 0 else math.inf


def company_model(streams=STREAMS) -> Model:
    """The company model over ``streams`` (the registry's, unless a test or an extension gives others): its
    inputs are every stream model's, the streams' own, and the company's costs and shocks."""
    streams = check_streams(streams)
    extra = tuple({q.name: q for s in streams for q in s.params}.values())
    return Model(
        "TikTok outside China: revenue, costs and profit",
        partial(company_of, streams=streams),
        params=(*extra, AD_MARKET, LOST_MARKET, CREATOR_PROGRAMMES, INFRA, TRUST_SAFETY, FINES, STAFF),
        parts=tuple({id(s.model): s.model for s in streams}.values()),
        # Costs that grow with revenue cannot together exceed it.
        constraints=(SumAtMost(("infrastructure_share", "staff_other_share"), 1.0),),
        outputs={**{s.column: "USD billion" for s in streams}, "revenue_usd_b": "USD billion", "ads_share": "share",
                 **{k: "USD billion" for k in COST_KEYS}, "costs_usd_b": "USD billion",
                 "profit_usd_b": "USD billion, can be negative", "margin": "ratio", "fixed_costs_usd_b": "USD billion",
                 "variable_costs_usd_b": "USD billion", "contribution_usd_b": "USD billion"},
    )


COMPANY = company_model()

# ==================================================================== the company, priced to the evidence
# Revenue is known better from the estimates (notebook 00) than from the chain of teaching assumptions beneath
# it, and the in-feed CPM is the one price no source gives. So analysis of what we do not know draws the
# revenue from the estimates and sets the CPM, in every case, to the value at which the chain reproduces it:
#   CPM* = CPM x (R_evidence - O) / I,
# where I and O are the in-feed and the other streams' revenue at the case's inputs (in-feed revenue is
# proportional to the CPM). Events (a lost market, advertisers' prices) act after the price is set: they are
# what may happen to the year the evidence describes.

REVENUE_EVIDENCE = Param("revenue_evidence_usd_b", "TikTok's 2024 revenue (between the estimates)", "USD billion",
                         min=5, max=80, step=0.1, fact="tiktok_revenue_2024_evidence", fmt="${:,.1f}B")
PRICED_STREAM = "in_feed"  # the stream whose price is set from the evidence


def price(p, streams=STREAMS):
    """The inputs ``p`` with the in-feed CPM set so that revenue before any event equals
    ``revenue_evidence_usd_b`` (CPM* = CPM x (R_evidence - O) / I, never below zero), and the gap
    R_evidence - O (negative where no CPM can match the evidence: the other streams alone exceed it, or the chain
    sells no in-feed ads)."""
    column = f"{PRICED_STREAM}_usd_b"
    if column not in {s.column for s in streams}:
        raise ValueError(f"the price is set on the {PRICED_STREAM!r} stream, which these streams do not have")
    calm = company_of(p.replace(ad_market_change=1.0, lost_market_share=0.0), streams)
    in_feed = np.asarray(calm[column])
    gap = np.asarray(p.revenue_evidence_usd_b) - (np.asarray(calm["revenue_usd_b"]) - in_feed)
    # Where the chain sells (next to) no in-feed ads, no price can make up the gap: the CPM is left as it is and
    # the case counts as unpriceable.
    sells = in_feed > 1e-9
    scale = np.where(sells, np.maximum(gap, 0.0) / np.where(sells, in_feed, 1.0), 1.0)
    cpm = np.asarray(p.cpm_usd) * scale + 0 * in_feed
    return p.replace(cpm_usd=cpm), np.where(sells, gap, -np.abs(gap) - 1e-12)


def priced_of(p, streams=STREAMS) -> dict:
    """:func:`company_of` with the in-feed CPM set by :func:`price`; adds the CPM that takes
    (``cpm_implied_usd``), the in-feed share of revenue and ``unpriceable`` (1 where the other streams alone
    exceed the evidence, so no CPM of zero or more can match it)."""
    priced, gap = price(p, streams)
    out = company_of(priced, streams)
    column = f"{PRICED_STREAM}_usd_b"
    return tidy(out | {"cpm_implied_usd": np.asarray(priced.cpm_usd),
                       "in_feed_share": divide(out[column], out["revenue_usd_b"]),
                       "unpriceable": (gap < 0).astype(float) + 0 * np.asarray(out[column])})


PRICED = Model(
    "TikTok outside China, priced to the revenue evidence",
    partial(priced_of, streams=STREAMS),
    params=(REVENUE_EVIDENCE,),
    parts=(COMPANY,),
    outputs={**COMPANY.outputs, "cpm_implied_usd": "USD per 1000 impressions", "in_feed_share": "share",
             "unpriceable": "1 where no CPM matches the evidence, else 0"},
)


def cpm_to_hold_revenue(lost_market_share, **changes):
    """The CPM at which total revenue stays at its base level after losing a share of the business (a ban).

    Revenue is linear in the CPM (in-feed ads only), so the answer is exact; it may exceed any plausible CPM."""
    return hold_cpm(Inputs(COMPANY.inputs(**changes)), lost_market_share)


def hold_cpm(p, lost_market_share):
    """:func:`cpm_to_hold_revenue` for a complete record of the company's inputs."""
    target = company(p)["revenue_usd_b"]
    after = company(p.replace(lost_market_share=lost_market_share))
    other = np.asarray(after["revenue_usd_b"]) - np.asarray(after["in_feed_usd_b"])
    per_dollar_cpm = np.asarray(after["in_feed_usd_b"]) / np.asarray(p.cpm_usd)
    return divide(target - other, per_dollar_cpm, otherwise=np.inf)


def _hold(p) -> dict:
    """The CPM that keeps revenue where it is when a ban cuts the business (on top of any share already lost)."""
    needed = np.asarray(hold_cpm(p, np.maximum(p.lost_market_share, p.ban_lost_share)))
    return tidy({"cpm_needed_usd": needed, "cpm_base_usd": np.asarray(p.cpm_usd) + np.zeros_like(needed),
                 "cpm_rise": needed / np.asarray(p.cpm_usd)})


HOLD_REVENUE = Model(
    "Goal seek: the CPM that keeps revenue flat after a ban",
    _hold,
    params=(BAN_SHARE,),
    parts=(COMPANY,),
    outputs={"cpm_needed_usd": "USD per 1000 impressions; infinite where no CPM can",
             "cpm_base_usd": "USD per 1000 impressions", "cpm_rise": "ratio; infinite where no CPM can"},
)


# ============================================================= the gap with the only audited figures
def filed_gap(base: dict | None = None) -> dict:
    """How far the company model's operating margin lies above the filed pre-tax margin of TikTok's UK, EU and
    Latin American companies (a loss is a negative margin), as a share of revenue and in USD billion a year: on
    the filings' own revenue, and if the filed margin held for all of TikTok. ``base`` is a COMPANY result (its
    base case by default)."""
    from . import data

    base = COMPANY() if base is None else base
    filed_margin = -data.value("uk_eu_latam_loss_share_2024")
    gap = base["margin"] - filed_margin
    return {"model_margin": base["margin"], "filed_margin": filed_margin, "gap_share": gap,
            "filed_revenue_usd_b": data.value("uk_eu_latam_revenue_2024"),
            "gap_filed_scope_usd_b": gap * data.value("uk_eu_latam_revenue_2024"),
            "gap_whole_usd_b": gap * base["revenue_usd_b"], "revenue_usd_b": base["revenue_usd_b"]}
