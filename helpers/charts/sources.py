"""Views for reading the sources: estimates weighted by how far their kind is trusted."""

from __future__ import annotations

import re
import textwrap

from .. import data, sources, style
from .view import View

def estimator(fact_id: str) -> str:
    """Who made an estimate, and who relayed it: the name in the fact's label ("... (Tabcut)") against the
    publisher of the cited page ("Tabcut via Cube Asia"); the publisher alone when they are the same."""
    f = data.fact(fact_id)
    publisher = data.source(f.source_id).publisher.split(" (")[0]
    m = re.search(r"\(([^()]+)\)$", f.label)
    who = m.group(1) if m else publisher
    return who if who == publisher else f"{who} via {publisher}"

def draw_trust(ax, result, inputs) -> None:
    labels, values, alphas, colours = [], [], [], []
    for param, kind in sources.GMV_ESTIMATES:
        labels.append(f"{estimator(param.fact)}\n({kind})")
        values.append(float(inputs[param.name]))
        alphas.append(0.15 + 0.85 * float(inputs[sources.KIND_WEIGHT[kind]]))
        colours.append(style.THING["shop"])
    for fact_id, _why in sources.OTHER_MEASURES:  # shown, and left out of the average
        labels.append(f"{estimator(fact_id)}\n({data.fact(fact_id).kind}; another measure)")
        values.append(data.value(fact_id))
        alphas.append(0.5)
        colours.append(style.THING["neutral_light"])
    for i, (v, a, c) in enumerate(zip(values, alphas, colours)):
        ax.barh([i], [v], color=c, alpha=a, hatch="//" if c == style.THING["neutral_light"] else None)
        ax.annotate(style.money(v, "USD billion"), (v, i), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8,
                    zorder=4, bbox={"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none"})  # readable over the line
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    est = result["gmv_estimate_usd_b"]
    ax.axvline(est, color=style.THING["base"], lw=2, zorder=3)
    ax.annotate(f"trust-weighted {style.money(est, 'USD billion')}", (est, len(values) - 0.45), xytext=(4, 0),
                textcoords="offset points", fontsize=8, va="center", zorder=4,
                bbox={"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none"})
    ax.set_ylim(-0.6, len(values) - 0.1)  # room above the bars for the line's label
    ax.set_xlim(0, max(*values, 0.1) * 1.3)  # every estimate at zero still gives the axis a width
    style.money_axis(ax, "x", unit="USD billion")
    ax.grid(axis="y", visible=False)
    style.decorate(ax, title=f"Like with like, weighted by trust: 2024 Shop GMV about {style.money(est, 'USD billion')}",
                   xlabel="2024 GMV estimate (darker = more weight; hatched = left out)",
                   source=data.cite([*sources.TRUST.facts, *(f for f, _ in sources.OTHER_MEASURES)]))

def readout_trust(result, inputs) -> dict:
    estimates = {f"{estimator(p.fact)} ({kind})": style.money(inputs[p.name], "USD billion")
                 for p, kind in sources.GMV_ESTIMATES}
    return {**estimates, "Trust-weighted GMV estimate": style.money(result["gmv_estimate_usd_b"], "USD billion"),
            "Share of the weight on news reports": style.percent(result["news_weight_share"])}

TRUST = View(draw_trust, readout_trust, figsize=(6.4, 3.2), model=sources.TRUST)


# ------------------------------------------------------------------------ estimates against their ranges
#: Each kind's marker (``style.KIND_MARK``) as a character, for a key written under the chart.
MARK_GLYPH = {"o": "●", "D": "◆", "s": "■", "^": "▲", "P": "✚", "X": "✖"}


def kind_key(kinds) -> str:
    """The markers of the kinds drawn, in words: '● official  ◆ analyst estimate  ▲ blog claim'."""
    kinds = set(kinds)
    order = [k for k in style.KIND_MARK if k in kinds]
    return "   ".join(f"{MARK_GLYPH[style.KIND_MARK[k][0]]} {k}" for k in order)


def draw_estimates(ax, rows, *, unit: str = "USD billion", central: str | None = None, colour: str | None = None,
                   title: str = "", xlabel: str = "", central_label: str = "course's central estimate") -> None:
    """Dot and interval: each estimate at its value, its marker saying its kind (``style.KIND_MARK``), on a bar
    from its plausible low to high; ``central`` (a fact id) as a labelled vertical line. ``rows`` are (fact id,
    short name) pairs, drawn top to bottom; ``colour`` tints the intervals (a stream's colour where every
    estimate measures that stream)."""
    facts = [data.fact(fid) for fid, _name in rows]
    y = list(range(len(rows)))[::-1]
    band = colour or style.THING["neutral_light"]
    for yi, f in zip(y, facts):
        ax.plot([f.low, f.high], [yi, yi], color=band, lw=7, alpha=0.45 if colour else 0.8, solid_capstyle="butt")
        marker, fill = style.KIND_MARK[f.kind]
        ax.plot([f.value], [yi], marker=marker, ms=8, color=fill, mec=style.THING["base"], mew=0.8, ls="")
        ax.annotate(style.value_text(f.value, unit), (f.value, yi), xytext=(5, 6), textcoords="offset points",
                    ha="left", va="bottom", fontsize=8, zorder=4,  # up and right of the marker, on white over a line
                    bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"})
    names = ["\n".join(textwrap.wrap(name, 28)) + f"\n({f.kind}, {f.year})" for (_fid, name), f in zip(rows, facts)]
    ax.set_yticks(y, names, fontsize=8)
    lo, hi = min(f.low for f in facts), max(f.high for f in facts)
    ax.set_xlim(max(0.0, lo - 0.35 * (hi - lo)), hi + 0.45 * (hi - lo))  # room for the last value's label
    ax.set_ylim(-0.6, len(rows) - 0.05)
    if central is not None:
        c = data.value(central)
        ax.axvline(c, color=style.THING["base"], lw=1, ls="--", zorder=0)
        right = c > (ax.get_xlim()[0] + ax.get_xlim()[1]) / 2  # in the right half, the label goes to the left
        ax.annotate(f"{central_label} {style.value_text(c, unit)}", (c, len(rows) - 0.35), xytext=(-4 if right else 4, 0),
                    textcoords="offset points", fontsize=8, va="center", ha="right" if right else "left")
    if unit in style.MONEY_UNITS:
        style.money_axis(ax, "x", unit=unit)
    else:
        from matplotlib.ticker import FuncFormatter

        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}" if abs(v) >= 100 else f"{v:g}"))
    ax.grid(axis="y", visible=False)
    key = kind_key(f.kind for f in facts)
    style.decorate(ax, title=title, xlabel=(xlabel or "Each figure on the bar of its plausible range") + f"\n{key}",
                   source=data.cite([fid for fid, _ in rows] + ([central] if central else [])))


def estimates_chart(rows, *, title: str, unit: str = "USD billion", central: str | None = None,
                    colour: str | None = None, xlabel: str = "", central_label: str = "course's central estimate"):
    """The dot-and-interval chart as a finished figure and its text alternative: ``style.show(*estimates_chart(...))``."""
    fig, ax = style.figure(6.4, 0.55 * len(rows) + 1.6)
    draw_estimates(ax, rows, unit=unit, central=central, colour=colour, title=title, xlabel=xlabel,
                   central_label=central_label)
    alt = f"{title}. " + "; ".join(
        f"{name}: {style.value_text(data.value(fid), unit)} ({data.fact(fid).kind}; range "
        f"{style.value_text(data.fact(fid).low, unit)} to {style.value_text(data.fact(fid).high, unit)})" for fid, name in rows)
    return fig, alt
