"""Charts that always fit: every view the helpers define, drawn in a live panel at the base case, with every
slider at its lowest and at its highest, each telling slider at its ends (every slider of a small panel; the
ones that move the outputs most in the whole-company panels) and linked sliders pushed to their limits, shows
no text cut off by the figure's edge, no overlapping labels and no number in scientific notation (on the chart
or in its readout)."""

from __future__ import annotations

import matplotlib
import pytest

from helpers import style
from helpers.whatif import WhatIfPanel
from tests.models import VIEW_MODEL_PAIRS


def _linked_pushes(model):
    """Each linked group with every member pushed to its limit, one after another, from each member."""
    for c in model.constraints:
        for first in c.names:
            order = [first] + [n for n in c.names if n != first]
            yield f"{' then '.join(order)} pushed to their limits", [{n: model.param(n).max} for n in order]


MOST = 12  # a model with more sliders than this has each of its MOST most telling ones tried at both ends


def _telling(model, most: int = MOST) -> list:
    """The sliders whose ends move the model's outputs most (all of them for a model with ``most`` or fewer):
    each is evaluated at both ends, without drawing, and ranked by the largest relative change of any output.
    The whole-company models have 40 and more inputs, most of which barely move what a chart shows."""
    if len(model.params) <= most:
        return list(model.params)
    base = model.evaluate(model.inputs())
    swing = {}
    for p in model.params:
        moved = 0.0
        for end in (p.min, p.max):
            try:
                out = model.evaluate(model.inputs(**{p.name: end}))
            except ValueError:  # past a linked limit with the others at base: the panel stops it sooner
                continue
            for k, v in out.items():
                if isinstance(v, (int, float)) and isinstance(base.get(k), (int, float)):
                    moved = max(moved, abs(v - base[k]) / (abs(base[k]) + 1e-9))
        swing[p.name] = moved
    return sorted(model.params, key=lambda p: -swing[p.name])[:most]


@pytest.mark.filterwarnings("error::UserWarning")  # matplotlib's warning of an axis without width, say
@pytest.mark.parametrize("view,model", VIEW_MODEL_PAIRS)
def test_every_view_fits_at_its_sliders_ends(view, model):
    panel = WhatIfPanel(model, view)
    _ = panel.widget  # the live panel: base-case layout, then redraws as a student moves sliders
    problems = []

    def check(what):
        if panel.error:
            problems.append(f"{what}: the panel shows an error: {panel.error}")
            return
        found = style.fit_problems(panel._fig, view.readout(panel.result, panel.values), draw=False)
        problems.extend(f"{what}: {p}" for p in found)

    check("the base case")
    # Every slider to its lowest and then its highest, all together (each linked limit holds: the panel stops
    # a slider at it), then each telling slider to both ends with the others at their base values (the last
    # one back to base in the same move, so that one redraw shows each state).
    panel.set(**{p.name: p.min for p in model.params})
    check("every slider at its minimum")
    panel.reset()
    panel.set(**{p.name: p.max for p in model.params})
    check("every slider at its maximum")
    panel.reset()
    previous = {}
    for p in _telling(model):
        panel.set(**previous, **{p.name: p.min})
        check(f"{p.name} at its minimum")
        panel.set(**{p.name: p.max})
        check(f"{p.name} at its maximum")
        previous = {p.name: p.base}
    for what, moves in _linked_pushes(model):
        panel.reset()
        for move in moves:
            panel.set(**move)
        check(what)
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_check_finds_what_a_reader_would():
    """The check can fail: a title running off the figure, overlapping annotations, a tick in 1e9 notation."""
    fig, ax = style.figure(4, 3)
    fig.set_layout_engine("none")
    ax.set_title("A title far too long to fit in a figure only four inches wide, whatever happens")
    ax.plot([0, 1], [0, 3e9])
    ax.yaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter(useOffset=False, useMathText=False))
    ax.ticklabel_format(style="sci", axis="y", scilimits=(0, 0))
    ax.annotate("one label", (0.5, 1e9))
    ax.annotate("one label too", (0.5, 1e9))
    found = "\n".join(style.fit_problems(fig, {"Revenue": "3e+09"}))
    assert "cut off by the figure's edge: 'A title far too long" in found
    assert "overlap: 'one label' and 'one label too'" in found
    assert "scientific notation" in found and "scientific notation in the readout: Revenue" in found


def test_the_analysis_charts_fit():
    """The tornado and the Monte Carlo histogram, drawn once in notebooks 07 and 08, read as well as the views."""
    from helpers import analysis, revenue_mix
    from helpers.charts import analysis as charts

    sens = analysis.one_way(revenue_mix.COMPANY, "profit_usd_b")
    fig, ax = style.figure(6.8, 5.2)
    charts.draw_tornado(ax, sens.head(12), unit="USD billion", xlabel="Operating profit per year (USD)",
                        title="Price per 1,000 impressions swings profit most", source="Source: This course")
    style.fit(fig)
    assert not style.fit_problems(fig)
    sims = analysis.monte_carlo(revenue_mix.COMPANY, n=20_000, seed=2024)
    fig, ax = style.figure(6.4, 3.4)
    charts.draw_histogram(ax, sims["profit_usd_b"], unit="USD billion", xlabel="Operating profit per year (USD)",
                          title="Profit across 20,000 draws", source="Source: This course")
    style.fit(fig)
    assert not style.fit_problems(fig)


