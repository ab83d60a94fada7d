"""The registry of revenue streams: a new stream takes one entry and flows through revenue, costs, the outlook,
the views and Monte Carlo; the course's own models are the registry's; a bad entry is refused by name."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import analysis, charts, outlook, revenue_mix, start, streams  # noqa: E402
from helpers.params import Inputs, Model, Param, tidy  # noqa: E402

# A toy stream: paid subscriptions, subscribers × a yearly price.
SUBSCRIBERS = Param("subscribers_m", "Paying subscribers", "million users", min=0, max=100, step=1, default=10,
                    plausible=(5, 20))
PRICE = Param("subscription_usd", "Subscription price per year", "USD per user per year", min=0, max=200, step=1,
              default=50, plausible=(40, 60))
SUBS_GROWTH = Param("subs_growth", "Subscriber growth per year", "share", min=-0.3, max=1, step=0.01, default=0.25,
                    plausible=(0.1, 0.4))
SUBS = Model("Subscriptions", lambda p: tidy({"subs_usd_b": np.asarray(p.subscribers_m) * p.subscription_usd / 1000}),
             params=(SUBSCRIBERS, PRICE), outputs={"subs_usd_b": "USD billion"})
TOY = streams.Stream("subs", "Subscriptions", "pink", SUBS, "subs_usd_b", advertising=False, growth=SUBS_GROWTH,
                     glance="gifts", notebook="(none)")
WITH_TOY = (*streams.STREAMS, TOY)
TOY_REVENUE = 10 * 50 / 1000  # USD billion


@pytest.fixture(scope="module")
def models():
    company = revenue_mix.company_model(WITH_TOY)
    return company, outlook.outlook_model(WITH_TOY, company)


def test_the_course_models_are_built_from_the_registry():
    assert revenue_mix.COMPANY.evaluate(revenue_mix.COMPANY.inputs()) == revenue_mix.company_model().evaluate(
        revenue_mix.COMPANY.inputs())
    company = revenue_mix.COMPANY()
    assert [k for k in company if k.endswith("_usd_b")][:len(streams.STREAMS)] == [s.column for s in streams.STREAMS]
    assert company["revenue_usd_b"] == pytest.approx(sum(company[s.column] for s in streams.STREAMS))
    for s in streams.STREAMS:  # each stream's revenue is its model's output, before company-wide changes
        assert s.model.name in {m.name for m in revenue_mix.COMPANY.parts}
        assert company[s.column] == pytest.approx(float(s.revenue(_inputs())))
    growth = {s.growth.name for s in streams.STREAMS}
    assert growth <= set(outlook.OUTLOOK.names)
    table = streams.overview()
    assert list(table.index) == [s.label for s in streams.STREAMS]


def _inputs():
    return Inputs(revenue_mix.COMPANY.inputs())


def test_a_new_stream_adds_to_revenue_and_to_the_costs_that_grow_with_it(models):
    company, _ = models
    base, toy = revenue_mix.COMPANY(), company()
    assert toy["subs_usd_b"] == pytest.approx(TOY_REVENUE)
    assert toy["revenue_usd_b"] == pytest.approx(base["revenue_usd_b"] + TOY_REVENUE)
    share = company.param("infrastructure_share").base + company.param("staff_other_share").base
    assert toy["costs_usd_b"] == pytest.approx(base["costs_usd_b"] + share * TOY_REVENUE)
    assert toy["ads_share"] < base["ads_share"]  # not paid by advertisers
    # Its inputs are the company's, validated like any other; company-wide shocks reach it.
    assert company(subscribers_m=20)["subs_usd_b"] == pytest.approx(2 * TOY_REVENUE)
    assert company(lost_market_share=0.5)["subs_usd_b"] == pytest.approx(TOY_REVENUE / 2)
    with pytest.raises(ValueError, match="subscribers_m must be between 0 and 100"):
        company(subscribers_m=-1)


def test_a_new_stream_grows_at_its_own_rate_in_the_outlook(models):
    _, ahead = models
    out = ahead()
    assert out["subs_y0_usd_b"] == pytest.approx(TOY_REVENUE)
    assert out["subs_y3_usd_b"] == pytest.approx(TOY_REVENUE * 1.25 ** 3)
    assert out["revenue_y3_usd_b"] == pytest.approx(outlook.OUTLOOK()["revenue_y3_usd_b"] + TOY_REVENUE * 1.25 ** 3)
    assert out["ads_y3_usd_b"] == pytest.approx(outlook.OUTLOOK()["ads_y3_usd_b"])  # not an advertising stream
    assert ahead(subs_growth=0)["subs_y3_usd_b"] == pytest.approx(TOY_REVENUE)


def test_a_new_stream_is_drawn_and_read_out(models):
    company, ahead = models
    for view, model, bars in ((charts.revenue_mix.company_view(company, WITH_TOY), company, None),
                              (charts.outlook.outlook_view(ahead, WITH_TOY), ahead, "Subscriptions")):
        fig, ax = plt.subplots()
        view.draw(ax, model(), model.inputs())
        if bars:
            assert bars in [t.get_text() for t in ax.get_legend().get_texts()]
        else:
            assert "Subscriptions" in [t.get_text() for t in ax.get_xticklabels()]
        plt.close(fig)
        assert any(label.startswith("Subscriptions") for label in view.readout(model(), model.inputs()))


def test_a_new_stream_is_varied_by_monte_carlo(models):
    company, _ = models
    draws = analysis.monte_carlo(company, n=4_000, seed=3, names=["subscribers_m"])
    assert draws["subs_usd_b"].min() >= 5 * 50 / 1000 - 1e-12 and draws["subs_usd_b"].max() <= 20 * 50 / 1000 + 1e-12
    assert draws["subs_usd_b"].std() > 0.05
    assert np.allclose(draws["revenue_usd_b"] - draws["subs_usd_b"], revenue_mix.COMPANY()["revenue_usd_b"])
    assert "subscribers_m" in analysis.one_way(company, "revenue_usd_b")["parameter"].tolist()


def test_every_colour_a_stream_may_take_is_in_the_house_palette():
    from helpers import style

    assert set(streams.COLOURS) == set(style.NAMED)
    assert all(s.colour in style.NAMED for s in streams.STREAMS)


def test_a_bad_entry_is_refused_by_name():
    with pytest.raises(ValueError, match="colour must be one of"):
        streams.Stream("x", "X", "teal", SUBS, "subs_usd_b", False, SUBS_GROWTH, "gifts", "-")
    with pytest.raises(ValueError, match="has no output 'subs'"):
        streams.Stream("x", "X", "pink", SUBS, "subs", False, SUBS_GROWTH, "gifts", "-")
    with pytest.raises(ValueError, match="glance must be one of ads, gifts, shop"):
        streams.Stream("x", "X", "pink", SUBS, "subs_usd_b", False, SUBS_GROWTH, "subscriptions", "-")
    with pytest.raises(ValueError, match="must be in USD billion"):
        streams.Stream("x", "X", "pink", start.REVENUE_AT_A_GLANCE, "ads_share", False, SUBS_GROWTH, "ads", "-")
    with pytest.raises(ValueError, match="given twice: subs"):
        revenue_mix.company_model((*WITH_TOY, TOY))
    with pytest.raises(ValueError, match="at least one"):
        outlook.outlook_model(())
