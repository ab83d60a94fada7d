"""In-feed ads: revenue never negative, rises with CPM and impressions, a hump in the ad load with its peak
where the model says; the advertiser's budget fully accounted for."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from helpers import analysis, attention, data, in_feed
from helpers.params import Inputs

P, A = in_feed.PLATFORM, in_feed.ADVERTISER


def draw(model):
    return st.fixed_dictionaries({p.name: st.floats(p.min, p.max) for p in model.params})


def test_base_revenue_by_hand():
    impressions = (data.value("tiktok_mau_2024_warc") * 1e6 * data.value("dau_mau_ratio")
                   * data.value("minutes_per_day") * data.value("videos_per_minute") * data.value("ad_load"))
    revenue = impressions * data.value("ad_fill_rate") * data.value("in_feed_cpm") / 1000 * 365
    assert P()["revenue_per_year_usd_b"] == pytest.approx(revenue / 1e9)


@given(draw(P), st.floats(1.0, 2.0))
def test_revenue_never_negative_and_rises_with_cpm(kw, factor):
    out = P(**kw)
    assert out["revenue_per_year_usd_b"] >= 0
    higher = P(**{**kw, "cpm_usd": min(kw["cpm_usd"] * factor, in_feed.CPM.max)})
    assert higher["revenue_per_year_usd_b"] >= out["revenue_per_year_usd_b"] - 1e-12


@given(draw(P), st.sampled_from(["monthly_users_m", "dau_mau_ratio", "minutes_per_day", "videos_per_minute"]))
def test_revenue_rises_with_impressions(kw, name):
    p = P.param(name)
    more = P(**{**kw, name: min(kw[name] * 1.5 + p.step, p.max)})
    assert more["revenue_per_year_usd_b"] >= P(**kw)["revenue_per_year_usd_b"] - 1e-12
    assert more["impressions_per_day_b"] >= P(**kw)["impressions_per_day_b"] - 1e-12


@settings(deadline=None)
@given(st.floats(in_feed.ELASTICITY.min, in_feed.ELASTICITY.max))
def test_ad_load_curve_is_a_hump_peaking_at_the_best_ad_load(elasticity):
    loads = np.linspace(0, in_feed.AD_LOAD.max, 2001)
    curve = in_feed.revenue_curve(loads, watch_time_elasticity=elasticity)
    best = P(watch_time_elasticity=elasticity)["best_ad_load"]
    assert loads[np.argmax(curve)] == pytest.approx(best, abs=loads[1] + 1e-9)
    assert curve[0] == 0
    if best < in_feed.AD_LOAD.max - 0.01:
        assert curve[-1] < curve.max()  # revenue falls again past the peak


def test_viewing_falls_as_ad_load_rises():
    assert P(ad_load=0.2)["minutes_per_user_day"] < P()["minutes_per_user_day"] < P(ad_load=0.05)["minutes_per_user_day"]
    assert P()["minutes_per_user_day"] == pytest.approx(data.value("minutes_per_day"))


@given(draw(A))
def test_the_budget_is_fully_accounted_for(kw):
    out = A(**kw)
    # it bids its value, wins a share of its auctions and pays the highest rival's value; the budget is all spent
    spent = kw["ad_budget_usd"] if out["bid_cpm_usd"] > 0 else 0.0
    assert out["impressions"] * out["price_paid_cpm_usd"] / 1000 == pytest.approx(spent)
    assert out["spend_usd"] == out["tiktok_revenue_usd"] == pytest.approx(spent)
    assert out["conversions"] <= out["clicks"] <= out["impressions"]
    assert 0 <= out["win_share"] <= 1 and out["price_paid_cpm_usd"] <= out["bid_cpm_usd"] + 1e-12
    if spent:
        assert out["roas"] == pytest.approx(out["sales_usd"] / spent)
        assert out["gross_profit_usd"] >= -1e-9  # a truthful bidder never pays more than its value
        if out["win_share"] > 1e-9:  # a vanishing share would need more auctions than a number holds
            assert out["auctions_entered"] * out["win_share"] == pytest.approx(out["impressions"])
    else:
        assert out["sales_usd"] == out["gross_profit_usd"] == 0.0


def test_the_advertiser_faces_the_auction_of_the_platform():
    """Simulated: n − 1 rivals with values spread evenly up to v̄ = CPM (n + 1)/(n − 1); the advertiser wins when its
    bid beats them all and pays the highest of them."""
    out, base = A(), A.base()
    n = in_feed.BIDDERS.base
    top = base["cpm_usd"] * (n + 1) / (n - 1)
    rng = np.random.default_rng(3)
    best_rival = rng.uniform(0, top, size=(200_000, int(n) - 1)).max(axis=1)
    wins = best_rival < out["bid_cpm_usd"]
    assert out["win_share"] == pytest.approx(wins.mean(), abs=0.005)
    assert out["price_paid_cpm_usd"] == pytest.approx(best_rival[wins].mean(), rel=0.005)
    # the auction's average price, with n bidders of that spread, is the market's CPM
    second = np.sort(rng.uniform(0, top, size=(200_000, int(n))), axis=1)[:, -2]
    assert second.mean() == pytest.approx(base["cpm_usd"], rel=0.01)


def test_a_lower_value_wins_fewer_impressions_at_a_lower_price_never_a_loss():
    high, low = A(), A(conversion_rate=A.base()["conversion_rate"] / 2)
    assert low["win_share"] < high["win_share"] and low["price_paid_cpm_usd"] < high["price_paid_cpm_usd"]
    assert low["auctions_entered"] > high["auctions_entered"] and low["gross_profit_usd"] > 0
    # below the top value, competition fixes the return: the ROAS is the same
    assert low["roas"] == pytest.approx(high["roas"])


def test_cost_per_click_is_cpm_over_ctr():
    out = A()  # the price it pays per 1,000 impressions, over the clicks 1,000 impressions bring
    assert out["cost_per_click_usd"] == pytest.approx(out["price_paid_cpm_usd"] / 1000 / data.value("click_through_rate"))


def test_goal_seek_on_the_funnel():
    cvr = analysis.goal_seek(A, "conversion_rate", "roas", 4.0)
    assert A(conversion_rate=cvr)["roas"] == pytest.approx(4.0)


# ------------------------------------------------------------------------------------------ the auction
def test_an_auction_worked_by_hand():
    """Three advertisers: A bids $2 per click at a 3% click rate, B $5 at 1%, C $1 at 2%. Expected values
    per impression: A 6 cents, B 5 cents, C 2 cents. A wins with the lower bid per click and pays B's
    5 cents an impression, that is 5 cents / 3% = $1.67 per click: less than its $2 bid."""
    out = in_feed.auction([2.0, 5.0, 1.0], [0.03, 0.01, 0.02])
    assert out["winner"] == 0
    assert out["price_per_impression_usd"] == pytest.approx(0.05)
    assert out["price_per_action_usd"] == pytest.approx(0.05 / 0.03)
    assert in_feed.auction([3.0], [0.1])["price_per_impression_usd"] == 0  # no one to outbid


def test_an_auction_refuses_what_it_cannot_price():
    with pytest.raises(ValueError, match="action_rates must be between 0 and 1, got 1.5"):
        in_feed.auction([1.0, 2.0], [0.5, 1.5])
    with pytest.raises(ValueError, match="same length"):
        in_feed.auction([1.0, 2.0], [0.5])
    with pytest.raises(ValueError, match="bids must be at least 0"):
        in_feed.auction([-1.0, 2.0], [0.5, 0.5])


@pytest.mark.parametrize("n", [2, 3, 10, 40])
def test_simulated_prices_match_the_expected_second_highest_value(n):
    prices = in_feed.simulate_prices(n, draws=200_000, seed=n)
    assert prices.mean() == pytest.approx((n - 1) / (n + 1), abs=0.004)
    assert float(in_feed.expected_price_share(n)) == pytest.approx((n - 1) / (n + 1))


def test_more_bidders_raise_the_price_and_more_slots_lower_it():
    base = P()
    assert base["clearing_cpm_usd"] == pytest.approx(data.value("in_feed_cpm"))  # calibrated: the base case stays
    assert P(bidders=20)["clearing_cpm_usd"] == pytest.approx(base["clearing_cpm_usd"])  # at L₀ the price is the base
    more_bidders = P(ad_load=0.15, bidders=20)["clearing_cpm_usd"]
    fewer_bidders = P(ad_load=0.15, bidders=5)["clearing_cpm_usd"]
    assert more_bidders > fewer_bidders
    prices = [P(ad_load=L)["clearing_cpm_usd"] for L in (0.05, 0.1, 0.15, 0.2)]
    assert prices == sorted(prices, reverse=True) and prices[0] > base["clearing_cpm_usd"] > prices[-1]


@settings(deadline=None, max_examples=30)
@given(st.floats(0.2, 2.0), st.floats(3.0, 60.0))
def test_at_the_best_ad_load_the_two_elasticities_add_up_to_one(elasticity, bidders):
    out = P(watch_time_elasticity=elasticity, bidders=bidders)
    best = out["best_ad_load"]
    if best >= in_feed.AD_LOAD.max - 1e-9:
        return  # the rule's root lies beyond the slider: the best allowed is the maximum
    l0 = data.value("ad_load")
    n = bidders * l0 / best
    assert elasticity * best / l0 + 2 * n / (n * n - 1) == pytest.approx(1.0, abs=1e-6)
    # and it is the numeric maximum of the revenue curve
    loads = np.linspace(0.001, in_feed.AD_LOAD.max, 4001)
    curve = in_feed.revenue_curve(loads, watch_time_elasticity=elasticity, bidders=bidders)
    assert loads[np.argmax(curve)] == pytest.approx(best, abs=2 * loads[1])


def test_with_many_bidders_the_price_barely_moves_and_the_rule_is_l0_over_epsilon():
    out = P(bidders=100, watch_time_elasticity=0.6)
    assert out["best_ad_load"] == pytest.approx(data.value("ad_load") / 0.6, rel=0.05)


def test_the_rule_and_the_numeric_maximum_agree_as_the_notebook_shows():
    rule = in_feed.ad_load_rule()
    assert rule["numeric"] == pytest.approx(rule["rule"], abs=2 * in_feed.AD_LOAD.max / 5000)
    assert rule["viewing_elasticity"] + rule["price_elasticity"] == pytest.approx(1.0, abs=1e-6)
    assert rule["rule"] < data.value("ad_load") / data.value("watch_time_elasticity")  # the price's fall moves the peak in


@settings(deadline=None, max_examples=40)
@given(draw(P))
def test_the_lean_path_gives_the_panels_revenue(kw):
    lean = in_feed.yearly_revenue(Inputs(P.inputs(**kw)))
    assert float(lean) == pytest.approx(P(**kw)["revenue_per_year_usd_b"], rel=1e-9, abs=1e-12)


# ------------------------------------------------------------------------------ one price, two markets
def test_the_two_prices_average_back_to_the_blended_price_by_impressions():
    for s, users, minutes in [(0.38, 170, 86.84), (0.5, 170, 60), (0.2, 300, 30)]:
        r = in_feed.REGION_SPLIT(us_share_in_feed_revenue=s, us_monthly_users_m=users, us_minutes_per_day=minutes)
        i = r["us_impression_share"]
        blended = i * r["cpm_us_usd"] + (1 - i) * r["cpm_rest_usd"]
        assert blended == pytest.approx(in_feed.CPM.base)
        # The US's revenue share is its impressions at its price, over all impressions at theirs
        assert i * r["cpm_us_usd"] / blended == pytest.approx(s)
    base = in_feed.REGION_SPLIT()
    assert base["us_user_share"] == pytest.approx(data.value("us_mau_2024") / attention.MONTHLY_USERS.base)


def test_a_us_that_watches_as_the_rest_gets_the_rest_price_when_its_revenue_share_matches():
    users = in_feed.REGION_SPLIT.base()["us_monthly_users_m"]
    share = users / attention.MONTHLY_USERS.base
    r = in_feed.REGION_SPLIT(us_minutes_per_day=attention.MINUTES.base, us_share_in_feed_revenue=share)
    assert r["cpm_ratio"] == pytest.approx(1.0) and r["revenue_per_user_ratio"] == pytest.approx(1.0)


def test_the_split_refuses_a_us_larger_than_the_platform():
    with pytest.raises(ValueError, match="us_monthly_users_m"):
        in_feed.REGION_SPLIT(us_monthly_users_m=300, monthly_users_m=200)
    with pytest.raises(ValueError, match="us_minutes_per_day must be below"):
        in_feed.REGION_SPLIT(us_monthly_users_m=390, us_minutes_per_day=240, monthly_users_m=400, minutes_per_day=20)
