"""Odd inputs to the public helpers beyond the models: each either works or fails with a clear, named error —
never a traceback from deep inside numpy or pandas."""

from __future__ import annotations

import math
import numbers

import numpy as np
import pytest
from hypothesis import given, strategies as st

from helpers import analysis, data, exercises, start, style

ANYTHING = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                     st.text(max_size=20), st.lists(st.integers(), max_size=3))


def _read_number(text: str) -> float:
    """A count as style.number writes it, read back: '1.0 billion' -> 1e9, '2,500' -> 2500."""
    for word, scale in ((" trillion", 1e12), (" billion", 1e9), (" million", 1e6)):
        if text.endswith(word):
            return float(text[: -len(word)].replace(",", "")) * scale
    return float(text.replace(",", ""))


@given(st.floats(min_value=-1e15, max_value=1e15))
def test_numbers_are_written_as_people_read_them(x):
    """Money, counts and shares come out in words and digits a reader takes in at once (no scientific
    notation), with the right sign, and mean what the number means, to the precision they show."""
    money, count, share = style.money(x), style.number(x), style.percent(x)
    for text in (money, count, share):
        assert "e+" not in text and "e-" not in text and "inf" not in text and "nan" not in text, text
    shown = exercises.read_display(money)
    assert abs(shown - x) <= max(0.05 * abs(x), 0.005), (x, money)
    assert money.startswith("-$") if shown < 0 else money.startswith("$"), (x, money)
    assert shown == 0 or (shown < 0) == (x < 0), (x, money)
    assert abs(_read_number(count) - x) <= max(0.05 * abs(x), 0.5), (x, count)
    assert share.endswith("%") and abs(float(share[:-1]) / 100 - x) <= 0.005 + 1e-12 * max(1.0, abs(x)), (x, share)


def test_what_cannot_be_a_number_is_said_so():
    assert style.money(float("nan")) == "n/a" and style.money(None) == "n/a"


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


JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                       max_leaves=6)
SCENARIO_ERRORS = ("not a scenario file", "a scenario file needs 'name' and 'changes'", "a scenario's 'name' is a text",
                   "a scenario's 'changes' maps each input's name to a number", "a scenario's 'rationale' is a text",
                   "must be one number in a scenario file", "must be a number", "must be finite")


@given(st.one_of(st.text(max_size=200), JSONISH.map(__import__("json").dumps),
                 st.fixed_dictionaries({"name": JSONISH, "changes": JSONISH}).map(__import__("json").dumps)))
def test_scenario_files_are_read_or_refused_clearly(text):
    """A scenario file is read whole (a name, numbers for changes) or refused with one of the messages that say
    what is wrong with it — never an error from deep inside json or numpy."""
    try:
        s = analysis.Scenario.from_json(text)
    except (ValueError, TypeError) as exc:
        assert any(m in str(exc) for m in SCENARIO_ERRORS), str(exc)
    else:
        assert isinstance(s.name, str) and s.name.strip()
        assert all(isinstance(v, float) and math.isfinite(v) for v in s.changes.values())


@given(ANYTHING)
def test_goal_seek_targets_must_be_numbers(target):
    """A target that is not one finite number is refused as such; a number is reached, or goal seek says that
    no value of the input reaches it."""
    glance = start.REVENUE_AT_A_GLANCE
    try:
        x = analysis.goal_seek(glance, "shop_take_rate", "total_usd_b", target)
    except analysis.NoSolution as exc:
        assert _one_finite_number(target) and "no value of shop_take_rate" in str(exc)
    except (TypeError, ValueError) as exc:
        assert not _one_finite_number(target) and str(exc).startswith("target must"), str(exc)
    else:
        assert glance(shop_take_rate=x)["total_usd_b"] == pytest.approx(float(target), rel=1e-6, abs=1e-9)


def _one_finite_number(x) -> bool:
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (numbers.Real, np.ndarray, np.generic, list, tuple)):
        return False
    a = np.asarray(x)
    return a.dtype.kind in "iuf" and a.ndim == 0 and bool(np.isfinite(a.astype(float)))


@given(st.one_of(st.integers(max_value=0), st.floats(), st.text(max_size=5)), st.integers(0, 10))
def test_monte_carlo_refuses_bad_draw_counts(n, seed):
    with pytest.raises((TypeError, ValueError), match="n must be a whole number"):
        analysis.monte_carlo(start.REVENUE_AT_A_GLANCE, n=n, seed=seed)


def test_table_and_cite_refuse_unknown_ids():
    with pytest.raises(KeyError, match="did you mean 'shop_take_rate'"):
        data.table(["shop_take_rat"])
    with pytest.raises(KeyError, match="no fact"):
        data.cite(["nothing_here"])
