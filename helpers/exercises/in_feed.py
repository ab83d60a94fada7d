"""Exercises of notebook 02, In-feed ads and the auction."""

import math

from .. import data, in_feed
from . import Exercise, Mistake, register

#: The notebook's worked auction (bids per click in USD, predicted click rates), and B's better ad of exercise 02.1.
BIDS = (2.00, 5.00, 1.00)
CLICK_RATES = (0.03, 0.01, 0.02)
B_BETTER_RATE = 0.015
#: The gross margin of the notebook's example product (exercise 02.5).


def _b_improves() -> dict:
    return in_feed.auction(list(BIDS), [CLICK_RATES[0], B_BETTER_RATE, CLICK_RATES[2]])


def _fixed_price_revenue(revenue_b: float | None = None) -> float:
    """Yearly in-feed revenue (USD billion) at the best ad load when every slot sells at the base CPM: only
    viewing limits the ads, so the best ad load is L₀ / ε."""
    b = in_feed.PLATFORM.base()
    eps = b["watch_time_elasticity"]
    ratio = 1 / eps  # the best ad load over today's
    revenue = in_feed.PLATFORM()["revenue_per_year_usd_b"] if revenue_b is None else revenue_b
    return revenue * ratio * math.exp(-eps * (ratio - 1))


def _tenth_win_cvr(share: float = 0.1, margin: bool = True) -> float:
    """The conversion rate at which the base advertiser wins ``share`` of the auctions it enters: its bid
    b = v̄ × share^(1/(n − 1)), with v̄ = CPM (n + 1)/(n − 1), turned back into a conversion rate."""
    n = in_feed.BIDDERS.base
    top = data.value("in_feed_cpm") * (n + 1) / (n - 1)
    bid = top * share ** (1 / (n - 1))
    per_cvr = 1000 * data.value("click_through_rate") * data.value("value_per_conversion")
    return bid / (per_cvr * (data.value("product_gross_margin") if margin else 1.0))


register(Exercise(
    "02.1", "calculation", "A better ad instead of a higher bid",
    hint="Rank the three by bid × click rate again; the winner pays the runner-up's value per impression, turned "
         "back into a price per click with the winner's own click rate.",
    answer=lambda: _b_improves()["price_per_action_usd"], unit="USD",
    mistakes=(
        Mistake("charged B its own bid (the winner pays what keeps it ahead of the runner-up, not what it offered)",
                lambda: BIDS[1]),
        Mistake("kept B's old click rate when turning the price per impression back into a price per click",
                lambda: _b_improves()["price_per_impression_usd"] / CLICK_RATES[1]),
        Mistake("divided by the runner-up's click rate instead of the winner's",
                lambda: _b_improves()["price_per_impression_usd"] / CLICK_RATES[0]),
    ),
    shown=lambda: _b_improves()["price_per_action_usd"],
))
def _twice_the_ads() -> str:
    """The prediction's answer: what in-feed revenue does at twice today's ad load."""
    load = in_feed.PLATFORM.base()["ad_load"]
    now, twice = (in_feed.PLATFORM(ad_load=x)["revenue_per_year_usd_b"] for x in (load, 2 * load))
    return "doubles" if twice >= 1.99 * now else "rises" if twice > now else "falls"

