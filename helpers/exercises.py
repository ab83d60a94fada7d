"""Exercises with instant feedback, and the answer key a grader uses.

Every exercise is registered here under an id such as ``"00.2"`` (notebook 00, exercise 2). A
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

from . import company, data
from .params import suggest

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


# =============================================================================== 00 start here
register(Exercise(
    "00.1", "calculation", "Advertising revenue per user per month",
    hint="Take the ad revenue per user per year from the table and spread it over 12 months.",
    answer=lambda: data.value("ad_revenue_per_user_2024") / 12,
))
register(Exercise(
    "00.2", "calculation", "Advertising's share of the reported total",
    hint="Divide the reported ad revenue by the reported total revenue (both 2024, USD billion). "
         "Give a fraction between 0 and 1.",
    answer=lambda: data.value("tiktok_ad_revenue_2024") / data.value("tiktok_revenue_2024"),
))


def _biggest_lever() -> str:
    """The stream whose revenue changes most when its driver doubles (ads, gifts or shop)."""
    base = company.REVENUE_AT_A_GLANCE()
    return max(("ads", "gifts", "shop"), key=lambda s: base[f"{s}_usd_b"])


register(Exercise(
    "00.3", "what-if", "Which stream's driver moves total revenue most?",
    hint="In the panel, double one driver at a time (users, in-app spending, Shop sales) and watch the total.",
    answer=_biggest_lever, options=("ads", "gifts", "shop"),
))
register(Exercise(
    "00.4", "written", "Who is subsidised on the platform?",
    hint="Think about who pays money, who pays with attention and who is paid.",
    rubric=("Full marks (3): names viewers as the subsidised side (free app, pay with attention and data); "
            "explains that advertisers and sellers pay because viewers are there; notes creators are paid "
            "(gifts, funds, affiliate commission) because their videos hold attention. "
            "2: two of the three. 1: one. 0: none or no reasoning."),
))
