"""Views of the analysis toolkit: a tornado chart for one-way sensitivity and a histogram for Monte Carlo.

Statistical charts drawn once in a notebook (not redrawn by a panel) use seaborn; panels stay on the fast
matplotlib path."""

from __future__ import annotations

import math

import numpy as np

import pandas as pd

from .. import analysis, style


def one_way_table(sens, *, output: str, unit: str = "USD billion") -> pd.DataFrame:
    """:func:`helpers.analysis.one_way`'s table as a reader reads it: each input with its plausible low and high in
    its own unit, the ``output`` (its name in words) at each, and the swing, money as the course writes it."""
    def money(v):
        return style.money(v, unit)

    return pd.DataFrame({
        "Low": list(sens["low_text"]), "High": list(sens["high_text"]),
        f"{output} at low": [money(v) for v in sens["output_at_low"]],
        f"{output} at high": [money(v) for v in sens["output_at_high"]],
        "Swing": [money(v) for v in sens["swing"]],
    }, index=pd.Index(list(sens["label"]), name="Input (varied over its plausible range)"))


#: The company model's outputs in words, for tables.
OUTPUT_LABELS = {"revenue_usd_b": "Revenue per year", "ads_share": "Advertising's share of revenue",
                 "costs_usd_b": "Costs per year", "profit_usd_b": "Operating profit per year", "margin": "Operating margin"}


def compare_table(model, table: pd.DataFrame) -> pd.DataFrame:
    """:func:`helpers.analysis.compare`'s table as a reader reads it: each output in words and in its unit (money
    as the course writes it, shares as percentages), each scenario under its name."""
    rows = {}
    for output, values in table.iterrows():
        unit = model.outputs.get(output, "")
        if output.endswith(("_share", "margin")):  # a margin is a share of revenue, whatever its unit says
            unit = "share"
        label = OUTPUT_LABELS.get(output, style.output_words(output))
        rows[label] = [style.value_text(v, unit) for v in values]
    names = {c: ("base case" if c == "base" else c.replace("_", " ").replace("us ", "US ")) for c in table.columns}
    return pd.DataFrame(rows, index=[names[c] for c in table.columns]).T.rename_axis("Output")


def draw_tornado(ax, sens, *, unit: str = "USD", title: str = "", xlabel: str = "", source: str = "") -> None:
    """Bars from the output at each parameter's low to its high, the widest on top, around the base line.

    ``sens`` is :func:`helpers.analysis.one_way`'s table; ``unit`` is the output's money unit ("USD billion")."""
    df = sens.iloc[::-1]
    base = sens.attrs["base"]
    lows, highs = df["output_at_low"].to_numpy(), df["output_at_high"].to_numpy()
    left, right = np.minimum(lows, highs), np.maximum(lows, highs)
    y = np.arange(len(df))
    ax.barh(y, right - np.maximum(left, base), left=np.maximum(left, base), color=style.THING["neutral"], label="result above base")
    ax.barh(y, np.minimum(right, base) - left, left=left, color=style.THING["neutral_light"], label="result below base")
    ax.axvline(base, color=style.THING["base"], lw=1)
    span = max(float(right.max() - left.min()), 1e-9)
    ax.set_xlim(left.min() - 0.05 * span, right.max() + 0.05 * span)  # no bar's end on the axis's edge
    lows_text, highs_text = df["low_text"], df["high_text"]  # each input in its own format (one_way)
    units = [("" if u in ("share", "ratio", "count") or u.startswith("USD") else f" {u}") for u in df["unit"]]
    ax.set_yticks(y, [f"{lab}\n({lo} to {hi}{u})" for lab, lo, hi, u in zip(df["label"], lows_text, highs_text, units)],
                  fontsize=8)
    style.money_axis(ax, "x", unit=unit)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    style.decorate(ax, title=title or f"What moves the result most (base {style.money(base, unit)})",
                   xlabel=xlabel, source=source)


