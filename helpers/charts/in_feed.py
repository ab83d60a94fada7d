"""Views of in-feed advertising: the ad-load hump for the platform, the funnel for the advertiser."""

from __future__ import annotations

import numpy as np

from .. import data, in_feed, style
from .view import View
from .flows import labelled_bars

LOADS = np.linspace(0.0, in_feed.AD_LOAD.max, 101)


def draw_ad_load(ax, result, inputs) -> None:
    changes = {k: v for k, v in inputs.items() if k != "ad_load"}
    curve = in_feed.revenue_curve(LOADS, **changes)
    ax.plot(LOADS, curve, color=style.THING["in_feed"], lw=2, label="Yearly in-feed revenue")
    you, best = inputs["ad_load"], result["best_ad_load"]
    ax.axvline(best, color=style.THING["reference"], ls="--", lw=1.2)
    ax.annotate(f"best {style.percent(best)}", (best, 0.97), xycoords=("data", "axes fraction"), ha="left",
                va="top", xytext=(3, 0), textcoords="offset points", fontsize=8, color=style.THING["reference"])
    ax.plot([you], [result["revenue_per_year_usd_b"]], "o", color=style.THING["you"], mec="white", ms=8, label="your ad load")
    ax.set_ylim(0, max(float(curve.max()), 1.0) * 1.15)
    ax.set_xlim(0, in_feed.AD_LOAD.max)
    style.percent_axis(ax, "x")
    style.money_axis(ax, "y", unit="USD billion")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    style.decorate(ax, title=f"In-feed revenue peaks at an ad load of {style.percent(best)}; "
                             f"at {style.percent(you)} in-feed ads earn {style.money(result['revenue_per_year_usd_b'], 'USD billion')} a year",
                   xlabel="Ad load (share of videos that are ads)", ylabel="In-feed revenue per year",
                   source=data.cite(in_feed.PLATFORM.facts))


def readout_ad_load(result, inputs) -> dict:
    return {
        "Minutes per user per day": f"{result['minutes_per_user_day']:,.1f}",
        "Ads per user per day": f"{result['ads_per_user_day']:,.1f}",
        "Bidders per impression": f"{result['bidders_per_impression']:,.1f}",
        "Clearing CPM": style.money(result["clearing_cpm_usd"]),
        "Revenue per day": style.money(result["revenue_per_day_usd_m"], "USD million"),
        "Revenue per year": style.money(result["revenue_per_year_usd_b"], "USD billion"),
        "Per monthly user per year": style.money(result["revenue_per_mau_per_year_usd"]),
        "Per hour watched": f"{100 * result['revenue_per_hour_watched_usd']:,.1f} cents",
        "Revenue-maximising ad load": style.percent(result["best_ad_load"]),
        "Revenue at that ad load": style.money(result["best_revenue_per_year_usd_b"], "USD billion"),
    }


PLATFORM = View(draw_ad_load, readout_ad_load, figsize=(6.4, 3.6), model=in_feed.PLATFORM)


def draw_funnel(ax, result, inputs) -> None:
    labels = ["Spend (TikTok's revenue)", "Sales the ads bring in", "Gross profit after the ads"]
    values = [result["spend_usd"], result["sales_usd"], result["gross_profit_usd"]]
    labelled_bars(ax, labels, values, [style.THING["ads"], style.THING["business"], style.THING["business_profit"]], fmt=style.money)
    style.money_axis(ax, "x")
    if result["spend_usd"] > 0:
        title = (f"Bids {style.money(result['bid_cpm_usd'])} per 1,000, wins {style.percent(result['win_share'])} of its "
                 f"auctions at {style.money(result['price_paid_cpm_usd'])}: ${result['roas']:,.2f} of sales per $1")
    else:
        title = "Its value is nothing: it wins no auction and spends nothing"
    style.decorate(ax, title=title, xlabel="US dollars", source=data.cite(in_feed.ADVERTISER.facts))


def readout_funnel(result, inputs) -> dict:
    bought = result["spend_usd"] > 0
    return {
        "Its bid (value per 1,000 impressions)": style.money(result["bid_cpm_usd"]),
        "Share of auctions it wins": style.percent(result["win_share"], 1),
        "Price it pays per 1,000 (average)": style.money(result["price_paid_cpm_usd"]) if bought else "—",
        "Impressions": style.count(result["impressions"]),
        "Clicks": style.count(result["clicks"]),
        "Purchases": style.count(result["conversions"]),
        "Cost per click": style.money(result["cost_per_click_usd"]) if bought else "—",
        "Cost per purchase": style.money(result["cost_per_conversion_usd"]) if bought else "—",
        "Sales": style.money(result["sales_usd"]),
        "Return on ad spend (ROAS)": f"{result['roas']:,.2f}" if bought else "—",
        "Gross profit after the ads": style.money(result["gross_profit_usd"]),
    }


ADVERTISER = View(draw_funnel, readout_funnel, figsize=(6.4, 2.8), model=in_feed.ADVERTISER)