# ------------------------------------------------------------------------------ one colour per thing
#: The words by which a chart names each stream: a stream's hue may appear in a chart only beside one of them.
STREAM_WORDS = {
    "ads": r"\bads?\b|advertis|in-feed|cpm|impressions?|promotion|auction",
    "premium": r"premium|takeover|topview|challenge|effects?\b|reserve",
    "gifts": r"coins?\b|gifts?\b|diamonds?",
    "shop": r"\bshop\b|gmv|referral",
}


def _rgb(colour) -> str:
    return matplotlib.colors.to_hex(colour, keep_alpha=False).lower()


def _hues_and_text(fig) -> tuple[set, str]:
    """Every colour an artist of the figure is drawn in (alpha set aside), and all the figure's words."""
    from matplotlib.collections import Collection, LineCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    hues, words = set(), []
    for artist in fig.findobj():
        if isinstance(artist, Text):
            words.append(artist.get_text())
        elif isinstance(artist, Line2D) and artist.get_visible() and len(artist.get_xdata()):
            if artist.get_linestyle() not in ("None", "", " "):  # a line drawn, not markers alone
                hues.add(_rgb(artist.get_color()))
            if artist.get_marker() not in (None, "None", ""):
                hues.add(_rgb(artist.get_markeredgecolor()))
                if artist._marker.is_filled() and artist.get_fillstyle() != "none":
                    hues.add(_rgb(artist.get_markerfacecolor()))
        elif isinstance(artist, Patch) and artist.get_visible() and artist.get_fill():
            hues.add(_rgb(artist.get_facecolor()))
        elif isinstance(artist, LineCollection):  # lines have no face: their colour is the edge's
            hues.update(_rgb(c) for c in artist.get_colors())
        elif isinstance(artist, Collection):
            hues.update(_rgb(c) for c in artist.get_facecolors())
    return hues, " ".join(words).lower()


def _stream_hue_problems(fig) -> list[str]:
    import re

    hues, text = _hues_and_text(fig)
    return [f"the {stream} stream's colour {hue} is used, but the chart never names the stream"
            for stream, hue in style.STREAM_HUES.items()
            if hue.lower() in hues and not re.search(STREAM_WORDS[stream], text)]


@pytest.mark.parametrize("view,model", VIEW_MODEL_PAIRS)
def test_a_streams_colour_appears_only_where_the_stream_does(view, model):
    """One colour per thing: a view that draws in a stream's hue names that stream (in its title, labels,
    legend or ticks), so a reader who learnt 'green is the Shop' in one chart is never misled in another."""
    panel = WhatIfPanel(model, view)
    _ = panel.widget
    assert not _stream_hue_problems(panel._fig), f"{view.draw.__qualname__}: {_stream_hue_problems(panel._fig)}"


def test_the_colour_check_can_fail():
    fig, ax = style.figure(4, 3)
    ax.bar([0, 1], [1, 2], color=style.THING["shop"])
    ax.set_title("Impressions per day")
    assert _stream_hue_problems(fig) == ["the shop stream's colour #029E73 is used, but the chart never names the stream"]
    ax.set_title("TikTok Shop's GMV")
    assert not _stream_hue_problems(fig)


def test_the_risks_are_drawn_in_neutral_inks_that_mean_nothing_else():
    """The palette's eight colour-blind-safe hues are taken: four by the streams, the rest by the parties of the
    money flows. The risks, each labelled and with a marker of its own, take the inks and greys, so no colour
    means a risk in one chart and a stream or a party in another."""
    risks = {k: style.THING[k] for k in ("ban", "clampdown", "fine", "downturn")}
    parties = {style.THING[k] for k in ("creator", "viewer", "business", "business_profit")}
    neutral = {style.INK, style.MUTED, style.GREY, style.LIGHT_GREY}
    assert set(risks.values()) <= neutral, risks
    assert len(set(risks.values())) == len(risks), "each risk its own shade"
    assert not set(risks.values()) & (parties | set(style.STREAM_HUES.values()))
    from helpers.charts import risks as risk_charts

    kinds = {marker for marker, _ink in style.KIND_MARK.values()}
    assert not set(risk_charts.MARKERS.values()) & kinds, "a risk's marker never reads as a kind of figure"


def test_every_stream_has_one_colour_in_the_house_style():
    """The stream registry, the company waterfall and the outlook's stacked bars take a stream's colour from its
    registry entry; that entry, the house style's THING and STREAM_HUES agree."""
    from helpers.streams import STREAMS

    for s in STREAMS:
        assert style.NAMED[s.colour] == style.THING[s.key], s.key
    assert style.THING["in_feed"] == style.STREAM_HUES["ads"] == style.THING["ads"]
    for key in ("premium", "gifts", "shop"):
        assert style.THING[key] == style.STREAM_HUES[key]
    others = {k: v for k, v in style.THING.items() if k not in ("in_feed", "ads", "premium", "gifts", "shop")}
    clashes = {k: v for k, v in others.items() if v in style.STREAM_HUES.values()}
    assert not clashes, f"things drawn in a stream's colour: {clashes}"


