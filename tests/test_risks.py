"""Risks: each is a valid change to the company model that lowers profit; the matrix multiplies likelihood by
impact; the Monte Carlo is seeded and agrees with the base when no risk can strike."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from helpers import data, revenue_mix, risks


@pytest.mark.parametrize("risk", risks.all_risks(), ids=lambda r: r.name)
def test_each_risk_lowers_profit_and_is_anchored_in_data(risk):
    assert risk.profit_impact() < 0
    assert 0 <= data.value(risk.likelihood_fact) <= 1
    revenue_mix.COMPANY.inputs(**risk.inputs())  # inside every slider's bounds


@settings(deadline=None, max_examples=30)
@given(st.fixed_dictionaries({p.name: st.floats(0, 1) for p in risks.LIKELIHOODS}))
def test_matrix_is_likelihood_times_impact(ps):
    out = risks.RISK_MATRIX(**ps)
    for r in risks.all_risks():
        assert out[f"expected_loss_{r.name}_usd_b"] == pytest.approx(ps[f"p_{r.name}"] * -r.profit_impact())
    assert 0 <= out["chance_any"] <= 1


def test_simulation_is_seeded_and_collapses_to_base_without_risks():
    a, _ = risks.simulate(n=2_000, seed=5)
    b, _ = risks.simulate(n=2_000, seed=5)
    assert np.array_equal(a, b)
    none, struck = risks.simulate(n=500, seed=1, likelihoods={r.name: 0.0 for r in risks.all_risks()})
    assert struck.sum() == 0 and np.allclose(none, revenue_mix.COMPANY()["profit_usd_b"])
    every, struck = risks.simulate(n=200, seed=1, likelihoods={r.name: 1.0 for r in risks.all_risks()})
    assert (struck == len(risks.RISKS)).all() and (every < revenue_mix.COMPANY()["profit_usd_b"]).all()


def test_bad_arguments_are_refused():
    with pytest.raises(KeyError, match="did you mean 'clampdown'"):
        risks.simulate(n=10, likelihoods={"clampdwn": 0.2})
    with pytest.raises(ValueError, match="likelihood of ban must be between 0 and 1"):
        risks.simulate(n=10, likelihoods={"ban": 1.5})
    with pytest.raises(ValueError, match="n must be a whole number"):
        risks.simulate(n=0)


def test_expected_losses_add_up_to_the_total_and_match_the_simulation():
    m = risks.RISK_MATRIX()
    parts = sum(m[f"expected_loss_{n}_usd_b"] for n in risks.NAMES)
    assert m["expected_loss_usd_b"] == pytest.approx(parts)
    profit, _ = risks.simulate(n=200_000, seed=8)
    lost = revenue_mix.COMPANY()["profit_usd_b"] - profit
    # the mean loss differs from the sum only by years when two risks strike together
    assert lost.mean() == pytest.approx(m["expected_loss_usd_b"], rel=0.1)


def test_the_exceedance_curve_reads_the_simulated_years():
    from helpers.analysis import exceedance
    losses = np.array([0.0, 0.0, 0.0, 1.0, 3.0])
    assert list(exceedance(losses, [0.0, 0.5, 1.0, 2.0, 3.0, 4.0])) == pytest.approx([0.4, 0.4, 0.2, 0.2, 0.0, 0.0])


def test_every_size_a_risk_uses_is_a_declared_input():
    """With every declared size at zero, no risk changes anything: no size hides in the code."""
    zero = {p.name: 0.0 for p in risks.SIZES}
    out = risks.RISK_MATRIX(**zero)
    assert all(out[f"impact_{n}_usd_b"] == pytest.approx(0, abs=1e-12) for n in risks.NAMES), out
    for p in risks.SIZES:  # and each size is a fact in data/, with its kind, or says it is an assumption
        fact = data.fact(p.fact)
        assert fact.kind in data.KINDS and (fact.source_id != "course" or fact.kind != "official")


def test_each_fine_is_counted_once():
    """The base year carries the routine fines (the record without the large privacy-law fines); the fine event
    adds a large fine with its likelihood. In expectation the two together are the record, not the record plus
    the event."""
    record = data.value("fines_record_per_year")
    base = revenue_mix.COMPANY.base()["fines_usd_b"]
    sizes = risks.RISK_MATRIX.base()
    large = (data.value("gdpr_fine_2023") * 1.08 / 1000 + data.value("gdpr_fine_2025_usd")) / 7  # the Irish decisions
    assert base + large == pytest.approx(record, rel=0.02)  # the base is the record without exactly these
    assert base < 0.05 * record
    # the large-fine event: the two Irish fines on average, two in seven years
    assert sizes["privacy_fine_usd_b"] * 2 / 7 == pytest.approx(large, rel=0.01)
    assert base + sizes["p_fine"] * sizes["privacy_fine_usd_b"] == pytest.approx(record, rel=0.05)
    # the fine is the only event that touches the fines; the clamp-down, which lasts, adds none
    for r in risks.all_risks():
        changed = r.inputs()["fines_usd_b"] - revenue_mix.COMPANY.base()["fines_usd_b"]
        assert changed == pytest.approx(sizes["privacy_fine_usd_b"] if r.name == "fine" else 0.0), r.name
    # and the one-off provision of 2023, which covered the Irish inquiries, is no yearly cost
    assert base != pytest.approx(data.value("eu_fines_provision_2024"), rel=0.5)


# ---------------------------------------------------------------------------- losses over the years
def _discounted(loss_by_year, r, g):
    """A stream of yearly losses (year 1, 2, ...), each grown at g and discounted at r: summed term by term."""
    return sum(loss * ((1 + g) / (1 + r)) ** t for t, loss in enumerate(loss_by_year, start=1))


@pytest.mark.parametrize("r, g", [(0.09, 0.03), (0.12, 0.0), (0.078, 0.04)])
def test_present_values_are_the_discounted_sums_of_the_years_each_loss_lasts(r, g):
    m = risks.RISK_MATRIX(discount_rate=r, long_run_growth=g)
    base = risks.RISK_MATRIX.base()
    years = 3_000  # long enough for the series of a loss for good to converge
    for name in ("ban", "clampdown"):  # the losses that last for good
        loss = -m[f"impact_{name}_usd_b"]
        assert m[f"pv_loss_{name}_usd_b"] == pytest.approx(_discounted([loss] * years, r, g), rel=1e-6), name
    fine = base["privacy_fine_usd_b"]
    assert -m["impact_fine_usd_b"] == pytest.approx(fine)
    assert m["pv_loss_fine_usd_b"] == pytest.approx(fine / (1 + r), rel=1e-9)  # paid once, next year
    down, rho = -m["impact_downturn_usd_b"], base["downturn_persistence"]
    assert m["pv_loss_downturn_usd_b"] == pytest.approx(_discounted([down, rho * down], r, g), rel=1e-9)
    profit = revenue_mix.COMPANY()["profit_usd_b"]
    assert m["value_usd_b"] == pytest.approx(_discounted([profit] * years, r, g), rel=1e-6)
    assert m["value_share_ban"] == pytest.approx(m["pv_loss_ban_usd_b"] / m["value_usd_b"])


def test_a_lasting_loss_takes_its_yearly_share_of_value_and_a_downturn_far_less():
    m = risks.RISK_MATRIX()
    profit = revenue_mix.COMPANY()["profit_usd_b"]
    assert m["value_share_ban"] == pytest.approx(-m["impact_ban_usd_b"] / profit)
    assert m["value_share_downturn"] < -m["impact_downturn_usd_b"] / profit  # a year and a recovery, not for good
    assert m["pv_loss_downturn_usd_b"] < 2 * -m["impact_downturn_usd_b"]


def test_the_expected_loss_of_value_is_likelihood_times_value_lost():
    m = risks.RISK_MATRIX(p_ban=0.3)
    assert m["expected_pv_loss_ban_usd_b"] == pytest.approx(0.3 * m["pv_loss_ban_usd_b"])
    assert m["expected_pv_loss_usd_b"] == pytest.approx(sum(m[f"expected_pv_loss_{n}_usd_b"] for n in risks.NAMES))


def test_the_downturn_is_a_shortfall_against_the_trend_sized_on_2009_and_2020():
    assert risks.DOWNTURN.base == pytest.approx(
        1 - (1 - data.value("us_internet_ads_2009")) / (1 + data.value("us_internet_ads_growth_2008")), rel=0.01)
    low, high = risks.DOWNTURN.range
    assert low == pytest.approx(data.value("ad_shortfall_2020")) and high == pytest.approx(risks.DOWNTURN.base)


# ------------------------------------------------------------------------- the US ownership case
def test_each_way_out_takes_what_the_case_says():
    case = risks.US_OPTIONS()
    v = risks.RISK_MATRIX()["pv_loss_ban_usd_b"]
    assert case["us_value_usd_b"] == pytest.approx(v) == pytest.approx(case["lost_ban_usd_b"])
    base = risks.US_OPTIONS.base()
    assert case["lost_sale_usd_b"] == pytest.approx(v - base["sale_price_usd_b"])
    assert case["lost_venture_usd_b"] == pytest.approx((1 - base["kept_profit_share"]) * v)
    # At the break-even price a sale and the venture take the same
    even = risks.US_OPTIONS(sale_price_usd_b=case["breakeven_sale_price_usd_b"])
    assert even["lost_sale_usd_b"] == pytest.approx(even["lost_venture_usd_b"])
    assert risks.US_OPTIONS(kept_profit_share=1.0)["lost_venture_usd_b"] == pytest.approx(0.0)
