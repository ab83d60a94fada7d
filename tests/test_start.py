"""The revenue-at-a-glance model: money adds up, rises with each driver, and works on arrays."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, strategies as st

from helpers import data, start

M = start.REVENUE_AT_A_GLANCE


def bounded(name):
    p = M.param(name)
    return st.floats(min_value=p.min, max_value=p.max, allow_nan=False)


drivers = st.fixed_dictionaries({n: bounded(n) for n in M.names})


def test_base_case_from_data():
    out = M()
    assert out["ads_usd_b"] == pytest.approx(data.value("tiktok_mau_2024_warc")
                                             * data.value("ad_revenue_per_user_2024") / 1000)
    assert out["shop_usd_b"] == pytest.approx(data.value("shop_gmv_2024_tabcut") * data.value("shop_take_rate"))


@given(drivers)
def test_streams_add_up_and_are_never_negative(kw):
    out = M(**kw)
    parts = out["ads_usd_b"] + out["gifts_usd_b"] + out["shop_usd_b"]
    assert out["total_usd_b"] == pytest.approx(parts)
    assert min(out.values()) >= 0
    shares = out["ads_share"] + out["gifts_share"] + out["shop_share"]
    assert shares == pytest.approx(1.0 if out["total_usd_b"] > 0 else 0.0)


@given(drivers, st.sampled_from(M.names), st.floats(0, 1))
def test_total_never_falls_when_a_driver_rises(kw, name, frac):
    p = M.param(name)
    higher = kw[name] + frac * (p.max - kw[name])
    assert M(**{**kw, name: higher})["total_usd_b"] >= M(**kw)["total_usd_b"] - 1e-12


def test_arrays_match_scalars():
    users = np.array([500.0, 1040.0, 2000.0])
    vec = M(monthly_users_m=users)["total_usd_b"]
    assert vec == pytest.approx([M(monthly_users_m=u)["total_usd_b"] for u in users])


def test_zero_everything_gives_zero_shares_not_nan():
    out = M(**{n: 0.0 for n in M.names})
    assert out["total_usd_b"] == 0 and out["ads_share"] == 0


def test_bad_inputs_are_refused_with_the_parameter_named():
    with pytest.raises(ValueError, match="tiktok_keep_share must be between 0 and 1, got 1.5"):
        M(tiktok_keep_share=1.5)
    with pytest.raises(ValueError, match="monthly_users_m must be between 0 and 3,000 million users, got -5"):
        M(monthly_users_m=-5)
    with pytest.raises(TypeError, match="shop_gmv_usd_b must be a number"):
        M(shop_gmv_usd_b="lots")
