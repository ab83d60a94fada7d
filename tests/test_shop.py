"""TikTok Shop: an order's parts add up to what the buyer paid; fees above the price are refused; GMV multiplies."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from helpers import data, shop

O, G = shop.ORDER, shop.GMV
orders = st.fixed_dictionaries({p.name: st.floats(p.min, p.max) for p in O.params}).filter(
    lambda kw: kw["referral_fee"] + kw["affiliate_commission"] + kw["payment_fee"] <= 1)


@given(orders)
def test_order_parts_add_up_to_the_price(kw):
    out = O(**kw)
    parts = [out[f"{p}_usd"] for p in shop.ORDER_PARTIES]
    assert sum(parts) == pytest.approx(kw["basket_usd"])
    assert min(parts) >= -1e-9


def test_fees_above_the_price_are_refused():
    with pytest.raises(ValueError, match="referral_fee \\+ affiliate_commission \\+ payment_fee must add up to at most 1"):
        O(referral_fee=0.3, affiliate_commission=0.8)


def test_gmv_by_hand():
    out = G()
    gmv = data.value("shop_buyers") * data.value("shop_orders_per_buyer") * data.value("shop_basket_usd") / 1000
    assert out["gmv_usd_b"] == pytest.approx(gmv)
    assert out["commission_usd_b"] == pytest.approx(gmv * data.value("shop_take_rate"))


@given(st.fixed_dictionaries({p.name: st.floats(p.min, p.max) for p in G.params}))
def test_commission_never_exceeds_gmv(kw):
    out = G(**kw)
    assert 0 <= out["commission_usd_b"] <= out["gmv_usd_b"] + 1e-12


# --------------------------------------------------------------------- the effective and net take rates
def test_the_take_rates_add_up_and_the_subsidies_are_a_share_of_gmv():
    for a, s in [(0.05, 0.03), (0.0, 0.0), (0.15, 0.1)]:
        r = shop.TAKE(seller_ad_share=a, shop_subsidy_share=s)
        c = shop.TAKE.base()["shop_take_rate"]
        assert r["effective_take_rate"] == pytest.approx(c + a) and r["net_take_rate"] == pytest.approx(c + a - s)
        assert r["commission_usd_b"] + r["seller_ads_usd_b"] - r["subsidy_usd_b"] == pytest.approx(
            r["net_from_sellers_usd_b"])
        assert r["gmv_usd_b"] == pytest.approx(shop.GMV()["gmv_usd_b"])
        assert r["commission_usd_b"] == pytest.approx(shop.GMV()["commission_usd_b"])


def test_a_launch_year_of_subsidies_takes_the_net_rate_below_zero():
    assert shop.TAKE(shop_subsidy_share=0.3)["net_take_rate"] < 0 < shop.TAKE()["net_take_rate"]
