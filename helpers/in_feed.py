"""In-feed ads: the auction's price, the platform's revenue, the ad-load trade-off and the advertiser's funnel.

Platform: impressions × fill × CPM = revenue. More ads earn more per minute watched, but viewers watch
less when they see more ads. The course makes that explicit with a labelled assumption, the *elasticity of
watch time to ad load* ε at the base ad load L₀:

    minutes(L) = minutes₀ × exp(-ε × (L - L₀) / L₀)

so a 1% higher ad load costs about ε% of watch time.

The price is set in an auction. For each impression, advertisers bid for an action (a click, a purchase);
TikTok ranks them by expected value per impression, bid × predicted action rate, and the winner pays what
it takes to keep its rank over the runner-up: the runner-up's expected value. With n bidders whose values
per impression are spread evenly up to a maximum, the expected price is the expected second-highest value,

    E[v₍₂₎] = v_max × (n − 1) / (n + 1),

so more bidders raise the price. The advertisers' demand is spread over the ad slots: at ad load L there
are n(L) = n₀ × L₀ / L bidders per impression, so more slots lower the price. Calibrated so that at L₀ the
clearing CPM is the base CPM:

    CPM(L) = CPM₀ × f(n(L)) / f(n₀),  f(n) = (n − 1) / (n + 1).

Revenue ∝ L × minutes(L) × CPM(L) peaks where the elasticities of minutes and of the CPM to the ad load add
up to one: ε × L / L₀ + 2n / (n² − 1) = 1 (with a fixed price, L* = L₀ / ε). L₀ is an input of its own
(``observed_ad_load``): a student's slider moves L away from it, while analysis of what we do not know about
today moves both together, so the price and viewing stay where they are.

Advertiser: it bids its value per 1,000 impressions against the auction's other bidders (values spread evenly up
to v̄), wins a share of the auctions it enters and pays the highest rival's value; its budget buys impressions at
that price; a share are clicked (CTR), a share of clicks buy (conversion rate), each purchase is worth some sales.
Every dollar of the budget is spent on impressions.
"""

from __future__ import annotations

import numpy as np

from .attention import AD_LOAD, ATTENTION, inventory
from .params import Model, Param, check_number, divide, tidy

CPM = Param("cpm_usd", "Price per 1,000 impressions (CPM)", "USD per 1000 impressions", min=0.5, max=30,
            step=0.01, fact="in_feed_cpm", fmt="${:,.2f}")
FILL = Param("ad_fill_rate", "Share of ad slots sold", "share", min=0.1, max=1, step=0.01, fact="ad_fill_rate",
             fmt="{:.0%}")
ELASTICITY = Param("watch_time_elasticity", "Watch-time elasticity to ad load", "ratio", min=0.05, max=3,
                   step=0.05, fact="watch_time_elasticity", fmt="{:.2f}")
BIDDERS = Param("bidders", "Bidders per impression (at L₀)", "count", min=1.5, max=100, step=0.5,
                fact="bidders_per_impression", fmt="{:,.1f}")
OBSERVED_AD_LOAD = Param("observed_ad_load", "Ad load when minutes were measured (L₀)", "share", min=0.01,
                         max=0.5, step=0.01, fact="ad_load", fmt="{:.0%}", follows="ad_load")
BUDGET = Param("ad_budget_usd", "In-feed campaign budget", "USD", min=50, max=1_000_000, step=50, default=10_000,
               plausible=(1_000, 100_000), fmt="${:,.0f}")
CTR = Param("click_through_rate", "Click-through rate", "share", min=0.001, max=0.05, step=0.001,
            fact="click_through_rate", fmt="{:.1%}")
CVR = Param("conversion_rate", "Conversion rate (purchases per click)", "share", min=0.002, max=0.2, step=0.002,
            fact="conversion_rate", fmt="{:.1%}")
ORDER_VALUE = Param("value_per_conversion_usd", "Sales per purchase", "USD", min=1, max=500, step=1,
                    fact="value_per_conversion", fmt="${:,.0f}")
MARGIN = Param("gross_margin", "Gross margin on the product sold", "share", min=0.05, max=0.95, step=0.05,
               fact="product_gross_margin", fmt="{:.0%}")


