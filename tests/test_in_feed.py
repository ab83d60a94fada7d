"""In-feed ads: revenue never negative, rises with CPM and impressions, a hump in the ad load with its peak
where the model says; the advertiser's budget fully accounted for."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from helpers import analysis, data, in_feed

P, A = in_feed.PLATFORM, in_feed.ADVERTISER


def draw(model):
    return st.fixed_dictionaries({p.name: st.floats(p.min, p.max) for p in model.params})


def test_base_revenue_by_hand():
    impressions = (data.value("tiktok_mau_2024_warc") * 1e6 * data.value("dau_mau_ratio")
                   * data.value("minutes_per_day") * data.value("videos_per_minute") * data.value("ad_load"))
    revenue = impressions * data.value("ad_fill_rate") * data.value("in_feed_cpm") / 1000 * 365
    assert P()["revenue_per_year_usd_b"] == pytest.approx(revenue / 1e9)


@given(draw(P), st.floats(1.0, 2.0))
def test_revenue_never_negative_and_rises_with_cpm(kw, factor):
    out = P(**kw)
    assert out["revenue_per_year_usd_b"] >= 0
    higher = P(**{**kw, "cpm_usd": min(kw["cpm_usd"] * factor, in_feed.CPM.max)})
    assert higher["revenue_per_year_usd_b"] >= out["revenue_per_year_usd_b"] - 1e-12


@given(draw(P), st.sampled_from(["monthly_users_m", "dau_mau_ratio", "minutes_per_day", "videos_per_minute"]))
def test_revenue_rises_with_impressions(kw, name):
    p = P.param(name)
    more = P(**{**kw, name: min(kw[name] * 1.5 + p.step, p.max)})
    assert more["revenue_per_year_usd_b"] >= P(**kw)["revenue_per_year_usd_b"] - 1e-12
    assert more["impressions_per_day_b"] >= P(**kw)["impressions_per_day_b"] - 1e-12


@settings(deadline=None)
@given(st.floats(in_feed.ELASTICITY.min, in_feed.ELASTICITY.max))
def test_ad_load_curve_is_a_hump_peaking_at_the_best_ad_load(elasticity):
    loads = np.linspace(0, in_feed.AD_LOAD.max, 2001)
    curve = in_feed.revenue_curve(loads, watch_time_elasticity=elasticity)
    best = P(watch_time_elasticity=elasticity)["best_ad_load"]
    assert loads[np.argmax(curve)] == pytest.approx(best, abs=loads[1] + 1e-9)
    assert curve[0] == 0
    if best < in_feed.AD_LOAD.max - 0.01:
        assert curve[-1] < curve.max()  # revenue falls again past the peak


def test_viewing_falls_as_ad_load_rises():
    assert P(ad_load=0.2)["minutes_per_user_day"] < P()["minutes_per_user_day"] < P(ad_load=0.05)["minutes_per_user_day"]
    assert P()["minutes_per_user_day"] == pytest.approx(data.value("minutes_per_day"))


@given(draw(A))
def test_the_budget_is_fully_accounted_for(kw):
    out = A(**kw)
    assert out["impressions"] * kw["cpm_usd"] / 1000 == pytest.approx(kw["ad_budget_usd"])
    assert out["spend_usd"] == out["tiktok_revenue_usd"] == pytest.approx(kw["ad_budget_usd"])
    assert out["conversions"] <= out["clicks"] <= out["impressions"]
    assert out["roas"] == pytest.approx(out["sales_usd"] / kw["ad_budget_usd"])


def test_cost_per_click_is_cpm_over_ctr():
    assert A()["cost_per_click_usd"] == pytest.approx(data.value("in_feed_cpm") / 1000 / data.value("click_through_rate"))


def test_goal_seek_on_the_funnel():
    cvr = analysis.goal_seek(A, "conversion_rate", "roas", 4.0)
    assert A(conversion_rate=cvr)["roas"] == pytest.approx(4.0)
