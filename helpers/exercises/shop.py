"""Exercises of notebook 05, TikTok Shop."""

from .. import analysis, data, revenue_mix, shop
from . import Exercise, Mistake, register

#: Exercise 05.4's assumption: the share of orders refunded after they ship (one in five, a what-if).
REFUNDED = 0.2


def _us_fees_m(first: float = None, rest: float = None, later: float = None, fixed: float = None) -> float:
    """TikTok's US referral fees in 2024 (USD million): sales spread evenly over the months, the launch fee
    (a share plus a fixed fee per order) until 1 April, the 2024 referral fee after; ``later`` applies a
    different fee from 1 July (the announced rise), ``fixed`` overrides the fixed fee per order."""
    gmv_m = 1000 * data.value("shop_gmv_us_2024")
    basket = shop.ORDER.base()["basket_usd"]
    first = data.value("shop_fee_us_launch") if first is None else first
    fixed = data.value("shop_fee_us_launch_fixed") if fixed is None else fixed
    rest = data.value("shop_referral_fee_us_2024") if rest is None else rest
    later = rest if later is None else later
    q1 = gmv_m * 3 / 12
    return q1 * first + q1 / basket * fixed + gmv_m * 3 / 12 * rest + gmv_m * 6 / 12 * later


def _per_order_placed(kept_on_refund: float) -> float:
    """What TikTok earns on average per order placed (USD), when a refunded order leaves it ``kept_on_refund``."""
    return (1 - REFUNDED) * shop.ORDER()["tiktok_usd"] + REFUNDED * kept_on_refund


def _bigger_earner() -> str:
    """The prediction's answer: who earns more from one order, TikTok or the affiliate creator."""
    order = shop.ORDER()
    return "creator" if order["affiliate_usd"] > order["tiktok_usd"] else "tiktok"

