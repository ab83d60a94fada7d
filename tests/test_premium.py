"""Premium formats and the campaign planner: spend never exceeds the budget, reach never exceeds the
audience, every dollar is accounted for, and the shares can never add up past the whole."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, strategies as st

from helpers import data, premium

P = premium.PLANNER


def plans():
    return st.fixed_dictionaries({p.name: st.floats(p.min, p.max) for p in P.params}).filter(
        lambda kw: sum(kw[s] for s in premium.SHARES) <= 1.0)


@given(plans())
def test_every_dollar_is_accounted_for_and_nothing_impossible(kw):
    out = P(**kw)
    spent = sum(out[f"spend_{f}_usd"] for f in premium.FORMATS)
    assert spent == pytest.approx(out["spent_usd"])
    assert out["spent_usd"] + out["unspent_usd"] == pytest.approx(kw["premium_budget_usd"])
    assert out["spent_usd"] <= kw["premium_budget_usd"] * (1 + 1e-12) and out["unspent_usd"] >= -1e-6
    assert out["tiktok_revenue_usd"] == out["spent_usd"]
    assert 0 <= out["reach"] <= kw["audience_m"] * 1e6
    assert out["reach"] <= out["impressions"] + 1e-6


def test_formats_are_bought_whole():
    out = P(premium_budget_usd=1_000_000, share_takeover=0.09, share_topview=0, share_challenge=0, share_effect=0,
            share_in_feed=0)
    assert out["takeover_days"] == 1 and out["spend_takeover_usd"] == data.value("takeover_price_2019")
    assert out["unspent_usd"] == pytest.approx(90_000 - data.value("takeover_price_2019") + 910_000)


def test_shares_above_the_whole_are_refused():
    with pytest.raises(ValueError, match="must add up to at most 1"):
        P(share_takeover=0.6, share_in_feed=0.6)


@given(st.floats(1e6, 1e12))
def test_reach_saturates_at_the_audience(impressions_budget):
    out = P(premium_budget_usd=5_000_000, share_in_feed=1.0, share_takeover=0, share_topview=0, share_challenge=0,
            share_effect=0, audience_m=10, cpm_usd=0.5)
    assert out["reach"] <= 10e6 and out["reach_share"] <= 1


def test_premium_sales_by_hand():
    out = premium.PREMIUM_SALES()
    takeover = data.value("takeover_price_2019") * data.value("takeover_slots_per_day") * 365 / 1e9
    assert out["takeover_usd_b"] == pytest.approx(takeover)
    assert out["premium_usd_b"] == pytest.approx(out["takeover_usd_b"] + out["topview_usd_b"]
                                                 + out["challenges_usd_b"] + out["effects_usd_b"])


def test_scarce_slots_cost_more_than_the_auction():
    cpms = premium.effective_cpms()
    assert cpms["Brand takeover"] > cpms["In-feed (auction)"] and cpms["TopView"] > cpms["In-feed (auction)"]


# ------------------------------------------------------------------- the reserve price in a thin market
@pytest.mark.parametrize("n", [1, 2, 4])
@pytest.mark.parametrize("rho", [0.0, 0.3, 0.5, 0.8])
def test_the_reserve_formula_is_what_a_simulated_auction_earns(n, rho):
    """Values drawn evenly from 0 to 1; the slot sells if the top value clears the reserve, at the larger of the
    reserve and the second value."""
    rng = np.random.default_rng(7)
    v = np.sort(rng.random((400_000, n)), axis=1)
    second = v[:, -2] if n > 1 else np.zeros(len(v))
    earned = np.where(v[:, -1] >= rho, np.maximum(second, rho), 0.0)
    assert abs(earned.mean() - premium.reserve_revenue(n, rho)) < 0.004
    if n >= 2:  # the model's brands start at two
        unsold = premium.RESERVE_AUCTION(app_open_bidders=n, reserve_share=rho)["chance_unsold"]
        assert abs((v[:, -1] < rho).mean() - unsold) < 0.004


@pytest.mark.parametrize("n", [1, 2, 3, 6, 10])
def test_half_the_top_value_is_the_best_reserve_whatever_the_number_of_brands(n):
    grid = np.linspace(0, 1, 1001)
    assert abs(grid[np.argmax(premium.reserve_revenue(n, grid))] - 0.5) < 1e-9
    assert premium.reserve_revenue(n, 0.0) == pytest.approx((n - 1) / (n + 1))  # notebook 02's price


def test_the_reserve_adds_most_when_few_brands_bid():
    gains = [premium.RESERVE_AUCTION(app_open_bidders=n)["gain_vs_no_reserve"] for n in (2, 3, 5, 10)]
    assert gains == sorted(gains, reverse=True) and gains[-1] < 0.001 < gains[0]
    assert premium.reserve_revenue(1, 0.0) == 0 < premium.reserve_revenue(1, 0.5)  # one brand: no price without a reserve


@pytest.mark.parametrize("kwargs, match", [({"bidders": 2.5, "reserve_share": 0.5}, "whole number"),
                                           ({"bidders": 0, "reserve_share": 0.5}, "bidders"),
                                           ({"bidders": 2, "reserve_share": 1.2}, "reserve_share")])
def test_the_reserve_formula_refuses_impossible_inputs(kwargs, match):
    with pytest.raises(ValueError, match=match):
        premium.reserve_revenue(**kwargs)
