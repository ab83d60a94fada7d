"""Views of notebook 00: TikTok's revenue at a glance."""

from __future__ import annotations

from .. import data, start, style
from .view import View
from .flows import labelled_bars

# ------------------------------------------------------------------------------- revenue at a glance
STREAMS = (("ads_usd_b", "Advertising", "ads"), ("gifts_usd_b", "Coins and gifts", "gifts"),
           ("shop_usd_b", "TikTok Shop", "shop"))
REPORTED = (("tiktok_revenue_2024_central", "Gap to the central 2024 estimate (derived)"),
            ("bytedance_intl_revenue_2024", "Gap to ByteDance's revenue outside China (news)"))


def draw_revenue_mix(ax, result, inputs) -> None:
    labels = [label for _k, label, _c in STREAMS]
    values = [result[k] for k, _l, _c in STREAMS]
    colors = [style.THING[c] for _k, _l, c in STREAMS]
    labelled_bars(ax, labels, values, colors, fmt=lambda v: style.money(v, "USD billion"), floor=1.0, pad=1.25)
    style.money_axis(ax, "x", unit="USD billion")
    total = result["total_usd_b"]
    style.decorate(
        ax,
        title=f"Advertising earns {style.percent(result['ads_share'])} of a modelled "
              f"{style.money(total, 'USD billion')} a year",
        xlabel="Revenue per year (USD)",
        source=data.cite(start.REVENUE_AT_A_GLANCE.facts),
    )
    ax.grid(axis="y", visible=False)


def readout_revenue_mix(result, inputs) -> dict:
    out = {label: style.money(result[k], "USD billion") for k, label, _c in STREAMS}
    out["Total"] = style.money(result["total_usd_b"], "USD billion")
    out["Advertising's share"] = style.percent(result["ads_share"])
    for fid, label in REPORTED:
        gap = result["total_usd_b"] - data.value(fid)
        out[label] = style.money(gap, "USD billion")
    return out


REVENUE_AT_A_GLANCE = View(draw_revenue_mix, readout_revenue_mix, figsize=(6.4, 3.4), model=start.REVENUE_AT_A_GLANCE)