def minutes_at(ad_load, p):
    """Minutes watched per user per day at an ad load, from the minutes observed at the ad load L₀."""
    l0 = np.asarray(p.observed_ad_load)
    return np.asarray(p.minutes_per_day) * np.exp(-np.asarray(p.watch_time_elasticity) * (np.asarray(ad_load) - l0) / l0)


# ------------------------------------------------------------------------------------------ the auction
def auction(bids, action_rates) -> dict:
    """One auction for one impression: rank by expected value per impression (bid × predicted action rate);
    the winner pays, per action, just enough to keep its rank over the runner-up.

    ``bids`` are what each advertiser offers per action (USD), ``action_rates`` the predicted chance that the
    viewer acts. Returns the winner's index, its price per action and the price per impression (the
    runner-up's expected value). A lone bidder pays nothing."""
    bids = np.atleast_1d(check_number("bids", bids, low=0))
    rates = np.atleast_1d(check_number("action_rates", action_rates, low=0, high=1))
    if bids.shape != rates.shape or bids.ndim != 1 or bids.size == 0:
        raise ValueError(f"bids and action_rates must be two lists of the same length (got {bids.shape} and {rates.shape})")
    value = bids * rates
    order = np.argsort(-value, kind="stable")
    winner = int(order[0])
    runner_up = float(value[order[1]]) if value.size > 1 else 0.0
    return {"winner": winner, "value_per_impression_usd": value, "price_per_impression_usd": runner_up,
            "price_per_action_usd": float(divide(runner_up, rates[winner]))}


def expected_price_share(n):
    """The expected second-highest of n values spread evenly on [0, 1]: (n − 1) / (n + 1); 0 for n ≤ 1.
    ``n`` may be fractional (an average number of bidders)."""
    n = np.asarray(n, dtype=float)
    return np.where(n > 1, (n - 1) / np.maximum(n + 1, 1), 0.0)


def simulate_prices(n: int, draws: int = 10_000, max_value: float = 1.0, seed: int = 0) -> np.ndarray:
    """The clearing price of ``draws`` auctions, each among ``n`` bidders with values drawn evenly on
    [0, max_value]: the second-highest value of each draw."""
    n = int(check_number("n", n, low=2))
    draws = int(check_number("draws", draws, low=1))
    rng = np.random.default_rng(seed)
    values = rng.uniform(0.0, check_number("max_value", max_value, low=0), size=(draws, n))
    return np.sort(values, axis=1)[:, -2]


def bidders_at(ad_load, p):
    """Bidders per impression at an ad load: the advertisers' demand spread over the slots, n₀ × L₀ / L."""
    return np.asarray(p.bidders) * np.asarray(p.observed_ad_load) / np.maximum(np.asarray(ad_load, dtype=float), 1e-12)


def cpm_at(ad_load, p):
    """The auction's clearing CPM at an ad load, calibrated to the base CPM at the measured ad load L₀."""
    return np.asarray(p.cpm_usd) * divide(expected_price_share(bidders_at(ad_load, p)),
                                          expected_price_share(p.bidders))


def cpm_elasticity(n):
    """How much the clearing price falls for 1% more ad slots, at n bidders: 2n / (n² − 1)."""
    n = np.asarray(n, dtype=float)
    return np.where(n > 1, 2 * n / np.maximum(n * n - 1, 1e-12), np.inf)


def best_ad_load(p, max_ad_load: float = AD_LOAD.max):
    """The revenue-maximising ad load: where ε × L / L₀ (viewing) + 2n / (n² − 1) (price) = 1, found by
    bisection (the left side rises with L), within the slider's bounds."""
    eps = np.asarray(p.watch_time_elasticity, dtype=float)
    l0 = np.asarray(p.observed_ad_load, dtype=float)
    n0 = np.asarray(p.bidders, dtype=float)
    shape = np.broadcast(eps, l0, n0).shape
    lo = np.full(shape, 1e-6)
    hi = np.broadcast_to(np.minimum(max_ad_load, n0 * l0 * (1 - 1e-9)), shape).astype(float)
    for _ in range(60):
        mid = (lo + hi) / 2
        above = eps * mid / l0 + cpm_elasticity(n0 * l0 / mid) >= 1
        lo, hi = np.where(above, lo, mid), np.where(above, mid, hi)
    return np.clip((lo + hi) / 2, AD_LOAD.min, max_ad_load)


