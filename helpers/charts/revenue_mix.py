"""Views of notebook 07: the whole company's revenue, costs and profit, and the CPM that holds revenue."""

from __future__ import annotations

from functools import cache, partial

import numpy as np

from .. import analysis, data, revenue_mix, streams, style
from .view import View

# ------------------------------------------------------------------------------------- the whole company

COST_LABELS = (("creator_programmes_cost_usd_b", "Creator programmes"), ("infrastructure_cost_usd_b", "Infrastructure"),
               ("trust_safety_cost_usd_b", "Trust and safety"), ("fines_cost_usd_b", "Routine fines"),
               ("staff_other_cost_usd_b", "Staff and other"))


@cache
def profit_range() -> tuple[float, float]:
    """What the evidence leaves open about the base year's profit: 90% of notebook 07's Monte Carlo draws (every
    uncertain input at once, revenue between the two estimates, no events), as (5th, 95th percentile)."""
    sims = analysis.monte_carlo(revenue_mix.PRICED, n=100_000, seed=2024, outputs=["profit_usd_b"])
    low, high = np.percentile(sims["profit_usd_b"], [5, 95])
    return float(low), float(high)


def draw_profit(ax, result, inputs, streams=streams.STREAMS, interval: bool = False) -> None:
    """A waterfall: revenue streams up (each stream the result holds), costs down, ending at operating profit. Each
    step carries its amount, and a thin line carries the running total from one step to the next. With
    ``interval``, a bracket beside the profit bar shows :func:`profit_range`, the base case's 90% range, so a
    setting's profit is read against what the evidence leaves open."""
    steps = [(s.label, result[s.column], style.NAMED[s.colour]) for s in streams]
    steps += [(label, -result[key], style.THING["cost"]) for key, label in COST_LABELS]
    level, labels, top = 0.0, [], max(result["revenue_usd_b"], 1)
    for x, (label, v, colour) in enumerate(steps):
        ax.bar([x], [v], bottom=level, color=colour, width=0.8)
        ax.annotate(("+" if v >= 0 else "-") + style.money(abs(v), "USD billion"), (x, max(level, level + v)),
                    xytext=(0, 2), textcoords="offset points", ha="center", va="bottom", fontsize=7)
        level += v
        ax.plot([x + 0.4, x + 0.6], [level, level], color=style.THING["reference"], lw=0.7)  # to the next step
        labels.append(label)
    profit = result["profit_usd_b"]
    x = len(steps)
    ax.bar([x], [profit], color=style.THING["profit"], width=0.8)
    ax.annotate(style.money(profit, "USD billion"), (x, max(profit, 0)), xytext=(0, 2), textcoords="offset points",
                ha="center", va="bottom", fontsize=7, fontweight="bold")
    labels.append("Profit")
    low = high = profit
    if interval:
        low, high = profit_range()
        ax.errorbar([x + 0.55], [(low + high) / 2], yerr=[[(high - low) / 2], [(high - low) / 2]], fmt="none",
                    ecolor=style.THING["reference"], elinewidth=1.2, capsize=3)
        ax.annotate("profit, 90%\nof draws", (x + 0.62, high), xytext=(2, 0), textcoords="offset points", fontsize=6.5,
                    va="top", ha="left", color=style.THING["reference"])
        ax.set_xlim(-0.6, x + 1.4)
    ax.axhline(0, color=style.THING["base"], lw=0.8)
    ax.set_xticks(range(len(labels)), labels, rotation=35, ha="right", fontsize=8)
    style.money_axis(ax, "y", unit="USD billion")
    ax.set_ylim(min(0, profit, low) * 1.2 - 0.5, max(top, high) * 1.15)
    ax.grid(axis="x", visible=False)
    word = "profit" if profit >= 0 else "loss"
    style.decorate(ax, title=f"{style.money(result['revenue_usd_b'], 'USD billion')} of revenue leaves a {word} of "
                             f"{style.money(abs(profit), 'USD billion')} ({style.percent(result['margin'])} margin)",
                   ylabel="USD per year", source=data.cite(revenue_mix.COMPANY.facts))


