"""Parameter declarations and input checks, for every model the course declares."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, strategies as st

from helpers import data
from helpers.params import Model, Param, SumAtMost, check_number, check_share, check_shares_sum
from tests.models import ALL_MODELS


def all_params():
    return [(m, p) for m in ALL_MODELS for p in m.params]


@pytest.mark.parametrize("model, p", all_params(), ids=lambda x: getattr(x, "name", ""))
def test_declaration_matches_its_data_row(model, p):
    if p.fact:
        f = data.fact(p.fact)
        assert f.unit == p.unit, f"{p.name}: declared in {p.unit!r} but {p.fact} is in {f.unit!r}"
    lo, hi = p.range
    assert p.min <= p.base < p.max, f"{p.name}: base {p.base} must be below the slider's maximum, so moving it up shows something"
    assert lo <= p.base <= hi
    # A student can reach the whole plausible range with the slider.
    assert p.min <= lo and hi <= p.max, f"{p.name}: plausible {lo}..{hi} not inside slider {p.min}..{p.max}"


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.name)
def test_base_case_runs_and_returns_declared_outputs(model):
    out = model()
    assert set(out) == set(model.outputs)
    for k, v in out.items():
        assert math.isfinite(v), k


def test_check_number_messages():
    assert check_number("x", 3) == 3.0
    with pytest.raises(ValueError, match=r"^ad_load must be between 0 and 1, got 1.4$"):
        check_number("ad_load", 1.4, low=0, high=1)
    with pytest.raises(ValueError, match="must be a finite number, got nan"):
        check_number("cpm", float("nan"))
    with pytest.raises(ValueError, match="must be a finite number, got inf"):
        check_number("cpm", np.array([1.0, np.inf]))
    with pytest.raises(TypeError, match="cpm must be a number, got '5'"):
        check_number("cpm", "5")
    with pytest.raises(TypeError, match="must be a number, got True"):
        check_number("cpm", True)
    with pytest.raises(ValueError, match="must not be empty"):
        check_number("cpm", np.array([]))
    with pytest.raises(ValueError, match="users must be at least 0 million users, got -1"):
        check_number("users", -1, low=0, unit="million users")
    with pytest.raises(ValueError, match="share must be between 0 and 1, got -0.1"):
        check_share("share", -0.1)
    with pytest.raises(ValueError, match=r"a \+ b must add up to at most 1, got 1.2"):
        check_shares_sum({"a": 0.7, "b": 0.5})


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_check_number_never_lets_through_a_bad_value(x):
    try:
        y = check_number("x", x, low=0, high=10)
    except ValueError as exc:
        assert "x must" in str(exc)
    else:
        assert 0 <= y <= 10 and math.isfinite(y)


def test_arrays_are_checked_elementwise():
    arr = check_number("x", [1, 2, 3], low=0, high=5)
    assert isinstance(arr, np.ndarray) and arr.tolist() == [1.0, 2.0, 3.0]
    with pytest.raises(ValueError, match="got 7"):
        check_number("x", [1, 7], low=0, high=5)


def test_bad_declarations_are_refused():
    with pytest.raises(ValueError, match="min < max"):
        Param("a", "A", "share", min=1, max=0, step=0.1, default=0.5, plausible=(0, 1))
    with pytest.raises(ValueError, match="step"):
        Param("a", "A", "share", min=0, max=1, step=0, default=0.5, plausible=(0, 1))
    with pytest.raises(ValueError, match="unknown unit 'shares'; did you mean 'share'"):
        Param("a", "A", "shares", min=0, max=1, step=0.1, default=0.5, plausible=(0, 1))
    with pytest.raises(ValueError, match="either a fact id or both"):
        Param("a", "A", "share", min=0, max=1, step=0.1)


def _toy():
    a = Param("a", "A", "share", min=0, max=1, step=0.05, default=0.3, plausible=(0.2, 0.4))
    b = Param("b", "B", "share", min=0, max=1, step=0.05, default=0.5, plausible=(0.4, 0.6))
    return Model("toy", lambda p: {"rest": 1 - p.a - p.b}, (a, b), (SumAtMost(("a", "b")),), {"rest": "share"})


def test_model_fills_defaults_validates_and_suggests():
    m = _toy()
    assert m()["rest"] == pytest.approx(0.2)
    assert m(a=0.1)["rest"] == pytest.approx(0.4)
    with pytest.raises(KeyError, match="no parameter 'bb'; did you mean 'b'"):
        m(bb=0.1)
    with pytest.raises(ValueError, match="a \\+ b must add up to at most 1"):
        m(a=0.6)
    with pytest.raises(ValueError, match="b must be between 0 and 1"):
        m(b=2)
    with pytest.raises(KeyError, match="no output 'res'; did you mean 'rest'"):
        m.output("res")


def test_snap_keeps_values_on_the_grid():
    p = Param("a", "A", "share", min=0, max=1, step=0.05, default=0.3, plausible=(0.2, 0.4))
    assert p.snap(0.333) == pytest.approx(0.35)
    assert p.snap(7) == 1.0 and p.snap(-3) == 0.0


def test_a_unit_mismatch_between_declaration_and_data_names_the_row():
    p = Param("users", "Users", "count", min=0, max=3000, step=10, fact="tiktok_mau_2024_emarketer")
    with pytest.raises(data.DataError, match=r"facts_attention.csv, row \d+ \(id 'tiktok_mau_2024_emarketer'\), column 'unit': "
                                             r"users is declared in 'count' but the data gives 'million users'"):
        _ = p.base
