"""Odd inputs to the public helpers beyond the models: each either works or fails with a clear, named error —
never a traceback from deep inside numpy or pandas."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, strategies as st

from helpers import analysis, data, exercises, start, style

ANYTHING = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                     st.text(max_size=20), st.lists(st.integers(), max_size=3))


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_number_formatting_never_fails(x):
    for f in (style.money, style.number, style.percent):
        if math.isfinite(x):
            assert isinstance(f(x), str)
    assert style.money(float("nan")) == "n/a"


@given(st.text(max_size=30))
def test_unknown_fact_and_source_ids_raise_keyerror_with_the_name(name):
    if name in data.facts_table().index:
        return
    with pytest.raises(KeyError, match="no fact"):
        data.fact(name)
    with pytest.raises(KeyError, match="no source"):
        data.source(name + "_x")


ONE_OF_EACH_KIND = sorted({e.kind: e.id for e in sorted(exercises.REGISTRY.values(), key=lambda e: e.id, reverse=True)
                           if e.id.startswith(("00.", "04."))}.values())


@given(ANYTHING)
def test_checks_answer_anything_with_feedback(answer):
    for ex_id in ONE_OF_EACH_KIND:
        fb = exercises.check(ex_id, answer)
        assert fb.status in ("right", "recorded", "not yet", "no answer") and repr(fb).startswith(f"Exercise {ex_id}:")


@given(st.text(max_size=200))
def test_scenario_files_are_read_or_refused_clearly(text):
    try:
        s = analysis.Scenario.from_json(text)
    except (ValueError, TypeError) as exc:
        assert str(exc)
    else:
        assert isinstance(s.name, str)


@given(ANYTHING)
def test_goal_seek_targets_must_be_numbers(target):
    try:
        analysis.goal_seek(start.REVENUE_AT_A_GLANCE, "shop_take_rate", "total_usd_b", target)
    except (TypeError, ValueError) as exc:
        assert "target" in str(exc) or "no value of shop_take_rate" in str(exc)


@given(st.one_of(st.integers(max_value=0), st.floats(), st.text(max_size=5)), st.integers(0, 10))
def test_monte_carlo_refuses_bad_draw_counts(n, seed):
    with pytest.raises((TypeError, ValueError), match="n must be a whole number"):
        analysis.monte_carlo(start.REVENUE_AT_A_GLANCE, n=n, seed=seed)


def test_table_and_cite_refuse_unknown_ids():
    with pytest.raises(KeyError, match="did you mean 'shop_take_rate'"):
        data.table(["shop_take_rat"])
    with pytest.raises(KeyError, match="no fact"):
        data.cite(["nothing_here"])