def draw_histogram(ax, samples, *, unit: str = "USD", title: str = "", xlabel: str = "", source: str = "",
                   marks=(5, 50, 95)) -> None:
    """A histogram of Monte Carlo results with its percentiles marked in words ("1 in 20 below $x"), on
    white labels above the bars (seaborn, in the house colours; not a panel's view, so it need not be
    redrawn fast)."""
    import seaborn as sns

    arr = np.asarray(samples, dtype=float)
    sns.histplot(x=arr, bins=60, color=style.THING["neutral"], alpha=0.85, edgecolor="white", linewidth=0.3, ax=ax)
    top = ax.get_ylim()[1]
    ax.set_ylim(0, top * (1.08 + 0.1 * len(marks)))  # head room: one row of labels per mark
    for i, (q, v) in enumerate(zip(marks, np.percentile(arr, marks))):
        ax.axvline(v, color=style.THING["reference"] if q != 50 else style.THING["base"], lw=1.2, ls="--" if q != 50 else "-")
        ax.annotate(_in_words(q, style.money(v, unit)), (v, top * (1.03 + 0.1 * (len(marks) - i))), fontsize=8,
                    ha="left", va="center", xytext=(3, 0), textcoords="offset points",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.9})
    style.money_axis(ax, "x", unit=unit)
    style.decorate(ax, title=title, xlabel=xlabel, ylabel="Number of draws", source=source)


def _in_words(q: int, value: str) -> str:
    """A percentile for readers: 5 -> '1 in 20 below $x', 50 -> 'median $x', 95 -> '1 in 20 above $x'."""
    if q == 50:
        return f"median {value}"
    share = q if q < 50 else 100 - q
    side = "below" if q < 50 else "above"
    return f"1 in {round(100 / share)} {side} {value}" if 100 % share == 0 else f"{share}% {side} {value}"


def draw_exceedance(ax, losses, *, unit: str = "USD billion", title: str = "", xlabel: str = "", source: str = "",
                    marks=()) -> None:
    """An exceedance curve: for each amount x, the chance of losing more than x. Reads a lumpy mixture of
    discrete events (most years nothing happens) far better than a histogram. ``marks`` are (amount,
    label) pairs to point out on the curve."""
    arr = np.asarray(losses, dtype=float)
    reach = max([float(arr.max()), *(float(a) for a, _ in marks)]) if marks else float(arr.max())
    grid = np.linspace(0, max(reach, 1e-9) * 1.05, 400)  # every marked amount on the axis
    ax.step(grid, analysis.exceedance(arr, grid), where="post", color=style.THING["neutral"], lw=2)
    lines = []
    for i, (amount, label) in enumerate(marks, start=1):
        chance = float(analysis.exceedance(arr, [amount])[0])
        ax.plot([amount], [chance], "o", color=style.THING["you"], ms=6, clip_on=False, zorder=4)  # whole on the axis
        ax.annotate(str(i), (amount, chance), xytext=(5, 5), textcoords="offset points", fontsize=8,
                    color=style.THING["you"], fontweight="bold")
        lines.append(f"{i}  {label}: {style.chance(chance)}")
    if lines:
        ax.text(0.98, 0.95, "Chance of losing\n" + "\n".join(lines), transform=ax.transAxes, ha="right", va="top",
                fontsize=8, bbox={"boxstyle": "round,pad=0.4", "fc": "white", "ec": style.THING["reference"], "lw": 0.5})
    top = float(analysis.exceedance(arr, np.array([0.0]))[0])  # the chance of losing anything: the curve's height
    ax.set_ylim(0, min(1.05, max(0.2, math.ceil(top * 1.3 * 10) / 10)))  # fitted to the curve, in steps of 10%
    ax.set_xlim(-0.02 * grid[-1], grid[-1])  # a mark at zero shown whole
    style.percent_axis(ax, "y")
    style.money_axis(ax, "x", unit=unit)
    style.decorate(ax, title=title, xlabel=xlabel, ylabel="Chance of losing more than this", source=source)


