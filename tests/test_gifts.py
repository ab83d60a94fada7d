"""The gift economy: every cent of a viewer's dollar is accounted for, and no party's share is negative."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from helpers import data, gifts

G = gifts.GIFTS
inputs = st.fixed_dictionaries({p.name: st.floats(p.min, p.max) for p in G.params})


@given(inputs)
def test_the_parts_add_up_to_the_dollar_paid(kw):
    out = G(**kw)
    parts = [out[f"{p}_per_dollar"] for p in gifts.PARTIES]
    assert sum(parts) == pytest.approx(1.0)
    assert min(parts) >= -1e-12
    assert sum(out[f"{p}_usd_b"] for p in gifts.PARTIES) == pytest.approx(kw["spend_usd_b"], abs=1e-9)


def test_web_purchases_skip_the_app_store():
    assert G(web_share=1.0)["app_store_per_dollar"] == 0
    assert G(web_share=1.0)["tiktok_per_dollar"] > G(web_share=0.0)["tiktok_per_dollar"]


def test_a_1000_coin_gift_by_hand():
    assert gifts.gift_payout(1000) == pytest.approx(1000 * data.value("usd_per_coin_web") * data.value("creator_share_of_gifts"))
    with pytest.raises(ValueError, match="coins must be at least 0"):
        gifts.gift_payout(-5)
    with pytest.raises(ValueError, match="creator_share must be between 0 and 0.8"):
        gifts.gift_payout(10, creator_share=1.2)


def test_diamonds_match_the_diamond_value():
    out = G()
    assert out["diamonds_per_dollar"] * data.value("diamond_value") == pytest.approx(out["creator_per_dollar"])


def test_shares_outside_0_1_are_refused():
    with pytest.raises(ValueError, match="web_share must be between 0 and 1"):
        G(web_share=1.2)
    with pytest.raises(ValueError, match="app_store_commission must be between 0 and 0.5"):
        G(app_store_commission=-0.1)
