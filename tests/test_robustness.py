"""Robust under a student's hands: every declared model refuses bad input by name, and never answers a
valid input with NaN or negative money. Runs over every Model in helpers/ (tests/models.py)."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.models import ALL_MODELS

INFINITE = "infinite where no CPM can"
BAD = [float("nan"), float("inf"), -float("inf"), "12", None, [1, "a"], True]


def money_outputs(model):
    return [k for k, unit in model.outputs.items()
            if unit.startswith(("USD", "EUR", "GBP")) and not unit.endswith("can be negative")]


def valid_inputs(model):
    return st.fixed_dictionaries({p.name: st.floats(p.min, p.max, allow_nan=False) for p in model.params})


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.name)
@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_bad_values_are_refused_naming_the_parameter(model, bad):
    for p in model.params:
        with pytest.raises((ValueError, TypeError)) as err:
            model(**{p.name: bad})
        assert p.name in str(err.value), f"{model.name}: error for {p.name} does not name it: {err.value}"


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.name)
def test_out_of_bounds_values_name_the_range(model):
    for p in model.params:
        for v in (p.min - abs(p.max - p.min) - 1, p.max + abs(p.max - p.min) + 1):
            lo, hi = (f"{x:,.0f}" if float(x).is_integer() else f"{x:g}" for x in (p.min, p.max))
            with pytest.raises(ValueError, match=re.escape(f"{p.name} must be between {lo} and {hi}")):
                model(**{p.name: v})


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.name)
def test_unknown_names_get_a_suggestion(model):
    name = model.names[0]
    with pytest.raises(KeyError, match=f"did you mean '{name}'"):
        model(**{name[:-1] + "x": 1.0})


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.name)
def test_valid_inputs_never_give_nan_or_negative_money(model):
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(valid_inputs(model))
    def check(kw):
        try:
            out = model(**kw)
        except ValueError as exc:  # a linked limit (shares above 1, a part above its whole) is a clear refusal
            assert any(w in str(exc) for w in ("add up to at most", "must be below", "must be above zero"))
            return
        for k, v in out.items():
            if model.outputs.get(k, "").endswith(INFINITE):  # declared: a goal no value can reach
                assert not np.any(np.isnan(v)) and np.all(np.asarray(v) >= 0), f"{model.name}: {k} is {v} for {kw}"
                continue
            assert np.all(np.isfinite(v)), f"{model.name}: {k} is not finite for {kw}"
        for k in money_outputs(model):
            assert np.all(np.asarray(out[k]) >= -1e-9), f"{model.name}: {k} negative for {kw}"

    check()


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.name)
def test_arrays_give_the_same_answers_as_scalars(model):
    rng = np.random.default_rng(0)
    arrays = {p.name: rng.uniform(*p.range, size=5) for p in model.params}
    try:
        vec = model(**arrays)
    except ValueError as exc:
        assert "add up to at most" in str(exc) or "must be below" in str(exc)
        return
    for i in range(5):
        one = model(**{k: float(v[i]) for k, v in arrays.items()})
        for k in one:
            assert math.isclose(float(np.broadcast_to(vec[k], (5,))[i]), float(one[k]), rel_tol=1e-9, abs_tol=1e-12), k
