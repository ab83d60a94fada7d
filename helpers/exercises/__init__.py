"""Exercises with instant feedback, and the answer key a grader uses.

Every exercise is registered under an id such as ``"00.2"`` (notebook 00, exercise 2), in the module
of this package named for its notebook's topic (``start.py`` for notebook 00, …). A
calculation or choice exercise knows how to compute its own expected answer from ``data/`` and the
models, so a notebook never shows the answer and a grader never trusts what a notebook printed:
``check("00.2", my_answer)`` says "Right" or "Not yet" — with a diagnosis where the answer looks like a
known mistake, a hint otherwise, never the answer. Written exercises carry a rubric and are marked by hand.

Two things describe an exercise:

* its **kind**, how it is judged: ``calculation`` (a number), ``what-if`` (a number or a name found with a
  panel), ``choice`` (one of a few names), ``written`` (marked by hand against a rubric) or ``prediction``
  (recorded, judged only for being made: the cell after it reveals the answer and a "Why" block explains it);
* its **form**, what it asks of the student: ``predict`` (commit to an answer before the page shows it),
  ``apply`` (one model or table, one step), ``multi-step`` (combine two models, or data and a model) or
  ``extend`` (change an assumption of a model, or argue where it breaks).

In a notebook, the answer goes in a solution cell between nbgrader's markers::

    ### BEGIN SOLUTION
    ads_share = ...
    ### END SOLUTION

and the check sits in the next cell. Student versions replace the solution with ``ads_share = None``.
"""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import dataclass
from collections.abc import Callable

import numpy as np

from ..params import suggest
from .form import FormFeedback, form_feedback
from .givens import Given, YourNumbers, judging, numbers_for, spec as given_spec, use_student, whose  # noqa: F401

KINDS = ("calculation", "what-if", "choice", "written", "prediction")
#: Points by kind, unless an exercise sets its own: a prediction earns its point for being made; a written
#: answer is marked by hand against its rubric (whose "Full marks" are these points); a follow-up question's
#: model answer is worth FOLLOW_UP_POINTS, marked by hand too.
POINTS = {"calculation": 2, "what-if": 2, "choice": 1, "written": 3, "prediction": 1}
FOLLOW_UP_POINTS = 1
FORMS = ("predict", "apply", "multi-step", "extend")
#: The unit an answer is given in: money (as ``style.MONEY_UNITS``), a share (a fraction), a count, a
#: multiple (times as much), or a plain number in the unit the question names (minutes, days, ...).
ANSWER_UNITS = ("USD", "USD thousand", "USD million", "USD billion", "share", "count", "multiple", "number")


#: A written rubric marks by levels, from full marks down to 0; each level but 0 is named ("Full marks (3),
#: excellent: ...", "2, good: ...", "1, weak: ...", "0: ..."), and says something of the reasoning and of
#: the evidence (the numbers, data or sources) an answer at that level uses.

def rubric_problems(rubric: str, points: int) -> list[str]:
    """What a written rubric lacks: every level from full marks to 0, in order, each judging reasoning and evidence."""
    if not rubric.startswith(f"Full marks ({points})"):
        return [f"a written rubric opens 'Full marks ({points})', its points"]
    starts = [re.search(rf"Full marks \({points}\), [a-z]+:", rubric)]
    starts += [re.search(rf"(?<![\w(]){k}, [a-z]+:", rubric) for k in range(points - 1, 0, -1)]
    starts += [re.search(r"(?<![\w(.,])0:", rubric)]
    if not all(starts):
        missing = [str(k) for k, m in zip(range(points, -1, -1), starts) if not m]
        return [f"a written rubric gives every level, 'Full marks ({points}), excellent: …' down to '1, weak: …' and "
                f"'0: …'; missing: {', '.join(missing)}"]
    at = [m.start() for m in starts]
    if at != sorted(at):
        return ["a written rubric gives its levels in order, from full marks down to 0"]
    bodies = [rubric[a:b] for a, b in zip(at, at[1:])]
    found = []
    for k, body in zip(range(points, 0, -1), bodies):
        low = body.lower()
        if not any(w in low for w in ("reason", "argu", "explain", "mechanism", "why", "logic")):
            found.append(f"level {k} of a written rubric says what reasoning it asks for")
        if not any(w in low for w in ("number", "evidence", "figure", "data", "source", "$", "%", "estimate")):
            found.append(f"level {k} of a written rubric says what evidence (numbers, data, sources) it asks for")
    return found


