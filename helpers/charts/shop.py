"""Views of TikTok Shop: one order's split, and GMV by year against the model."""

from __future__ import annotations

from .. import data, shop, style
from .view import View
from .flows import draw_money_flow

PARTS = (("tiktok_usd", "TikTok (referral fee)", style.THING["shop"]), ("affiliate_usd", "Affiliate creator", style.THING["creator"]),
         ("payment_usd", "Separate payment fee", style.THING["payment"]), ("seller_usd", "Seller", style.THING["business"]))
#: Southeast Asia, where the Shop began, year by year (Momentum Works; 2024 from TKTK), and the worldwide 2024 estimates.
SEA_HISTORY = ("shop_gmv_2021", "shop_gmv_2022", "shop_gmv_2023", "shop_gmv_sea_2024")
WORLD_2024, WORLD_2024_HIGH = "shop_gmv_2024_tabcut", "shop_gmv_2024_cube"


def draw_order(ax, result, inputs) -> None:
    price = result["buyer_pays_usd"]
    draw_money_flow(ax, [(label, result[key], color) for key, label, color in PARTS], total_label="Buyer pays", payer="viewer",
                    total=price)
    style.decorate(ax, title=f"Of a {style.money(price)} order the seller keeps {style.percent(result['seller_share'])}; "
                             f"TikTok's fee is {style.money(result['tiktok_usd'])}",
                   xlabel="US dollars", source=data.cite(shop.ORDER.facts))


def readout_order(result, inputs) -> dict:
    return {label: style.money(result[key]) for key, label, _c in PARTS} | {
        "Buyer pays": style.money(result["buyer_pays_usd"]),
        "Seller's share": style.percent(result["seller_share"]),
    }


ORDER = View(draw_order, readout_order, figsize=(6.4, 3.2), model=shop.ORDER)


def draw_gmv(ax, result, inputs) -> None:
    years = [str(data.fact(f).year) for f in SEA_HISTORY]
    sea = [data.value(f) for f in SEA_HISTORY]
    world, high = data.value(WORLD_2024), data.value(WORLD_2024_HIGH)
    # Numeric positions with tick labels (redraws faster than categories); a gap and a line where the scope
    # changes from one region to the whole world, so the bars do not read as one growing series.
    x = [*range(len(years)), len(years) + 0.6, len(years) + 1.6]
    # Every bar is the Shop's GMV: shades of its green, lightest for a region, full for the model you set.
    ax.bar(x[:len(sea)], sea, color=style.THING["shop"], alpha=0.35, label="Southeast Asia (analysts; 2024: a blog)")
    # Worldwide 2024: Tabcut's estimate as the bar, up to Cube Asia's higher one as a range, labelled as a range.
    ax.bar([x[-2]], [world], color=style.THING["shop"], alpha=0.65, label="Worldwide 2024: Tabcut, to Cube Asia's higher estimate")
    ax.errorbar([x[-2]], [world], yerr=[[0], [high - world]], fmt="none", ecolor=style.THING["base"], elinewidth=1.5,
                capsize=8, capthick=1.5)
    ax.bar([x[-1]], [result["gmv_usd_b"]], color=style.THING["shop"], label="Your model (worldwide)")
    labels = [(xi, v, style.money(v, "USD billion")) for xi, v in zip(x, sea)]
    labels += [(x[-2], high, f"{style.money(world, 'USD billion')} to {style.money(high, 'USD billion')}"),
               (x[-1], result["gmv_usd_b"], f"{style.money(result['gmv_usd_b'], 'USD billion')}\n"
                                             f"({style.money(result['commission_usd_b'], 'USD billion')} to TikTok)")]
    for xi, v, text in labels:
        ax.annotate(text, (xi, v), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=8)
    ax.set_xticks(x, years + ["2024\nworldwide", "Your\nmodel"])
    top = max(max(sea + [high]), result["gmv_usd_b"]) * 1.25
    ax.set_ylim(0, top)
    ax.axvline(len(years) - 0.2, color=style.THING["reference"], ls=":", lw=1)
    ax.text(len(years) - 0.28, top * 0.45, "one region | the world", rotation=90, ha="right", va="center", fontsize=7,
            color=style.THING["reference"])
    style.money_axis(ax, "y", unit="USD billion")
    ax.legend(fontsize=8, frameon=False, loc="upper left", markerscale=0.5)
    ax.grid(axis="x", visible=False)
    style.decorate(ax, title=f"Your model: {style.money(result['gmv_usd_b'], 'USD billion')} of sales, "
                             f"{style.money(result['commission_usd_b'], 'USD billion')} of commission for TikTok",
                   ylabel="GMV per year", source=data.cite([*SEA_HISTORY, WORLD_2024, WORLD_2024_HIGH, *shop.GMV.facts]))


def readout_gmv(result, inputs) -> dict:
    return {
        "Orders per year": style.number(result["orders_m"] * 1e6),
        "GMV per year": style.money(result["gmv_usd_b"], "USD billion"),
        "TikTok's commission per year": style.money(result["commission_usd_b"], "USD billion"),
    }


GMV = View(draw_gmv, readout_gmv, figsize=(6.4, 3.4), model=shop.GMV)
