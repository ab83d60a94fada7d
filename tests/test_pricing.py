"""Two-sided pricing: Armstrong's rule for the viewer price, checked against a brute-force profit maximum."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import data, pricing

M = pricing.TWO_SIDED


def test_the_rule_is_cost_less_the_benefit_to_advertisers_plus_the_markup():
    out, base = M(), M.base()
    assert out["markup_usd"] == pytest.approx(1 / base["viewer_semi_elasticity"])
    assert out["viewer_price_usd"] == pytest.approx(base["cost_per_viewer_usd"] - base["ad_value_per_viewer_usd"]
                                                    + out["markup_usd"])
    assert out["viewer_price_usd"] < 0 and out["free"] == 1 and out["subsidy_usd"] == pytest.approx(-out["viewer_price_usd"])
    assert base["ad_value_per_viewer_usd"] == pytest.approx(
        data.value("tiktok_ad_revenue_2024_central") * 1000 / data.value("tiktok_mau_2024_warc"), rel=1e-3)


@pytest.mark.parametrize("value, cost, e", [(18.19, 2.96, 0.1), (5.0, 3.0, 0.2), (30.0, 1.0, 0.05)])
def test_the_rule_maximises_profit_with_exponential_viewer_demand(value, cost, e):
    # viewers n(p) = exp(-e p): the semi-elasticity is e; each viewer pays p, costs f and earns the platform
    # `value` from advertisers; profit n (p - f + value) is highest at the rule's price
    prices = np.linspace(-60, 60, 240_001)
    profit = np.exp(-e * prices) * (prices - cost + value)
    best = prices[np.argmax(profit)]
    assert best == pytest.approx(float(M(ad_value_per_viewer_usd=value, cost_per_viewer_usd=cost,
                                          viewer_semi_elasticity=e)["viewer_price_usd"]), abs=1e-3)


def test_a_loyal_audience_could_be_charged():
    out = M(viewer_semi_elasticity=0.05)
    assert out["viewer_price_usd"] > 0 and out["free"] == 0 and out["subsidy_usd"] == 0
