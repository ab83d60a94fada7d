"""Views of the outlook: revenue by stream for the base year and three years ahead."""

from __future__ import annotations

from .. import data, outlook, style
from .view import View



def draw_outlook(ax, result, inputs) -> None:
    years = [f"{2024 + t}" for t in range(outlook.YEARS + 1)]
    bottom = [0.0] * len(years)
    for stream, label, color in (("ads", "Advertising", style.BLUE), ("shop", "TikTok Shop", style.GREEN),
                                 ("gifts", "Coins and gifts", style.ORANGE)):
        values = [result[f"{stream}_y{t}_usd_b"] for t in range(outlook.YEARS + 1)]
        ax.bar(range(len(years)), values, bottom=bottom, color=color, label=label)
        bottom = [b + v for b, v in zip(bottom, values)]
    for x, total in enumerate(bottom):
        ax.annotate(style.money(total, "USD billion"), (x, total), xytext=(0, 3), textcoords="offset points", ha="center",
                    fontsize=8)
    ax.set_xticks(range(len(years)), years)
    ax.set_ylim(0, max(max(bottom), 1e-9) * 1.4)  # headroom: the totals, then the legend above them
    style.money_axis(ax, "y", unit="USD billion")
    ax.legend(fontsize=8, frameon=False, loc="upper center", ncols=3)
    ax.grid(axis="x", visible=False)
    style.decorate(ax, title=f"A scenario, not a forecast: {style.percent(result['growth_per_year'])} a year, "
                             f"Shop {style.percent(result['shop_share_y3'])} of revenue by 2027",
                   ylabel="Revenue per year", source=data.cite(outlook.OUTLOOK.facts))


def readout_outlook(result, inputs) -> dict:
    out = {f"Revenue {2024 + t}": style.money(result[f"revenue_y{t}_usd_b"], 'USD billion') for t in range(outlook.YEARS + 1)}
    out["Growth per year"] = style.percent(result["growth_per_year"], 1)
    out["Shop's share of revenue in 2027"] = style.percent(result["shop_share_y3"])
    return out


OUTLOOK = View(draw_outlook, readout_outlook, figsize=(6.4, 3.6))