def _yearly_revenue(p, ad_load):
    """Inventory at an ad load, with viewing responding to it: (inventory, sold impressions per day in billions)."""
    inv = inventory(p.replace(minutes_per_day=minutes_at(ad_load, p), ad_load=ad_load))
    return inv, np.asarray(inv["impressions_per_day_b"]) * np.asarray(p.ad_fill_rate)


def yearly_revenue(p):
    """In-feed revenue per year (USD billion) at the ad load of ``p``: the lean path the company model and its
    Monte Carlo use (no search for the best ad load)."""
    _, sold_b = _yearly_revenue(p, p.ad_load)
    return sold_b * cpm_at(p.ad_load, p) * 365 / 1000.0


def platform_revenue(p) -> dict:
    """The platform's in-feed ad revenue at an ad load, with viewing time responding to the ad load."""
    inv, sold_b = _yearly_revenue(p, p.ad_load)
    cpm = cpm_at(p.ad_load, p)
    revenue_day_usd_m = sold_b * cpm  # 1e9 impressions × $/1000 = $1e6
    revenue_year_usd_b = revenue_day_usd_m * 365 / 1000.0
    best = best_ad_load(p)
    _, best_sold_b = _yearly_revenue(p, best)
    return tidy({
        "minutes_per_user_day": minutes_at(p.ad_load, p),
        "ads_per_user_day": inv["ads_per_user_day"],
        "impressions_per_day_b": inv["impressions_per_day_b"],
        "sold_impressions_per_day_b": sold_b,
        "revenue_per_day_usd_m": revenue_day_usd_m,
        "revenue_per_year_usd_b": revenue_year_usd_b,
        "clearing_cpm_usd": cpm + 0 * revenue_year_usd_b,
        "bidders_per_impression": bidders_at(p.ad_load, p) + 0 * revenue_year_usd_b,
        "revenue_per_impression_usd": cpm * np.asarray(p.ad_fill_rate) / 1000.0,
        "revenue_per_dau_per_day_usd": divide(revenue_day_usd_m, inv["daily_users_m"]),
        "revenue_per_mau_per_year_usd": divide(revenue_year_usd_b * 1000.0, p.monthly_users_m),
        "revenue_per_hour_watched_usd": divide(revenue_day_usd_m / 1000.0, inv["minutes_per_day_b"]) * 60.0,
        "best_ad_load": best + 0 * revenue_year_usd_b,
        "best_revenue_per_year_usd_b": best_sold_b * cpm_at(best, p) * 0.365,
    })


PLATFORM = Model(
    "In-feed ad revenue and the ad-load trade-off",
    platform_revenue,
    params=(FILL, CPM, ELASTICITY, BIDDERS, OBSERVED_AD_LOAD),
    parts=(ATTENTION,),
    outputs={"minutes_per_user_day": "minutes per day", "ads_per_user_day": "count", "impressions_per_day_b": "count",
             "sold_impressions_per_day_b": "count", "revenue_per_day_usd_m": "USD million",
             "clearing_cpm_usd": "USD per 1000 impressions", "bidders_per_impression": "count",
             "revenue_per_year_usd_b": "USD billion", "revenue_per_impression_usd": "USD",
             "revenue_per_dau_per_day_usd": "USD", "revenue_per_mau_per_year_usd": "USD per user per year",
             "revenue_per_hour_watched_usd": "USD", "best_ad_load": "share",
             "best_revenue_per_year_usd_b": "USD billion"},
)


