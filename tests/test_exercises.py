"""Exercises: every check accepts its own answer, says 'Not yet' with a hint otherwise, and never gives the
answer away; every notebook's exercises follow the conventions (markers, hidden solutions, hints)."""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers import exercises
from tests.conftest import NOTEBOOKS

AUTO = [e for e in exercises.REGISTRY.values() if e.kind != "written"]


@pytest.mark.parametrize("ex", AUTO, ids=lambda e: e.id)
def test_right_answer_is_right_and_wrong_answers_get_hints_not_answers(ex):
    expected = ex.answer()
    assert exercises.check(ex.id, expected).ok
    if isinstance(expected, str):
        wrong = next(o for o in ex.options if o != expected)
        fb = exercises.check(ex.id, wrong)
    else:
        fb = exercises.check(ex.id, expected * 1.5 + 1)
        for shown in {f"{expected:g}", f"{expected:.2f}", f"{expected:.1f}"} - {"0.0", "1.0", "2.0"}:
            if len(shown) < 3:
                continue  # a single digit occurs in any text (a year, a hint)
            assert shown not in repr(fb), f"feedback reveals the answer {shown}: {fb!r}"
    assert not fb.ok and "Not yet" in repr(fb) and ex.hint in repr(fb)
    assert exercises.check(ex.id, None).status == "no answer"


def test_feedback_catches_percentages_and_units():
    share = exercises.get("00.2").answer()
    assert "fractions" in repr(exercises.check("00.2", share * 100))
    assert "factor of 1,000" in repr(exercises.check("00.1", exercises.get("00.1").answer() * 1000))
    assert "Expected a finite number" in repr(exercises.check("00.1", "twelve"))
    assert "not one of the options" in repr(exercises.check("00.3", "tv"))


def test_unknown_exercise_suggests():
    with pytest.raises(KeyError, match="did you mean '00.1'"):
        exercises.check("00.10", 1)


def _exercise_ids(nb):
    ids = []
    for c in nb.cells:
        if c.cell_type == "code":
            ids += re.findall(r'check\("([0-9]{2}\.[0-9]+)"', c.source)
    return ids


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_exercise_conventions(path):
    nb = nbformat.read(path, as_version=4)
    prefix = path.name[:2]
    mine = {i for i in exercises.REGISTRY if i.startswith(prefix + ".")}
    assert len(mine) >= 3, f"{path.name} needs at least three exercises"
    kinds = {exercises.get(i).kind for i in mine}
    assert "written" in kinds and "calculation" in kinds and kinds & {"what-if", "choice"}
    checked = set(_exercise_ids(nb))
    assert checked == {i for i in mine if exercises.get(i).kind != "written"}
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for i in mine:
        assert exercises.get(i).hint in text, f"hint of {i} in {path.name} differs from helpers/exercises.py"
    solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert len(solutions) == len(mine)
    for c in solutions:
        assert c.metadata["jupyter"]["source_hidden"] is True
        assert c.metadata["nbgrader"]["solution"] is True
        if c.cell_type == "code":
            assert c.source.startswith("### BEGIN SOLUTION") and c.source.rstrip().endswith("### END SOLUTION")
