"""What-if panels: sliders built from parameter declarations, wired to a model and a view.

The four parts are kept apart (after econ-ark's scenario explorer):

* the **declarations** (:class:`helpers.params.Param`) give every slider its label, unit, bounds and step;
* the **model** (:class:`helpers.params.Model`) is pure and knows nothing of widgets;
* the **view** (:class:`helpers.charts.view.View`, with the views) turns a result into a chart and a small readout of key numbers;
* the **panel** (:class:`WhatIfPanel`) wires sliders to one redraw and keeps every state possible.

A panel's chart is an ``Image`` widget and its readout an ``HTML`` widget, both updated by assigning
their values: nothing is printed from a callback, so nothing leaks into a notebook's saved outputs,
and there is no ``clear_output`` to flicker. Where no kernel runs, :meth:`WhatIfPanel.still` shows the
base case as a picture and a table, and the panel itself shows a one-line note instead of a widget.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from collections.abc import Mapping

import ipywidgets as widgets
import matplotlib
import pandas as pd

from . import analysis, style
from .charts.view import View
from .params import Model, Param, suggest


#: What a value's format does not say of its unit, written after it in the slider's readout.
UNIT_WORDS = {"minutes per day": "min a day", "million users": "million", "videos per minute": "a minute",
              "USD per day": "a day", "USD per user per year": "a year", "USD per 1000 views": "per 1,000 views",
              "USD per 1000 impressions": "per 1,000", "USD per coin": "a coin", "USD per diamond": "a diamond"}


def readout_text(p: Param, value: float) -> str:
    """A slider's value as the course writes it: a share as a percent, money with its sign, a multiplier as
    ×1.03, a count with its unit word ("55 min a day")."""
    return f"{p.format(value)} {UNIT_WORDS.get(p.unit, '')}".strip()


def _slider_format(p: Param) -> str:
    """A d3 number format for the slider's readout, with as many decimals as the step needs."""
    decimals = max(0, -math.floor(math.log10(p.step) + 1e-9)) if p.step < 1 else 0
    if p.unit == "share":
        return f".{max(0, decimals - 2)}%"
    return f",.{decimals}f"


def _frame(ax, beyond: bool) -> None:
    """Mark a chart whose result leaves what the evidence allows with a dashed frame round the plot; otherwise
    the house style's open axes (left and bottom only)."""
    for side, spine in ax.spines.items():
        if beyond:
            spine.set(visible=True, linestyle=(0, (4, 3)), color=style.INK, linewidth=1.2)
        else:
            spine.set(visible=side in ("left", "bottom"), linestyle="-", color=style.RC["axes.edgecolor"],
                      linewidth=matplotlib.rcParams["axes.linewidth"])


def _wipe(ax) -> None:
    """Take away everything a view drew on ``ax`` and reset what it may have set, as ``ax.clear()`` does,
    but keep the axes' tick objects: ``clear()`` throws them away and the next draw builds them anew,
    about 10 ms of every slider move. An axis with categories (``bar(["a", "b"], ...)``) keeps a
    category map that only ``clear()`` resets, so such axes are cleared in full.
    ``tests/test_whatif.py`` checks, panel by panel, that both ways give the same pixels."""
    if ax.xaxis.get_units() is not None or ax.yaxis.get_units() is not None:
        ax.clear()
        return
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    for artist in [*ax.lines, *ax.patches, *ax.collections, *ax.texts, *ax.images, *ax.tables, *ax.artists]:
        artist.remove()
    ax.containers.clear()
    for loc in ("left", "center", "right"):
        ax.set_title("", loc=loc)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_prop_cycle(None)
    ax.relim()  # no artist is left: the data limits start afresh, as after clear()
    ax.set_autoscale_on(True)
    ax.margins(x=matplotlib.rcParams["axes.xmargin"], y=matplotlib.rcParams["axes.ymargin"])
    # A linear scale set anew puts back the default locators and formatters, and marks them as the defaults
    # (so that a view that sets a log scale, say, gets that scale's own), as clear() does.
    ax.set_xscale("linear")
    ax.set_yscale("linear")


