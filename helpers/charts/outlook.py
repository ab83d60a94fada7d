"""Views of the outlook: revenue by stream for the base year and three years ahead."""

from __future__ import annotations

from functools import partial

from matplotlib.ticker import MaxNLocator

import numpy as np

from .. import analysis, attention, data, outlook, revenue_mix, scenarios, streams, style
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
    out[f"Operating profit {outlook.year(0)}"] = style.money(result["profit_y0_usd_b"], "USD billion")
    out[f"Operating profit {last}"] = style.money(result[f"profit_y{outlook.YEARS}_usd_b"], "USD billion")
    for s in streams:
        out[f"{s.label}: share of revenue in {last}"] = style.percent(result[f"{s.key}_share_y{outlook.YEARS}"])
    return out


def outlook_view(model, streams=streams.STREAMS) -> View:
    """The view of an outlook model built over ``streams`` (:func:`helpers.outlook.outlook_model`)."""
    return View(partial(draw_outlook, streams=streams), partial(readout_outlook, streams=streams), figsize=(6.4, 3.6),
                model=model)


OUTLOOK = outlook_view(outlook.OUTLOOK)


def draw_fan(ax, table, *, path=None, unit: str = "USD billion", title: str = "", ylabel: str = "",
             source: str = "", losses: bool = False, colour: str | None = None) -> None:
    """A fan chart: the middle 90% of the paths (light band), the middle 50% (darker band) and the median line,
    year by year; ``path`` (a value per year) draws a path without risks, dashed, for comparison. With ``losses``,
    the line at zero is drawn and each year's chance of a loss is written under its band."""
    years = list(table.index)
    x = range(len(years))
    ink = colour or style.THING["profit"]
    ax.fill_between(x, table["p5"], table["p95"], color=ink, alpha=0.12, lw=0, label="middle 90% of paths")
    ax.fill_between(x, table["p25"], table["p75"], color=ink, alpha=0.28, lw=0, label="middle 50%")
    ax.plot(x, table["p50"], color=ink, lw=2, marker="o", ms=4, label="median")
    if path is not None:
        ax.plot(x, list(path), color=style.THING["reference"], lw=1.2, ls="--", label="no risks, every input at base")
    low = min(float(table["p5"].min()), 0.0 if losses else float(table["p5"].min()))
    high = float(table["p95"].max())
    if losses:
        ax.axhline(0, color=style.THING["base"], lw=0.8)
        for i, chance in zip(x, table["chance_of_loss"]):
            ax.annotate(f"loss: {style.chance(chance)}", (i, low), xytext=(0, 4), textcoords="offset points",
                        ha="center", va="bottom", fontsize=7.5, color=style.THING["base"])
        low -= 0.12 * (high - low)
    else:
        low -= 0.05 * (high - low)  # the lowest band clear of the axis
    ax.set_xticks(list(x), [str(y) for y in years])
    ax.set_xlim(-0.35, len(years) - 0.65)  # room at each end for the first and last year's labels
    ax.set_ylim(low, high + 0.35 * (high - low))  # head room for the legend
    style.money_axis(ax, "y", unit=unit)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.grid(axis="x", visible=False)
    ax.legend(fontsize=7.5, frameon=False, loc="upper left", ncols=2)
    style.decorate(ax, title=title, ylabel=ylabel, source=source)


