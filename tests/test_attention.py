"""The attention engine: the chain multiplies, counts are never negative, arrays equal scalars."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from helpers import attention, data

M = attention.ATTENTION


def test_base_case_by_hand():
    out = M()
    dau = data.value("tiktok_mau_2024_warc") * data.value("dau_mau_ratio")
    ads = data.value("minutes_per_day") * data.value("videos_per_minute") * data.value("ad_load")
    assert out["daily_users_m"] == pytest.approx(dau)
    assert out["ads_per_user_day"] == pytest.approx(ads)
    assert out["impressions_per_day_b"] == pytest.approx(dau * ads / 1000)


inputs = st.fixed_dictionaries({p.name: st.floats(p.min, p.max) for p in M.params})


@given(inputs, st.sampled_from(M.names), st.floats(1.0, 3.0))
def test_impressions_scale_in_proportion_to_every_link(kw, name, factor):
    p = M.param(name)
    scaled = min(kw[name] * factor, p.max)
    ratio = scaled / kw[name] if kw[name] > 0 else 1.0
    before, after = M(**kw)["impressions_per_day_b"], M(**{**kw, name: scaled})["impressions_per_day_b"]
    assert after == pytest.approx(before * ratio, rel=1e-9, abs=1e-12)
    assert after >= before >= 0


def test_zero_ad_load_gives_no_impressions_but_still_viewing():
    out = M(ad_load=0)
    assert out["impressions_per_day_b"] == 0 and out["minutes_per_day_b"] > 0
