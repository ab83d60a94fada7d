"""Exercises of notebook 10, Reading the sources."""

from .. import data, gifts, revenue_mix, sources
from . import Exercise, Mistake, register


def _implied_cpm(price: str = "claim_brand_takeover_price") -> float:
    """The price per 1,000 impressions a takeover price implies for the 2019 deck's guaranteed impressions (USD)."""
    return data.value(price) / data.value("takeover_impressions_per_day") * 1000


def _times_needed(spending: str = "inapp_spend_2023", keep: float | None = None) -> float:
    """How many times as large app-store spending would have to be for TikTok's part of it to match advertising."""
    keep = gifts.GIFTS(web_share=0.0)["tiktok_per_dollar"] if keep is None else keep
    return data.value("tiktok_ad_revenue_2024_central") / (data.value(spending) * keep)


def _revenue_with(users_m: float) -> float:
    return revenue_mix.COMPANY(monthly_users_m=users_m)["revenue_usd_b"]


def _commonest_verdict() -> str:
    """The prediction's answer: the verdict the claims get most often."""
    return sources.claims_table()["verdict"].value_counts().idxmax()

register(Exercise(
    "10.1", "prediction", "Which verdict do the articles' claims get most often?",
    hint="Ask what a blog post usually gets wrong: the figure itself, or what the figure is about.",
    options=("supported", "roughly right", "contradicted", "unverifiable"), answer=_commonest_verdict, form="predict",
    explain=("'Roughly right' is the commonest verdict. The articles seldom invent a figure: they take a real one "
             "and strip it of what makes it usable — the market, the date, what exactly is counted ('shopping "
             "costs', an 'up to'). Only a couple of claims are contradicted outright; several cannot be checked at "
             "all (a forecast by unnamed experts, prices no one publishes, a claim only the company's own word "
             "supports), so 'unverifiable' comes a close second. Most readers expect a blog to be plainly "
             "wrong; the commoner and subtler fault is a figure that is true somewhere, for something, at some time, "
             "and so cannot be used as written."),
))
register(Exercise(
    "10.2", "calculation", "The price per thousand impressions the takeover claim implies",
    hint="A CPM is a price per 1,000 impressions: divide the article's price per day by the impressions a takeover "
         "was guaranteed per day (takeover_impressions_per_day), then multiply by 1,000.",
    answer=_implied_cpm, unit="USD",
    mistakes=(
        Mistake("used the course's 2019 basis price (takeover_price_2019) where the question asks about the article's "
                "claim", lambda: _implied_cpm("takeover_price_2019")),
        Mistake("divided the impressions by the price instead of the price by the impressions",
                lambda: data.value("takeover_impressions_per_day") / data.value("claim_brand_takeover_price")),
    ),
    shown=_implied_cpm,  # both figures are whole numbers, shown exactly
    follow_up=(
        "Compares the implied CPM with the fixed CPM quoted in 2019 and the course's in-feed CPM: it is well above "
         "both.",
        "Weighs it: a full-screen ad on app open is TikTok's most visible inventory and prices have moved since "
         "2019, so a higher CPM is plausible as an upper end.",
        "Notes that no source gives a takeover price and 'up to' sets no price at all: believable, but not "
         "checkable.",
    ),
))
register(Exercise(
    "10.3", "calculation", "How far in-app spending is from earning most of the revenue",
    hint="App-store spending is what viewers pay, not what TikTok keeps: multiply it by TikTok's part of each dollar "
         "spent in the app (the coin model of notebook 04 with every coin bought in the app, web share 0). Then "
         "divide the advertising revenue by that.",
    answer=_times_needed, unit="multiple", form="multi-step",
    mistakes=(
        Mistake("compared gross spending with advertising (gross for net): TikTok keeps only part of each dollar "
                "spent on coins", lambda: _times_needed(keep=1.0)),
        Mistake("forgot the app store's cut: it is taken before TikTok's part",
                lambda: _times_needed(keep=1 - gifts.GIFTS(web_share=0.0)["creator_per_dollar"])),
        Mistake("used the lifetime spending (the headline figure) where the question asks for one year's",
                lambda: _times_needed("inapp_spend_lifetime_2023")),
    ),
    # From the table as printed (the central estimate to one decimal); TikTok's part per dollar is not printed here.
    shown=lambda: round(data.value("tiktok_ad_revenue_2024_central"), 1)
    / (round(data.value("inapp_spend_2023"), 1) * gifts.GIFTS(web_share=0.0)["tiktok_per_dollar"]),
))
register(Exercise(
    "10.4", "what-if", "GMV if you trust only the analysts",
    hint="In the trust panel, set the weight on news reports to 0 (the analysts' weight at base) and read the "
         "estimate.",
    answer=lambda: sources.TRUST(weight_news=0.0)["gmv_estimate_usd_b"], rel_tol=0.01,
))
register(Exercise(
    "10.5", "calculation", "The company's revenue with the other estimate of its users",
    hint="Call the company model with monthly_users_m set to eMarketer's estimate (tiktok_mau_2024_emarketer) and read "
         "revenue_usd_b; then ask which of its streams depend on the number of users.",
    answer=lambda: _revenue_with(data.value("tiktok_mau_2024_emarketer")), unit="USD billion", form="extend",
    mistakes=(
        Mistake("scaled all of revenue by the ratio of the two estimates, but in the model only in-feed advertising "
                "grows with the number of users",
                lambda: revenue_mix.COMPANY()["revenue_usd_b"] * data.value("tiktok_mau_2024_emarketer")
                / data.value("tiktok_mau_2024_warc")),
        Mistake("gave the fall in revenue instead of the revenue itself",
                lambda: revenue_mix.COMPANY()["revenue_usd_b"] - _revenue_with(data.value("tiktok_mau_2024_emarketer"))),
        Mistake("kept the base case's monthly users (WARC's estimate)", lambda: revenue_mix.COMPANY()["revenue_usd_b"]),
    ),
    shown=lambda: _revenue_with(data.value("tiktok_mau_2024_emarketer")),  # the user estimates are shown exactly
    follow_up=(
        "Explains that in the model only in-feed advertising grows with the number of users (impressions are users "
         "× viewing × ad load); premium formats, the Shop and coins come from their own inputs.",
        "Doubts that part: with fewer users TikTok would also have fewer buyers, gift senders and brands paying "
         "for takeovers, so the true fall would likely be larger.",
        "Notes that the choice between two analyst estimates moves revenue by billions of dollars, which is why "
         "the course carries a range.",
    ),
))
def _what_39b_measures() -> str:
    """What the '$39 billion in the U.S.' headline relays (information_2025): The Information reported ByteDance's
    revenue outside China; the audit traced the relay (data/CHANGELOG.md). The course's fact for it is
    bytedance_intl_revenue_2024, and the check below keeps the answer tied to that row."""
    f = data.fact("bytedance_intl_revenue_2024")
    if f.source_id != "information_2025" or "outside" not in f.region:
        raise ValueError("bytedance_intl_revenue_2024 no longer holds the relayed figure: revise exercise 10.6")
    return "bytedance outside china"


