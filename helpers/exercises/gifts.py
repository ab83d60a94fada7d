"""Exercises of notebook 04, Coins, gifts and diamonds."""

from .. import data, gifts
from . import Exercise, Given, Mistake, course_own, displayed_fact, register, yours


def _bigger_lever() -> str:
    base = gifts.GIFTS()["tiktok_per_dollar"]
    web = gifts.GIFTS(web_share=1.0)["tiktok_per_dollar"] - base
    cut = gifts.GIFTS(creator_share=data.value("creator_share_2025"))["tiktok_per_dollar"] - base
    return "web" if web > cut else "creator"


def _spent() -> float:
    """Exercise 04.4's amount spent in the app: the student's own (the course's $100)."""
    return yours("04.4")["spent_usd"]


def _coins() -> float:
    """Exercise 04.2's gift in coins: the student's own (the course's 1,000)."""
    return yours("04.2")["coins"]


def _in_app_100(**changes) -> float:
    """What TikTok keeps of the amount of exercise 04.4 ($100 in the course's case) of coins bought in the app
    and sent as gifts, in USD."""
    return _spent() * gifts.GIFTS(web_share=0.0, **changes)["tiktok_per_dollar"]


def _tracked_share() -> float:
    return 1 - gifts.GIFTS.base()["web_share"]


#: Exercise 04.1: two parts of a dollar within this much of each other (two cents) count as roughly equal.
TIE_USD = 0.02


def _largest_part() -> str:
    """The prediction's answer: who keeps the largest part of a viewer's dollar in the base case, or "roughly
    equal" when the two largest parts are within two cents of each other."""
    split = gifts.GIFTS()
    parts = {"app store": "app_store_per_dollar", "creator": "creator_per_dollar", "tiktok": "tiktok_per_dollar"}
    first, second = sorted(parts, key=lambda k: split[parts[k]], reverse=True)[:2]
    return "roughly equal" if split[parts[first]] - split[parts[second]] < TIE_USD else first

