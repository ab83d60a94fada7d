"""The house style: readable money, deterministic pictures, and no chart without a text alternative."""

from __future__ import annotations

import pytest

from helpers import style


@pytest.mark.parametrize("x, text", [(1.2e9, "$1.2B"), (350e6, "$350M"), (16.35, "$16.35"), (-5e6, "-$5.0M"),
                                     (50_000, "$50k"), (250, "$250"), (0, "$0"), (2.5e12, "$2.5T"),
                                     # below ten cents the digits that matter stay: half a cent is not a cent
                                     (0.005, "$0.005"), (0.0106, "$0.0106"), (0.05, "$0.05"),
                                     # a loss that rounds to nothing is not a loss
                                     (-1e-9, "$0.00"), (-0.004, "-$0.004"),
                                     # two significant figures from $1,000: no "$45.0M" beside "$1.1B"
                                     (45e6, "$45M"), (31.08e9, "$31B"), (6.34e9, "$6.3B"), (1_060, "$1.1k"),
                                     (999.6e6, "$1.0B"), (730e6, "$730M")])
def test_money(x, text):
    assert style.money(x) == text


@pytest.mark.parametrize("x, unit, text", [(1.2, "USD billion", "$1.2B"), (350, "USD million", "$350M"),
                                           (35, "USD thousand", "$35k"), (-0.5, "USD billion", "-$500M")])
def test_money_from_its_unit(x, unit, text):
    assert style.money(x, unit) == text


def test_more_figures_only_when_asked():
    assert style.money(31.08, "USD billion", digits=1) == "$31.1B"
    assert style.money(31.08, "USD billion") == "$31B"


def test_cents_of_a_dollar_have_two_significant_figures():
    assert [style.cents_of(v) for v in (0.3947, 0.386, 0.021, 0.009, 1.0)] == ["39¢", "39¢", "2.1¢", "0.9¢", "100¢"]


def test_fact_tables_write_money_as_the_course_does():
    from helpers import data

    assert [data._format_value(v, u) for v, u in ((28.09, "USD billion"), (0.0212, "share"), (530, "EUR million"),
                                                   (12.7, "GBP million"), (5.16, "USD per 1000 impressions"),
                                                   (0.045, "USD billion"))] == ["$28B", "2.1%", "€530M", "£13M", "$5.16",
                                                                                "$45M"]


def test_an_unknown_money_unit_is_refused():
    with pytest.raises(ValueError, match="unit must be one of USD, USD thousand, USD million, USD billion, got 'USD bn'"):
        style.money(1, "USD bn")
    fig, ax = style.figure()
    with pytest.raises(ValueError, match="got 'EUR'"):
        style.money_axis(ax, "y", unit="EUR")


def test_number_and_percent():
    assert style.number(1.04e9) == "1.0 billion"
    assert style.number(950) == "950"
    assert style.percent(0.355) == "36%" and style.percent(0.355, 1) == "35.5%"


def test_png_is_deterministic_and_show_needs_alt():
    fig, ax = style.figure()
    ax.bar(["a", "b"], [1, 2])
    style.decorate(ax, title="B is twice A", ylabel="Count", source="Source: test")
    assert style.png(fig) == style.png(fig)
    assert style.png(fig)[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="alt must describe the chart"):
        style.show(fig, " ")


def test_palette_is_the_colour_blind_safe_one():
    assert style.PALETTE[0] == "#0173B2" and len(set(style.PALETTE)) == len(style.PALETTE)
