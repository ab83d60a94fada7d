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
))
register(Exercise(
    "10.7", "choice", "Three blogs, one price: how much evidence is that?",
    hint="Look at the years, the ranges and what each page says its figure rests on. Agreement counts as evidence "
         "only if the sources found the figure independently.",
    answer=_independent_challenge_prices, options=("three", "two", "at most one"),
))
register(Exercise(
    "10.8", "written", "A claim you could not find, until you could",
    hint="Think about who wrote the article and why, what kind of source could confirm a figure, and what a number "
         "needs besides its digits: a market, a date, and what it is a fee for.",
    rubric=("Full marks (3): (a) until a source is found, labels the figure an unverified blog claim, keeps it out "
            "of the inputs or gives it a wide range, and looks for official fee pages, sellers' breakdowns, the "
            "press and research firms, comparing what exactly is measured; (b) judges it roughly right for one "
            "market only: the article names no market or date and calls a payment fee 'shopping costs', so a "
            "reader could not have used it as written; (c) notes that the articles are marketing for "
            "follower-growth services, so accuracy is not their aim. 2: two of these. 1: one. 0: none."),
))
