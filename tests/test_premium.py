"""Premium formats and the campaign planner: spend never exceeds the budget, reach never exceeds the
audience, every dollar is accounted for, and the shares can never add up past the whole."""

from __future__ import annotations

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
