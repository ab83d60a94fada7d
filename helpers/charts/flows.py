"""The money-flow waterfall shared by every flow model: each party's part stacked from the left until the parts
reach what was paid, shown as the bottom bar. The picture itself shows that money is conserved."""

from __future__ import annotations

from .. import style


def draw_money_flow(ax, parts, *, total_label: str, total: float, payer: str, fmt=style.money, axis_fmt=None,
                    pad: float = 1.2) -> None:
    """``parts``: (label, value, colour) in order; the bottom bar is what ``payer`` (a party of ``style.THING``:
    "viewer", "business") paid, in that party's colour. ``fmt`` labels each bar; ``axis_fmt`` the x ticks."""
    left = 0.0
    for i, (_label, v, color) in enumerate(parts):
        y = len(parts) - i
        ax.barh([y], [v], left=left, color=color)
        ax.annotate(fmt(v), (left + v, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=9)
        left += v
    ax.barh([0], [total], color=style.THING[payer])
    ax.annotate(fmt(total), (total, 0), xytext=(4, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks(range(len(parts), -1, -1), [label for label, _v, _c in parts] + [total_label])
    ax.set_xlim(0, max(total, 1e-9) * pad)
    if axis_fmt is None:
        style.money_axis(ax, "x")
    else:
        ax.xaxis.set_major_formatter(style.FuncFormatter(lambda v, _p: axis_fmt(v)))
    ax.grid(axis="y", visible=False)


def labelled_bars(ax, labels, values, colors, *, fmt, floor: float = 1e-9, pad: float = 1.3, ranges=None) -> None:
    """Horizontal bars, first label on top, each with its value written at its end; no horizontal grid. With
    ``ranges`` ((low, high) per bar), a whisker shows each bar's plausible range and the value is written past
    it, so no label sits on the whisker."""
    labels, values = list(labels), list(values)
    colors = list(colors) if isinstance(colors, (list, tuple)) else [colors] * len(values)
    if ranges is not None and len(list(ranges)) != len(values):
        raise ValueError(f"ranges has {len(list(ranges))} pairs for {len(values)} bars")
    ranges = list(ranges) if ranges is not None else [(v, v) for v in values]
    bars = ax.barh(range(len(values)), values[::-1], color=colors[::-1])
    ax.set_yticks(range(len(values)), labels[::-1])
    for bar, v, (lo, hi) in zip(bars, values[::-1], ranges[::-1]):
        y = bar.get_y() + bar.get_height() / 2
        if hi > lo:
            ax.errorbar([(lo + hi) / 2], [y], xerr=[(hi - lo) / 2], fmt="none", ecolor=style.THING["base"],
                        elinewidth=1, capsize=3, zorder=3)
        ax.annotate(fmt(v), (max(v, hi), y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set_xlim(0, max(max(values), max(hi for _, hi in ranges), floor) * pad)
    ax.grid(axis="y", visible=False)