def draw_heatmap(ax, grid, *, cell, xtick, ytick, title: str = "", xlabel: str = "", ylabel: str = "",
                 source: str = "", best: str | None = "max", cmap: str = "Greys", beyond=None,
                 beyond_label: str = "hatched: beyond the evidence") -> None:
    """A two-way sensitivity table (:func:`helpers.analysis.two_way`) as a seaborn heatmap: each cell written
    with ``cell(value)``, the axes' values with ``xtick`` and ``ytick``; with ``best`` ("max" or "min") each
    row's best cell is outlined, so the eye follows how the best choice moves from row to row. ``beyond`` (a
    boolean grid of the same shape) hatches the cells whose combination leaves what the evidence allows, and
    ``beyond_label`` says so under the chart."""
    import seaborn as sns
    from matplotlib.patches import Rectangle

    labels = np.vectorize(cell)(grid.to_numpy())
    sns.heatmap(grid, ax=ax, cmap=cmap, annot=labels, fmt="", cbar=False, linewidths=0.5, linecolor="white",
                annot_kws={"fontsize": 7.5}, xticklabels=[xtick(v) for v in grid.columns],
                yticklabels=[ytick(v) for v in grid.index])
    if best is not None:
        pick = np.argmax if best == "max" else np.argmin
        for i, row in enumerate(grid.to_numpy()):
            for colour, width in (("white", 4.0), (style.THING["you"], 1.8)):  # seen on dark cells and light
                ax.add_patch(Rectangle((int(pick(row)) + 0.06, i + 0.06), 0.88, 0.88, fill=False, ec=colour,
                                       lw=width))
    if beyond is not None:
        mask = np.asarray(beyond, dtype=bool)
        if mask.shape != grid.shape:
            raise ValueError(f"beyond has shape {mask.shape}; it must match the grid's {grid.shape}")
        for i, j in zip(*np.nonzero(mask)):
            ax.add_patch(Rectangle((j, i), 1, 1, fill=False, hatch="//", ec=style.THING["neutral"], lw=0, alpha=0.55,
                                   zorder=1.5))  # under the cell text
    notes = ["outlined: each row's best cell"] if best is not None else []
    if beyond is not None and np.asarray(beyond, dtype=bool).any():
        notes.append(beyond_label)
    if notes:
        xlabel = f"{xlabel}\n({'; '.join(notes)})" if xlabel else "; ".join(notes)
    ax.tick_params(axis="y", rotation=0)
    ax.tick_params(axis="x", rotation=0)
    ax.grid(False)
    style.decorate(ax, title=title, xlabel=xlabel, ylabel=ylabel, source=source)


def draw_ecdfs(ax, samples: dict, *, unit: str = "USD billion", title: str = "", xlabel: str = "",
               source: str = "", mark: float | None = 0.0) -> None:
    """Monte Carlo draws under several assumptions as empirical distribution curves (seaborn's ecdfplot), one
    line style each in neutral inks: read across at any height for that percentile, up from any amount for the
    chance of less. ``mark`` draws a vertical line at an amount of interest (a loss starts at zero)."""
    import seaborn as sns

    styles = [("-", style.THING["base"]), ("--", style.THING["reference"]), (":", style.THING["base"]),
              ("-.", style.THING["reference"])]
    for (label, draws), (dash, colour) in zip(samples.items(), styles):
        sns.ecdfplot(x=np.asarray(draws, dtype=float), ax=ax, color=colour, ls=dash, lw=1.6, label=label)
    if mark is not None:
        ax.axvline(mark, color=style.THING["reference"], lw=0.8)
    style.money_axis(ax, "x", unit=unit)
    style.percent_axis(ax, "y")
    ax.legend(fontsize=8, frameon=False, loc="lower right")  # the curves rise from lower left to upper right
    style.decorate(ax, title=title, xlabel=xlabel, ylabel="Share of draws at or below", source=source)