@dataclass(frozen=True)
class Mistake:
    """A likely wrong turn, recognised by the value it leads to: ``says`` completes "That looks like you ...",
    and names the step, never the answer (``"used monthly users where the question asks for daily ones"``)."""

    says: str
    value: Callable[[], float]


@dataclass(frozen=True)
class Exercise:
    id: str
    kind: str
    title: str
    hint: str
    answer: Callable[[], object] | None = None  # computes the expected answer (never shown to students)
    rel_tol: float = 0.01
    options: tuple[str, ...] = ()  # for choice and what-if exercises answered by a name, and predictions
    rubric: str = ""  # for written exercises: levels for the quality of reasoning and the use of evidence
    covers: tuple[str, ...] = ()  # written: what a good answer covers, for the self-study copy (not a rubric)
    follow_up: tuple[str, ...] = ()  # an exercise with a written follow-up: what a good follow-up answer covers
    form: str = "apply"
    unit: str = ""  # for numeric answers: one of ANSWER_UNITS
    mistakes: tuple[Mistake, ...] = ()  # calculations: the wrong turns the check recognises
    shown: Callable[[], float] | None = None  # the answer worked from the figures as the notebook displays them
    explain: str = ""  # predictions: why the revealed answer is what it is (the notebook's "Why" block)
    points: int | None = None  # what the exercise is worth; None: the kind's default (POINTS)
    givens: tuple[Given, ...] = ()  # the inputs that vary by student (givens.py); the answer reads them with yours()

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"exercise {self.id}: kind must be one of {KINDS}, got {self.kind!r}")
        if self.form not in FORMS:
            raise ValueError(f"exercise {self.id}: form must be one of {FORMS}, got {self.form!r}")
        if (self.kind == "prediction") != (self.form == "predict"):
            raise ValueError(f"exercise {self.id}: a prediction has the form 'predict', and only a prediction has it")
        if self.kind == "written" and not self.rubric:
            raise ValueError(f"exercise {self.id}: a written exercise needs a rubric")
        if self.kind == "prediction" and not self.explain:
            raise ValueError(f"exercise {self.id}: a prediction needs an explanation of the revealed answer (explain=)")
        if self.kind not in ("written", "prediction") and self.answer is None:
            raise ValueError(f"exercise {self.id}: a {self.kind} exercise needs an answer function")
        if self.unit and self.unit not in ANSWER_UNITS:
            raise ValueError(f"exercise {self.id}: unit must be one of {ANSWER_UNITS}, got {self.unit!r}")
        if self.points is not None and (not isinstance(self.points, int) or isinstance(self.points, bool)
                                        or not 0 < self.points <= 10):
            raise ValueError(f"exercise {self.id}: points must be a whole number from 1 to 10, got {self.points!r}")
        if self.kind == "written" and f"Full marks ({self.max_points})" not in self.rubric:
            raise ValueError(f"exercise {self.id}: a written exercise's rubric opens 'Full marks ({self.max_points})', "
                             "its points")
        for name in ("covers", "follow_up"):
            points = getattr(self, name)
            if not isinstance(points, tuple) or not all(isinstance(x, str) and x.strip() for x in points):
                raise ValueError(f"exercise {self.id}: {name} must be a tuple of non-empty strings, got {points!r}")
        if self.givens and self.kind not in ("calculation", "what-if"):
            raise ValueError(f"exercise {self.id}: only a calculation or a what-if question has givens of its own")
        if len({g.name for g in self.givens}) != len(self.givens):
            raise ValueError(f"exercise {self.id}: two givens share a name")
        if self.covers and self.kind != "written":
            raise ValueError(f"exercise {self.id}: only a written exercise has covers=; a follow-up's go in follow_up=")

    @property
    def max_points(self) -> int:
        """What the exercise is worth: its own points, or its kind's default (``POINTS``)."""
        return self.points if self.points is not None else POINTS[self.kind]

    def problems(self) -> list[str]:
        """What an exercise lacks to be judged well (``tests/test_exercises.py`` requires none): a written one, a
        rubric with levels and what a good answer covers; a calculation, its unit, mistakes and displayed answer."""
        if self.kind == "written":
            found = rubric_problems(self.rubric, self.max_points)
            if not self.covers:
                found.append("a written exercise says what a good answer covers (covers=), for students working alone")
            return [f"exercise {self.id}: {p}" for p in found]
        if self.kind != "calculation":
            return []
        found = []
        if not self.unit:
            found.append("a calculation names the unit of its answer (unit=)")
        if not self.mistakes:
            found.append("a calculation recognises at least one likely mistake (mistakes=)")
        if self.shown is None:
            found.append("a calculation gives the answer worked from the displayed figures (shown=), so that "
                         "working from the screen is accepted")
        return [f"exercise {self.id}: {p}" for p in found]

    @property
    def numeric(self) -> bool:
        """Whether the answer is a number (not a name, a text or a prediction)."""
        if self.kind in ("written", "prediction"):
            return False
        return not isinstance(expected_answer(self), str)  # computed once per process


