"""What-if panels, driven headlessly: a slider move changes the model result and the view; impossible
states are refused; an error in a view is shown in the panel, never swallowed."""

from __future__ import annotations

import html
import importlib
import pkgutil
import re

import pytest

import helpers
from helpers import charts, revenue_mix, start
from helpers.params import Model, Param, SumAtMost
from helpers.charts.view import View
from helpers.whatif import WhatIfPanel
from tests.models import VIEW_MODEL_PAIRS, VIEWS


@pytest.fixture
def panel():
    return WhatIfPanel(start.REVENUE_AT_A_GLANCE, charts.start.REVENUE_AT_A_GLANCE, title="Revenue")


def test_panel_builds_a_slider_per_parameter_with_unit_and_bounds(panel):
    w = panel.widget
    assert "whatif-panel" in w._dom_classes
    assert set(panel.sliders) == set(start.REVENUE_AT_A_GLANCE.names)
    s = panel.sliders["monthly_users_m"]
    p = start.MONTHLY_USERS
    assert (s.min, s.max, s.step) == (p.min, p.max, p.step)
    assert s.description == p.label and "million users" in s.tooltip and s.continuous_update is False
    assert s.readout is False  # the course's own readout beside it
    assert "1,560 million" in panel.value_labels["monthly_users_m"].value
    assert "39%" in panel.value_labels["tiktok_keep_share"].value
    panel.set(monthly_users_m=2000)
    assert "2,000 million" in panel.value_labels["monthly_users_m"].value


def test_readouts_say_what_a_number_is():
    from helpers import partnerships, revenue_mix
    from helpers.whatif import readout_text

    assert readout_text(revenue_mix.COMPANY.param("ad_market_change"), 1.03) == "×1.03"
    assert readout_text(partnerships.CTR_LIFT, 1.6) == "×1.60"
    assert readout_text(revenue_mix.COMPANY.param("minutes_per_day"), 55) == "55 min a day"
    assert readout_text(revenue_mix.COMPANY.param("cpm_usd"), 5.22) == "$5.22 per 1,000"
    assert readout_text(revenue_mix.COMPANY.param("staff_other_share"), 0.55) == "55%"


def test_a_linked_limit_says_why_a_slider_stops_and_what_to_lower():
    from helpers import partnerships

    panel = WhatIfPanel(partnerships.CAMPAIGN, charts.partnerships.CAMPAIGN)
    panel.set(campaign_creator_share=0.6)
    assert panel.limit_message == ""
    panel.set(promotion_share=0.9)
    assert panel.values["promotion_share"] == pytest.approx(0.3)
    msg = panel.limit_message
    assert "stops at 30%" in msg and "Lower “Share paid to creators” (now 60%)" in msg
    assert html.unescape(re.sub(r"<[^>]+>", "", panel.limit_box.value)) == msg, "the panel shows the message whole"
    panel.set(campaign_budget_usd=200_000)
    assert panel.limit_message == "" and panel.limit_box.value == ""
    assert all(p.label == panel.sliders[n].description for n, p in ((n, panel.model.param(n)) for n in panel.sliders))


def test_moving_a_slider_changes_result_chart_and_readout(panel):
    _ = panel.widget
    before_png, before_html, before = panel.image.value, panel.readout.value, panel.result["total_usd_b"]
    panel.set(monthly_users_m=2000)
    assert panel.error == ""
    assert panel.result["total_usd_b"] > before
    assert panel.result["total_usd_b"] == pytest.approx(start.REVENUE_AT_A_GLANCE(monthly_users_m=2000)["total_usd_b"])
    assert panel.image.value != before_png and panel.readout.value != before_html
    assert "Your scenario" in panel.readout.value


def test_slider_events_redraw_once_per_move(panel):
    _ = panel.widget
    n = panel.redraws
    panel.sliders["shop_take_rate"].value = 0.1
    assert panel.redraws == n + 1 and panel.values["shop_take_rate"] == pytest.approx(0.1)


def test_out_of_bounds_values_are_refused(panel):
    with pytest.raises(ValueError, match="tiktok_keep_share must be between 0 and 1, got 1.2"):
        panel.set(tiktok_keep_share=1.2)
    with pytest.raises(KeyError, match="did you mean 'shop_take_rate'"):
        panel.set(shop_take=0.1)


def test_reset_returns_to_base(panel):
    panel.set(monthly_users_m=100, shop_take_rate=0.2)
    panel.reset()
    assert panel.values == pytest.approx(panel.base_values)
    assert panel.result["total_usd_b"] == pytest.approx(panel.base_result["total_usd_b"])


