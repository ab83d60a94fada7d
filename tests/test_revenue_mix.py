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


def test_named_scenarios_stay_inside_the_evidence():
    """A named scenario is a reading of the evidence plus events: every input it sets lies in its plausible
    range, and its revenue before any event lies inside the bounds of the central 2024 estimate."""
    bounds = data.fact("tiktok_revenue_2024_central")
    for s in analysis.named_scenarios("revenue_mix"):
        for name, value in s.changes.items():
            if name == "fines_usd_b":  # a large fine is an event: it comes on top of the routine fines
                assert value == pytest.approx(data.value("routine_fines_per_year") + data.value("gdpr_fine_mean_usd"))
                continue
            lo, hi = M.param(name).range
            assert lo <= value <= hi, f"{s.name}: {name}={value} is outside its plausible range {lo} to {hi}"
        calm = M(**{k: v for k, v in s.changes.items() if not M.param(k).event})  # the year before its events
        assert bounds.low <= float(calm["revenue_usd_b"]) <= bounds.high, (s.name, float(calm["revenue_usd_b"]))


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


# ------------------------------------------------------------------- the company priced to the evidence
P = revenue_mix.PRICED


def test_the_priced_company_is_the_company_at_the_base_case():
    base, priced = M(), P()
    # the base CPM is the fact's rounded value, so the company's revenue is the central estimate to 0.1%
    assert priced["revenue_usd_b"] == pytest.approx(data.value("tiktok_revenue_2024_central"), rel=1e-9)
    for k in M.outputs:
        assert priced[k] == pytest.approx(base[k], rel=1e-3, abs=1e-9), k
    assert priced["cpm_implied_usd"] == pytest.approx(M.base()["cpm_usd"], rel=1e-3)


@pytest.mark.parametrize("change", [{"ad_load": 0.2}, {"monthly_users_m": 1_100}, {"minutes_per_day": 90},
                                    {"shop_take_rate": 0.08}, {"cpm_usd": 3.0}])
def test_the_chain_moves_the_price_not_revenue_or_profit(change):
    out = P(**change)
    assert out["revenue_usd_b"] == pytest.approx(P()["revenue_usd_b"])
    assert out["profit_usd_b"] == pytest.approx(P()["profit_usd_b"])
    if "cpm_usd" not in change:
        assert out["cpm_implied_usd"] != pytest.approx(P()["cpm_implied_usd"])


def test_events_strike_after_the_price_is_set():
    # the price is set for the year the evidence describes; a lost market or cheaper ads then cut revenue
    assert P(lost_market_share=0.25)["revenue_usd_b"] == pytest.approx(0.75 * P()["revenue_usd_b"])
    assert P(ad_market_change=0.9)["revenue_usd_b"] < P()["revenue_usd_b"]
    assert P(lost_market_share=0.25)["cpm_implied_usd"] == pytest.approx(P()["cpm_implied_usd"])


def test_revenue_the_other_streams_exceed_is_flagged_not_matched():
    out = P(revenue_evidence_usd_b=5.0, buyers_m=600)
    assert out["unpriceable"] == 1.0 and out["cpm_implied_usd"] == 0.0
    assert out["revenue_usd_b"] > 5.0


def test_every_drawn_revenue_lies_within_the_evidence_and_volumes_leave_profit_alone():
    sims = analysis.monte_carlo(P, n=20_000, seed=5)
    lo, hi = P.param("revenue_evidence_usd_b").range
    assert sims["revenue_usd_b"].between(lo, hi).mean() > 0.99
    sens = analysis.one_way(P, "profit_usd_b").set_index("parameter")["swing"]
    for chain in ("ad_load", "videos_per_minute", "minutes_per_day", "monthly_users_m", "cpm_usd"):
        assert sens[chain] == pytest.approx(0, abs=1e-9)
    assert sens.idxmax() in ("staff_other_share", "infrastructure_share", "revenue_evidence_usd_b")


def test_the_gap_with_the_filed_accounts_is_the_margins_difference_on_each_scope():
    g = revenue_mix.filed_gap()
    assert g["gap_share"] == pytest.approx(g["model_margin"] - g["filed_margin"]) and g["filed_margin"] < 0
    assert g["gap_whole_usd_b"] == pytest.approx(g["gap_share"] * revenue_mix.COMPANY()["revenue_usd_b"])
    assert g["gap_filed_scope_usd_b"] == pytest.approx(g["gap_share"] * data.value("uk_eu_latam_revenue_2024"))
    costlier = revenue_mix.COMPANY.base()["staff_other_share"] + 0.05
    worse = revenue_mix.filed_gap(revenue_mix.COMPANY(staff_other_share=costlier))
    assert worse["gap_share"] < g["gap_share"]  # a costlier model is closer to the filings
