"""Views of the risks: the likelihood × impact matrix."""

from __future__ import annotations

import math

from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .. import data, risks, style
from .view import View

NAMES = risks.NAMES
LABELS = {r.name: r.label for r in risks.RISKS}
COLORS = {n: style.THING[n] for n in NAMES}
#: Shapes the kinds of figure (style.KIND_MARK: circle, diamond, square, triangle, plus, cross) never use, so a
#: marker read in one chart is not misread in another.
MARKERS = dict(zip(NAMES, ("h", "p", "*", "v")))


def draw_matrix(ax, result, inputs) -> None:
    """Each risk at its likelihood across and, up, the present value of the profit it takes if it strikes (for
    good, or over a downturn's recovery); the bubble grows with the expected cost of a year's exposure."""
    impacts = {n: result[f"pv_loss_{n}_usd_b"] for n in NAMES}
    labels = LABELS
    # Each likelihood's plausible range (data/) as a bar behind its bubble: how sure the course is of it.
    for n in NAMES:
        lo, hi = risks.RISK_MATRIX.param(f"p_{n}").range
        ax.plot([lo, hi], [impacts[n], impacts[n]], color=COLORS[n], lw=2, alpha=0.6, solid_capstyle="butt",
                clip_on=False, zorder=2)
    # Each risk in its shade and its own marker, outlined in ink so that the lightest still reads on white.
    for n in NAMES:
        ax.scatter([inputs[f"p_{n}"]], [impacts[n]], s=[60 + 100 * max(result[f"expected_pv_loss_{n}_usd_b"], 0.0)],
                   color=COLORS[n], marker=MARKERS[n], edgecolor=style.THING["base"], linewidths=0.8, zorder=3,
                   clip_on=False)  # a risk with no impact sits on the axis, whole
    # A legend rather than a label beside each bubble: bubbles close together would have their labels collide.
    handles = [Line2D([], [], ls="", marker=MARKERS[n], markersize=6, color=COLORS[n],
                      markeredgecolor=style.THING["base"], markeredgewidth=0.8, label=labels[n]) for n in NAMES]
    ax.legend(handles=handles, fontsize=8, frameon=False, loc="upper right", handletextpad=0.3)
    # Fitted to the likelihoods (a bare 0-100% axis left most of the chart empty), in steps of 10%.
    top = max(max(inputs[f"p_{n}"], risks.RISK_MATRIX.param(f"p_{n}").range[1]) for n in NAMES)
    ax.set_xlim(0, min(1.0, max(0.2, math.ceil(top * 1.1 * 10) / 10)))
    high = max(*impacts.values(), 0.1) * 1.3  # every impact at zero still gives the axis a height
    ax.set_ylim(-0.05 * high, high)  # a risk of little impact drawn clear of the axis line
    style.percent_axis(ax, "x")
    style.money_axis(ax, "y", unit="USD billion")
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))  # a handful of labelled heights: quicker to read and to draw
    top = max(NAMES, key=lambda n: result[f"expected_pv_loss_{n}_usd_b"])
    title = (f"{labels[top]} costs most in expectation: "
             f"{style.money(result[f'expected_pv_loss_{top}_usd_b'], 'USD billion')} of value from a year's exposure"
             if result[f"expected_pv_loss_{top}_usd_b"] > 0 else
             "With these likelihoods and impacts, no risk costs anything in expectation")
    style.decorate(ax, title=title,
                   xlabel="Likelihood per year (bar: its plausible range; marker size: the expected loss)",
                   ylabel="Value lost if it strikes",
                   source=data.cite(risks.RISK_MATRIX.facts))


def readout_matrix(result, inputs) -> dict:
    labels = LABELS
    out = {f"Expected loss of value, {labels[n].lower()}": style.money(result[f"expected_pv_loss_{n}_usd_b"], 'USD billion')
           for n in NAMES}
    out["Expected loss of value, all risks"] = style.money(result["expected_pv_loss_usd_b"], "USD billion")
    out["Value of the yearly profit (no risk)"] = style.money(result["value_usd_b"], "USD billion")
    out["Chance at least one strikes in a year"] = style.percent(result["chance_any"])
    return out


RISK_MATRIX = View(draw_matrix, readout_matrix, figsize=(6.4, 3.8), model=risks.RISK_MATRIX)