@dataclass(frozen=True)
class Feedback:
    exercise_id: str
    status: str  # "right", "recorded" (a prediction made), "not yet", "no answer"
    message: str
    mistake: str = ""  # the recognised wrong turn, in a few words, where one was recognised (for the class report)

    @property
    def ok(self) -> bool:
        return self.status in ("right", "recorded")

    def __repr__(self) -> str:
        mark = {"right": "Right", "recorded": "Recorded", "not yet": "Not yet", "no answer": "Not yet"}[self.status]
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
        try:
            v = float(x)
        except (TypeError, ValueError, OverflowError):
            return None
        return v if math.isfinite(v) else None
    return None


def _describe(answer) -> str:
    """A short, safe description of a value for a message (never the whole of a huge value)."""
    try:
        text = repr(answer)
    except Exception:  # a value whose repr raises
        text = f"a {type(answer).__name__}"
    return text if len(text) <= 60 else f"a {type(answer).__name__}"


def _blank(answer) -> bool:
    return answer is None or answer is ... or (isinstance(answer, str) and not answer.strip())


def _close(a: float, b: float, rel_tol: float) -> bool:
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=1e-9)


_SCALE = {"T": 1e12, "B": 1e9, "M": 1e6, "k": 1e3}


def read_display(text: str) -> float:
    """A number read back from the way the course prints it: '$26.5B' -> 26.5e9, '45%' -> 0.45,
    '$0.0106' -> 0.0106, '5,000,000' -> 5e6 (money in dollars, a percent as a fraction)."""
    t = text.strip().replace(",", "")
    sign = -1.0 if t.startswith("-") else 1.0
    t = t.lstrip("-").lstrip("$€£")
    if t.endswith("%"):
        return sign * float(t[:-1]) / 100
    if t and t[-1] in _SCALE:
        return sign * float(t[:-1]) * _SCALE[t[-1]]
    return sign * float(t)


def displayed_fact(fact_id: str) -> float:
    """A fact as the notebook's tables show it (``data.table``), read back in the fact's own unit: what a
    student working from the screen multiplies with."""
    from .. import data

    f = data.fact(fact_id)
    value = read_display(data.table([fact_id])["Value"].iloc[0])  # exactly what the page's table shows
    for unit, size in (("USD billion", 1e9), ("USD million", 1e6), ("USD thousand", 1e3), ("EUR million", 1e6),
                       ("GBP million", 1e6)):
        if f.unit.startswith(unit):
            return value / size
    return value


def displayed_money(x: float, unit: str = "USD billion") -> float:
    """An amount as ``style.money`` prints it ('$26.5B', '$778M'), read back in ``unit``."""
    from .. import style

    return read_display(style.money(float(x), unit)) / style.MONEY_UNITS[unit]


def yours(exercise_id: str) -> dict:
    """An exercise's givens for the student whose numbers count now (givens.whose): the one being judged, else
    the notebook's; the course's own values where no student is set. What a varied exercise's answer reads."""
    ex = get(exercise_id)
    return numbers_for([given_spec(g) for g in ex.givens], ex.id, *whose())


