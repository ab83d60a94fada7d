"""Coins, gifts and diamonds: follow a viewer's dollar.

A viewer buys coins in the app (the app store takes its commission) or on the web (a payment processor
takes a fee, and coins are cheaper). Coins are sent as gifts in LIVE; the creator receives diamonds worth
a share of the gift's value and cashes them out. What is left is TikTok's. Every cent is accounted for:
app store + payment + creator + TikTok = the dollar paid.

A gift's value is measured at the web price of a coin (about what a diamond is worth when the creator gets
half), so a coin bought in the app costs the viewer more than the creator is credited for it.
"""

from __future__ import annotations

import numpy as np

from .params import Model, Param, check_number, tidy

WEB_SHARE = Param("web_share", "Share of coin spending made on the web", "share", min=0, max=1, step=0.05,
                  fact="web_share_of_coin_purchases", fmt="{:.0%}")
STORE_RATE = Param("app_store_commission", "App-store commission", "share", min=0, max=0.5, step=0.05,
                   fact="app_store_commission_standard", fmt="{:.0%}")
PAYMENT_FEE = Param("web_payment_fee", "Web payment fee", "share", min=0, max=0.1, step=0.005,
                    fact="web_payment_fee", fmt="{:.1%}")
CREATOR_SHARE = Param("creator_share", "Creator's share of a gift's value", "share", min=0, max=0.8, step=0.01,
                      fact="creator_share_of_gifts", fmt="{:.0%}")
SPEND = Param("spend_usd_b", "Viewers' spending on coins per year", "USD billion", min=0, max=20, step=0.1,
              fact="coin_spend_ex_china_2023", fmt="${:,.1f}B")

WEB_COIN = Param("usd_per_coin_web", "Price of a coin bought on the web", "USD per coin", min=0.008, max=0.016,
                 step=0.0005, fact="usd_per_coin_web", fmt="${:.4f}")
APP_COIN = Param("usd_per_coin_inapp", "Price of a coin bought in the app", "USD per coin", min=0.01, max=0.02,
                 step=0.0005, fact="usd_per_coin_inapp", fmt="${:.4f}")
DIAMOND = Param("usd_per_diamond", "Cash value of one diamond", "USD per diamond", min=0.001, max=0.02, step=0.0005,
                fact="diamond_value", fmt="${:.4f}")

PARTIES = ("app_store", "payment", "creator", "tiktok")


def dollar_split(p) -> dict:
    """Where each dollar a viewer spends on coins goes, and the yearly totals (USD billion)."""
    web_price, app_price = np.asarray(p.usd_per_coin_web), np.asarray(p.usd_per_coin_inapp)
    w = np.asarray(p.web_share, dtype=float)
    app_store = (1 - w) * np.asarray(p.app_store_commission)
    payment = w * np.asarray(p.web_payment_fee)
    coins = (1 - w) / app_price + w / web_price
    # TikTok never pays out more than it received: the creator's credit is capped at what is left.
    creator = np.minimum(coins * np.asarray(p.creator_share) * web_price, 1.0 - app_store - payment)
    tiktok = 1.0 - app_store - payment - creator
    spend = np.asarray(p.spend_usd_b, dtype=float)
    return tidy({
        "coins_per_dollar": coins,
        "app_store_per_dollar": app_store, "payment_per_dollar": payment,
        "creator_per_dollar": creator, "tiktok_per_dollar": tiktok,
        "app_store_usd_b": app_store * spend, "payment_usd_b": payment * spend,
        "creator_usd_b": creator * spend, "tiktok_usd_b": tiktok * spend,
        "diamonds_per_dollar": creator / np.asarray(p.usd_per_diamond),
    })


GIFTS = Model(
    "A viewer's dollar in the gift economy",
    dollar_split,
    params=(WEB_SHARE, STORE_RATE, PAYMENT_FEE, CREATOR_SHARE, SPEND, WEB_COIN, APP_COIN, DIAMOND),
    outputs={"coins_per_dollar": "coins", "app_store_per_dollar": "USD", "payment_per_dollar": "USD",
             "creator_per_dollar": "USD", "tiktok_per_dollar": "USD", "app_store_usd_b": "USD billion",
             "payment_usd_b": "USD billion", "creator_usd_b": "USD billion", "tiktok_usd_b": "USD billion",
             "diamonds_per_dollar": "diamonds"},
)


def gift_payout(coins: float, creator_share: float | None = None) -> float:
    """What a creator cashes out for a gift of ``coins`` (USD): coins × creator's share × a coin's web price."""
    coins = check_number("coins", coins, low=0)
    share = CREATOR_SHARE.base if creator_share is None else CREATOR_SHARE.check(creator_share)
    return float(coins * share * WEB_COIN.base)