@dataclass
class _State:
    values: dict
    result: dict | None = None
    error: str = ""
    limit: str = ""
    redraws: int = 0
    history: list = field(default_factory=list)


class WhatIfPanel:
    """An interactive what-if panel for a model.

    ``controls`` names the parameters that get sliders (default: all); the rest stay at their base
    values or at ``fixed``. Linked limits declared on the model (shares that must sum to at most 1)
    are enforced as the student moves a slider: the moved slider stops at the limit.
    """

    def __init__(self, model: Model, view: View, *, controls=None, title: str = "", fixed: Mapping | None = None,
                 note: str = "", presets=()):
        view.check(model)
        self.model, self.view, self.title, self.note = model, view, title or model.name, note
        self.presets = {s.name: s for s in presets}
        for s in presets:
            s.check(model)  # unknown names are refused with a suggestion, impossible values too
        names = list(controls) if controls is not None else model.names
        for n in names:
            model.param(n)  # raises with a suggestion for an unknown name
        self.fixed = dict(fixed or {})
        for n in self.fixed:
            model.param(n)
        self.controls = names
        self.base_values = model.inputs(**self.fixed)
        self.base_result = model.evaluate(self.base_values)
        self._state = _State(values=dict(self.base_values))
        self._busy = False
        self._fig = None
        self._widget = None

    # ------------------------------------------------------------------ building the widget lazily
    def _build(self):
        p_of = {p.name: p for p in self.model.params}
        self.sliders: dict[str, widgets.FloatSlider] = {}
        self.value_labels: dict[str, widgets.HTML] = {}
        groups = {n: k for k, c in enumerate(self.model.constraints) for n in c.names if n in self.controls}
        rows = []
        for name in self.controls:
            p = p_of[name]
            # The label alone (the unit is in the readout beside it), wide enough to read in full; the
            # readout is the course's own format, so a share reads 30%, a multiplier ×1.03, a price $5.22.
            s = widgets.FloatSlider(
                value=self.base_values[name], min=p.min, max=p.max, step=p.step,
                description=p.label, readout=False, readout_format=_slider_format(p),  # (for assistive tech)
                continuous_update=False, style={"description_width": "300px"},
                layout=widgets.Layout(width="560px"),
                tooltip=f"{p.label} ({p.unit}). Plausible {p.format(p.range[0])} to {p.format(p.range[1])}.",
            )
            s.add_class("whatif-slider")
            if name in groups:
                s.add_class(f"whatif-linked-{groups[name]}")
            s.observe(self._on_change, names="value")
            value = widgets.HTML(self._value_html(name, self.base_values[name]), layout=widgets.Layout(width="190px"))
            value.add_class("whatif-value")
            self.sliders[name] = s
            self.value_labels[name] = value
            row = widgets.HBox([s, value])
            row.add_class("whatif-row")
            rows.append(row)
        self.limit_box = widgets.HTML()
        self.limit_box.add_class("whatif-limit")
        rows.append(self.limit_box)
        self.reset_button = widgets.Button(description="Reset to base case", icon="undo",
                                           tooltip="Put every slider back at its base value",
                                           layout=widgets.Layout(width="auto"))
        self.reset_button.on_click(lambda _b: self.reset())
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="640px"))
        self.image.add_class("whatif-chart")
        self.readout = widgets.HTML()
        self.readout.add_class("whatif-readout")
        self.error_box = widgets.HTML()
        self.error_box.add_class("whatif-error")
        buttons = [self.reset_button]
        if self.presets:
            self.preset_menu = widgets.Dropdown(options=["(choose a scenario)"] + list(self.presets),
                                                description="Start from", layout=widgets.Layout(width="auto"))
            self.preset_menu.add_class("whatif-presets")
            self.preset_menu.observe(self._on_preset, names="value")
            buttons.insert(0, self.preset_menu)
        controls = widgets.VBox(rows + [widgets.HBox(buttons)])
        controls.add_class("whatif-controls")
        header = widgets.HTML(f"<b>{html.escape(self.title)}</b>"
                              + (f"<br><small>{html.escape(self.note)}</small>" if self.note else ""))
        box = widgets.VBox([header, controls, self.error_box, self.image, self.readout])
        box.add_class("whatif-panel")
        self._widget = box
        self._redraw()

    @property
    def widget(self) -> widgets.VBox:
        if self._widget is None:
            self._build()
        return self._widget

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = (f"[Interactive panel: {self.title}. Run this cell in Jupyter to move its "
                                "sliders; the static base case is shown above.]")
        return bundle

    # ------------------------------------------------------------------------------ interaction
    @property
    def values(self) -> dict:
        return dict(self._state.values)

    @property
    def result(self) -> dict | None:
        return self._state.result

    @property
    def error(self) -> str:
        return self._state.error

    @property
    def redraws(self) -> int:
        return self._state.redraws

    def _value_html(self, name: str, value: float) -> str:
        return f'<span class="whatif-value-text">{html.escape(readout_text(self.model.param(name), value))}</span>'

    def _show_values(self) -> None:
        for name, label in getattr(self, "value_labels", {}).items():
            label.value = self._value_html(name, self._state.values[name])

    @property
    def limit_message(self) -> str:
        """Why the last slider moved stopped short, if it did (shown beside the sliders)."""
        return self._state.limit

    def _on_change(self, change):
        if self._busy:
            return
        self._busy = True
        try:
            name = next(n for n, s in self.sliders.items() if s is change["owner"])
            self._state.values[name] = float(change["new"])
            self._enforce_limits(name)
            self._show_values()
        except Exception as exc:  # never lose an error in a callback: show it in the panel
            self._show_error(exc)
            return
        finally:
            self._busy = False
        self._redraw()

    def _show_error(self, exc: Exception) -> None:
        self._state.error = f"{type(exc).__name__}: {exc}"
        self.error_box.value = (f'<div style="color:#b00020" role="alert">Cannot compute this scenario: '
                                f"{html.escape(str(exc))}</div>")
        self.error_box.add_class("whatif-error-active")

    def _enforce_limits(self, moved: str) -> None:
        """Stop the moved slider where a linked limit would be broken (shares adding up past 1), and say so
        beside the sliders: which inputs share the limit, and which to lower to give this one room."""
        message = ""
        for c in self.model.constraints:
            if moved not in c.names:
                continue
            others = [n for n in c.names if n != moved]
            room = c.limit - sum(self._state.values[n] for n in others)
            if self._state.values[moved] > room + 1e-12:
                p = self.model.param(moved)
                allowed = max(p.min, math.floor((room - p.min) / p.step + 1e-9) * p.step + p.min)
                self._state.values[moved] = allowed
                if moved in getattr(self, "sliders", {}):
                    self.sliders[moved].value = allowed
                movable = [n for n in others if n in self.controls and self._state.values[n] > 0] or others
                biggest = max(movable, key=lambda n: self._state.values[n])
                quoted = [f"“{self.model.param(n).label}”" for n in others]
                labels = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
                message = (f"“{p.label}” stops at {p.format(allowed)}: together with {labels} it cannot pass "
                           f"{c.limit:.0%} of the whole. Lower “{self.model.param(biggest).label}” "
                           f"(now {self.model.param(biggest).format(self._state.values[biggest])}) to give it room.")
        self._state.limit = message
        if hasattr(self, "limit_box"):
            self.limit_box.value = (f'<div role="status" class="whatif-limit-active" style="color:#9a6700">'
                                    f"{html.escape(message)}</div>" if message else "")

    def set(self, **values) -> None:
        """Move sliders as a student would (for tests and worked examples); one redraw at the end."""
        _ = self.widget  # build it
        for k in values:
            if k not in self.sliders:
                raise KeyError(f"this panel has no slider {k!r}{suggest(k, self.sliders)}")
        self._busy = True
        try:
            for k, v in values.items():
                p = self.model.param(k)
                v = p.check(v)
                self.sliders[k].value = v
                self._state.values[k] = float(self.sliders[k].value)
                self._enforce_limits(k)
            self._show_values()
        finally:
            self._busy = False
        self._redraw()

    def _on_preset(self, change) -> None:
        if change["new"] in self.presets:
            try:
                self.load(change["new"])
            except Exception as exc:
                self._show_error(exc)

    def load(self, preset: str) -> None:
        """Move every slider to a named scenario (from the base case), with one redraw."""
        if preset not in self.presets:
            raise KeyError(f"no scenario {preset!r} in this panel{suggest(preset, self.presets)}")
        target = self.model.inputs(**self.fixed, **self.presets[preset].changes)
        self.set(**{n: target[n] for n in self.controls})

    def reset(self) -> None:
        """Every slider back to its base value, with one redraw."""
        self.set(**{n: self.base_values[n] for n in self.controls})

    # ----------------------------------------------------------------------------------- drawing
    def _redraw(self) -> None:
        try:
            inputs = self.model.inputs(**self._state.values)
            result = self.model.evaluate(inputs)
            self.image.value = self._render(result, inputs)
            self.readout.value = self._readout_html(result, inputs)
        except Exception as exc:  # shown to the student in the panel, kept for tests
            self._show_error(exc)
        else:
            self._state.result, self._state.error = result, ""
            self.error_box.value = ""
            self.error_box.remove_class("whatif-error-active")
        self._state.redraws += 1
        if self._widget is not None:  # a mark a browser can wait for: this redraw has been sent
            self._widget.remove_class(f"whatif-redraws-{self._state.redraws - 1}")
            self._widget.add_class(f"whatif-redraws-{self._state.redraws}")

    # ------------------------------------------------------------------- staying in the world
    def _envelope(self) -> dict:
        """Each scalar output's lowest and highest value over the corners of the sliders' plausible ranges (the
        other inputs at base): what the evidence allows. Corners a linked limit forbids are left out; with more
        than eight sliders, each slider's two ends one at a time."""
        if getattr(self, "_bounds", None) is None:
            self._bounds = analysis.envelope(self.model, self.controls, **self.fixed)
        return self._bounds

    def beyond(self, result=None, inputs=None) -> tuple[list[str], list[tuple[str, float, float, float]]]:
        """The sliders set outside their plausible ranges, and the outputs that leave what the evidence allows
        (name, value, plausible low, plausible high); both empty inside the world. Only a slider beyond its
        plausible range can take a result out: inside them, every combination is one the evidence allows."""
        result = self.result if result is None else result
        inputs = self.values if inputs is None else inputs
        outside = [n for n in self.controls if not (self.model.param(n).range[0] - 1e-12 <= inputs[n]
                                                    <= self.model.param(n).range[1] + 1e-12)]
        if not outside:
            return [], []
        leaving = []
        for k, (lo, hi) in self._envelope().items():
            v = result.get(k)
            tol = 1e-6 * max(1.0, abs(lo), abs(hi))
            if isinstance(v, (int, float)) and (v < lo - tol or v > hi + tol):
                leaving.append((k, float(v), lo, hi))
        return (outside if leaving else []), leaving

    def _beyond_html(self, result, inputs) -> str:
        sliders, outputs = self.beyond(result, inputs)
        if not outputs:
            return ""
        names = ", ".join(html.escape(self.model.param(n).label) for n in sliders)
        # The money result that leaves the evidence furthest is the one to name (a reader weighs dollars).
        k, v, lo, hi = min(outputs, key=lambda o: (not self.model.outputs.get(o[0], "").startswith("USD"),
                                                  -abs(o[1] - min(max(o[1], o[2]), o[3])) / max(abs(o[3]), 1e-9)))
        unit = self.model.outputs.get(k, "")
        more = f" (and {len(outputs) - 1} more results)" if len(outputs) > 1 else ""
        return (f"<p class='whatif-beyond'><b>Beyond the evidence.</b> {names} "
                f"{'is outside its plausible range' if len(sliders) == 1 else 'are outside their plausible ranges'}, and "
                f"the result leaves what the "
                f"evidence allows: {html.escape(style.output_words(k))} is {html.escape(style.value_text(v, unit))}, where plausible inputs "
                f"give {html.escape(style.value_text(lo, unit))} to {html.escape(style.value_text(hi, unit))}{more}. The chart's "
                "dashed frame marks it.</p>")

    def _render(self, result, inputs) -> bytes:
        if self._fig is None:
            self._fig, self._ax = style.figure(*self.view.figsize)
            self.view.draw(self._ax, result, inputs)
            _frame(self._ax, bool(self.beyond(result, inputs)[1]))
            picture = style.png(self._fig)
            # Keep the layout found for the base case: later redraws skip the layout solver, unless a text
            # no longer fits (a longer title, wider tick labels), when style.fit works it out again.
            self._fig.set_layout_engine("none")
            return picture
        _wipe(self._ax)
        self.view.draw(self._ax, result, inputs)
        _frame(self._ax, bool(self.beyond(result, inputs)[1]))
        return style.png(self._fig)

    def _readout_html(self, result, inputs) -> str:
        base = self.view.readout(self.base_result, self.base_values)
        yours = self.view.readout(result, inputs)
        rows = "".join(
            f"<tr><th style='text-align:left;padding-right:1em'>{html.escape(k)}</th>"
            f"<td style='text-align:right;padding-right:1em'>{html.escape(base[k])}</td>"
            f"<td style='text-align:right'><b>{html.escape(v)}</b></td></tr>"
            for k, v in yours.items()
        )
        return (self._beyond_html(result, inputs) + "<table class='whatif-table'><thead><tr><th></th><th style='text-align:right'>Base case</th>"
                f"<th style='text-align:right'>Your scenario</th></tr></thead><tbody>{rows}</tbody></table>")

    # ------------------------------------------------------------------------------ static view
    def base_table(self) -> pd.DataFrame:
        """The base case as a table a reader without a kernel can work from: each slider's input at its base value,
        with its plausible range (data/) and how far the slider goes, then the key results. An exercise that
        names a base input can be answered from the page, on the website or in print."""
        rows = []
        for name in self.controls:
            p = self.model.param(name)
            lo, hi = p.range
            unit = "" if p.unit in ("share", "ratio", "count") or p.unit.startswith("USD") else f" ({p.unit})"
            plausible = (f"{p.text(lo)} to {p.text(hi)}" if lo != hi else
                         "an event: none in the base year" if p.event else "exact")
            rows.append(("Inputs (the sliders)", p.label + unit, p.text(self.base_values[name]), plausible,
                         f"{p.text(p.min)} to {p.text(p.max)}"))
        out = self.view.readout(self.base_result, self.base_values)
        rows += [("Results", k, v, "", "") for k, v in out.items()]
        index = pd.MultiIndex.from_tuples([(a, b) for a, b, *_ in rows], names=[self.title, ""])
        return pd.DataFrame([r[2:] for r in rows], index=index, columns=["Base case", "Plausible range", "Slider"])

    def alt_text(self) -> str:
        out = self.view.readout(self.base_result, self.base_values)
        return f"Chart, {self.title} (base case): " + "; ".join(f"{k}: {v}" for k, v in out.items()) + "."

    def still(self):
        """Show the base case as a picture with a text alternative, and return its key numbers as a table.

        This is what a reader sees where no kernel runs (GitHub, a static site, a PDF)."""
        fig, ax = style.figure(*self.view.figsize)
        self.view.draw(ax, self.base_result, self.base_values)
        style.show(fig, self.alt_text())
        return self.base_table()
