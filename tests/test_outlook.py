"""The outlook: year 0 equals the company model's base case; streams compound at their rates; the rivals table
cites data."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from helpers import data, outlook, revenue_mix
from helpers.charts import outlook as charts_outlook

O = outlook.OUTLOOK


def test_year_zero_is_the_base_case():
    out, base = O(), revenue_mix.COMPANY()
    assert out["revenue_y0_usd_b"] == pytest.approx(base["revenue_usd_b"])
    assert out["shop_y0_usd_b"] == pytest.approx(base["shop_usd_b"])


@settings(deadline=None, max_examples=40)
@given(st.fixed_dictionaries({p.name: st.floats(p.min, p.max) for p in O.params if p.name not in revenue_mix.COMPANY.names}))
def test_streams_compound_and_add_up(kw):
    out = O(**kw)
    for t in range(outlook.YEARS + 1):
        assert out[f"revenue_y{t}_usd_b"] == pytest.approx(out[f"ads_y{t}_usd_b"] + out[f"shop_y{t}_usd_b"]
                                                           + out[f"gifts_y{t}_usd_b"])
    # every stream loses the users the audience's age takes; the Shop is not paid by advertisers, so rivals' viewing
    # does not touch it
    yearly = (1 + kw["shop_gmv_growth"]) * (1 - kw["ageing_drift"])
    assert out["shop_y3_usd_b"] == pytest.approx(out["shop_y0_usd_b"] * yearly ** 3)
    assert 0 <= out["shop_share_y3"] <= 1


@settings(deadline=None, max_examples=30)
@given(st.fixed_dictionaries({p.name: st.floats(p.min, p.max) for p in O.params if p.name not in revenue_mix.COMPANY.names}))
def test_profit_each_year_is_revenue_less_variable_and_growing_fixed_costs(kw):
    out, base = O(**kw), revenue_mix.COMPANY()
    variable = revenue_mix.COMPANY.base()["infrastructure_share"] + revenue_mix.COMPANY.base()["staff_other_share"]
    for t in range(outlook.YEARS + 1):
        fixed = base["fixed_costs_usd_b"] * (1 + kw["fixed_cost_growth"]) ** t
        revenue = out[f"revenue_y{t}_usd_b"]
        assert out[f"costs_y{t}_usd_b"] == pytest.approx(revenue * variable + fixed)
        assert out[f"profit_y{t}_usd_b"] == pytest.approx(revenue - out[f"costs_y{t}_usd_b"])
    assert out["profit_y0_usd_b"] == pytest.approx(base["profit_usd_b"])


def test_the_drifts_shrink_what_they_touch():
    base = O()
    older = O(ageing_drift=0.03)
    assert older["shop_y3_usd_b"] == pytest.approx(base["shop_y3_usd_b"] * 0.97 ** 3)
    assert older["in_feed_y3_usd_b"] == pytest.approx(base["in_feed_y3_usd_b"] * 0.97 ** 3)
    rivals = O(rival_shift=0.1)
    assert rivals["shop_y3_usd_b"] == pytest.approx(base["shop_y3_usd_b"])
    assert rivals["in_feed_y3_usd_b"] == pytest.approx(base["in_feed_y3_usd_b"] * (0.9 / 0.98) ** 3)


def test_rivals_table_uses_the_data():
    t = charts_outlook.rivals_table()
    # each rival at its latest reported figure; a blank where it reports none
    assert t.loc["YouTube Shorts", "Views a day"] == f"{data.value('yt_shorts_daily_views_2025'):,.0f} billion"
    assert t.loc["Snapchat (all of Snap)", "Revenue a year"] == data.money_text(data.value("snap_revenue_2025") * 1e9)
    assert t.loc["Reels (Instagram + Facebook)", "Revenue a year"] == data.money_text(data.value("reels_run_rate_2025") * 1e9)
    assert t.loc["Snapchat (all of Snap)", "Views a day"] == "—"
    # TikTok's figures are the course's, each with its range, and the range holds the figure
    views = t.loc["TikTok (course model)", "Views a day"]
    mid, lo, hi = (float(x.replace(",", "")) for x in re.findall(r"[\d,]+", views)[:3])
    assert lo < mid < hi, views
    assert t.loc["TikTok (course model)", "Revenue a year"].endswith(
        f"({data.money_text(data.fact('tiktok_revenue_2024_central').low * 1e9)} to "
        f"{data.money_text(data.fact('tiktok_revenue_2024_central').high * 1e9)})")
    assert t.loc["Snapchat (all of Snap)", "Users (monthly, Snap daily)"].endswith("million (daily)")