register(Exercise(
    "04.1", "prediction", "Who keeps the largest part of a viewer's dollar?",
    hint="Think about who is paid first, and what share of a gift's value the creator is credited.",
    options=("app store", "creator", "tiktok", "roughly equal"), answer=_largest_part, form="predict",
    explain=("Roughly equal: the creator and TikTok end up within two cents of each other. The app store is paid "
             "first, but only on coins bought in the app, and its commission is under a third. The creator is "
             "credited about half of the gift's value — valued at the cheaper web price of a coin, so about two "
             "fifths of what the viewer paid. TikTok keeps what is left, and in the base case that comes to about "
             "the creator's part: a small change in the web share or the creator's share changes which of the two "
             "is larger. Most people guess TikTok, expecting the platform to take the biggest cut."),
))
register(Exercise(
    "04.2", "calculation", "What a creator gets for a 1,000-coin gift",
    hint="A gift's value is its coins at the web price of a coin; the creator gets the creator share of that.",
    answer=lambda: gifts.gift_payout(_coins()), unit="USD",
    givens=(Given("coins", "the gift", "coins", 1000, 100, 5000, 10),),
    mistakes=(
        Mistake("used the course's own gift (1,000 coins) instead of yours", course_own("04.2")),
        Mistake("valued the gift at the in-app price of a coin instead of the web price",
                lambda: _coins() * data.value("usd_per_coin_inapp") * data.value("creator_share_of_gifts")),
        Mistake("gave the creator the gift's whole value instead of the creator's share",
                lambda: _coins() * data.value("usd_per_coin_web")),
        Mistake("took the app store's commission off the creator's part (the creator never pays it)",
                lambda: gifts.gift_payout(_coins()) * (1 - data.value("app_store_commission_standard"))),
        Mistake("counted one diamond per coin; the creator is credited diamonds worth the creator's share of the "
                "gift's value at the web price", lambda: _coins() * data.value("diamond_value")),
        Mistake("counted half a diamond per coin; the creator is credited diamonds worth the creator's share of "
                "the gift's value at the web price",
                lambda: _coins() * data.value("creator_share_of_gifts") * data.value("diamond_value")),
    ),
    shown=lambda: _coins() * displayed_fact("usd_per_coin_web") * displayed_fact("creator_share_of_gifts"),
))
register(Exercise(
    "04.3", "what-if", "Which change raises TikTok's cut more?",
    hint="In the panel, first move every purchase to the web (web share 100%), note TikTok's cents, reset, then set "
         "the creator share to the 2025 midpoint and compare.",
    answer=_bigger_lever, options=("web", "creator"),
))
register(Exercise(
    "04.4", "calculation", "What TikTok keeps of $100 spent in the app",
    hint="Count the coins your amount buys at the in-app price; value them at the web price to find the creator's credit; "
         "take off the app store's commission and the creator's credit, and TikTok keeps the rest.",
    answer=_in_app_100, unit="USD", form="multi-step",
    givens=(Given("spent_usd", "spent in the app", "USD", 100, 20, 500, 1),),
    mistakes=(
        Mistake("used the course's own amount ($100) instead of yours", course_own("04.4")),
        Mistake("forgot the app store's commission",
                lambda: _spent() * (1 - gifts.GIFTS(web_share=0.0)["creator_per_dollar"])),
        Mistake("used the base case's mix of web and in-app purchases instead of an in-app purchase",
                lambda: _spent() * gifts.GIFTS()["tiktok_per_dollar"]),
        Mistake("valued the gift at the in-app price of a coin (the creator is credited at the web price)",
                lambda: _spent() * (1 - data.value("app_store_commission_standard") - data.value("creator_share_of_gifts"))),
    ),
    shown=lambda: _spent() * (1 - displayed_fact("app_store_commission_standard")) - _spent() / displayed_fact(
        "usd_per_coin_inapp") * displayed_fact("creator_share_of_gifts") * displayed_fact("usd_per_coin_web"),
))
register(Exercise(
    "04.5", "calculation", "If the trackers saw every coin",
    hint="If the trackers' figure already counted the web purchases, it is all coin spending: do not divide it by the "
         "in-app share; TikTok's take is its share of each dollar times that spending.",
    answer=lambda: gifts.GIFTS(spend_usd_b=gifts.GIFTS.base()["spend_usd_b"] * _tracked_share())["tiktok_usd_b"],
    unit="USD billion", form="extend",
    mistakes=(
        Mistake("gave gross spending (what viewers pay) instead of what TikTok keeps",
                lambda: gifts.GIFTS.base()["spend_usd_b"] * _tracked_share()),
        Mistake("divided by the in-app share again, counting the web purchases a second time",
                lambda: gifts.GIFTS(spend_usd_b=gifts.GIFTS.base()["spend_usd_b"] / _tracked_share())["tiktok_usd_b"]),
        Mistake("kept the model's base case, which adds the web purchases", lambda: gifts.GIFTS()["tiktok_usd_b"]),
    ),
    shown=lambda: round(gifts.GIFTS.base()["spend_usd_b"], 1) * _tracked_share()
    * round(gifts.GIFTS()["tiktok_per_dollar"], 3),
    follow_up=(
        "Explains that the model adds web purchases on top of the trackers' app-store figure, 1/(1 − w) times "
        "it; if the trackers had counted every coin, spending and TikTok's take would both be smaller by the "
        "factor 1 − w.",
        "Concludes that a tracker's app-store figure is a floor for gross bookings, and any take computed from it "
        "a floor too, unless the source says it counts web purchases.",
        "Notes that the correction rests on the web share, which TikTok does not publish: a press figure for coin "
        "revenue should say whether it counts web purchases.",
    ),
))
register(Exercise(
    "04.6", "written", "Do in-app purchases earn TikTok most of its money?",
    hint="Put the yearly spending on coins next to the advertising revenue of notebook 00, then think about what "
         "TikTok keeps of each.",
    rubric=("Full marks (3), excellent: argues with numbers, comparing yearly coin spending (a few billion dollars, "
            "of which TikTok keeps well under half) with advertising revenue (well over ten billion); concludes the "
            "claim is wrong and advertising is the largest stream; explains the likely mistake: the '$10 billion' "
            "figure is lifetime spending. 2, good: the right conclusion and a sound comparison, but gross spending "
            "set against advertising, or no figures, or the mistake's origin left unexplained. 1, weak: says "
            "advertising is larger without figures or reasons. 0: missing, or backs the in-app purchases claim."),
    covers=(
        "Concludes that advertising is by far the larger stream, so the claim about in-app purchases is wrong.",
        "Compares like with like: viewers' yearly spending on coins is a few billion dollars, and after the app "
         "stores and creators TikTok keeps only part of it.",
        "Sets that beside the course's central estimate of advertising revenue, tens of billions of dollars.",
        "Traces the likely mistake: the '$10 billion' headline is lifetime in-app spending since launch, read as a "
         "yearly figure.",
    ),
))