def test_views_name_things_not_colours():
    """Every chart module takes its colours from the house style's registry (style.THING, style.PURPLES,
    style.KIND_MARK), never a palette colour by name, so a thing cannot drift to another colour in one chart."""
    import re

    from tests.conftest import ROOT

    bare = re.compile(r"style\.(BLUE|ORANGE|GREEN|VERMILION|PURPLE|BROWN|PINK|GREY|INK|MUTED|LIGHT_\w+)\b|#[0-9A-Fa-f]{6}")
    found = [f"{path.name}:{i}: {line.strip()}" for path in sorted((ROOT / "helpers" / "charts").glob("*.py"))
             for i, line in enumerate(path.read_text().splitlines(), 1) if bare.search(line)]
    assert not found, "\n".join(found)


def test_the_estimates_chart_draws_each_figure_on_its_range():
    """The dot-and-interval chart of notebooks 00 and 05: it fits, its text alternative names every estimate with
    its kind and range, and each interval spans its fact's plausible low to high."""
    from helpers import charts, data

    rows = [("shop_gmv_2024_tabcut", "Tabcut"), ("shop_gmv_2024_cube", "Cube Asia"), ("claim_shop_gmv_2024", "A blog")]
    fig, alt = charts.sources.estimates_chart(rows, central="shop_gmv_2024_tabcut", colour=style.THING["shop"],
                                              title="TikTok Shop GMV estimates for 2024")
    assert not style.fit_problems(fig)
    assert not _stream_hue_problems(fig)
    for fid, name in rows:
        f = data.fact(fid)
        assert f"{name}: {style.money(f.value, 'USD billion')} ({f.kind}; range" in alt
    spans = sorted(tuple(line.get_xdata()) for line in fig.axes[0].lines if len(line.get_xdata()) == 2
                   and line.get_linewidth() > 5)
    assert spans == sorted((data.fact(fid).low, data.fact(fid).high) for fid, _ in rows)


# ------------------------------------------------------------------------------ charts that read
def _layout_problems(fig) -> list[str]:
    """What a reader trips on beyond fit: a money axis without its "$", a bar chart whose bars fill less than half
    of their axis, a label sitting on a bar."""
    from matplotlib.patches import Rectangle

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    found = []
    for ax in fig.axes:
        for axis, label in ((ax.xaxis, ax.get_xlabel()), (ax.yaxis, ax.get_ylabel())):
            if "USD" in label or "US dollars" in label:
                ticks = [t.get_text() for t in axis.get_ticklabels() if t.get_text() and t.get_visible()]
                bare = [t for t in ticks if "$" not in t]
                if bare:
                    found.append(f"money axis {label!r} has ticks without '$': {bare[:3]}")
        bars = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_fill() and p.get_visible()
                and p.get_width() * p.get_height() != 0 and p is not ax.patch]
        if bars:
            horizontal = all(abs(p.get_height()) < abs(p.get_width()) for p in bars)
            lo, hi = ax.get_xlim() if horizontal else ax.get_ylim()
            ends = [(p.get_x() + p.get_width()) if horizontal else (p.get_y() + p.get_height()) for p in bars]
            if lo == 0 and hi > 0 and max(ends) < 0.5 * hi:
                found.append(f"the bars fill {max(ends) / hi:.0%} of their axis (up to {hi:g})")
            boxes = [p.get_window_extent(renderer) for p in bars]
            for t in ax.texts:
                if not t.get_text().strip() or t.get_bbox_patch() is not None:
                    continue  # a label on a white box is meant to sit over the data
                tb = t.get_window_extent(renderer)
                for b in boxes:
                    w = min(tb.x1, b.x1) - max(tb.x0, b.x0)
                    h = min(tb.y1, b.y1) - max(tb.y0, b.y0)
                    if w > 0 and h > 0 and w * h > 0.3 * tb.width * tb.height:
                        found.append(f"the label {t.get_text()!r} sits on a bar")
                        break
    return found


@pytest.mark.parametrize("view,model", VIEW_MODEL_PAIRS)
def test_every_view_reads_at_the_base_case(view, model):
    """Money axes say "$", bars fill their axis, no label sits on a bar: in every view, at the base case."""
    panel = WhatIfPanel(model, view)
    _ = panel.widget
    assert not _layout_problems(panel._fig), f"{view.draw.__qualname__}: {_layout_problems(panel._fig)}"


def test_the_reading_check_can_fail():
    fig, ax = style.figure(4, 3)
    ax.bar([0, 1], [1, 2])
    ax.set_ylim(0, 10)
    ax.set_ylabel("Revenue (USD)")
    ax.annotate("on the bar", (1, 1), ha="center")
    found = " ".join(_layout_problems(fig))
    assert "without '$'" in found and "fill 20%" in found and "sits on a bar" in found
