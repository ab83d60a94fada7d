"""TikTok Shop: one order's split, and the shop's size.

One order: the buyer pays the price; TikTok takes its referral fee, the affiliate creator who promoted the
product takes the commission the seller set, a separate payment fee is taken where the market charges one
(none in the US, where the referral fee covers payment; Malaysia charges one), and the seller keeps the
rest. Every cent is accounted for, and the three deductions can never add up to more than the price.

GMV (gross merchandise value): buyers × orders per buyer × average order value; TikTok earns its blended
commission on it.
"""

from __future__ import annotations

import numpy as np

from .params import Model, Param, SumAtMost, tidy

REFERRAL_FEE = Param("referral_fee", "TikTok's referral fee", "share", min=0, max=0.3, step=0.005,
                     fact="shop_referral_fee_us_2024", fmt="{:.1%}")
AFFILIATE = Param("affiliate_commission", "Affiliate creator's commission", "share", min=0, max=0.8, step=0.01,
                  fact="affiliate_commission_typical", fmt="{:.0%}")
PAYMENT = Param("payment_fee", "Separate payment fee", "share", min=0, max=0.1, step=0.005,
                fact="shop_payment_fee", fmt="{:.1%}")
BUYERS = Param("buyers_m", "Buyers per year", "million users", min=0, max=1000, step=1, fact="shop_buyers",
               fmt="{:,.0f}")
ORDERS = Param("orders_per_buyer", "Orders per buyer per year", "count", min=0, max=50, step=0.5,
               fact="shop_orders_per_buyer", fmt="{:,.1f}")
BASKET = Param("basket_usd", "Order value (what the buyer pays)", "USD", min=1, max=300, step=1,
               fact="shop_basket_usd", fmt="${:,.0f}")
TAKE_RATE = Param("shop_take_rate", "TikTok's blended commission", "share", min=0, max=0.3, step=0.005,
                  fact="shop_take_rate", fmt="{:.1%}")

ORDER_PARTIES = ("tiktok", "affiliate", "payment", "seller")


def order_split(p) -> dict:
    """Where the buyer's money goes on one order (of the average value) promoted by an affiliate creator (USD)."""
    price = np.asarray(p.basket_usd, dtype=float)
    tiktok = price * np.asarray(p.referral_fee)
    affiliate = price * np.asarray(p.affiliate_commission)
    payment = price * np.asarray(p.payment_fee)
    seller = price - tiktok - affiliate - payment
    return tidy({"buyer_pays_usd": price, "tiktok_usd": tiktok, "affiliate_usd": affiliate, "payment_usd": payment,
                 "seller_usd": seller, "seller_share": seller / price})


ORDER = Model(
    "One TikTok Shop order",
    order_split,
    params=(BASKET, REFERRAL_FEE, AFFILIATE, PAYMENT),
    constraints=(SumAtMost(("referral_fee", "affiliate_commission", "payment_fee"), 1.0),),
    outputs={"buyer_pays_usd": "USD", "tiktok_usd": "USD", "affiliate_usd": "USD", "payment_usd": "USD",
             "seller_usd": "USD", "seller_share": "share"},
)


def gmv(p) -> dict:
    """Yearly GMV and TikTok's commission on it (USD billion)."""
    orders_m = np.asarray(p.buyers_m) * np.asarray(p.orders_per_buyer)
    gmv_b = orders_m * np.asarray(p.basket_usd) / 1000.0
    return tidy({"orders_m": orders_m, "gmv_usd_b": gmv_b, "commission_usd_b": gmv_b * np.asarray(p.shop_take_rate)})


GMV = Model(
    "TikTok Shop's yearly sales",
    gmv,
    params=(BUYERS, ORDERS, BASKET, TAKE_RATE),
    outputs={"orders_m": "count", "gmv_usd_b": "USD billion", "commission_usd_b": "USD billion"},
)


# ---------------------------------------------------------------- what TikTok really takes, and gives back
# The commission is not all a seller pays TikTok: sellers also buy TikTok ads to push their products, booked as
# advertising revenue. And TikTok pays some of every sale back, as discounts, free shipping and incentives. Per
# dollar of GMV, with commission c, sellers' ad spend a and subsidies σ:
#
#     effective take rate = c + a,     net take rate = c + a − σ.
#
# The seller's ads are not new revenue — the company model already counts them among the ads — but the
# subsidies are a cost the company model (notebook 07) leaves out.
SELLER_ADS = Param("seller_ad_share", "Sellers' TikTok ads per $ of GMV", "share", min=0, max=0.3, step=0.005,
                   fact="shop_seller_ad_share", fmt="{:.1%}")
SUBSIDY = Param("shop_subsidy_share", "TikTok's subsidies per $ of GMV", "share", min=0, max=0.5, step=0.005,
                fact="shop_subsidy_share", fmt="{:.1%}")


def take(p) -> dict:
    """What TikTok takes from Shop sales (commission, sellers' ads) and gives back (subsidies), per dollar of GMV
    and in USD billion a year."""
    g = gmv(p)
    gmv_b = g["gmv_usd_b"]
    c, a, s = (np.asarray(x, dtype=float) for x in (p.shop_take_rate, p.seller_ad_share, p.shop_subsidy_share))
    return tidy({
        "gmv_usd_b": gmv_b,
        "commission_usd_b": c * gmv_b,
        "seller_ads_usd_b": a * gmv_b,
        "subsidy_usd_b": s * gmv_b,
        "effective_take_rate": c + a,
        "net_take_rate": c + a - s,
        "net_from_sellers_usd_b": (c + a - s) * gmv_b,
    })


TAKE = Model(
    "The effective take rate: commission, sellers' ads and subsidies",
    take,
    params=(SELLER_ADS, SUBSIDY),
    parts=(GMV,),
    outputs={"gmv_usd_b": "USD billion", "commission_usd_b": "USD billion", "seller_ads_usd_b": "USD billion",
             "subsidy_usd_b": "USD billion", "effective_take_rate": "share", "net_take_rate": "share",
             "net_from_sellers_usd_b": "USD billion, can be negative"},
)
