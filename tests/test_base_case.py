"""The base case rests on the best evidence, and every notebook shows one value for one quantity.

The course's central estimate of TikTok's 2024 revenue is triangulated in ``data/facts_start.csv`` from
independent sources; every model's base case is calibrated to it. These tests compare the models with the
2024 estimates of the same scope only (TikTok outside mainland China, 2024, not a blog's claim), and read
the executed notebooks for a quantity shown with two values.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest

from helpers import data, gifts, revenue_mix, shop, start
from tests.conftest import ROOT

SCOPE = "outside mainland China"


def _estimates(quantity: str) -> list[float]:
    """The 2024 estimates of a quantity for TikTok as a whole, leaving out blog claims."""
    e = data.estimates(quantity)
    same = e[(e["year"] == 2024) & (e["region"] == SCOPE) & (e["kind"] != "blog claim")]
    assert len(same) >= 3, f"too few 2024 estimates of {quantity} to compare with"
    return list(same["value"])


@pytest.fixture(scope="module")
def company():
    return revenue_mix.COMPANY.evaluate(revenue_mix.COMPANY.base())


def test_the_company_base_case_lies_among_the_estimates_of_its_scope(company):
    revenue = _estimates("tiktok_revenue")
    assert min(revenue) <= company["revenue_usd_b"] <= max(revenue), (company["revenue_usd_b"], revenue)
    ads = _estimates("tiktok_ad_revenue")
    company_ads = company["in_feed_usd_b"] + company["premium_usd_b"]
    assert min(ads) <= company_ads <= max(ads), (company_ads, ads)


def test_the_company_is_calibrated_to_the_central_estimate(company):
    assert company["revenue_usd_b"] == pytest.approx(data.value("tiktok_revenue_2024_central"), rel=0.01)
    assert company["in_feed_usd_b"] + company["premium_usd_b"] == pytest.approx(
        data.value("tiktok_ad_revenue_2024_central"), rel=0.01)


def test_the_blog_figures_are_not_the_base_case(company):
    """The aggregator's $23B total stays in data/ as a claim; the base case is not built on it."""
    assert data.fact("tiktok_revenue_2024").kind == "blog claim"
    # The claim lies below the evidence's own range, and the base case well above the claim.
    assert data.value("tiktok_revenue_2024") < data.fact("tiktok_revenue_2024_central").low
    assert company["revenue_usd_b"] > data.value("tiktok_revenue_2024") * 1.2


def test_one_quantity_has_one_value_across_the_models(company):
    glance = start.REVENUE_AT_A_GLANCE.evaluate(start.REVENUE_AT_A_GLANCE.base())
    coins = gifts.GIFTS.evaluate(gifts.GIFTS.base())["tiktok_usd_b"]
    gmv = shop.GMV.evaluate(shop.GMV.base())
    assert glance["gifts_usd_b"] == pytest.approx(coins, rel=0.005) == company["gifts_usd_b"]
    assert glance["shop_usd_b"] == pytest.approx(gmv["commission_usd_b"], rel=0.005)
    assert company["shop_usd_b"] == pytest.approx(gmv["commission_usd_b"])
    assert start.SHOP_GMV.base == pytest.approx(gmv["gmv_usd_b"], rel=0.005)
    assert glance["ads_usd_b"] == pytest.approx(company["in_feed_usd_b"] + company["premium_usd_b"], rel=0.01)
    assert glance["total_usd_b"] == pytest.approx(company["revenue_usd_b"], rel=0.01)


# ----------------------------------------------------------------------- what the notebooks show
#: The names under which the notebooks show one quantity of the base case.
SHOWN_AS = {
    "TikTok's take from coins": ("Coins and gifts", "TikTok per year", "TikTok's yearly take from coins (outside China)"),
    "the Shop's commission": ("TikTok Shop", "TikTok Shop commission", "TikTok's commission per year"),
    "the Shop's GMV": ("GMV per year", "shop_gmv_2024_tabcut", "TikTok Shop sales (GMV)"),
    "TikTok's revenue": ("Total", "Revenue"),
}
_MONEY = r"\s*[:=]?\s+(-?\$[\d.,]+[kMBT]?)"


def _shown(text: str, base_case: bool = True) -> dict[str, set[str]]:
    """The values a text shows for each quantity. A fact's id is read in any output (a table of facts shows
    the data); a readout's label only where the output shows the base case."""
    found = defaultdict(set)
    for quantity, labels in SHOWN_AS.items():
        for label in labels:
            if not base_case and "_" not in label:
                continue
            for m in re.finditer(r"(?:^|[;:\n(] ?)" + re.escape(label) + _MONEY, text):
                found[quantity].add(m.group(1))
    return found


def _base_case_outputs():
    """The text of every output, and whether it shows the base case (panels' readouts, printed worked numbers)."""
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            for out in cell.get("outputs", []):
                text = "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
                yield path.name, text, "(base case)" in text or out.get("output_type") == "stream"


def test_a_quantity_is_shown_with_one_value_in_every_notebook():
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for name, text, base_case in _base_case_outputs():
        for quantity, values in _shown(text, base_case).items():
            for v in values:
                seen[quantity][v].add(name)
    for quantity in ("TikTok's take from coins", "the Shop's commission", "the Shop's GMV"):
        notebooks = set().union(*seen[quantity].values()) if seen[quantity] else set()
        assert len(notebooks) >= 2, f"{quantity} is shown in fewer than two notebooks: nothing to compare"
    # A source's figure at its published precision ($32.6B) and a model's at two figures ($33B) are one value.
    from helpers.exercises import read_display

    def same(vals):
        return len({float(f"{read_display(v):.2g}") for v in vals}) == 1

    twice = {q: {v: sorted(nbs) for v, nbs in vals.items()} for q, vals in seen.items()
             if len(vals) > 1 and not same(vals)}
    assert not twice, f"one quantity shown with two values: {twice}"


def test_the_reader_finds_two_values_of_one_quantity():
    """The reader above can fail: two panels that disagree are caught."""
    found = _shown("Chart, X (base case): Coins and gifts: $705M; TikTok Shop: $1.6B.\nTikTok per year: $778M")
    assert found["TikTok's take from coins"] == {"$705M", "$778M"}
