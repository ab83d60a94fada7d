"""Views of the analysis toolkit: a tornado chart for one-way sensitivity and a histogram for Monte Carlo.

Statistical charts drawn once in a notebook (not redrawn by a panel) use seaborn; panels stay on the fast
matplotlib path."""

from __future__ import annotations

import numpy as np

from .. import style


def draw_tornado(ax, sens, *, unit: str = "USD", title: str = "", xlabel: str = "", source: str = "") -> None:
    """Bars from the output at each parameter's low to its high, the widest on top, around the base line.

    ``sens`` is :func:`helpers.analysis.one_way`'s table; ``unit`` is the output's money unit ("USD billion")."""
    df = sens.iloc[::-1]
    base = sens.attrs["base"]
    lows, highs = df["output_at_low"].to_numpy(), df["output_at_high"].to_numpy()
    left, right = np.minimum(lows, highs), np.maximum(lows, highs)
    y = np.arange(len(df))
    ax.barh(y, right - np.maximum(left, base), left=np.maximum(left, base), color=style.BLUE, label="above base")
    ax.barh(y, np.minimum(right, base) - left, left=left, color=style.ORANGE, label="below base")
    ax.axvline(base, color=style.INK, lw=1)
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
    """A histogram of Monte Carlo results with its percentiles marked (seaborn, in the house colours; not a
    panel's view, so it need not be redrawn fast)."""
    import seaborn as sns

    arr = np.asarray(samples, dtype=float)
    sns.histplot(x=arr, bins=60, color=style.BLUE, alpha=0.85, edgecolor="white", linewidth=0.3, ax=ax)
    for q, v in zip(marks, np.percentile(arr, marks)):
        ax.axvline(v, color=style.VERMILION if q != 50 else style.INK, lw=1.2, ls="--" if q != 50 else "-")
        ax.annotate(f"p{q} {style.money(v, unit)}", (v, 1), xycoords=("data", "axes fraction"), rotation=90,
                    va="top", ha="right", fontsize=8)
    style.money_axis(ax, "x", unit=unit)
    style.decorate(ax, title=title, xlabel=xlabel, ylabel="Number of draws", source=source)
