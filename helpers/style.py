"""The house style for charts and numbers: one place, called from every notebook.

Charts are drawn on a plain :class:`matplotlib.figure.Figure` (never pyplot), rendered to PNG here, and
shown with a text alternative. So a notebook never prints a volatile ``<Figure size ...>`` repr, the
text that nbval compares is the chart's key numbers, and a screen-reader user gets the same numbers.
"""

from __future__ import annotations

import base64
import io
import math
import re
import textwrap
import weakref

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter  # noqa: F401 (re-exported for views)

from .data import cents, money_text  # noqa: F401 (re-exported: money() and the views use it)

#: Okabe–Ito / seaborn "colorblind" colours: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0173B2", "#DE8F05", "#029E73", "#D55E00", "#CC78BC", "#CA9161", "#FBAFE4", "#949494")
BLUE, ORANGE, GREEN, VERMILION, PURPLE, BROWN, PINK, GREY = PALETTE
INK = "#222222"
#: The palette by name: what the registry of revenue streams (helpers.streams) gives as a stream's colour.
NAMED = dict(zip(("blue", "orange", "green", "vermilion", "purple", "brown", "pink", "grey"), PALETTE))
MUTED = "#555555"

LIGHT_GREY = "#C8C8C8"
LIGHT_BLUE = "#8CC3E3"
LIGHT_BROWN = "#E2C9A6"
#: Shades of the premium formats' purple, darkest first: the formats of notebook 03 are all premium.
PURPLES = ("#7E3D73", "#CC78BC", "#E2B1DA", "#F2DCEE")

#: One colour per thing, the same in every chart of the course. A view names the thing (``THING["shop"]``),
#: never a colour, and tests/test_chart_fit.py holds every chart to it: a stream's colour appears only where
#: that stream does. The four revenue streams own their hues (blue, purple, orange, green); the parties, the
#: costs, the risks and the marks a chart adds (your setting, a base line) take the rest, mostly greys.
THING = {
    # the revenue streams (helpers.streams names each stream's colour here)
    "in_feed": BLUE, "ads": BLUE, "premium": PURPLE, "gifts": ORANGE, "shop": GREEN,
    # weaker shades of the advertising blue: what is not (yet) an ad, and an ad's price after a loss
    "viewing": LIGHT_GREY, "videos": GREY, "ads_reduced": LIGHT_BLUE,
    # the parties a dollar is split between (TikTok's own part takes the colour of the stream it earns)
    "creator": VERMILION, "viewer": PINK, "business": BROWN, "business_profit": LIGHT_BROWN,
    "app store": GREY, "payment": LIGHT_GREY, "agency": LIGHT_GREY, "production": GREY,
    "unspent": LIGHT_GREY, "other": GREY,
    # a company's costs and what is left
    "cost": GREY, "profit": INK,
    # the risks of notebook 08: the palette's hues are the streams' and the parties', so each risk takes an ink
    # or a grey, with a marker of its own and its name beside it
    "ban": INK, "clampdown": MUTED, "fine": GREY, "downturn": LIGHT_GREY,
    # marks: your setting, the base case or a reference, and a neutral quantity (a total, a simulated draw)
    "you": INK, "base": INK, "reference": MUTED, "neutral": MUTED, "neutral_light": LIGHT_GREY, "panel": "#F2F2F2",
}
#: The colours the streams own: nothing else in a chart may use them.
STREAM_HUES = {"ads": BLUE, "premium": PURPLE, "gifts": ORANGE, "shop": GREEN}
#: Each kind of figure as a marker and a shade of grey (dot-and-interval charts of estimates).
KIND_MARK = {"official": ("o", INK), "analyst estimate": ("D", MUTED), "news": ("s", GREY),
             "blog claim": ("^", LIGHT_GREY), "derived": ("P", MUTED), "teaching assumption": ("X", GREY)}


RC = {
    # Drawn at 150 dots per inch and shown at 100 pixels per inch (show() and the panels set the width): sharp
    # text on a high-density screen and in print, at the size the layout was designed for.
    "figure.dpi": 150,
    "savefig.dpi": 150,
    "axes.axisbelow": True,  # gridlines behind the bars and lines, never over them
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.edgecolor": "#BBBBBB",
    "axes.grid": True,
    "grid.color": "#E5E5E5",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=list(PALETTE)),
    "svg.hashsalt": "tiktok-course",
    "text.parse_math": False,  # "$5 to $10" is money, not mathematics
    # Speed of a slider move (tools/bench.py): unhinted glyphs render about a third faster than the
    # default auto-hinted ones and look the same at this resolution; a fixed title height spares matplotlib
    # measuring the tick labels to place the title on every redraw.
    "text.hinting": "none",
    "axes.titley": 1.0,
}