register(Exercise(
    "05.1", "prediction", "Who earns more from one order, TikTok or the affiliate creator?",
    hint="Ask what each is paid for: TikTok runs the checkout and the payment for every seller, while the creator's "
         "video is what made this sale. Which of the two could a seller do without more easily?",
    options=("tiktok", "creator"), answer=_bigger_earner, form="predict",
    explain=("The creator. TikTok's referral fee is a small percentage of the price, and in the US it also has to "
             "pay the card and wallet costs of every order. The affiliate commission is set by the seller, and "
             "typical rates are well above TikTok's fee: the creator's video is what made the sale, and sellers "
             "pay for that as they would pay a salesperson. Most people expect the platform to take the biggest "
             "cut, as app stores do on coins. Two things temper the answer: a seller may set a commission below "
             "TikTok's fee, which flips it, and TikTok earns from the sale in another way too — sellers buy ads "
             "to push their products, and those are booked as advertising revenue, outside this split."),
))
register(Exercise(
    "05.2", "what-if", "Buyers needed for $100 billion of GMV",
    hint="In the GMV panel, move only the buyers slider until GMV reaches $100B.",
    answer=lambda: analysis.goal_seek(shop.GMV, "buyers_m", "gmv_usd_b", 100.0), rel_tol=0.02,
))
register(Exercise(
    "05.3", "calculation", "TikTok's US referral fees in 2024",
    hint="Split the year on 1 April. For the first three months, take the launch percentage of those months' "
         "sales and add the fixed fee on each of their orders (orders = sales ÷ order value); for the other nine, "
         "take the 2024 referral fee of their sales. Add the two parts.",
    answer=_us_fees_m, unit="USD million", form="multi-step",
    mistakes=(
        Mistake("charged the 2024 referral fee for the whole year (until April the launch fee applied)",
                lambda: _us_fees_m(first=data.value("shop_referral_fee_us_2024"), fixed=0.0)),
        Mistake("left out the fixed fee per order of the launch schedule", lambda: _us_fees_m(fixed=0.0)),
        Mistake("applied the rise announced for July, which no source shows in force",
                lambda: _us_fees_m(later=data.value("shop_fee_us_jul2024"))),
    ),
    shown=lambda: _us_fees_m(),  # every figure it uses is displayed unrounded ($9.0B, 2%, $0.30, 6%, $18)
))
register(Exercise(
    "05.4", "calculation", "TikTok's fee per order when some orders are refunded",
    hint="Four orders in five pay TikTok its full referral fee; on the fifth it keeps only the refund "
         "administration fee, a share of the referral fee. Average over the five orders.",
    answer=lambda: _per_order_placed(data.value("shop_refund_admin_fee") * shop.ORDER()["tiktok_usd"]),
    unit="USD", form="extend",
    mistakes=(
        Mistake("left out the administration fee TikTok keeps on a refunded order", lambda: _per_order_placed(0.0)),
        Mistake("kept the full referral fee on refunded orders too (the order model's assumption)",
                lambda: shop.ORDER()["tiktok_usd"]),
        Mistake("took the administration fee as a share of the order's price instead of the referral fee",
                lambda: _per_order_placed(data.value("shop_refund_admin_fee") * shop.ORDER.base()["basket_usd"])),
    ),
    # The order panel prints TikTok's fee to the cent, and the administration fee's share is a round 20%.
    shown=lambda: (1 - REFUNDED) * round(shop.ORDER()["tiktok_usd"], 2)
    + REFUNDED * round(data.value("shop_refund_admin_fee"), 2) * round(shop.ORDER()["tiktok_usd"], 2),
    follow_up=(
        "Says refunds cut what TikTok earns per order placed, and the administration fee recovers only a small "
         "part of what they take away.",
        "Explains that GMV counts orders when they are placed, so GMV × the blended rate overstates what TikTok "
         "keeps, unless the rate was itself measured against gross sales.",
        "Concludes: before turning a GMV figure into revenue, ask whether it is gross or net.",
    ),
))
register(Exercise(
    "05.5", "written", "The article's Shop figures against better sources",
    hint="Take each figure in turn, find the rows in data/ that measure the same thing, and compare kinds, regions and years.",
    rubric=("Full marks (3), excellent: judges all three figures against the sources in data/ and explains why each "
            "may be wrong: '2-8% by category' roughly fits the US fee (6% from April 2024, less in some categories; "
            "8% announced, not shown in force) but not the UK's 9%; '3.78% per order' is Malaysia's per-order "
            "payment fee since September 2024, a market and date the article does not name; '$23B GMV for 2024', an "
            "unnamed experts' forecast, misses the global GMV estimates but matches Southeast Asia's GMV or "
            "TikTok's total revenue, so was probably mislabelled. 2, good: two figures judged with their sources "
            "and reasons, or all three without the sources' figures. 1, weak: one figure judged with evidence, or "
            "verdicts with no sources or reasons. 0: missing."),
    covers=(
        "'2–8% by category': roughly right for the US (6% from April 2024, less in some categories; 8% was "
         "announced, but no source shows it in force), but misses markets such as the UK (9%).",
        "'Up to 3.78% per order': Malaysia's per-order transaction fee since September 2024, a payment fee rather "
         "than a commission; the article names neither the market nor the date.",
        "'$23 billion GMV for 2024': far below the global estimates, but close to Southeast Asia's GMV or TikTok's "
         "total revenue in another report, so probably copied under the wrong label.",
        "Checks each figure's market, year and kind of measure before judging it.",
    ),
))


def _subsidy_to_close(gap_key: str = "gap_whole_usd_b", base: str = "gmv_usd_b") -> float:
    return revenue_mix.filed_gap()[gap_key] / shop.TAKE()[base]


register(Exercise(
    "05.6", "calculation", "Subsidies large enough to explain the gap with the filed accounts",
    hint="The subsidies cost σ × GMV a year; set that equal to the gap for all of TikTok and solve for σ, with the "
         "GMV model's base case.",
    answer=_subsidy_to_close, unit="share", form="extend",
    mistakes=(
        Mistake("used the gap on the filings' own revenue instead of the gap for all of TikTok",
                lambda: _subsidy_to_close("gap_filed_scope_usd_b")),
        Mistake("divided by TikTok's commission instead of GMV", lambda: _subsidy_to_close(base="commission_usd_b")),
        Mistake("gave the gap as a share of revenue instead of GMV", lambda: revenue_mix.filed_gap()["gap_share"]),
    ),
    shown=lambda: round(revenue_mix.filed_gap()["gap_whole_usd_b"], 1) / round(shop.TAKE()["gmv_usd_b"], 1),
    follow_up=("Judges the level against the evidence: subsidies that large appear only at the US launch (discounts "
               "of up to half the price on some deals) and were cut back the next year.",
               "Concludes that subsidies explain part of the gap and that the rest must come from the other "
               "explanations: charges from ByteDance, cost shares set too low, the filings' scope."),
))