register(Exercise(
    "02.2", "prediction", "Twice the ads, twice the revenue?",
    hint="Twice the ads is twice the slots to sell; ask what happens to the minutes watched and to the price of "
         "each slot.",
    options=("doubles", "rises", "falls"), answer=_twice_the_ads, form="predict",
    explain=("Twice the ads would be twice the revenue only if viewers kept watching and advertisers kept paying. "
             "They do neither. In the model, viewing does not lose a fixed share for every 10% more ads: each "
             "further tenth of *today's* ad load costs about ε × 10% of the viewing that is left, so doubling the ad "
             "load is ten such steps and leaves a little over half of today's minutes (the formula above). Read as a "
             "constant elasticity, \"10% more ads costs ε × 10% of viewing\" at every ad load, twice the ads would "
             "cost only about a third of the viewing and revenue would rise a little; the model's viewing falls "
             "faster, because each extra ad drives more viewers away when the feed already holds many. With half as "
             "many bidders for each slot, the auction's price also falls by about a fifth (the table of clearing "
             "CPMs above). Twice the slots × a little over half the viewing × about four fifths of the price is "
             "*less* than today: revenue falls by about a tenth. The next section finds where revenue peaks — only "
             "a little above today's ad load."),
))
register(Exercise(
    "02.3", "what-if", "The revenue-maximising ad load with a deeper pool of advertisers",
    hint="In the ad-load panel, set the bidders per impression to 20 (other sliders at base) and read the "
         "revenue-maximising ad load.",
    answer=lambda: in_feed.PLATFORM(bidders=20)["best_ad_load"], rel_tol=0.04, unit="share",
    follow_up=(
        "Says the best ad load rises when more advertisers bid for each impression.",
        "Explains why: the price's elasticity, 2n/(n² − 1), is smaller when n is larger, so each extra slot thins "
         "the competition less, and the two elasticities add up to one only at a higher ad load.",
    ),
))
register(Exercise(
    "02.4", "calculation", "If the price did not fall as ads are added",
    hint="With a fixed price only viewing limits the ads: the best ad load is today's divided by the elasticity "
         "(the rule above with no price term). Revenue there is today's revenue × the ratio of the two ad loads × "
         "the share of minutes still watched, exp(−ε × (L − L₀) / L₀).",
    answer=_fixed_price_revenue, unit="USD billion", form="extend",
    mistakes=(
        Mistake("kept the auction's price falling as slots are added (the model's assumption, not this question's)",
                lambda: in_feed.PLATFORM(ad_load=in_feed.PLATFORM.base()["observed_ad_load"]
                                         / in_feed.PLATFORM.base()["watch_time_elasticity"])["revenue_per_year_usd_b"]),
        Mistake("forgot that viewers watch less at the higher ad load",
                lambda: in_feed.PLATFORM()["revenue_per_year_usd_b"] / in_feed.PLATFORM.base()["watch_time_elasticity"]),
        Mistake("gave the model's revenue at its own best ad load, where the price still falls",
                lambda: in_feed.PLATFORM()["best_revenue_per_year_usd_b"]),
    ),
    shown=lambda: _fixed_price_revenue(round(in_feed.PLATFORM()["revenue_per_year_usd_b"], 1)),
    follow_up=(
        "Argues that a price that does not fall needs advertisers' demand to grow as fast as the slots (new "
         "advertisers, better targeting): partly plausible over several years, not over a few months.",
        "Concludes that the model's best ad load, lower and with less revenue at the top, is the short-run answer; "
         "the gap shows how much the ad-load decision rests on advertisers, not only on viewers.",
    ),
))
register(Exercise(
    "02.5", "calculation", "The conversion rate at which the advertiser wins one auction in ten",
    hint="It wins when its bid beats all n − 1 rivals, a share (b/v̄)^(n−1) of its auctions, with v̄ = CPM × (n + 1)/"
         "(n − 1). Set that share to one tenth, solve for the bid b, then for the conversion rate from "
         "b = 1,000 × click-through rate × conversion rate × sale value × margin.",
    answer=_tenth_win_cvr, unit="share", form="multi-step",
    mistakes=(
        Mistake("left out the margin: solved for sales, not gross profit, per 1,000 impressions",
                lambda: _tenth_win_cvr(margin=False)),
        Mistake("set the bid to the market's average price: that is where the old rule said it stops winning, "
                "not where it wins one in ten", lambda: data.value("in_feed_cpm") / (
                    1000 * data.value("click_through_rate") * data.value("value_per_conversion")
                    * data.value("product_gross_margin"))),
        Mistake("set the bid to a tenth of the top value instead of the bid that wins one auction in ten",
                lambda: _tenth_win_cvr(share=0.1 ** (in_feed.BIDDERS.base - 1))),
    ),
    shown=lambda: _tenth_win_cvr(),  # every input is printed exactly above
    follow_up=(
        "Explains that below that rate the advertiser still buys nothing at a loss: it wins fewer of the auctions it "
        "enters, pays less for each, and must enter more of them to spend its budget.",
        "Says what it could change to reach more of its viewers: a higher click rate (a better video, better "
        "targeting), dearer items or bundles, or a product with a better margin.",
    ),
))
register(Exercise(
    "02.6", "written", "Why not show the revenue-maximising number of ads?",
    hint="Think beyond one year's revenue: what do viewers, rivals and advertisers do when the feed fills with ads?",
    rubric=("Full marks (3), excellent: argues, with the mechanism of each, that the elasticity is uncertain and "
            "may grow over time (habits form slowly, viewers drift to rivals such as Reels and Shorts); that fewer, "
            "better ads keep prices (CPM) and ad performance up; and that a lower ad load protects growth in users, "
            "which drives every stream; uses the model's evidence (the revenue curve is flat near its peak, so "
            "little is given up). 2, good: two reasons argued soundly, but not tied to the model's numbers or "
            "curve, or the curve quoted with one reason only. 1, weak: reasons asserted ('ads annoy viewers') "
            "without why they cost revenue later, and no evidence. 0: missing, or no reason given."),
    covers=(
        "Says the elasticity of viewing is uncertain and probably larger in the long run: habits change slowly, "
         "and viewers who find the feed too commercial drift to Reels or Shorts.",
        "Explains that fewer ads keep each ad more effective (less clutter, more attention), which keeps CPMs and "
         "advertisers' returns up.",
        "Links a lower ad load to growth in users, which every stream depends on.",
        "Notes that the revenue curve is flat near its peak, so giving up a little revenue this year costs little.",
    ),
))


def _elasticity_for_today() -> float:
    """The watch-time elasticity at which today's ad load is the revenue-maximising one: at L = L₀ the bidders per
    impression are n₀, so ε + 2n₀/(n₀² − 1) = 1."""
    n = in_feed.PLATFORM.base()["bidders"]
    return 1 - 2 * n / (n * n - 1)


register(Exercise(
    "02.7", "calculation", "The elasticity at which today's ad load is the best one",
    hint="The best ad load is where ε × L/L₀ + 2n/(n² − 1) = 1, with n = n₀ × L₀/L bidders per impression. Put L = L₀ "
         "(today's ad load): then n = n₀, and solve for ε.",
    answer=_elasticity_for_today, unit="number", form="apply",
    mistakes=(
        Mistake("left out the price: more slots also lower the auction's price, so viewing alone need not fall one "
                "for one", lambda: 1.0),
        Mistake("read the heatmap's row whose best cell is today's ad load: its grid moves in steps, so the row only "
                "brackets the answer", lambda: 0.9),
    ),
    shown=_elasticity_for_today,  # the bidders are printed exactly above
    follow_up=(
        "Places the elasticity against its plausible range and the base value: inside the range and close to the "
        "base, so whether today's ad load is the best one turns on an input no one has measured well.",
        "Explains why the answer is below one: one more slot also lowers the auction's price, so viewing need fall "
        "less than one for one for the slot to stop paying.",
    ),
))