def campaign(p) -> dict:
    """An advertiser in the auction: what 1,000 impressions are worth to it, what it bids, how often it wins, what it
    pays, and the funnel from the price it pays: budget → impressions → clicks → purchases → sales.

    The advertiser bids its value, b: the gross profit that 1,000 impressions bring, 1,000 × CTR × CVR × sale value ×
    margin; in a second-price auction that is the safe bid. Its rivals are the auction's other bidders, n − 1 of
    them, with values spread evenly from 0 to the top value v̄ at which the auction's average price is the market's
    CPM: v̄ = CPM × (n + 1)/(n − 1). It wins an impression when its bid beats every rival's, a share
    w = (b/v̄)^(n−1) of the auctions it enters, and pays the highest rival's value, on average b (n − 1)/n when it
    wins (v̄ (n − 1)/n once it outbids everyone). It enters auctions until its budget is spent (``auctions_entered``):
    a lower value wins fewer impressions and pays less for each, and never buys one at a loss."""
    cpm, n = np.asarray(p.cpm_usd, dtype=float), np.asarray(p.bidders, dtype=float)
    rivals = n - 1
    top = cpm * (n + 1) / rivals
    bid = 1000.0 * np.asarray(p.click_through_rate) * np.asarray(p.conversion_rate) \
        * np.asarray(p.value_per_conversion_usd) * np.asarray(p.gross_margin)
    win_share = np.minimum(bid / top, 1.0) ** rivals
    price = np.minimum(bid, top) * rivals / n  # the average highest rival's value, when it wins
    budget = np.where(price > 0, np.asarray(p.ad_budget_usd, dtype=float), 0.0) + 0 * bid
    impressions = divide(budget * 1000.0, price)
    clicks = impressions * np.asarray(p.click_through_rate)
    conversions = clicks * np.asarray(p.conversion_rate)
    sales = conversions * np.asarray(p.value_per_conversion_usd)
    return tidy({
        "bid_cpm_usd": bid + 0 * cpm,
        "top_value_cpm_usd": top + 0 * bid,
        "win_share": win_share,
        "price_paid_cpm_usd": price,
        "auctions_entered": divide(impressions, win_share),
        "spend_usd": budget,
        "tiktok_revenue_usd": budget,
        "impressions": impressions,
        "clicks": clicks,
        "conversions": conversions,
        "sales_usd": sales,
        "gross_profit_usd": impressions * bid / 1000.0 - budget,
        "roas": divide(sales, budget),
        "cost_per_click_usd": divide(budget, clicks),
        "cost_per_conversion_usd": divide(budget, conversions),
    })


ADVERTISER = Model(
    "An advertiser's in-feed campaign",
    campaign,
    params=(BUDGET, CPM, BIDDERS, CTR, CVR, ORDER_VALUE, MARGIN),
    outputs={"bid_cpm_usd": "USD per 1000 impressions", "top_value_cpm_usd": "USD per 1000 impressions",
             "win_share": "share of the auctions it enters", "price_paid_cpm_usd": "USD per 1000 impressions",
             "auctions_entered": "count; 0 when nothing is bought",
             "spend_usd": "USD", "tiktok_revenue_usd": "USD", "impressions": "count", "clicks": "count",
             "conversions": "count", "sales_usd": "USD", "gross_profit_usd": "USD",
             "roas": "ratio; 0 when nothing is bought", "cost_per_click_usd": "USD; 0 when nothing is bought",
             "cost_per_conversion_usd": "USD; 0 when nothing is bought"},
)


def revenue_curve(ad_loads, **changes) -> np.ndarray:
    """Yearly revenue (USD billion) at each ad load, every other input at base or as changed."""
    inputs = PLATFORM.inputs(**changes)
    inputs["ad_load"] = np.asarray(ad_loads, dtype=float)
    return np.asarray(PLATFORM.evaluate(inputs)["revenue_per_year_usd_b"])


def ad_load_rule(points: int = 5000, **changes) -> dict:
    """The ad-load rule checked: the best ad load from the rule, the numeric maximum of the revenue curve
    (on a grid of ``points`` ad loads), and the two elasticities at the rule's ad load, which add up to one
    unless the best ad load is the slider's maximum."""
    points = int(check_number("points", points, low=10))
    inputs = PLATFORM.inputs(**changes)
    p = PLATFORM.evaluate(inputs)
    best = float(p["best_ad_load"])
    loads = np.linspace(AD_LOAD.max / points, AD_LOAD.max, points)
    numeric = float(loads[np.argmax(revenue_curve(loads, **changes))])
    viewing = float(inputs["watch_time_elasticity"]) * best / float(inputs["observed_ad_load"])
    n = float(inputs["bidders"]) * float(inputs["observed_ad_load"]) / best
    return {"rule": best, "numeric": numeric, "viewing_elasticity": viewing,
            "price_elasticity": float(cpm_elasticity(n))}