def _shares_model(draw=None):
    a = Param("a", "A", "share", min=0, max=1, step=0.05, default=0.3, plausible=(0.2, 0.4))
    b = Param("b", "B", "share", min=0, max=1, step=0.05, default=0.5, plausible=(0.4, 0.6))
    m = Model("split", lambda p: {"rest": 1 - p.a - p.b}, (a, b), (SumAtMost(("a", "b")),), {"rest": "share"})
    view = View(draw or (lambda ax, r, i: ax.bar(["rest"], [r["rest"]])), lambda r, i: {"Rest": f"{r['rest']:.2f}"},
                model=m)
    return m, view


def test_linked_shares_can_never_exceed_one():
    m, view = _shares_model()
    panel = WhatIfPanel(m, view)
    _ = panel.widget
    panel.sliders["a"].value = 0.9  # as a student dragging: stops where a + b = 1
    assert panel.values["a"] + panel.values["b"] <= 1 + 1e-9
    assert panel.sliders["a"].value == pytest.approx(0.5)
    assert panel.error == "" and panel.result["rest"] >= -1e-9
    panel.set(b=1.0)
    assert panel.values["a"] + panel.values["b"] <= 1 + 1e-9


def test_an_error_in_the_view_is_shown_not_swallowed():
    def draw(ax, r, i):
        if i["a"] > 0.5:
            raise RuntimeError("boom at a > 0.5")
        ax.bar(["rest"], [r["rest"]])

    m, view = _shares_model(draw)
    panel = WhatIfPanel(m, view)
    _ = panel.widget
    panel.set(b=0.0)
    panel.set(a=0.8)
    assert "boom" in panel.error
    assert "Cannot compute this scenario" in panel.error_box.value
    assert "whatif-error-active" in panel.error_box._dom_classes
    panel.set(a=0.2)
    assert panel.error == "" and panel.error_box.value == ""


def test_static_view_and_fallback_text(panel, capsys):
    table = panel.base_table()
    assert list(table.columns) == ["Base case", "Plausible range", "Slider"]
    assert ("Results", "Total") in table.index
    # every slider's base input is on the page, with its ranges, so an exercise can be done without a kernel
    for name in panel.controls:
        p = panel.model.param(name)
        unit = "" if p.unit in ("share", "ratio", "count") or p.unit.startswith("USD") else f" ({p.unit})"
        row = table.loc[("Inputs (the sliders)", p.label + unit)]
        assert row["Base case"] == p.text(panel.base_values[name])  # one precision with the ranges beside it
        assert row["Slider"] == f"{p.text(p.min)} to {p.text(p.max)}"
    bundle = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("[Interactive panel: Revenue.")
    assert "Total: $" in panel.alt_text()


def test_unknown_control_is_refused():
    with pytest.raises(KeyError, match="did you mean 'monthly_users_m'"):
        WhatIfPanel(start.REVENUE_AT_A_GLANCE, charts.start.REVENUE_AT_A_GLANCE, controls=["monthly_users"])


def test_presets_move_every_slider_with_one_redraw():
    from helpers.analysis import Scenario

    bull = Scenario("bull", {"monthly_users_m": 1600, "ad_revenue_per_user": 25}, "growth")
    panel = WhatIfPanel(start.REVENUE_AT_A_GLANCE, charts.start.REVENUE_AT_A_GLANCE, presets=[bull])
    _ = panel.widget
    n = panel.redraws
    panel.preset_menu.value = "bull"
    assert panel.redraws == n + 1
    assert panel.values["monthly_users_m"] == 1600 and panel.values["ad_revenue_per_user"] == 25
    assert panel.result["total_usd_b"] == pytest.approx(bull.run(start.REVENUE_AT_A_GLANCE)["total_usd_b"])
    for name, s in panel.sliders.items():  # every preset sits inside its slider's bounds
        assert s.min <= panel.values[name] <= s.max
    with pytest.raises(KeyError, match="did you mean 'bull'"):
        panel.load("bul")
    with pytest.raises(KeyError, match="did you mean 'shop_take_rate'"):
        WhatIfPanel(start.REVENUE_AT_A_GLANCE, charts.start.REVENUE_AT_A_GLANCE, presets=[Scenario("x", {"shop_take": 1})])


# ---------------------------------------------------------------------------------- fast redraws


