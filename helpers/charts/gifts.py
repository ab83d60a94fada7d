"""Views of the gift economy: where a viewer's dollar goes, as a waterfall that adds up to $1.00."""

from __future__ import annotations

from .. import data, style
from .view import View
from .flows import draw_money_flow

SOURCES = ["web_share_of_coin_purchases", "app_store_commission_standard", "web_payment_fee", "creator_share_of_gifts",
           "usd_per_coin_web", "usd_per_coin_inapp", "inapp_spend_ex_china_2023"]
PARTS = (("app_store_per_dollar", "App store", style.GREY), ("payment_per_dollar", "Payment processor", style.BROWN),
         ("creator_per_dollar", "Creator (diamonds)", style.VERMILION), ("tiktok_per_dollar", "TikTok", style.BLUE))


def draw_dollar(ax, result, inputs) -> None:
    """A waterfall: each party's cents stacked from the left until they reach the dollar the viewer paid."""
    parts = [(label, result[key], color) for key, label, color in PARTS]
    draw_money_flow(ax, parts, total_label="Viewer pays", total=sum(v for _l, v, _c in parts),
                    fmt=lambda v: f"{100 * v:.1f}¢", axis_fmt=lambda v: f"{100 * v:.0f}¢", pad=1.15)
    style.decorate(ax, title=f"Of each $1 spent on coins, the creator gets {100 * result['creator_per_dollar']:.0f}¢ "
                             f"and TikTok keeps {100 * result['tiktok_per_dollar']:.0f}¢",
                   xlabel="Cents of the viewer's dollar", source=data.cite(SOURCES))


def readout_dollar(result, inputs) -> dict:
    return {
        "Coins per dollar": f"{result['coins_per_dollar']:,.1f}",
        "App store": f"{100 * result['app_store_per_dollar']:.1f}¢",
        "Payment processor": f"{100 * result['payment_per_dollar']:.1f}¢",
        "Creator": f"{100 * result['creator_per_dollar']:.1f}¢",
        "TikTok": f"{100 * result['tiktok_per_dollar']:.1f}¢",
        "TikTok per year": style.money(result["tiktok_usd_b"] * 1e9),
        "Creators per year": style.money(result["creator_usd_b"] * 1e9),
        "App stores per year": style.money(result["app_store_usd_b"] * 1e9),
    }


DOLLAR = View(draw_dollar, readout_dollar, figsize=(6.4, 3.2))
