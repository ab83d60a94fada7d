"""Views of the gift economy: where a viewer's dollar goes, as a waterfall that adds up to $1.00."""

from __future__ import annotations

from .. import data, gifts, style
from .view import View
from .flows import draw_money_flow

PARTS = (("app_store_per_dollar", "App store", style.THING["app store"]), ("payment_per_dollar", "Payment processor", style.THING["payment"]),
         ("creator_per_dollar", "Creator (diamonds)", style.THING["creator"]), ("tiktok_per_dollar", "TikTok", style.THING["gifts"]))


def draw_dollar(ax, result, inputs) -> None:
    """A waterfall: each party's cents stacked from the left until they reach the dollar the viewer paid."""
    parts = [(label, result[key], color) for key, label, color in PARTS]
    draw_money_flow(ax, parts, total_label="Viewer pays", payer="viewer", total=sum(v for _l, v, _c in parts),
                    fmt=style.cents_of, axis_fmt=lambda v: f"{100 * v:.0f}¢", pad=1.15)
    style.decorate(ax, title=f"Of each $1 spent on coins, the creator gets {style.cents_of(result['creator_per_dollar'])} "
                             f"and TikTok keeps {style.cents_of(result['tiktok_per_dollar'])}",
                   xlabel="Cents of the viewer's dollar", source=data.cite(gifts.GIFTS.facts))


def readout_dollar(result, inputs) -> dict:
    return {
        "Coins per dollar": f"{result['coins_per_dollar']:,.1f}",
        "App store": style.cents_of(result['app_store_per_dollar']),
        "Payment processor": style.cents_of(result['payment_per_dollar']),
        "Creator": style.cents_of(result['creator_per_dollar']),
        "TikTok": style.cents_of(result['tiktok_per_dollar']),
        "TikTok per year": style.money(result["tiktok_usd_b"], "USD billion"),
        "Creators per year": style.money(result["creator_usd_b"], "USD billion"),
        "App stores per year": style.money(result["app_store_usd_b"], "USD billion"),
    }


GIFTS = View(draw_dollar, readout_dollar, figsize=(6.4, 3.2), model=gifts.GIFTS)
