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
    labels, values, alphas = [], [], []
    for param, kind in sources.GMV_ESTIMATES:
        labels.append(f"{estimator(param.fact)}\n({kind})")
        values.append(float(inputs[param.name]))
        alphas.append(0.15 + 0.85 * float(inputs[sources.KIND_WEIGHT[kind]]))
    for i, (v, a) in enumerate(zip(values, alphas)):
        ax.barh([i], [v], color=style.BLUE, alpha=a)
        ax.annotate(style.money(v, "USD billion"), (v, i), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8,
                    zorder=4, bbox={"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none"})  # readable over the line
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    est = result["gmv_estimate_usd_b"]
    ax.axvline(est, color=style.VERMILION, lw=2, zorder=3)
    ax.set_xlim(0, max(*values, 0.1) * 1.3)  # every estimate at zero still gives the axis a width
    style.money_axis(ax, "x", unit="USD billion")
    ax.grid(axis="y", visible=False)
    style.decorate(ax, title=f"Weighted by trust in each kind, 2024 Shop GMV is about {style.money(est, 'USD billion')}",
                   xlabel="2024 GMV estimate (darker = more weight)", source=data.cite(sources.TRUST.facts))

def readout_trust(result, inputs) -> dict:
    return {"Trust-weighted GMV estimate": style.money(result["gmv_estimate_usd_b"], "USD billion"),
            "Share of the weight on blog claims": style.percent(result["blog_weight_share"])}

TRUST = View(draw_trust, readout_trust, figsize=(6.4, 3.2), model=sources.TRUST)
