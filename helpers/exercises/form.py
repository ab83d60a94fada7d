"""Feedback on an answer's *form*, without the answer key: is it given, is it one number (or one of the
options), and is it of the expected size?

This module imports nothing of the course, so it can travel alone. Graded work carries it instead of the
answer key: the course's grader puts it, with the exercise list from :func:`entry`, into the sandbox in
which a hand-in runs (``tools/grading/course.py``), and nbgrader's released assignments use it for the
feedback students see before they hand in. An entry is a plain dict::

    {"id": "00.2", "kind": "calculation", "unit": "share", "options": [], "decade": -1}

``decade`` is the power of ten of the expected answer's size (``-1`` for 0.1 to 1): the feedback names that
range when an answer falls outside it, never the answer or its first digit.
"""

from __future__ import annotations

import math

UNITS_SAID = {"share": "as a share (0.25, not 25)", "multiple": "as a multiple (times as much)",
              "count": "as a count", "USD": "in dollars", "USD thousand": "in thousands of dollars",
              "USD million": "in millions of dollars", "USD billion": "in billions of dollars"}
#: How far past its power of ten an answer may lie and still count as "of the expected size" (a right answer
#: just over a power of ten, within the checks' tolerance, must never be told it is too large).
SLACK = 1.1


class FormFeedback:
    """What the form check says: ``status`` is "recorded" (the answer has the expected form and size, and is
    judged when graded), "not yet" (it has not: the message says what to change) or "no answer"."""

    def __init__(self, exercise_id: str, status: str, message: str):
        self.exercise_id, self.status, self.message = exercise_id, status, message

    @property
    def ok(self) -> bool:
        return self.status == "recorded"

    def __repr__(self) -> str:
        mark = {"recorded": "Recorded", "not yet": "Not yet", "no answer": "Not yet"}[self.status]
        return f"Exercise {self.exercise_id}: {mark}. {self.message}".rstrip()

    def _repr_html_(self) -> str:
        import html

        color = "#1a7f37" if self.ok else "#9a6700"
        return f'<div role="status" style="color:{color};font-weight:600">{html.escape(repr(self))}</div>'


def _number(x):
    """A finite float from an int, a float or a numpy scalar; None for anything else (bools included)."""
    if isinstance(x, bool) or type(x).__name__ == "bool_":
        return None
    item = getattr(x, "item", None)
    if callable(item) and type(x).__module__ == "numpy":
        try:
            x = item()
        except Exception:
            return None
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        try:
            v = float(x)
        except (OverflowError, ValueError):
            return None
        return v if math.isfinite(v) else None
    return None


def form_feedback(entry: dict, answer) -> FormFeedback:
    """Judge the form of ``answer`` for the exercise described by ``entry`` (see the module's docstring)."""
    ex_id, kind, options = entry["id"], entry["kind"], [o.lower() for o in entry.get("options", ())]
    if kind == "written":
        return FormFeedback(ex_id, "recorded", "Written answers are marked by hand.")
    if answer is None or answer is ... or (isinstance(answer, str) and not answer.strip()):
        what = "your prediction" if kind == "prediction" else "your answer"
        return FormFeedback(ex_id, "no answer", f"Write {what} in place of None, then run the cell again.")
    if options:
        listed = ", ".join(repr(o) for o in entry["options"])
        if not isinstance(answer, str) or answer.strip().lower() not in options:
            return FormFeedback(ex_id, "not yet", f"Answer with one of {listed} (in quotes).")
        return FormFeedback(ex_id, "recorded", "One of the options: it is judged when your work is graded."
                            if kind != "prediction" else "Prediction made: now run the next cell and compare.")
    if kind == "prediction":
        if isinstance(answer, str) or _number(answer) is not None:
            return FormFeedback(ex_id, "recorded", "Prediction made: now run the next cell and compare.")
        return FormFeedback(ex_id, "not yet", "Predict with a number or a word.")
    value = _number(answer)
    if value is None:
        if isinstance(answer, str):
            return FormFeedback(ex_id, "not yet", f"Give the number itself, without quotes: {answer.strip()[:40]!r} "
                                                  "is text.")
        return FormFeedback(ex_id, "not yet", f"Give one finite number, not a {type(answer).__name__}.")
    unit = UNITS_SAID.get(entry.get("unit", ""), "")
    in_unit = f" {unit}" if unit else ""
    decade = entry.get("decade")
    if decade is not None:
        low, high = 10.0 ** decade, 10.0 ** (decade + 1)
        if not low / SLACK <= abs(value) <= high * SLACK:
            side = "larger" if abs(value) > high else "smaller"
            return FormFeedback(ex_id, "not yet", f"This exercise's answer lies between {low:,g} and {high:,g} in "
                                                  f"size{in_unit}; yours is {side}: check its unit and its steps.")
    return FormFeedback(ex_id, "recorded", f"One number of the expected size{in_unit}: it is judged when your work "
                                           "is graded.")
