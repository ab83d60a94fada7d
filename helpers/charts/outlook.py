"""Views of the outlook: revenue by stream for the base year and three years ahead."""

from __future__ import annotations

from functools import partial

from matplotlib.ticker import MaxNLocator

from .. import data, outlook, streams, style
from .view import View


def draw_outlook(ax, result, inputs, streams=streams.STREAMS) -> None:
    """Revenue by stream, stacked, in the base year and each year ahead."""
    years = [str(outlook.year(t)) for t in range(outlook.YEARS + 1)]
    bottom = [0.0] * len(years)
    for s in streams:
        values = [result[f"{s.key}_y{t}_usd_b"] for t in range(outlook.YEARS + 1)]
        ax.bar(range(len(years)), values, bottom=bottom, color=style.NAMED[s.colour], label=s.label)
        bottom = [b + v for b, v in zip(bottom, values)]
    for x, total in enumerate(bottom):
        ax.annotate(style.money(total, "USD billion"), (x, total), xytext=(0, 3), textcoords="offset points", ha="center",
                    fontsize=8)
    ax.set_xticks(range(len(years)), years)
    ax.set_ylim(0, max(max(bottom), 1e-9) * 1.4)  # headroom: the totals, then the legend above them
    style.money_axis(ax, "y", unit="USD billion")
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4))  # a handful of labelled heights: quicker to read and to draw
    ax.legend(fontsize=8, frameon=False, loc="upper center", ncols=min(len(streams), 4))
    ax.grid(axis="x", visible=False)
    last = outlook.year(outlook.YEARS)
    style.decorate(ax, title=f"A scenario, not a forecast: {style.percent(result['growth_per_year'])} a year, "
                             f"Shop {style.percent(result[f'shop_share_y{outlook.YEARS}'])} of revenue by {last}",
                   ylabel="Revenue per year", source=data.cite(outlook.OUTLOOK.facts))


def readout_outlook(result, inputs, streams=streams.STREAMS) -> dict:
    out = {f"Revenue {outlook.year(t)}": style.money(result[f"revenue_y{t}_usd_b"], "USD billion")
           for t in range(outlook.YEARS + 1)}
    out["Growth per year"] = style.percent(result["growth_per_year"], 1)
    last = outlook.year(outlook.YEARS)
    for s in streams:
        out[f"{s.label}: share of revenue in {last}"] = style.percent(result[f"{s.key}_share_y{outlook.YEARS}"])
    return out


def outlook_view(model, streams=streams.STREAMS) -> View:
    """The view of an outlook model built over ``streams`` (:func:`helpers.outlook.outlook_model`)."""
    return View(partial(draw_outlook, streams=streams), partial(readout_outlook, streams=streams), figsize=(6.4, 3.6),
                model=model)


OUTLOOK = outlook_view(outlook.OUTLOOK)
