"""Every student their own numbers: the givens of a calculation, drawn for each student from a course seed.

An exercise may declare which of its inputs vary (``Exercise(givens=(Given(...), ...))``): the gift's size in
coins, the amount spent, a campaign's budget. From a student's id and the course's seed each given is drawn
once, deterministically, inside its plausible range and rounded to its step, as a person would write it; the
same student always gets the same numbers, and never exactly the course's own (the published solutions are
the course's own case). A notebook prints them beside the exercise (:func:`your_numbers`); the check judges
the answer against them; the course's grader recomputes each student's expected answer from that student's
numbers, outside the student's kernel.

This module holds no answer: it travels into graded work (the sandbox's copy of the course, nbgrader's
released assignments), where the answer key does not. Its givens arrive there as plain data (:func:`spec`).
"""

from __future__ import annotations

import hashlib
import math
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

#: The seed a course uses unless its course file gives its own (``seed = "..."`` in term.toml).
DEFAULT_SEED = "tiktok-business-model"


@dataclass(frozen=True)
class Given:
    """One input of an exercise that varies by student: its name in "Your numbers", what it is, its unit
    ("coins", "USD", "share", ...), the course's own value, the range the draws stay in and the step they are
    rounded to."""

    name: str
    label: str
    unit: str
    base: float
    low: float
    high: float
    step: float

    def __post_init__(self):
        if not self.name.isidentifier():
            raise ValueError(f"a given's name is a Python name, got {self.name!r}")
        if not (math.isfinite(self.low) and math.isfinite(self.high) and self.low < self.high):
            raise ValueError(f"given {self.name}: its range must run from a lower to a higher number")
        if not (self.step > 0 and (self.high - self.low) / self.step >= 2):
            raise ValueError(f"given {self.name}: its step must fit at least twice in its range")
        if not self.low <= self.base <= self.high:
            raise ValueError(f"given {self.name}: the course's own value {self.base:g} lies outside its range")


def spec(g: Given) -> dict:
    """A given as plain data, for graded work."""
    return {"name": g.name, "label": g.label, "unit": g.unit, "base": g.base, "low": g.low, "high": g.high,
            "step": g.step}


def _unit_interval(*parts: str) -> float:
    digest = hashlib.sha256("|".join(parts).encode("utf-8", "backslashreplace")).digest()
    return int.from_bytes(digest[:8], "big") / 2 ** 64


def _on_step(value: float, g: dict) -> float:
    n = round((value - g["low"]) / g["step"])
    top = math.floor((g["high"] - g["low"]) / g["step"] + 1e-9)
    v = g["low"] + min(max(n, 0), top) * g["step"]
    return round(v, 10)


def draw(g: dict, exercise_id: str, student: str, seed: str = DEFAULT_SEED) -> float:
    """One student's value of one given: uniform in its range, on its step, never the course's own value."""
    u = _unit_interval(str(seed), str(student), exercise_id, g["name"])
    v = _on_step(g["low"] + u * (g["high"] - g["low"]), g)
    if math.isclose(v, g["base"], rel_tol=1e-12, abs_tol=1e-12):  # one step away, either way, inside the range
        up = _unit_interval(str(seed), str(student), exercise_id, g["name"], "side") < 0.5
        if v + g["step"] > g["high"] + 1e-9 or (not up and v - g["step"] >= g["low"] - 1e-9):
            v = _on_step(v - g["step"], g)
        else:
            v = _on_step(v + g["step"], g)
    return v


def numbers_for(specs: list[dict], exercise_id: str, student: str | None, seed: str = DEFAULT_SEED) -> dict:
    """An exercise's givens for a student (the course's own values for ``student=None``)."""
    if student is None:
        return {g["name"]: g["base"] for g in specs}
    return {g["name"]: draw(g, exercise_id, student, seed) for g in specs}


# ------------------------------------------------------------------------------------- whose numbers
#: The student whose numbers a notebook shows and checks: set once at the top (:func:`use_student`).
NOTEBOOK = {"student": None, "seed": DEFAULT_SEED}
#: While the grader (or a test) judges for a student: (student, seed). Wins over NOTEBOOK.
_JUDGING: ContextVar[tuple[str | None, str] | None] = ContextVar("judging", default=None)


#: The student id that means "whoever runs this": on a JupyterHub with nbgrader, the student's hub name while
#: they work, and the submission's student while nbgrader autogrades it (its folder, autograded/<student>/<nb>/).
AUTO = "auto"


def resolve(student: str | None) -> str | None:
    """The student an id names: itself, or for ``AUTO`` whoever runs the notebook (None where nobody is known)."""
    if student != AUTO:
        return student
    import os
    from pathlib import Path

    if os.environ.get("COURSE_STUDENT"):  # the course's grader, running a hand-in
        return os.environ["COURSE_STUDENT"]
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        return Path.cwd().parent.name or None
    return os.environ.get("JUPYTERHUB_USER") or None


def use_student(student: str | None, seed: str | None = None) -> None:
    """Show and check this student's own numbers in this notebook (``None``: the course's own case; ``"auto"``:
    whoever runs it on a JupyterHub, as nbgrader's route releases it)."""
    if student is not None and (not isinstance(student, str) or not student.strip()):
        raise ValueError(f"a student id is a name in quotes, such as \"alice\", got {student!r}")
    NOTEBOOK["student"] = resolve(student.strip()) if student else None
    NOTEBOOK["seed"] = str(seed) if seed else DEFAULT_SEED


@contextmanager
def judging(student: str | None, seed: str | None = None):
    """Compute expected answers for ``student`` (``None``: the course's own case) inside the block."""
    token = _JUDGING.set((student, str(seed) if seed else DEFAULT_SEED))
    try:
        yield
    finally:
        _JUDGING.reset(token)


def whose() -> tuple[str | None, str]:
    """(student, seed) whose numbers count now: the one being judged, else the notebook's."""
    return _JUDGING.get() or (NOTEBOOK["student"], NOTEBOOK["seed"])


def words(value: float, unit: str) -> str:
    """A given as a person writes it: '$12,500', '1,200 coins', '35%'."""
    if unit == "USD":
        return f"${value:,.0f}" if value >= 100 else f"${value:,.2f}"
    if unit == "share":
        return f"{100 * value:.0f}%"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{text} {unit}".strip()


class YourNumbers(dict):
    """An exercise's givens for the notebook's student, shown as "Your numbers: …"."""

    def __init__(self, exercise_id: str, values: dict, specs: list[dict], student: str | None):
        super().__init__(values)
        self.exercise_id, self.specs, self.student = exercise_id, specs, student

    def __repr__(self) -> str:
        who = (f"yours ({self.student})" if self.student else
               "the course's own (set your student id at the top of the notebook for yours)")
        parts = "; ".join(f"{g['label']} {words(self[g['name']], g['unit'])} (`{g['name']}`)" for g in self.specs)
        return f"Exercise {self.exercise_id}, your numbers, {who}: {parts}"

    def _repr_html_(self) -> str:
        import html

        return f'<div role="note" style="font-weight:600">{html.escape(repr(self))}</div>'