def fans(paths, base_path=None, *, source: str = ""):
    """Revenue and operating profit of :func:`helpers.scenarios.ahead`'s paths as two fan charts side by side, the
    path without risks (``base_path``: :func:`helpers.scenarios.years`' table) dashed on each. Returns the figure
    and a text alternative that carries every year's median, middle 90% and chance of a loss."""
    revenue, profit = scenarios.fan(paths, "revenue"), scenarios.fan(paths, "profit")
    last = revenue.index[-1]
    fig, (left, right) = style.figure(9.6, 4.2, ncols=2)
    style._TITLE_WRAP[left] = style._TITLE_WRAP[right] = 44  # two charts side by side: half the width each
    draw_fan(left, revenue, path=None if base_path is None else base_path["revenue"], ylabel="Revenue per year",
             colour=style.THING["neutral"],  # revenue in a neutral grey; black is profit's
             title=f"Revenue: the middle 90% of paths spans {style.money(revenue.loc[last, 'p5'], 'USD billion')} "
                   f"to {style.money(revenue.loc[last, 'p95'], 'USD billion')} by {last}")
    draw_fan(right, profit, path=None if base_path is None else base_path["profit"], ylabel="Operating profit per year",
             losses=True, source=source,
             title=f"Profit: median {style.money(profit.loc[last, 'p50'], 'USD billion')} in {last}, "
                   f"a loss in {style.percent(profit.loc[last, 'chance_of_loss'], 1)} of paths")
    base = "" if base_path is None else " The base path's profit: " + ", ".join(
        f"{y} {style.money(v, 'USD billion')}" for y, v in base_path["profit"].items()) + "."
    alt = f"Fan charts of revenue and operating profit, {revenue.index[0]} to {last}.{base} " + "; ".join(
        f"{y}: revenue median {style.money(revenue.loc[y, 'p50'], 'USD billion')}, profit median "
        f"{style.money(profit.loc[y, 'p50'], 'USD billion')} (middle 90% {style.money(profit.loc[y, 'p5'], 'USD billion')} "
        f"to {style.money(profit.loc[y, 'p95'], 'USD billion')}), a loss in {style.percent(profit.loc[y, 'chance_of_loss'], 1)}"
        for y in profit.index)
    return fig, alt


# ------------------------------------------------------------------------------------- the rivals
def rivals_table():
    """TikTok beside YouTube Shorts, Reels and Snapchat, each at its latest reported figures: daily views, users and
    revenue, with the kind and year of each (a dash where a company reports no such figure). TikTok's figures are
    the course's, each with its range: views the middle 90% of the attention model's Monte Carlo draws, users and
    revenue their plausible ranges in data/."""
    import pandas as pd

    tiktok = attention.ATTENTION()
    draws = analysis.monte_carlo(attention.ATTENTION, n=20_000, seed=2024, outputs=["videos_per_day_b"])
    v_lo, v_hi = np.percentile(draws["videos_per_day_b"], [5, 95])
    u_lo, u_hi = attention.ATTENTION.param("monthly_users_m").range
    r = data.fact("tiktok_revenue_2024_central")
    rows = [
        ("TikTok (course model)", tiktok["videos_per_day_b"], attention.ATTENTION.base()["monthly_users_m"],
         revenue_mix.COMPANY()["revenue_usd_b"], "model; 2024; in brackets, its range"),
        ("YouTube Shorts", data.value("yt_shorts_daily_views_2025"), data.value("yt_shorts_users"), np.nan,
         "official; views 2025, users 2023"),
        ("Reels (Instagram + Facebook)", data.value("reels_daily_plays"), np.nan, data.value("reels_run_rate_2025"),
         "official; views 2023, revenue 2025 (run-rate)"),
        ("Snapchat (all of Snap)", np.nan, data.value("snap_dau_2025"), data.value("snap_revenue_2025"),
         "official; 2025 (users: daily)"),
    ]
    def views(v):
        return "—" if np.isnan(v) else f"{v:,.0f} billion"

    def users(v, name):
        return "—" if np.isnan(v) else f"{v:,.0f} million" + (" (daily)" if name.startswith("Snapchat") else "")

    def revenue(v):
        return "—" if np.isnan(v) else data.money_text(v * 1e9)  # two figures, as the course writes money

    table = pd.DataFrame([(name, views(v), users(u, name), revenue(rv), kind) for name, v, u, rv, kind in rows],
                         columns=["Platform", "Views a day", "Users (monthly, Snap daily)", "Revenue a year",
                                  "Kind; year"]).set_index("Platform")
    t = "TikTok (course model)"
    table.loc[t, "Views a day"] += f" ({v_lo:,.0f} to {v_hi:,.0f})"
    table.loc[t, "Users (monthly, Snap daily)"] += f" ({u_lo:,.0f} to {u_hi:,.0f})"
    table.loc[t, "Revenue a year"] += f" ({data.money_text(r.low * 1e9)} to {data.money_text(r.high * 1e9)})"
    return table
