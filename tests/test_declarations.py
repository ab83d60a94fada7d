"""Models read only what they declare, and one name means one thing.

* Every model runs with the data tables out of reach: whatever it reads while it runs is a declared input,
  so sensitivity analysis and Monte Carlo can vary it.
* A model built from others has every input of its parts, and analysis of the whole varies them.
* A parameter name has one declaration across the course, and a fact is declared under one name (or under
  a second name that explicitly ``follows`` the first: an observed reference point).
"""

from __future__ import annotations

import importlib
import pkgutil

import numpy as np
import pytest

import helpers
from helpers import analysis, data
from helpers.params import Model, Param
from tests.models import ALL_MODELS


def _all_params() -> list[tuple[str, Param]]:
    """Every Param declared anywhere in helpers/ (module attributes, tuples of them, and models' inputs)."""
    found = []
    for info in pkgutil.iter_modules(helpers.__path__):
        module = importlib.import_module(f"helpers.{info.name}")
        for attr, obj in vars(module).items():
            items = obj if isinstance(obj, tuple) else (obj,)
            for item in items:
                if isinstance(item, tuple):  # (Param, kind) pairs
                    item = item[0] if item and isinstance(item[0], Param) else None
                if isinstance(item, Param):
                    found.append((f"helpers.{info.name}.{attr}", item))
                elif isinstance(item, Model):
                    found += [(f"helpers.{info.name}.{attr}", p) for p in item.params]
    return found


@pytest.fixture
def facts_out_of_reach(monkeypatch):
    """While active, any look-up of a fact, a table or a value raises."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("a model read data/ while it ran: declare that input as a Param")

    monkeypatch.setattr(data, "_fact_index", refuse)
    monkeypatch.setattr(data, "_tables", refuse)


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.name)
def test_a_model_reads_nothing_behind_its_declarations(model, request):
    scalar = model.inputs()
    arrays = {k: np.full(3, v) for k, v in scalar.items()}
    expected = model.evaluate(scalar)
    request.getfixturevalue("facts_out_of_reach")
    assert model.evaluate(scalar) == expected
    vector = model.evaluate(arrays)
    for k, v in expected.items():
        assert np.allclose(np.broadcast_to(vector[k], (3,)), v, equal_nan=True), k


def test_the_guard_catches_a_model_that_reads_a_fact(facts_out_of_reach):
    """The fixture above is what makes the test fail: a model that looks a fact up is caught."""
    sneaky = Model("sneaky", lambda p: {"x": p.a * data.value("ad_load")},
                   (Param("a", "A", "ratio", min=0, max=1, step=0.1, default=0.5, plausible=(0, 1)),))
    with pytest.raises(AssertionError, match="declare that input"):
        sneaky.evaluate({"a": 0.5})


@pytest.mark.parametrize("model", [m for m in ALL_MODELS if m.parts], ids=lambda m: m.name)
def test_a_whole_has_every_input_of_its_parts(model):
    for part in model.parts:
        missing = set(part.names) - set(model.names)
        assert not missing, f"{model.name} lacks {missing} of {part.name}"
        for c in part.constraints:
            assert c in model.constraints


def test_analysis_of_the_company_varies_the_inputs_of_its_parts():
    from helpers import gifts, premium, revenue_mix

    swing = analysis.one_way(revenue_mix.COMPANY, "revenue_usd_b").set_index("parameter")["swing"]
    for name in (premium.TAKEOVER_PRICE.name, gifts.APP_COIN.name, gifts.STORE_RATE.name, "observed_ad_load"):
        if name == "observed_ad_load":  # it follows the ad load: varied with it, not on its own
            assert name not in swing.index
        else:
            assert swing[name] > 0, name
    draws = analysis.draw_inputs(revenue_mix.COMPANY, 200, seed=1)
    assert np.ptp(draws["takeover_price_usd"]) > 0 and np.ptp(draws["app_store_commission"]) > 0
    assert np.array_equal(draws["observed_ad_load"], draws["ad_load"])  # drawn together


def test_a_follower_moves_with_its_leader_in_analysis_but_not_on_a_slider():
    from helpers import in_feed

    # On a slider, a higher ad load costs watch time (the reference stays where the minutes were measured) ...
    assert in_feed.PLATFORM(ad_load=0.2)["minutes_per_user_day"] < in_feed.PLATFORM()["minutes_per_user_day"]
    # ... in a tornado, not knowing today's ad load does not: both move, and minutes stay as measured.
    row = analysis.one_way(in_feed.PLATFORM, "minutes_per_user_day", names=["ad_load"]).iloc[0]
    assert row["output_at_low"] == pytest.approx(row["output_at_high"])


def test_one_name_one_meaning():
    by_name: dict[str, dict] = {}
    for where, p in _all_params():
        by_name.setdefault(p.name, {}).setdefault(p, where)
    twice = {n: list(d.values()) for n, d in by_name.items() if len(d) > 1}
    assert not twice, f"names declared with two meanings: {twice}"


def test_one_fact_one_name():
    names_of: dict[str, dict[str, Param]] = {}
    for _where, p in _all_params():
        if p.fact:
            names_of.setdefault(p.fact, {})[p.name] = p
    for fact, params in names_of.items():
        if len(params) == 1:
            continue
        leaders = [p for p in params.values() if p.follows is None]
        followers = [p for p in params.values() if p.follows is not None]
        assert len(leaders) == 1 and all(f.follows == leaders[0].name for f in followers), (
            f"fact {fact!r} is declared under {sorted(params)}: use one declaration, or mark the observed "
            "reference point with follows=")


def test_model_construction_refuses_a_name_with_two_meanings():
    a = Param("a", "A", "ratio", min=0, max=1, step=0.1, default=0.5, plausible=(0, 1))
    a2 = Param("a", "Another A", "ratio", min=0, max=2, step=0.1, default=0.5, plausible=(0, 1))
    part = Model("part", lambda p: {"x": p.a}, (a,))
    with pytest.raises(ValueError, match="'a' is declared twice with different meanings"):
        Model("whole", lambda p: {"y": p.a}, (a2,), parts=(part,))
    Model("whole", lambda p: {"y": p.a}, (a,), parts=(part,))  # the same declaration is fine
