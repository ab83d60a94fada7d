"""The analysis toolkit on real and toy models: the laws an analyst relies on."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from helpers import analysis, revenue_mix, start, style
from helpers.analysis import NoSolution, Scenario
from helpers.charts import analysis as charts

M = start.REVENUE_AT_A_GLANCE


def test_base_scenario_reproduces_the_base_model():
    table = analysis.compare(M, [Scenario("same", {})])
    assert table["base"].to_dict() == pytest.approx(table["same"].to_dict())
    assert table.loc["total_usd_b", "base"] == pytest.approx(M()["total_usd_b"])


def test_scenarios_side_by_side():
    bull = Scenario("bull", {"monthly_users_m": 1600, "ad_revenue_per_user": 25}, "users and prices rise")
    bear = Scenario("bear", {"ad_revenue_per_user": 10}, "ad recession")
    t = analysis.compare(M, [bull, bear], outputs=["total_usd_b"])
    assert list(t.columns) == ["base", "bull", "bear"]
    assert t.loc["total_usd_b", "bull"] > t.loc["total_usd_b", "base"] > t.loc["total_usd_b", "bear"]
    with pytest.raises(ValueError, match="unique"):
        analysis.compare(M, [bull, bull])
    with pytest.raises(KeyError, match="did you mean 'total_usd_b'"):
        analysis.compare(M, [bull], outputs=["total_usd"])


def test_unknown_parameter_in_a_scenario_is_refused_with_a_suggestion():
    with pytest.raises(KeyError, match="did you mean 'shop_take_rate'"):
        Scenario("typo", {"shop_take": 0.1}).run(M)


def test_saved_scenario_loads_back_identical(tmp_path):
    s = Scenario("mine", {"monthly_users_m": 1234.5, "shop_take_rate": 0.07}, "my reasons")
    path = s.save(tmp_path / "mine.json")
    assert Scenario.load(path) == s
    with pytest.raises(FileExistsError, match="exists already"):
        s.save(path)
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(ValueError, match="not a scenario file"):
        Scenario.load(tmp_path / "bad.json")
    (tmp_path / "nan.json").write_text('{"name": "x", "changes": {"shop_take_rate": NaN}}')
    with pytest.raises(ValueError, match="shop_take_rate must be a finite number"):
        Scenario.load(tmp_path / "nan.json")


def test_each_tornado_bar_ends_at_the_model_at_low_and_high():
    sens = analysis.one_way(M, "total_usd_b")
    assert sens["swing"].is_monotonic_decreasing
    for row in sens.itertuples():
        assert row.output_at_low == pytest.approx(M(**{row.parameter: row.low})["total_usd_b"])
        assert row.output_at_high == pytest.approx(M(**{row.parameter: row.high})["total_usd_b"])
        assert (row.low, row.high) == pytest.approx(M.param(row.parameter).range)
    fig, ax = style.figure()
    charts.draw_tornado(ax, sens, unit="USD billion", xlabel="Revenue (USD per year)")
    assert len(ax.patches) == 2 * len(sens)


@settings(max_examples=40, deadline=None)
@given(st.floats(min_value=5, max_value=60))
def test_goal_seek_answer_put_back_hits_the_target(target):
    x = analysis.goal_seek(M, "ad_revenue_per_user", "total_usd_b", target)
    assert M(ad_revenue_per_user=x)["total_usd_b"] == pytest.approx(target, rel=1e-6)


def test_goal_seek_says_when_nothing_within_bounds_reaches_the_target():
    with pytest.raises(NoSolution, match=r"no value of shop_take_rate \('.*'\) between 0% and 30% brings total to \$500B: .* from \$29B"):
        analysis.goal_seek(M, "shop_take_rate", "total_usd_b", 500)
    with pytest.raises(KeyError, match="did you mean 'total_usd_b'"):
        analysis.goal_seek(M, "shop_take_rate", "total", 20)
    with pytest.raises(ValueError, match="do not also fix it"):
        analysis.goal_seek(M, "shop_take_rate", "total_usd_b", 20, shop_take_rate=0.1)


def test_goal_seek_with_other_inputs_fixed():
    x = analysis.goal_seek(M, "ad_revenue_per_user", "total_usd_b", 20, monthly_users_m=800)
    assert M(ad_revenue_per_user=x, monthly_users_m=800)["total_usd_b"] == pytest.approx(20)


def test_monte_carlo_is_seeded_vectorised_and_inside_plausible_ranges():
    a = analysis.monte_carlo(M, n=20_000, seed=7)
    b = analysis.monte_carlo(M, n=20_000, seed=7)
    c = analysis.monte_carlo(M, n=20_000, seed=8)
    assert a.equals(b) and not a.equals(c)
    draws = analysis.draw_inputs(M, 20_000, 7)
    for p in M.params:
        lo, hi = p.range
        assert lo <= draws[p.name].min() and draws[p.name].max() <= hi
    # One vectorised call equals the model run draw by draw.
    for i in (0, 1, 19_999):
        one = M(**{k: float(np.asarray(v)[i]) if np.ndim(v) else v for k, v in draws.items()})
        assert a["total_usd_b"].iloc[i] == pytest.approx(one["total_usd_b"])
    s = analysis.summary(a["total_usd_b"])
    assert s["p5"] < s["p50"] < s["p95"]


def test_monte_carlo_refuses_bad_arguments():
    with pytest.raises(ValueError, match="n must be a whole number"):
        analysis.monte_carlo(M, n=0)
    with pytest.raises(TypeError, match="seed must be a whole number"):
        analysis.monte_carlo(M, n=10, seed=None)
    with pytest.raises(ValueError, match="non-empty array of finite numbers"):
        analysis.summary([])


# ------------------------------------------------ what we do not know, apart from what may happen
EVENTS = ("lost_market_share", "signal_loss", "ad_market_change")


def test_the_company_monte_carlo_draws_no_event():
    M = revenue_mix.COMPANY
    assert {p.name for p in M.params if p.event} == set(EVENTS)
    draws = analysis.draw_inputs(M, 2_000, 7)
    base = M.inputs()
    for name in EVENTS:
        assert np.all(np.asarray(draws[name]) == base[name]), f"{name} is an event, not an uncertain input"
    drawn = [n for n in M.names if np.ndim(draws[n]) and np.ptp(draws[n]) > 0]
    assert "cpm_usd" in drawn and not set(drawn) & set(EVENTS)
    assert not set(EVENTS) & set(analysis.monte_carlo(M, n=1_000, seed=7).attrs["varied"])


@pytest.mark.parametrize("dist", analysis.DISTRIBUTIONS)
def test_every_distribution_keeps_each_input_in_its_range(dist):
    M = revenue_mix.COMPANY
    draws = analysis.draw_inputs(M, 5_000, 3, dist=dist)
    for name in analysis.monte_carlo(M, n=10, seed=1).attrs["varied"]:
        lo, hi = M.param(name).range
        assert np.min(draws[name]) >= lo - 1e-12 and np.max(draws[name]) <= hi + 1e-12, name


def test_uniform_draws_spread_wider_than_triangular():
    M = revenue_mix.COMPANY
    tri = analysis.monte_carlo(M, n=20_000, seed=5)["profit_usd_b"]
    uni = analysis.monte_carlo(M, n=20_000, seed=5, dist="uniform")["profit_usd_b"]
    assert uni.std() > tri.std()


def test_a_correlated_pair_moves_together_and_keeps_each_inputs_values():
    M = revenue_mix.COMPANY
    pair = ("monthly_users_m", "minutes_per_day")
    free = analysis.draw_inputs(M, 20_000, 11)
    tied = analysis.draw_inputs(M, 20_000, 11, correlated={pair: 0.8})
    for name in pair:  # the same values, in another order: each input keeps its range and distribution
        assert np.array_equal(np.sort(free[name]), np.sort(tied[name]))
    ranks = [np.argsort(np.argsort(tied[name])) for name in pair]
    assert np.corrcoef(*ranks)[0, 1] == pytest.approx(0.8, abs=0.03)
    assert abs(np.corrcoef(*[np.argsort(np.argsort(free[n])) for n in pair])[0, 1]) < 0.03
    with pytest.raises(ValueError, match="correlation must be between -1 and 1, got 1.5"):
        analysis.draw_inputs(M, 10, 1, correlated={pair: 1.5})
    with pytest.raises(ValueError, match="'lost_market_share' is not among the inputs drawn"):
        analysis.draw_inputs(M, 10, 1, correlated={("cpm_usd", "lost_market_share"): 0.5})
    with pytest.raises(ValueError, match="dist must be one of triangular, uniform, got 'normal'"):
        analysis.draw_inputs(M, 10, 1, dist="normal")


def test_the_triangular_quantile_is_the_distributions_inverse():
    u = np.linspace(0, 1, 11)
    q = analysis.triangular_quantile(u, 2.0, 3.0, 6.0)
    assert q[0] == pytest.approx(2.0) and q[-1] == pytest.approx(6.0) and np.all(np.diff(q) > 0)
    assert analysis.triangular_quantile(0.25, 2.0, 3.0, 6.0) == pytest.approx(3.0)  # (3-2)/(6-2) of the mass lies below the mode


def test_analysis_around_a_scenario_keeps_drawing_what_the_scenario_changes():
    from helpers import revenue_mix

    model = revenue_mix.PRICED
    lo, hi = model.param("staff_other_share").range
    inside = lo + 0.8 * (hi - lo)
    draws = analysis.draw_inputs(model, 20_000, 3, around={"staff_other_share": inside, "ad_market_change": 0.9})
    staff = np.asarray(draws["staff_other_share"])
    assert staff.min() >= lo and staff.max() <= hi and staff.std() > 0  # still drawn over its range...
    plain = np.asarray(analysis.draw_inputs(model, 20_000, 3)["staff_other_share"])
    assert np.median(staff) > np.median(plain) + 0.02  # ...around it: the draws' peak moves to the scenario's value
    assert np.all(np.asarray(draws["ad_market_change"]) == 0.9)  # an event is held at the scenario's value
    outside = analysis.draw_inputs(model, 100, 3, around={"staff_other_share": hi + 0.05})
    assert np.all(np.asarray(outside["staff_other_share"]) == pytest.approx(hi + 0.05))  # no evidence beyond the range
    sens = analysis.one_way(model, "profit_usd_b", around={"staff_other_share": inside}).set_index("parameter")
    assert "staff_other_share" in sens.index and sens.loc["staff_other_share", "swing"] > 0
    assert sens.attrs["base"] == pytest.approx(float(model(staff_other_share=inside)["profit_usd_b"]))
    with pytest.raises(ValueError, match="both fixed and analysed around"):
        analysis.one_way(model, "profit_usd_b", around={"ad_load": 0.1}, ad_load=0.1)


def test_two_way_gives_the_model_at_every_pair_and_refuses_one_input_twice():
    from helpers import in_feed

    grid = analysis.two_way(in_feed.PLATFORM, "revenue_per_year_usd_b", "ad_load", "watch_time_elasticity", n=4)
    assert grid.shape == (4, 4)
    assert list(grid.columns) == pytest.approx(list(np.linspace(*in_feed.PLATFORM.param("ad_load").range, 4)))
    for e in grid.index[[0, -1]]:
        for load in grid.columns[[1, 2]]:
            expected = in_feed.PLATFORM(ad_load=load, watch_time_elasticity=e)["revenue_per_year_usd_b"]
            assert grid.loc[e, load] == pytest.approx(expected)
    # the price is calibrated at today's ad load: every elasticity earns the same there
    today = analysis.two_way(in_feed.PLATFORM, "revenue_per_year_usd_b", "ad_load", "watch_time_elasticity",
                             x_values=[in_feed.PLATFORM.base()["observed_ad_load"]], n=3)
    assert today.iloc[:, 0].nunique() == 1 or np.ptp(today.to_numpy()) < 1e-9
    with pytest.raises(ValueError, match="two different inputs"):
        analysis.two_way(in_feed.PLATFORM, "revenue_per_year_usd_b", "ad_load", "ad_load")
    with pytest.raises(KeyError, match="did you mean"):
        analysis.two_way(in_feed.PLATFORM, "revenue_per_yr", "ad_load", "bidders")


def test_heatmap_hatches_exactly_the_cells_beyond_the_evidence_and_refuses_a_mask_of_another_shape():
    import pandas as pd
    from matplotlib.patches import Rectangle

    grid = pd.DataFrame([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], index=[0.1, 0.2], columns=[1, 2, 3])
    beyond = np.array([[True, False, False], [False, False, True]])
    fig, ax = style.figure(4, 3)
    charts.draw_heatmap(ax, grid, cell=str, xtick=str, ytick=str, xlabel="x", best=None, beyond=beyond,
                        beyond_label="hatched: outside")
    hatched = [(int(p.get_x()), int(p.get_y())) for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert sorted(hatched) == [(0, 0), (2, 1)]  # (column, row) of each True
    assert "hatched: outside" in ax.get_xlabel()
    fig2, ax2 = style.figure(4, 3)
    charts.draw_heatmap(ax2, grid, cell=str, xtick=str, ytick=str, xlabel="x", best=None, beyond=~beyond & False)
    assert not [p for p in ax2.patches if p.get_hatch()] and "hatched" not in ax2.get_xlabel()
    with pytest.raises(ValueError, match="must match the grid"):
        charts.draw_heatmap(ax, grid, cell=str, xtick=str, ytick=str, beyond=beyond[:, :2])


def test_envelope_bounds_each_output_over_the_corners_of_the_plausible_ranges():
    from helpers import premium

    names = ("takeover_price_usd", "takeover_slots_per_day")
    env = analysis.envelope(premium.PREMIUM_SALES, names)
    (p_lo, p_hi), (s_lo, s_hi) = (premium.PREMIUM_SALES.param(n).range for n in names)
    corners = [float(premium.PREMIUM_SALES(takeover_price_usd=p, takeover_slots_per_day=s)["takeover_usd_b"])
               for p in (p_lo, p_hi) for s in (s_lo, s_hi)]
    assert env["takeover_usd_b"] == pytest.approx((min(corners), max(corners)))
    base = float(premium.PREMIUM_SALES()["takeover_usd_b"])
    assert env["takeover_usd_b"][0] < base < env["takeover_usd_b"][1]
    assert env["topview_usd_b"][0] == pytest.approx(env["topview_usd_b"][1])  # not varied: one value
    cpm = analysis.envelope(premium.PLANNER, ["topview_cpm_usd"], of=premium.effective_cpms)
    assert cpm["TopView"] == pytest.approx(premium.PLANNER.param("topview_cpm_usd").range)
    with pytest.raises(KeyError):
        analysis.envelope(premium.PREMIUM_SALES, ["takeover_price"])


def test_bars_with_ranges_draw_a_whisker_each_and_write_the_value_past_it():
    from helpers.charts.flows import labelled_bars

    fig, ax = style.figure(4, 2)
    labelled_bars(ax, ["a", "b"], [2.0, 5.0], "grey", fmt=str, ranges=[(1.0, 8.0), (5.0, 5.0)])
    lines = [c for c in ax.collections]  # the whiskers' line collections
    assert lines, "no whisker drawn"
    text = {t.get_text(): t.xy[0] for t in ax.texts}
    assert text["2.0"] == 8.0 and text["5.0"] == 5.0  # past the whisker where there is one, else at the bar's end
    assert ax.get_xlim()[1] >= 8.0
    with pytest.raises(ValueError, match="2 bars"):
        labelled_bars(ax, ["a", "b"], [2.0, 5.0], "grey", fmt=str, ranges=[(1.0, 8.0)])
