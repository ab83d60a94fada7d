"""Views of partnerships and data: a creator campaign's budget, and what targeting adds to the CPM."""

from __future__ import annotations

from .. import data, partnerships, style
from .view import View
from .flows import draw_money_flow

PARTS = (("creators_usd", "Creators' fees", style.THING["creator"]), ("tiktok_usd", "Promotion on TikTok (ads)", style.THING["ads"]),
         ("agency_usd", "Agency", style.THING["agency"]), ("production_usd", "Production and other", style.THING["production"]))


def draw_campaign(ax, result, inputs) -> None:
    draw_money_flow(ax, [(label, result[key], color) for key, label, color in PARTS], total_label="Brand's budget", payer="business",
                    total=result["budget_usd"], pad=1.25)
    style.decorate(ax, title=f"Of a {style.money(result['budget_usd'])} creator campaign, TikTok earns "
                             f"{style.money(result['tiktok_usd'])} from promoting the videos",
                   xlabel="US dollars", source=data.cite(partnerships.CAMPAIGN.facts))


def readout_campaign(result, inputs) -> dict:
    return {label: style.money(result[key]) for key, label, _c in PARTS} | {"Budget": style.money(result["budget_usd"])}


CAMPAIGN = View(draw_campaign, readout_campaign, figsize=(6.4, 3.2), model=partnerships.CAMPAIGN)


def draw_targeting(ax, result, inputs) -> None:
    labels = ["No targeting", "Full targeting", f"After signal loss\n({style.percent(inputs['signal_loss'])} of the lift lost)"]
    values = [result["cpm_untargeted_usd"], result["cpm_full_targeting_usd"], result["cpm_targeted_usd"]]
    bars = ax.bar(range(len(labels)), values, color=[style.THING["neutral_light"], style.THING["ads"], style.THING["ads_reduced"]])
    ax.set_xticks(range(len(labels)), labels)
    for bar, v in zip(bars, values):
        ax.annotate(f"${v:,.2f}", (bar.get_x() + bar.get_width() / 2, v), xytext=(0, 3), textcoords="offset points",
                    ha="center", fontsize=9)
    ax.axhline(data.value("in_feed_cpm"), color=style.THING["reference"], ls="--", lw=1,
               label=f"course's average CPM ({style.money(data.value('in_feed_cpm'))})")
    ax.legend(loc="upper left", fontsize=8, frameon=False)  # named in a legend: a label on the line sat on a bar
    ax.set_ylim(0, max(values + [data.value("in_feed_cpm")]) * 1.25)
    style.money_axis(ax, "y")
    ax.grid(axis="x", visible=False)
    style.decorate(ax, title=f"Targeting lets an advertiser pay {result['cpm_multiplier']:.1f} times as much per "
                             "1,000 impressions",
                   ylabel="Affordable CPM (USD)", source=data.cite(partnerships.TARGETING.facts))


def readout_targeting(result, inputs) -> dict:
    return {
        "Affordable CPM without targeting": f"${result['cpm_untargeted_usd']:,.2f}",
        "Affordable CPM with full targeting": f"${result['cpm_full_targeting_usd']:,.2f}",
        "Affordable CPM after signal loss": f"${result['cpm_targeted_usd']:,.2f}",
        "Targeting multiplier": f"{result['cpm_multiplier']:,.2f}x",
        "Share of the targeting premium lost": style.percent(result["lift_lost_share"]),
        "Course's average CPM (the dashed line)": style.money(data.value("in_feed_cpm")),
    }


TARGETING = View(draw_targeting, readout_targeting, figsize=(6.4, 3.4), model=partnerships.TARGETING)