def _independent_challenge_prices() -> str:
    """How many independent pieces of evidence the blogs' challenge prices amount to: blogs that give the same
    range and name no source for it count as one at most."""
    rows = data.estimates("hashtag_challenge_price")
    blogs = rows[rows["kind"] == "blog claim"]
    same_range = blogs[["low", "high"]].drop_duplicates()
    return "at most one" if len(blogs) == 3 and len(same_range) == 1 else "three"


register(Exercise(
    "10.6", "choice", "Reading a relay laterally: what does '$39 billion' measure?",
    hint="Leave the page: set the headline's figure beside what other sources say about TikTok's US revenue and "
         "about ByteDance's revenue, and ask which of them it could be.",
    answer=_what_39b_measures, options=("tiktok us", "bytedance outside china", "bytedance worldwide"),
    follow_up=(
        "Uses the table to rule out the other readings: TikTok's US revenue (the FT's 2023 figure) would have had "
         "to grow about two and a half times in a year, and ByteDance's worldwide revenue is about four times as "
         "large.",
        "Checks the fit against independent figures: the first half of 2024, reported months earlier, with a "
         "second half grown at the reported rate, brings the year close to the headline figure.",
        "To confirm it, finds the report the page relays (The Information, via Tubefilter) or another outlet that "
         "cites it, and reads what it says the figure covers.",
    ),
))
register(Exercise(
    "10.7", "choice", "Three blogs, one price: how much evidence is that?",
    hint="Look at the years, the ranges and what each page says its figure rests on. Agreement counts as evidence "
         "only if the sources found the figure independently.",
    answer=_independent_challenge_prices, options=("three", "two", "at most one"),
    follow_up=(
        "Notes the three pages are blogs, written years apart, giving exactly the same range and naming no source: "
         "an identical range repeated for years marks copying, or one old figure.",
        "Says agreement is evidence only when the sources found the figure independently; independent measurements "
         "agree roughly, and their dates show the price moving.",
        "Names what would count as a second piece: TikTok's own rate card, an advertiser's or agency's disclosure "
         "of a named campaign's cost, or a press report that names its source.",
    ),
))
register(Exercise(
    "10.8", "written", "A claim you could not find, until you could",
    hint="Think about who wrote the article and why, what kind of source could confirm a figure, and what a number "
         "needs besides its digits: a market, a date, and what it is a fee for.",
    rubric=("Full marks (3), excellent: (a) until a source is found, labels the figure an unverified blog claim, "
            "keeps it out of the inputs or gives it a wide range, and explains how to check it (official fee pages, "
            "sellers' breakdowns, the press, research firms, comparing what is measured); (b) judges it roughly "
            "right for one market and explains why the wording fails a reader (no market or date; a payment fee "
            "called 'shopping costs'); (c) argues from the article's kind: marketing for follower-growth services, "
            "citing no sources. 2, good: all three parts reasoned but the checks vague (no kind of source named), "
            "or two parts argued well and one missing. 1, weak: verdicts without reasons ('blogs are unreliable'), "
            "no source named. 0: missing."),
    covers=(
        "(a) Before a match, treats the figure as an unverified blog claim: kept out of the inputs, or used only "
         "with a wide range.",
        "(a) Says how to check it: TikTok's seller fee pages market by market, sellers' published fee breakdowns, "
         "the local press and analysts, asking what 'orders' and 'shopping costs' include.",
        "(b) Judges it roughly right for one market (Malaysia's payment fee, on top of the commission, from one "
         "date), but the wording names neither market nor date, so a reader could not have used it.",
        "(c) Notes that the article sells a service and cites nothing: one figure right for one market does not "
         "make its others reliable; each needs its own check.",
    ),
))
