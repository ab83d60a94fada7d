"""Views of the analysis toolkit: a tornado chart for one-way sensitivity and a histogram for Monte Carlo."""

from __future__ import annotations

import numpy as np

from .. import style


def draw_tornado(ax, sens, *, fmt=style.money, scale: float = 1.0, title: str = "", xlabel: str = "",
                 source: str = "") -> None:
    """Bars from the output at each parameter's low to its high, the widest on top, around the base line.

    ``sens`` is :func:`helpers.analysis.one_way`'s table; ``scale`` converts the output to what ``fmt``
    expects (1e9 for USD billion with :func:`style.money`)."""
    df = sens.iloc[::-1]
    base = sens.attrs["base"]
    lows, highs = df["output_at_low"].to_numpy(), df["output_at_high"].to_numpy()
    left, right = np.minimum(lows, highs), np.maximum(lows, highs)
    y = np.arange(len(df))
    ax.barh(y, right - np.maximum(left, base), left=np.maximum(left, base), color=style.BLUE, label="above base")
    ax.barh(y, np.minimum(right, base) - left, left=left, color=style.ORANGE, label="below base")
    ax.axvline(base, color=style.INK, lw=1)
    ax.set_yticks(y, [f"{lab}\n({_short(lo)} to {_short(hi)})" for lab, lo, hi in
                      zip(df["label"], df["low"], df["high"])], fontsize=8)
    ax.xaxis.set_major_formatter(style.FuncFormatter(lambda v, _p: fmt(v * scale)))
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    style.decorate(ax, title=title or f"What moves the result most (base {fmt(base * scale)})",
                   xlabel=xlabel, source=source)


def _short(x: float) -> str:
    return f"{x:,.3g}"


def draw_histogram(ax, samples, *, fmt=style.money, scale: float = 1.0, title: str = "", xlabel: str = "",
                   source: str = "", marks=(5, 50, 95)) -> None:
    """A histogram of Monte Carlo results with its percentiles marked."""
    arr = np.asarray(samples, dtype=float)
    ax.hist(arr, bins=60, color=style.BLUE, alpha=0.85)
    for q, v in zip(marks, np.percentile(arr, marks)):
        ax.axvline(v, color=style.VERMILION if q != 50 else style.INK, lw=1.2, ls="--" if q != 50 else "-")
        ax.annotate(f"p{q} {fmt(v * scale)}", (v, 1), xycoords=("data", "axes fraction"), rotation=90,
                    va="top", ha="right", fontsize=8)
    ax.xaxis.set_major_formatter(style.FuncFormatter(lambda v, _p: fmt(v * scale)))
    ax.set_ylabel("Number of draws")
    style.decorate(ax, title=title, xlabel=xlabel, ylabel="Number of draws", source=source)
