"""Views for reading the sources: estimates weighted by how far their kind is trusted."""

from __future__ import annotations

import re

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
    ax.set_xlim(0, max(*values, 0.1) * 1.3)  # every estimate at zero still gives the axis a width
    style.money_axis(ax, "x", unit="USD billion")
    ax.grid(axis="y", visible=False)
    style.decorate(ax, title=f"Like with like, weighted by trust: 2024 Shop GMV about {style.money(est, 'USD billion')}",
                   xlabel="2024 GMV estimate (darker = more weight; hatched = left out)",
                   source=data.cite([*sources.TRUST.facts, *(f for f, _ in sources.OTHER_MEASURES)]))

def readout_trust(result, inputs) -> dict:
    return {"Trust-weighted GMV estimate": style.money(result["gmv_estimate_usd_b"], "USD billion"),
            "Share of the weight on news reports": style.percent(result["news_weight_share"])}

TRUST = View(draw_trust, readout_trust, figsize=(6.4, 3.2), model=sources.TRUST)