def your_numbers(exercise_id: str) -> YourNumbers:
    """Show an exercise's numbers for this notebook's student ("Your numbers: …"), and return them to compute
    with: ``mine = your_numbers("04.2")``, then ``mine["coins"]``."""
    ex = get(exercise_id)
    if not ex.givens:
        raise ValueError(f"exercise {exercise_id} has no numbers of its own: every student answers the same question")
    return YourNumbers(ex.id, yours(ex.id), [given_spec(g) for g in ex.givens], whose()[0])


def course_own(exercise_id: str) -> Callable[[], float]:
    """A varied exercise's answer with the course's own numbers: the mistake of a student who worked the
    published case instead of their own numbers."""
    def value() -> float:
        with judging(None):
            return float(get(exercise_id).answer())
    return value


_CACHE: dict[tuple, object] = {}


def _cached(ex: Exercise, what: str, compute: Callable[[], object]):
    """An exercise's expected answer (or the value of one of its recognised mistakes), computed once per
    process and per student's numbers: they are pure functions of the shipped data and the givens, and some
    run a Monte Carlo."""
    key = (ex.id, what, tuple(sorted(yours(ex.id).items())) if ex.givens else ())
    if key not in _CACHE:
        _CACHE[key] = compute()
    return _CACHE[key]


def expected_answer(ex: Exercise):
    """The exercise's expected answer (never shown to a student), computed once per process."""
    return _cached(ex, "answer", ex.answer)


def _close_interval(b: float, rel_tol: float) -> tuple[float, float]:
    """Every number ``_close`` to ``b``: within ``rel_tol`` of the larger of the two (or 1e-9 apart)."""
    m = abs(b)
    low, high = min(m * (1 - rel_tol), m - 1e-9), max(m / (1 - rel_tol), m + 1e-9)
    return (low, high) if b >= 0 else (-high, -low)


def accepted_interval(ex: Exercise) -> tuple[float, float]:
    """The numbers that count as right: within the tolerance of the exact answer or of the answer worked from
    the displayed figures, or between the two (the rounding the display implies). One interval, since the
    three overlap; nbgrader's hidden tests carry it as two literals."""
    exp = float(expected_answer(ex))
    low, high = _close_interval(exp, ex.rel_tol)
    if ex.shown is not None:
        shown = float(_cached(ex, "shown", ex.shown))
        s_low, s_high = _close_interval(shown, ex.rel_tol)
        low, high = min(low, s_low, shown, exp), max(high, s_high, shown, exp)
    return low, high


def accepted(ex: Exercise, value: float) -> bool:
    """Whether a number is right (:func:`accepted_interval`)."""
    low, high = accepted_interval(ex)
    return low <= value <= high


def _predict(ex: Exercise, answer) -> Feedback:
    if _blank(answer):
        return Feedback(ex.id, "no answer", "Write your prediction in place of None before you run the next cell.")
    if ex.options:
        if not isinstance(answer, str) or answer.strip().lower() not in [o.lower() for o in ex.options]:
            return Feedback(ex.id, "not yet", f"Predict with one of {', '.join(map(repr, ex.options))}.")
    elif _as_number(answer) is None and not isinstance(answer, str):
        return Feedback(ex.id, "not yet", f"Predict with a number or a word, not {_describe(answer)}.")
    return Feedback(ex.id, "recorded", "Now run the next cell, compare it with your guess, and open 'Why' below it.")


_NOTEBOOK = object()  # evaluate's default student: whoever the notebook set