# ---------------------------------------------------------------------------- one price, two markets
# The chain prices every impression at one blended CPM. Split it in two, the US and the rest: with the US's
# monthly users N_US and minutes m_US, and the rest of the chain's links (daily share, videos per minute, ad
# load, fill) the same everywhere, the US's share of impressions is
#
#     i_US = N_US m_US / (N m),
#
# and if the US brings a share s of in-feed revenue, its price and the rest's are
#
#     CPM_US = CPM × s / i_US,   CPM_rest = CPM × (1 − s) / (1 − i_US).
#
# Unlike the blended CPM, which is calibrated, the two prices are a prediction: they can be set against prices
# quoted in each market, and fail.
US_SHARE = Param("us_share_in_feed_revenue", "US share of in-feed revenue", "share", min=0.05, max=0.95,
                 step=0.01, fact="us_share_in_feed_revenue", fmt="{:.0%}")
US_USERS = Param("us_monthly_users_m", "US monthly users", "million users", min=10, max=400, step=5,
                 fact="us_mau_2024", fmt="{:,.0f}M")
US_MINUTES = Param("us_minutes_per_day", "US minutes per user per day", "minutes per day", min=5, max=240, step=1,
                   fact="minutes_per_day_warc_us_2024", fmt="{:,.0f}")


def region_split(p) -> dict:
    """The blended in-feed price split into the US's and the rest's, from each one's share of impressions and of
    revenue; and what a monthly user brings in each."""
    n, m = np.asarray(p.monthly_users_m, dtype=float), np.asarray(p.minutes_per_day, dtype=float)
    n_us, m_us = np.asarray(p.us_monthly_users_m, dtype=float), np.asarray(p.us_minutes_per_day, dtype=float)
    s, cpm = np.asarray(p.us_share_in_feed_revenue, dtype=float), np.asarray(p.cpm_usd, dtype=float)
    if np.any(n_us >= n):
        raise ValueError(f"us_monthly_users_m ({p.us_monthly_users_m}) must be below monthly_users_m "
                         f"({p.monthly_users_m}): the US is part of the platform")
    if np.any(m <= 0):
        raise ValueError(f"minutes_per_day ({p.minutes_per_day}) must be above zero: with no viewing there are no "
                         "impressions to split between the US and the rest")
    share = n_us * m_us / (n * m)
    if np.any(share >= 1):
        raise ValueError("us_monthly_users_m × us_minutes_per_day must be below monthly_users_m × minutes_per_day: "
                         "the US cannot watch more than the whole platform (lower the US's minutes or raise the "
                         "platform's)")
    user_share = n_us / n
    cpm_us, cpm_rest = cpm * s / share, cpm * (1 - s) / (1 - share)
    return tidy({
        "us_user_share": user_share,
        "us_impression_share": share,
        "cpm_us_usd": cpm_us,
        "cpm_rest_usd": cpm_rest,
        "cpm_ratio": cpm_us / cpm_rest,
        "minutes_ratio": m_us * (1 - user_share) / (m - m_us * user_share),
        "revenue_per_user_ratio": (s / user_share) / ((1 - s) / (1 - user_share)),
    })


REGION_SPLIT = Model(
    "One price, two markets: the in-feed price in the US and elsewhere",
    region_split,
    params=(US_SHARE, US_USERS, US_MINUTES, CPM),
    parts=(ATTENTION,),
    outputs={"us_user_share": "share", "us_impression_share": "share", "cpm_us_usd": "USD per 1000 impressions",
             "cpm_rest_usd": "USD per 1000 impressions", "cpm_ratio": "ratio", "minutes_ratio": "ratio",
             "revenue_per_user_ratio": "ratio"},
)
