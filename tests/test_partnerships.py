"""Partnerships: a campaign's parts add up to the budget; shares above the whole are refused; programmes pay per view."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from helpers import data, partnerships

C = partnerships.CAMPAIGN
campaigns = st.fixed_dictionaries({p.name: st.floats(p.min, p.max) for p in C.params}).filter(
    lambda kw: sum(kw[s] for s in partnerships.SHARES) <= 1)


@given(campaigns)
def test_campaign_parts_add_up_to_the_budget(kw):
    out = C(**kw)
    parts = [out[k] for k in ("creators_usd", "tiktok_usd", "agency_usd", "production_usd")]
    assert sum(parts) == pytest.approx(kw["campaign_budget_usd"])
    assert min(parts) >= -1e-6


def test_shares_above_the_whole_are_refused():
    with pytest.raises(ValueError, match="campaign_creator_share \\+ promotion_share \\+ agency_share must add up to at most 1"):
        C(campaign_creator_share=0.8, promotion_share=0.5)


def test_programme_pay_by_hand():
    out = partnerships.PROGRAMMES(views_m=2)
    assert out["fund_usd"] == pytest.approx(2e6 / 1000 * data.value("creator_fund_rpm"))
    assert out["rewards_usd"] == pytest.approx(2e6 / 1000 * data.value("creator_rewards_rpm"))
