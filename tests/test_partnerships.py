"""Partnerships and data: a campaign's parts add up to the budget; shares above the whole are refused; programmes pay
per view. Targeting: lifts raise the affordable CPM in proportion; signal loss takes the lift away, never below no
targeting."""

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


# ------------------------------------------------------------------------------ targeting with data
T = partnerships.TARGETING
inputs = st.fixed_dictionaries({p.name: st.floats(p.min, p.max) for p in T.params})


def test_affordable_cpm_by_hand():
    """Notebook 02's rates are today's, with full targeting: they give today's affordable CPM; without
    targeting the rates, and the CPM, are lower by the lifts."""
    value = data.value("click_through_rate") * data.value("conversion_rate") * data.value("value_per_conversion")
    out = T()
    assert out["cpm_full_targeting_usd"] == pytest.approx(1000 * value / data.value("target_roas"))
    assert out["cpm_targeted_usd"] == pytest.approx(out["cpm_full_targeting_usd"])  # no signal lost today
    lift = data.value("targeting_ctr_lift") * data.value("targeting_cvr_lift")
    assert out["cpm_untargeted_usd"] == pytest.approx(out["cpm_full_targeting_usd"] / lift)


def test_the_targeting_panel_and_the_company_model_read_todays_cpm_the_same_way():
    """Both treat today's price as paid with full targeting: a signal loss cuts both by the same ratio."""
    from helpers import revenue_mix
    for loss in (0.2, 0.6):
        panel = T(signal_loss=loss)["cpm_targeted_usd"] / T()["cpm_targeted_usd"]
        company = revenue_mix.COMPANY(signal_loss=loss)["in_feed_usd_b"] / revenue_mix.COMPANY()["in_feed_usd_b"]
        assert panel == pytest.approx(company)


@given(inputs)
def test_signal_loss_never_goes_below_no_targeting_nor_above_full(kw):
    out = T(**kw)
    assert out["cpm_untargeted_usd"] - 1e-9 <= out["cpm_targeted_usd"] <= out["cpm_full_targeting_usd"] + 1e-9
    assert 0 - 1e-12 <= out["lift_lost_share"] <= 1 + 1e-12


@given(inputs, st.floats(0, 1))
def test_more_signal_loss_never_raises_the_price(kw, extra):
    more = min(kw["signal_loss"] + extra, 1.0)
    assert T(**{**kw, "signal_loss": more})["cpm_targeted_usd"] <= T(**kw)["cpm_targeted_usd"] + 1e-12


def test_total_signal_loss_removes_the_whole_premium():
    out = T(signal_loss=1.0)
    assert out["cpm_multiplier"] == pytest.approx(1.0) and out["lift_lost_share"] == pytest.approx(1.0)


def test_targeting_in_the_auction_is_worth_less_than_its_lift_and_more_so_in_thin_auctions():
    from helpers import partnerships as P

    base = P.TARGETING()
    assert 1 < base["cpm_multiplier_in_auction"] < base["cpm_multiplier"]
    assert base["bidders_untargeted"] == pytest.approx(P.TARGETING.base()["bidders"] / P.TARGETING.base()["audience_share"])
    thin = P.TARGETING(bidders=2.0)["cpm_multiplier_in_auction"]
    thick = P.TARGETING(bidders=80.0)["cpm_multiplier_in_auction"]
    assert thin < base["cpm_multiplier_in_auction"] < thick < base["cpm_multiplier"]
    assert P.TARGETING(audience_share=1.0)["cpm_multiplier_in_auction"] == pytest.approx(base["cpm_multiplier"])