def readout_profit(result, inputs, streams=streams.STREAMS, interval: bool = False) -> dict:
    out = {s.label: style.money(result[s.column], "USD billion") for s in streams}
    out["Revenue"] = style.money(result["revenue_usd_b"], "USD billion")
    out["Costs"] = style.money(result["costs_usd_b"], "USD billion")
    out["Operating profit"] = style.money(result["profit_usd_b"], "USD billion")
    out["Margin"] = style.percent(result["margin"])
    out["Advertising's share of revenue"] = style.percent(result["ads_share"])
    if interval:
        low, high = profit_range()
        out["Base-case profit, 90% of the Monte Carlo draws"] = (f"{style.money(low, 'USD billion')} to "
                                                                f"{style.money(high, 'USD billion')}")
    return out


def company_view(model, streams=streams.STREAMS, interval: bool = False) -> View:
    """The view of a company model built over ``streams`` (:func:`helpers.revenue_mix.company_model`); with
    ``interval``, the base case's profit range beside the profit bar (the course's own company only)."""
    return View(partial(draw_profit, streams=streams, interval=interval),
                partial(readout_profit, streams=streams, interval=interval), figsize=(6.8, 4.0), model=model)


COMPANY = company_view(revenue_mix.COMPANY, interval=True)


def draw_hold(ax, result, inputs) -> None:
    losses = np.linspace(0, 0.9, 91)
    needed = revenue_mix.HOLD_REVENUE(ban_lost_share=losses)["cpm_needed_usd"]
    ax.plot(losses, needed, color=style.THING["in_feed"], lw=2)
    ax.plot([inputs["ban_lost_share"]], [result["cpm_needed_usd"]], "o", color=style.THING["you"], mec="white", ms=8)
    hi = revenue_mix.COMPANY.param("cpm_usd").range[1]
    ax.axhline(hi, color=style.THING["reference"], ls="--", lw=1)
    ax.annotate("highest plausible CPM", (0.02, hi), xytext=(0, 3), textcoords="offset points", fontsize=8)
    needed_now = float(result["cpm_needed_usd"])
    # the finding near the ceiling, not a wall of $60 (a lost business with no revenue left needs no finite CPM)
    top = max(hi * 2.5, needed_now * 1.3 if np.isfinite(needed_now) else 0.0)
    ax.set_ylim(0, top)
    off = np.flatnonzero(~(needed <= top))  # where the curve leaves the chart: say how far it goes
    if off.size:
        ax.annotate(f"above {style.tick_money(top)} from {style.percent(losses[off[0]])} lost ", (losses[off[0]], top),
                    xytext=(-14, -4), textcoords="offset points", ha="right", va="top", fontsize=8,
                    color=style.THING["reference"])
    style.percent_axis(ax, "x")
    style.money_axis(ax, "y")
    style.decorate(ax, title=f"Losing {style.percent(inputs['ban_lost_share'])} of the business needs a CPM of "
                             f"${result['cpm_needed_usd']:,.2f} to keep revenue flat",
                   xlabel="Share of the business lost", ylabel="CPM needed (USD per 1,000)",
                   source=data.cite(revenue_mix.HOLD_REVENUE.facts))


def readout_hold(result, inputs) -> dict:
    return {"CPM today": f"${result['cpm_base_usd']:,.2f}", "CPM needed": f"${result['cpm_needed_usd']:,.2f}",
            "Rise needed": f"{result['cpm_rise']:,.2f}x",
            "Highest plausible CPM (the dashed line)": f"${revenue_mix.COMPANY.param('cpm_usd').range[1]:,.2f}"}


HOLD_REVENUE = View(draw_hold, readout_hold, figsize=(6.4, 3.4), model=revenue_mix.HOLD_REVENUE)