def use() -> None:
    """Apply the house style. Call once at the top of a notebook; safe to call again. Tables show every label in
    full (pandas would cut them at 50 characters) and a stray float with a thousands separator and three
    significant figures, never '1560.0' or '0.7783999'."""
    import pandas as pd

    matplotlib.rcParams.update(RC)
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.float_format", _float_text)


def _float_text(x: float) -> str:
    if x != x:  # NaN
        return "n/a"
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:,.3g}"


# ------------------------------------------------------------------------------------------- numbers
_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))
#: What one unit of each money unit is worth in dollars: a value in ``USD billion`` is formatted as money
#: by naming its unit (``money(16.9, "USD billion")``), never by multiplying by 1e9 at the call.
MONEY_UNITS = {"USD": 1.0, "USD thousand": 1e3, "USD million": 1e6, "USD billion": 1e9}


def _dollars(x, unit: str) -> float:
    if unit not in MONEY_UNITS:
        raise ValueError(f"unit must be one of {', '.join(MONEY_UNITS)}, got {unit!r}")
    return float(x) * MONEY_UNITS[unit]


def money(x: float, unit: str = "USD", digits: int | None = None, currency: str = "$") -> str:
    """Dollars for people, to two significant figures: money(31.08, "USD billion") -> '$31B', 6.3e9 -> '$6.3B',
    45e6 -> '$45M', 10_000 -> '$10k', -5e6 -> '-$5.0M'; whole dollars from $100 ('$730'), and a price below that
    to the cent ('$16.35', '$5.16'), as prices are written. ``digits`` fixes the decimals of an amount of $1,000
    or more where a reader needs more than two figures ('$31.1B' with digits=1). ``unit`` is the unit the value
    is in (the model's output unit)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return money_text(_dollars(x, unit), digits=digits, currency=currency)


_ACRONYMS = {"gmv": "GMV", "cpm": "CPM", "us": "US", "mau": "MAU", "dau": "DAU", "roas": "ROAS", "pv": "present value of"}


def output_words(output: str) -> str:
    """A model output's name in words: 'gmv_usd_b' -> 'GMV', 'revenue_per_year_usd_b' -> 'Revenue per year'."""
    name = output
    for suffix in ("_usd_b", "_usd_m", "_usd", "_b", "_m"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    text = " ".join(_ACRONYMS.get(w, w) for w in name.split("_"))
    return text[0].upper() + text[1:] if text else output


def value_text(x: float, unit: str) -> str:
    """Any value in its unit as the course writes it: money to two figures ('$31B'), a share as a percentage, a
    count of millions in millions ('1,560 million users'), anything else with its unit ('55 minutes per day').
    A unit's qualifier after a comma ('USD billion, can be negative') is left out."""
    unit = unit.split(",")[0]
    if unit in MONEY_UNITS:
        return money(x, unit)
    if unit == "share":
        return percent(x)
    if unit.startswith("million "):
        return f"{float(x):,.0f} million {unit[len('million '):]}"
    text = f"{float(x):,.0f}" if abs(float(x)) >= 1000 else f"{float(x):,.3g}"
    return text + (f" {unit}" if unit and unit not in ("ratio", "count", "year") else "")


def cents_of(x: float) -> str:
    """A part of a dollar in cents, to two significant figures: 0.395 -> '40¢', 0.021 -> '2.1¢'."""
    c = 100 * float(x)
    return f"{c:.0f}¢" if abs(c) >= 9.95 else f"{c:.1f}¢"


def count(x: float) -> str:
    """A count of things to two significant figures, as money is: 1.9e6 -> '1.9 million', 19_157 -> '19,000',
    588 -> '590', 7 -> '7' (a funnel's impressions, clicks and purchases read alike)."""
    x = float(x)
    if x == 0:
        return "0"
    rounded = float(f"{x:.2g}")
    return number(rounded) if abs(rounded) >= 1e6 else f"{rounded:,.0f}"


def number(x: float, digits: int = 1) -> str:
    """Counts for people: 1.04e9 -> '1.0 billion', 2.5e6 -> '2.5 million', 950 -> '950'."""
    a = abs(float(x))
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if a >= scale:
            v = x / scale
            return f"{v:,.0f} {word}" if abs(v) >= 100 else f"{v:,.{digits}f} {word}"  # 936 million, not 936.0
    if a >= 100 or float(x).is_integer():
        return f"{x:,.0f}"
    return f"{x:,.{digits}f}"


def percent(x: float, digits: int = 0) -> str:
    """A share as a percentage: 0.35 -> '35%'."""
    return f"{100 * float(x):.{digits}f}%"


def chance(x: float) -> str:
    """A simulated chance as a reader writes it: '16%', '0.3%', '<0.1%' (never '0.0%' for a rare event seen in
    none of the draws but possible), '0%' only for none at all."""
    x = float(x)
    if x <= 0:
        return "0%"
    if x < 0.001:
        return "<0.1%"
    return f"{100 * x:.1f}%" if x < 0.01 else f"{100 * x:.0f}%"


def tick_money(x: float, unit: str = "USD") -> str:
    """A money axis's tick, exactly: '$0', '$5', '$0.25', '$2.5B', '$120k' (a tick is a position, not an
    estimate, so it is not rounded to two figures)."""
    a = _dollars(x, unit)
    if a == 0:
        return "$0"
    sign, a = ("-" if a < 0 else ""), abs(a)
    for scale, sfx in _SCALES:
        if a >= scale:
            return f"{sign}${f'{a / scale:,.3f}'.rstrip('0').rstrip('.')}{sfx}"
    return f"{sign}${a:,.0f}" if float(a).is_integer() else f"{sign}${a:,.2f}"


def money_axis(ax, axis: str = "y", unit: str = "USD") -> None:
    """Format an axis as money, with ticks at round amounts ($5, not $2.50); ``unit`` is the unit of the plotted
    values ("USD billion")."""
    from matplotlib.ticker import MaxNLocator

    _dollars(0, unit)  # refuse an unknown unit now, not at draw time
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10]))
    target.set_major_formatter(FuncFormatter(lambda v, _pos: tick_money(v, unit)))


