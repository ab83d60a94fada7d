"""Exercises with instant feedback, and the answer key a grader uses.

Every exercise is registered under an id such as ``"00.2"`` (notebook 00, exercise 2), in the module
of this package named for its notebook's topic (``start.py`` for notebook 00, …). A
calculation or choice exercise knows how to compute its own expected answer from ``data/`` and the
models, so a notebook never shows the answer and a grader never trusts what a notebook printed:
``check("00.2", my_answer)`` says "Right" or "Not yet" with a hint. Written exercises carry a rubric
and are marked by hand.

In a notebook, the answer goes in a solution cell between nbgrader's markers::

    ### BEGIN SOLUTION
    ads_share = ...
    ### END SOLUTION

and the check sits in the next cell. Student versions replace the solution with ``ads_share = None``.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..params import suggest

KINDS = ("calculation", "what-if", "choice", "written")


@dataclass(frozen=True)
class Exercise:
    id: str
    kind: str
    title: str
    hint: str
    answer: Callable[[], object] | None = None  # computes the expected answer (never shown to students)
    rel_tol: float = 0.01
    options: tuple[str, ...] = ()  # for choice and what-if exercises answered by a name
    rubric: str = ""  # for written exercises

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"exercise {self.id}: kind must be one of {KINDS}, got {self.kind!r}")
        if self.kind == "written" and not self.rubric:
            raise ValueError(f"exercise {self.id}: a written exercise needs a rubric")
        if self.kind != "written" and self.answer is None:
            raise ValueError(f"exercise {self.id}: a {self.kind} exercise needs an answer function")


@dataclass(frozen=True)
class Feedback:
    exercise_id: str
    status: str  # "right", "not yet", "no answer"
    message: str

    @property
    def ok(self) -> bool:
        return self.status == "right"

    def __repr__(self) -> str:
        mark = {"right": "Right", "not yet": "Not yet", "no answer": "Not yet"}[self.status]
        return f"Exercise {self.exercise_id}: {mark}. {self.message}".rstrip()

    def _repr_html_(self) -> str:
        color = "#1a7f37" if self.ok else "#9a6700"
        import html

        return f'<div role="status" style="color:{color};font-weight:600">{html.escape(repr(self))}</div>'


REGISTRY: dict[str, Exercise] = {}


def register(ex: Exercise) -> Exercise:
    if ex.id in REGISTRY:
        raise ValueError(f"exercise id {ex.id!r} is registered twice")
    REGISTRY[ex.id] = ex
    return ex


def get(exercise_id: str) -> Exercise:
    if exercise_id not in REGISTRY:
        raise KeyError(f"no exercise {exercise_id!r}{suggest(exercise_id, REGISTRY)}")
    return REGISTRY[exercise_id]


def _as_number(x):
    if isinstance(x, (bool, np.bool_)):
        return None
    if isinstance(x, (numbers.Real, np.generic)) or (isinstance(x, np.ndarray) and x.ndim == 0):
        v = float(x)
        return v if math.isfinite(v) else None
    return None


def evaluate(exercise_id: str, answer) -> Feedback:
    """Judge an answer without printing anything: the grader's entry point."""
    ex = get(exercise_id)
    if ex.kind == "written":
        return Feedback(ex.id, "no answer" if not str(answer or "").strip() else "not yet",
                        "Written answers are marked by hand: compare yours with the rubric.")
    if answer is None or (isinstance(answer, str) and not answer.strip()) or answer is ...:
        return Feedback(ex.id, "no answer", f"Replace None with your answer. Hint: {ex.hint}")
    expected = ex.answer()
    if isinstance(expected, str):
        if not isinstance(answer, str):
            return Feedback(ex.id, "not yet", f"Answer with one of {', '.join(map(repr, ex.options))}.")
        given = answer.strip().lower()
        if ex.options and given not in [o.lower() for o in ex.options]:
            return Feedback(ex.id, "not yet",
                            f"{answer!r} is not one of the options {', '.join(map(repr, ex.options))}.")
        if given == expected.lower():
            return Feedback(ex.id, "right", "")
        return Feedback(ex.id, "not yet", f"Hint: {ex.hint}")
    value = _as_number(answer)
    if value is None:
        return Feedback(ex.id, "not yet", f"Expected a finite number, got {answer!r}. Hint: {ex.hint}")
    exp = float(expected)
    if math.isclose(value, exp, rel_tol=ex.rel_tol, abs_tol=1e-9):
        return Feedback(ex.id, "right", "")
    if exp != 0 and math.isclose(value / 100, exp, rel_tol=ex.rel_tol):
        return Feedback(ex.id, "not yet", "That looks like a percentage: give shares as fractions (0.25, not 25).")
    if exp != 0 and math.isclose(value * 100, exp, rel_tol=ex.rel_tol):
        return Feedback(ex.id, "not yet", "Nearly: check your units (a factor of 100 is off).")
    for factor in (1e3, 1e6, 1e9):
        if exp != 0 and (math.isclose(value / factor, exp, rel_tol=ex.rel_tol)
                         or math.isclose(value * factor, exp, rel_tol=ex.rel_tol)):
            return Feedback(ex.id, "not yet", f"Check your units: you are off by a factor of {factor:,.0f}.")
    return Feedback(ex.id, "not yet", f"Hint: {ex.hint}")


def check(exercise_id: str, answer) -> Feedback:
    """Instant feedback for a self-learner: 'Right' or 'Not yet' with a hint, never the answer."""
    return evaluate(exercise_id, answer)




# Register every notebook's exercises (one module per notebook topic).
import importlib as _importlib  # noqa: E402
import pkgutil as _pkgutil  # noqa: E402

for _info in _pkgutil.iter_modules(__path__):
    _importlib.import_module(f"{__name__}.{_info.name}")