def evaluate(exercise_id: str, answer, *, student=_NOTEBOOK, seed: str | None = None) -> Feedback:
    """Judge an answer without printing anything: the grader's entry point. ``student`` (and the course's
    ``seed``) say whose numbers a varied exercise is judged against (``None``: the course's own case); by default,
    the notebook's student."""
    if student is not _NOTEBOOK:
        with judging(student, seed):
            return evaluate(exercise_id, answer)
    ex = get(exercise_id)
    if ex.kind == "written":
        return Feedback(ex.id, "no answer" if not str(answer or "").strip() else "not yet",
                        "Written answers are marked by hand: compare yours with the rubric.")
    if ex.kind == "prediction":
        return _predict(ex, answer)
    if _blank(answer):
        return Feedback(ex.id, "no answer", f"Replace None with your answer. Hint: {ex.hint}")
    expected = expected_answer(ex)
    if isinstance(expected, str):
        if not isinstance(answer, str):
            return Feedback(ex.id, "not yet", f"Answer with one of {', '.join(map(repr, ex.options))} "
                                              f"(in quotes), not {_describe(answer)}.")
        given = answer.strip().lower()
        if ex.options and given not in [o.lower() for o in ex.options]:
            return Feedback(ex.id, "not yet",
                            f"{_describe(answer)} is not one of the options {', '.join(map(repr, ex.options))}.")
        if given == expected.lower():
            return Feedback(ex.id, "right", "")
        return Feedback(ex.id, "not yet", f"Hint: {ex.hint}")
    value = _as_number(answer)
    if value is None:
        if isinstance(answer, str) and _as_number(_parse(answer)) is not None:
            return Feedback(ex.id, "not yet", f"Give the number itself, without quotes: {answer.strip()!r} is text.")
        return Feedback(ex.id, "not yet", f"Expected one finite number, got {_describe(answer)}. Hint: {ex.hint}")
    if accepted(ex, value):
        return Feedback(ex.id, "right", "")
    for n, m in enumerate(ex.mistakes):
        if _close(value, float(_cached(ex, f"mistake {n}", m.value)), ex.rel_tol):
            return Feedback(ex.id, "not yet", f"That looks like you {m.says}. Check that step.", mistake=m.says)
    exp = float(expected)
    if exp != 0 and _close(value / 100, exp, ex.rel_tol) and ex.unit in ("share", ""):
        return Feedback(ex.id, "not yet", "That looks like a percentage: give shares as fractions (0.25, not 25).",
                        mistake="gave a percentage where a share is asked for")
    if exp != 0 and (_close(value * 100, exp, ex.rel_tol) or _close(value / 100, exp, ex.rel_tol)):
        return Feedback(ex.id, "not yet", "Nearly: check your units (a factor of 100 is off).",
                        mistake="was off by a factor of 100")
    for factor in (1e3, 1e6, 1e9):
        if exp != 0 and (_close(value / factor, exp, ex.rel_tol) or _close(value * factor, exp, ex.rel_tol)):
            return Feedback(ex.id, "not yet", f"Check your units: you are off by a factor of {factor:,.0f}.",
                            mistake=f"was off by a factor of {factor:,.0f} (units)")
    if exp != 0 and value != 0 and (value < 0) != (exp < 0):
        return Feedback(ex.id, "not yet", f"Check the sign of your answer. Hint: {ex.hint}", mistake="got the sign wrong")
    return Feedback(ex.id, "not yet", f"Hint: {ex.hint}")


def _parse(text: str):
    try:
        return float(text.replace(",", "").replace("$", "").strip())
    except ValueError:
        return None


def entry(ex: Exercise) -> dict:
    """What graded work may know of an exercise, as plain data (``form.py``): its id, kind, unit, options, the
    answer variable's size as a power of ten — never the answer."""
    out = {"id": ex.id, "kind": ex.kind, "unit": ex.unit, "options": list(ex.options), "decade": None,
           "givens": [given_spec(g) for g in ex.givens]}
    if ex.numeric and not ex.options:
        with judging(None):  # the size of the course's own answer: a student's numbers keep it within slack
            exp = float(expected_answer(ex))
        # a varied exercise's answer takes each student's size: no one size to hold it to
        out["decade"] = math.floor(math.log10(abs(exp))) if exp and not ex.givens else None
    return out


def form_check(exercise_id: str, answer) -> FormFeedback:
    """Feedback on an answer's form and size only (``form.py``): what graded work shows instead of ``check``."""
    return form_feedback(entry(get(exercise_id)), answer)


def check(exercise_id: str, answer) -> Feedback:
    """Instant feedback for a self-learner: 'Right' or 'Not yet' with a diagnosis or a hint, never the answer;
    for a prediction, 'Recorded'."""
    return evaluate(exercise_id, answer)


# Register every notebook's exercises (one module per notebook topic).
import importlib as _importlib  # noqa: E402
import pkgutil as _pkgutil  # noqa: E402

for _info in _pkgutil.iter_modules(__path__):
    _importlib.import_module(f"{__name__}.{_info.name}")