def percent_axis(ax, axis: str = "y") -> None:
    fmt = FuncFormatter(lambda v, _pos: f"{100 * v:.0f}%")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


# -------------------------------------------------------------------------------------------- figures
def figure(width: float = 6.4, height: float = 3.6, ncols: int = 1):
    """A new figure and its axes, in the house style, outside pyplot (nothing is shown until :func:`show`)."""
    use()
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, ncols)
    return fig, axes


def decorate(ax, *, title: str, xlabel: str = "", ylabel: str = "", source: str = "") -> None:
    """Title that states the finding, axis labels with units, and a source line under the chart."""
    # 54 characters fit beside most axes; where fit() found less room, it left the width that fits here, so a
    # panel's later redraws wrap right away instead of working the layout out again.
    ax.set_title("\n".join(textwrap.wrap(title, _TITLE_WRAP.get(ax, 54))))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if source:
        fig = ax.get_figure()
        fig.supxlabel("\n".join(textwrap.wrap(source, 110)), x=0.01, ha="left", fontsize=7.5, color=MUTED)


#: Pixels per inch at which a chart is shown: a 6.4-inch chart is 640 pixels wide on the page.
DISPLAY_PPI = 100


def png(fig) -> bytes:
    """The figure as PNG bytes, drawn so that every text fits (:func:`fit`) and rendered the same way under
    every backend: the Agg canvas at the figure's own size (no tight bbox), encoded with light compression
    (fast to redraw in a panel, no metadata)."""
    from PIL import Image

    fit(fig)
    buf = io.BytesIO()
    Image.fromarray(np.asarray(fig.canvas.buffer_rgba())).convert("RGB").save(buf, format="png", compress_level=1)
    return buf.getvalue()


def show(fig, alt: str) -> None:
    """Display a figure as a PNG with ``alt`` as its text alternative, then release it.

    The text alternative is what a reader without images (and nbval) sees: make it carry the numbers.
    """
    from IPython.display import display

    if not alt or not alt.strip():
        raise ValueError("alt must describe the chart in words (its key numbers), got an empty text")
    data = png(fig)
    width = round(fig.get_figwidth() * DISPLAY_PPI)
    display({"image/png": base64.b64encode(data).decode("ascii"), "text/plain": alt}, raw=True,
            metadata={"image/png": {"width": width}})
    fig.clear()


