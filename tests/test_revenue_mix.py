"""The whole-company model: streams sum to revenue, costs to costs; it reproduces each stream model; the
goal-seek shortcut agrees with the general tool; scenarios are valid."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import analysis, data, gifts, in_feed, premium, revenue_mix, shop, streams

M = revenue_mix.COMPANY


def test_streams_and_costs_add_up():
    out = M()
    assert out["revenue_usd_b"] == pytest.approx(sum(out[s.column] for s in streams.STREAMS))
    assert out["costs_usd_b"] == pytest.approx(sum(out[k] for k in revenue_mix.COST_KEYS))
    assert out["profit_usd_b"] == pytest.approx(out["revenue_usd_b"] - out["costs_usd_b"])


def test_base_case_reproduces_each_stream_model():
    out = M()
    assert out["in_feed_usd_b"] == pytest.approx(in_feed.PLATFORM()["revenue_per_year_usd_b"])
    assert out["premium_usd_b"] == pytest.approx(premium.PREMIUM_SALES()["premium_usd_b"])
    assert out["gifts_usd_b"] == pytest.approx(gifts.GIFTS()["tiktok_usd_b"])
    assert out["shop_usd_b"] == pytest.approx(shop.GMV()["commission_usd_b"])


def test_a_lost_market_scales_revenue():
    lost = M(lost_market_share=0.25)
    assert lost["revenue_usd_b"] == pytest.approx(0.75 * M()["revenue_usd_b"])


def test_signal_loss_lowers_ad_revenue_only():
    hit = M(signal_loss=0.5)
    assert hit["in_feed_usd_b"] < M()["in_feed_usd_b"] and hit["shop_usd_b"] == M()["shop_usd_b"]


@pytest.mark.parametrize("lost", [0.0, 0.1, 0.38, 0.5])
def test_cpm_shortcut_matches_goal_seek(lost):
    fast = float(revenue_mix.cpm_to_hold_revenue(lost))
    slow = analysis.goal_seek(M, "cpm_usd", "revenue_usd_b", M()["revenue_usd_b"], lost_market_share=lost)
    assert fast == pytest.approx(slow, rel=1e-6)
    assert M(cpm_usd=fast, lost_market_share=lost)["revenue_usd_b"] == pytest.approx(M()["revenue_usd_b"])


def test_named_scenarios_are_valid_and_differ():
    named = analysis.named_scenarios("revenue_mix")
    table = analysis.compare(M, named, outputs=["profit_usd_b"])
    assert table.loc["profit_usd_b", "bull"] > table.loc["profit_usd_b", "base"] > table.loc["profit_usd_b", "bear"]
    assert named[2].changes["lost_market_share"] == pytest.approx(data.value("us_share_ad_revenue"), abs=0.005)


def test_monte_carlo_of_the_whole_company_is_seeded_and_fast_enough_to_vectorise():
    a = analysis.monte_carlo(M, n=5_000, seed=3)
    assert a.equals(analysis.monte_carlo(M, n=5_000, seed=3))
    assert np.isfinite(a.to_numpy()).all()


# ------------------------------------------------------------------------- operating leverage
@pytest.mark.parametrize("change", [0.95, 1.05])
def test_operating_leverage_is_the_profit_change_per_revenue_change(change):
    """Variable costs move with revenue, fixed costs do not: a 5% change in the ad market moves profit by
    about the operating leverage times the change in revenue."""
    base, moved = revenue_mix.COMPANY(), revenue_mix.COMPANY(ad_market_change=change)
    d_revenue = moved["revenue_usd_b"] / base["revenue_usd_b"] - 1
    d_profit = moved["profit_usd_b"] / base["profit_usd_b"] - 1
    assert d_profit / d_revenue == pytest.approx(revenue_mix.operating_leverage(base), rel=1e-9)
    assert revenue_mix.operating_leverage(base) > 1  # fixed costs make profit swing more than revenue
    assert base["fixed_costs_usd_b"] + base["variable_costs_usd_b"] == pytest.approx(base["costs_usd_b"])


def test_operating_leverage_is_negative_at_a_loss():
    out = revenue_mix.COMPANY(staff_other_share=0.8)
    assert out["profit_usd_b"] < 0 and revenue_mix.operating_leverage(out) < 0
