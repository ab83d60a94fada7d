"""Views of notebook 00: TikTok's revenue at a glance."""

from __future__ import annotations

import math
from functools import cache
import textwrap

from matplotlib.patches import FancyArrowPatch

from .. import analysis, data, start, style
from .view import View
from .flows import labelled_bars

# ------------------------------------------------------------------------------- revenue at a glance
STREAMS = (("ads_usd_b", "Advertising", "ads"), ("gifts_usd_b", "Coins and gifts", "gifts"),
           ("shop_usd_b", "TikTok Shop", "shop"))
EVIDENCE = "tiktok_ad_revenue_2024_central"  # the advertising estimate the evidence gives, with its range
REPORTED = (("tiktok_revenue_2024_central", "Gap to the central 2024 estimate (derived)"),
            ("bytedance_intl_revenue_2024", "Gap to ByteDance's revenue outside China (news)"))


@cache
def glance_ranges() -> dict:
    """Each stream's revenue over the plausible ranges of the glance model's inputs (the base case's envelope)."""
    m = start.REVENUE_AT_A_GLANCE
    return analysis.envelope(m, [p.name for p in m.params if p.range[0] < p.range[1]])


def draw_revenue_mix(ax, result, inputs) -> None:
    labels = [label for _k, label, _c in STREAMS]
    values = [result[k] for k, _l, _c in STREAMS]
    colors = [style.THING[c] for _k, _l, c in STREAMS]
    # Each bar's whisker: for advertising, the range the evidence gives for 2024 (the central estimate's plausible
    # range); for coins and the Shop, what their inputs' plausible ranges allow. A bar is one value in its range,
    # and a slider can push it outside.
    ev = data.fact(EVIDENCE)
    env = glance_ranges()
    ranges = [(ev.low, ev.high) if k == "ads_usd_b" else env[k] for k, _l, _c in STREAMS]
    labelled_bars(ax, labels, values, colors, fmt=lambda v: style.money(v, "USD billion"), floor=1.0, pad=1.2,
                  ranges=ranges)
    style.money_axis(ax, "x", unit="USD billion")
    total = result["total_usd_b"]
    style.decorate(
        ax,
        title=f"Advertising earns {style.percent(result['ads_share'])} of a modelled "
              f"{style.money(total, 'USD billion')} a year",
        xlabel="Revenue per year (USD); whisker: its plausible range",
        source=data.cite([*start.REVENUE_AT_A_GLANCE.facts, EVIDENCE]),
    )
    ax.grid(axis="y", visible=False)


def readout_revenue_mix(result, inputs) -> dict:
    out = {label: style.money(result[k], "USD billion") for k, label, _c in STREAMS}
    out["Total"] = style.money(result["total_usd_b"], "USD billion")
    out["Advertising's share"] = style.percent(result["ads_share"])
    for fid, label in REPORTED:
        gap = result["total_usd_b"] - data.value(fid)
        out[label] = style.money(gap, "USD billion")
    return out


REVENUE_AT_A_GLANCE = View(draw_revenue_mix, readout_revenue_mix, figsize=(6.4, 3.4), model=start.REVENUE_AT_A_GLANCE)


# ------------------------------------------------------------------------------------------- the flywheel
FLYWHEEL = ("For You algorithm learns what each viewer watches", "Viewers watch longer and come back",
            "More attention and more data", "Advertisers and sellers pay for that attention",
            "Money for creators and for the platform", "More and better videos")


def draw_flywheel(ax) -> None:
    """The For You flywheel as a loop of six steps, clockwise from the top, with the shortcut by which more data
    improves the algorithm directly (step 3 back to step 1)."""
    n = len(FLYWHEEL)
    pos = [(1.55 * math.sin(2 * math.pi * i / n), math.cos(2 * math.pi * i / n)) for i in range(n)]
    for i, (text, (x, y)) in enumerate(zip(FLYWHEEL, pos)):
        ax.text(x, y, f"{i + 1}. " + "\n".join(textwrap.wrap(text, 24)), ha="center", va="center", fontsize=8,
                bbox={"boxstyle": "round,pad=0.45", "fc": style.THING["panel"], "ec": style.THING["reference"], "lw": 0.8})
    for i in range(n):
        (x0, y0), (x1, y1) = pos[i], pos[(i + 1) % n]
        ax.add_patch(FancyArrowPatch((x0 + 0.3 * (x1 - x0), y0 + 0.3 * (y1 - y0)),
                                     (x0 + 0.7 * (x1 - x0), y0 + 0.7 * (y1 - y0)), arrowstyle="-|>",
                                     mutation_scale=12, color=style.THING["base"], lw=1.2,
                                     connectionstyle="arc3,rad=-0.15"))
    (x2, y2), (x0, y0) = pos[2], pos[0]
    ax.add_patch(FancyArrowPatch((x2 * 0.6, y2 * 0.6), (x0 + 0.05, y0 - 0.22), arrowstyle="-|>",
                                 mutation_scale=12, color=style.THING["reference"], lw=1, ls="--",
                                 connectionstyle="arc3,rad=0.25"))
    ax.text(0.05, -0.05, "more data\nimproves the\nalgorithm directly", ha="center", va="center", fontsize=7.5,
            color=style.THING["reference"])
    ax.set_xlim(-2.5, 2.5)
    ax.set_ylim(-1.45, 1.45)
    ax.set_axis_off()
    style.decorate(ax, title="The flywheel: each turn makes the next easier")


def flywheel_chart():
    """The flywheel as a finished figure and its text alternative: ``style.show(*flywheel_chart())``."""
    fig, ax = style.figure(6.4, 4.2)
    draw_flywheel(ax)
    alt = ("Diagram, the For You flywheel, a loop: " + "; then ".join(f"{i + 1}. {t}" for i, t in enumerate(FLYWHEEL))
           + "; then back to 1. A shortcut: more attention and more data (3) also improves the algorithm (1) directly.")
    return fig, alt