# ------------------------------------------------------------------------------------- charts that fit
_SCI = re.compile(r"\d[eE][+-]?\d|×\s?10|10\^")
#: The width (in characters) that fit() found a title must wrap at, by axes, so that a panel's later redraws
#: wrap it there at once (kept here, not on matplotlib's objects).
_TITLE_WRAP: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _texts(fig) -> list:
    """Every piece of text a chart shows: titles, axis labels, the tick labels in view, annotations,
    legends and the source line (every visible, non-empty text of the figure, less the tick labels that a
    tick locator made but the view leaves out)."""
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            pad = (hi - lo) * 1e-6
            for which in ("major", "minor"):
                ticks = axis.get_major_ticks() if which == "major" else axis.get_minor_ticks()
                shown = len(axis.get_majorticklocs() if which == "major" else axis.get_minorticklocs())
                for i, tick in enumerate(ticks):
                    if i >= shown or not lo - pad <= tick.get_loc() <= hi + pad:
                        hidden.update((id(tick.label1), id(tick.label2)))
    return [t for t in fig.findobj(Text) if id(t) not in hidden and t.get_visible() and t.get_text().strip()]


def _cut_off(fig, renderer) -> list:
    width, height = fig.bbox.width, fig.bbox.height
    return [t for t in _texts(fig)
            if (bb := t.get_window_extent(renderer)).x0 < -1 or bb.y0 < -1 or bb.x1 > width + 1 or bb.y1 > height + 1]


def fit_problems(fig, readout=None, *, draw: bool = True) -> list[str]:
    """What a reader would stumble on in a drawn chart: text cut off by the figure's edge, labels that
    overlap, numbers in scientific notation (on the chart or in its readout). Empty when the chart reads.
    ``draw=False`` checks the canvas as last drawn (a panel's picture, just rendered)."""
    if draw:
        fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    found = [f"cut off by the figure's edge: {t.get_text()!r}" for t in _cut_off(fig, renderer)]
    boxes = []
    for t in _texts(fig):
        text = t.get_text().replace("\n", " ")
        if _SCI.search(text):
            found.append(f"scientific notation: {text!r}")
        boxes.append((text, t.get_rotation(), t.get_window_extent(renderer)))
    for i, (a, rot_a, ba) in enumerate(boxes):
        for b, rot_b, bb in boxes[i + 1:]:
            if rot_a % 180 and rot_a == rot_b:
                continue  # parallel slanted labels: their boxes overlap, the words do not
            w, h = min(ba.x1, bb.x1) - max(ba.x0, bb.x0), min(ba.y1, bb.y1) - max(ba.y0, bb.y0)
            if w > 1 and h > 1 and w * h > 0.15 * min(ba.width * ba.height, bb.width * bb.height):
                found.append(f"overlap: {a!r} and {b!r}")
    for k, v in (readout or {}).items():
        if _SCI.search(str(v)):
            found.append(f"scientific notation in the readout: {k}: {v!r}")
    return found


def fit(fig) -> None:
    """Draw ``fig`` so that every text fits: a title too wide for the space beside its axes is wrapped
    more narrowly, and the layout is worked out again. Cheap when everything fits already (one draw)."""
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    for _ in range(3):
        renderer = canvas.get_renderer()
        cut = _cut_off(fig, renderer)
        if not cut:
            return
        for text in cut:  # a cut-off axes title (at whichever place the house style puts it) is wrapped narrower
            ax = text.axes
            loc = next((loc for loc in ("left", "center", "right")
                        if ax is not None and ax.get_title(loc) and ax.get_title(loc) == text.get_text()), None)
            if loc is None:
                continue
            bb = text.get_window_extent(renderer)
            room = fig.bbox.width - 4 - bb.x0
            lines = text.get_text().split("\n")
            chars = max(12, int(max(map(len, lines)) * room / bb.width) - 1)
            ax.set_title("\n".join(textwrap.wrap(" ".join(lines), chars)), loc=loc)
            _TITLE_WRAP[ax] = chars
        engine = fig.get_layout_engine()
        fig.set_layout_engine("constrained")
        canvas.draw()
        fig.set_layout_engine(engine if engine is not None else "none")


class FullTable:
    """A table shown in full, every cell's text whole (pandas cuts text at 50 characters by default), wrapped
    and left-aligned. ``full(df)`` in a notebook; the plain-text form is what nbval and screen readers get."""

    def __init__(self, df):
        self.df = df

    def _repr_html_(self) -> str:
        import pandas as pd

        with pd.option_context("display.max_colwidth", None):
            html = self.df.to_html(escape=True, border=0, classes="full-table")
        return ('<div style="overflow-x:auto"><style>.full-table td, .full-table th {text-align:left; '
                'vertical-align:top; white-space:normal}</style>' + html + "</div>")

    def __repr__(self) -> str:
        import pandas as pd

        with pd.option_context("display.max_colwidth", None, "display.width", 10_000):
            return self.df.to_string()


def full(df) -> FullTable:
    """Show a table with every cell in full (for text such as claims, reasons and meanings)."""
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"full() shows a table (a pandas DataFrame), got {type(df).__name__}")
    return FullTable(df)