def test_a_view_is_named_after_the_model_it_draws():
    """charts.<topic>.<NAME> draws <topic>.<NAME>: one name per thing across models and views."""
    assert VIEWS
    for vname, view in VIEWS.items():
        topic, name = vname.split(".")
        module = importlib.import_module(f"helpers.{topic}")
        assert getattr(module, name, None) is view.model, f"charts.{vname} draws {view.model.name!r}, not {topic}.{name}"
        view.readout(view.model(), view.model.inputs())  # and it reads that model's result


def test_a_view_refuses_a_model_it_does_not_draw():
    with pytest.raises(ValueError, match="this view draws the model TikTok's revenue at a glance, not TikTok outside China.*same name"):
        WhatIfPanel(revenue_mix.COMPANY, charts.start.REVENUE_AT_A_GLANCE)
    with pytest.raises(TypeError, match="a view draws a Model"):
        View(lambda ax, r, i: None, lambda r, i: {}, model="COMPANY")


def test_a_name_means_one_thing_across_models_views_and_inputs():
    """No helpers module uses one upper-case name for two kinds of thing (a Param, a Model, a View)."""
    kinds = {}
    for info in pkgutil.iter_modules(helpers.__path__):
        module = importlib.import_module(f"helpers.{info.name}")
        for name, obj in vars(module).items():
            if name.isupper() and isinstance(obj, (Param, Model)):
                kinds.setdefault(name, set()).add(type(obj).__name__)
    for name in VIEWS:
        kinds.setdefault(name.split(".")[1], set()).add("Model")  # a view shares its model's name, by rule
    assert not {n: k for n, k in kinds.items() if len(k) > 1}


@pytest.mark.parametrize("view,model", VIEW_MODEL_PAIRS)
def test_a_redraw_gives_the_same_pixels_as_a_cleared_axes(view, model, monkeypatch):
    """Redraws keep the axes' ticks instead of clearing the axes (faster); after any sequence of slider
    moves the picture must be exactly the one a full ``ax.clear()`` gives."""
    import helpers.whatif as whatif

    fast, slow = WhatIfPanel(model, view), WhatIfPanel(model, view)
    names = model.names
    moves = [{}]
    for name in dict.fromkeys([names[0], names[len(names) // 2], names[-1]]):
        p = model.param(name)
        moves += [{name: p.max}, {name: p.min}, {name: p.base}]
    for i, move in enumerate(moves):
        fast.set(**move)
        with monkeypatch.context() as m:
            m.setattr(whatif, "_wipe", lambda ax: ax.clear())
            slow.set(**move)
        assert fast.values == slow.values and fast.error == slow.error
        assert bytes(fast.image.value) == bytes(slow.image.value), f"after move {i}: {move}"


def test_views_import_no_widget_library():
    """A view is drawn anywhere (a static site, a script): importing every view loads no ipywidgets."""
    import subprocess
    import sys

    code = "import sys, helpers.charts; print('ipywidgets' in sys.modules, 'helpers.whatif' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["False", "False"], out.stdout + out.stderr


def test_a_panel_says_when_its_sliders_leave_the_evidence():
    """Pushed to its ends, the GMV panel gives trillions of sales: the readout says so in words, with the range
    plausible inputs give, and the chart's frame is dashed; back inside, both go."""
    from helpers import shop

    panel = WhatIfPanel(shop.GMV, charts.shop.GMV, controls=["buyers_m", "orders_per_buyer", "basket_usd"])
    _ = panel.widget
    assert "Beyond the evidence" not in panel.readout.value
    assert not panel._ax.spines["top"].get_visible()
    panel.set(**{n: panel.model.param(n).max for n in panel.controls})
    text = html.unescape(panel.readout.value)
    assert "Beyond the evidence" in text and "are outside their plausible ranges" in text
    assert re.search(r"GMV is \$[\d.]+T, where plausible inputs give \$[\d.]+B to \$[\d.]+B", text), text
    assert panel._ax.spines["top"].get_visible() and panel._ax.spines["top"].get_linestyle() != "-"
    panel.reset()
    assert "Beyond the evidence" not in panel.readout.value and not panel._ax.spines["top"].get_visible()


def test_an_interior_peak_inside_the_plausible_ranges_is_not_beyond_the_evidence():
    """Revenue peaks at an ad load inside its plausible range, above both of the range's ends: no warning, since
    every slider is inside the range the evidence gives."""
    from helpers import in_feed

    panel = WhatIfPanel(in_feed.PLATFORM, charts.in_feed.PLATFORM, controls=["ad_load"])
    lo, hi = in_feed.PLATFORM.param("ad_load").range
    for load in (lo, (lo + hi) / 2, hi):
        panel.set(ad_load=load)
        assert panel.beyond() == ([], [])
