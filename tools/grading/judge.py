"""Judge one hand-in's answers with the course's answer key, in the grader's own process.

The values come out of the sandbox as plain data (``sandbox.Run``); this module alone holds the key. A value
that is not plain (a table, a chart, an object) is "cannot judge", with a message a student can act on.

Statuses: right; recorded (a prediction was made); not yet; no answer; cannot judge; error (the cell that
computes the answer raised: the message says why); missing (the exercise's check cell is not in the hand-in);
to be marked by hand (a written answer or a follow-up); and, for the notebook as a whole, the run's fate:
timed out, kernel died, output limit, notebook failed, wrong notebook.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from .course import Graded, course_exercises, course_follow_ups, exercises
from .handins import HandIn, checks_present, written_answers
from .sandbox import Run

RUN_FAILURES = ("timed out", "kernel died", "output limit", "notebook failed", "wrong notebook")


@dataclass
class Score:
    """One row of scores.csv: an exercise of a hand-in (or, with no exercise, how the notebook's run ended)."""

    student: str
    notebook: str
    exercise: str = ""
    kind: str = ""
    status: str = ""
    points: float | str | None = None  # None: not yet known (to be marked by hand, or a failed run)
    max_points: int | str = ""
    detail: str = ""
    mistake: str = ""  # the wrong turn the check recognised, if any (the class report counts them)
    flag: str = ""  # for the instructor: the answer is right for another student's numbers, or the course's own

    def row(self) -> dict:
        d = asdict(self)
        d["points"] = "" if self.points is None else self.points
        d["detail"] = self.detail[:400]
        return d


@dataclass
class WrittenAnswer:
    """One row of written.csv: a written answer or a follow-up's, beside its rubric, to be marked by hand."""

    student: str
    notebook: str
    exercise: str
    max_points: int
    rubric: str
    answer: str = ""
    mark: str | float = ""
    comment: str = ""

    def row(self) -> dict:
        return asdict(self)


@dataclass
class Result:
    """Everything graded of one hand-in."""

    hand_in: HandIn
    fate: str
    scores: list[Score] = field(default_factory=list)
    written: list[WrittenAnswer] = field(default_factory=list)
    seconds: float = 0.0


def failed(hand_in: HandIn, fate: str, detail: str) -> Result:
    """A hand-in that could not be graded at all: its run's fate, and every exercise of the notebook at 0 of
    its full points, with the reason, so a failed notebook costs its points instead of shrinking the maximum."""
    scores = [Score(hand_in.student, hand_in.notebook, status=fate, detail=detail)]
    key = exercises()
    for g in course_exercises(hand_in.notebook):
        scores.append(Score(hand_in.student, hand_in.notebook, g.id, g.kind, fate, 0, g.max_points,
                            f"not graded ({fate}: see the notebook's row)"))
    for row_id, _gid, _model in course_follow_ups(hand_in.notebook):
        scores.append(Score(hand_in.student, hand_in.notebook, row_id, "follow-up", fate, 0, key.FOLLOW_UP_POINTS,
                            f"not graded ({fate}: see the notebook's row)"))
    return Result(hand_in, fate, scores)


#: The lines a student's copy sets whose numbers it shows (``make student CLASS=... SEED=...``).
SET_LINE = re.compile(r"""^(STUDENT_ID|COURSE_SEED)\s*=\s*(["'])(.*?)\2""", re.M)


def judge(hand_in: HandIn, cells: list[dict], run: Run, mentions: dict[str, list[int]], seed: str | None = None,
          classmates=()) -> Result:
    """Score every exercise of the hand-in's notebook from the run's values and the hand-in's written cells.

    Where the course gives each student their own numbers (its course file sets a ``seed``), an exercise with
    numbers of its own is judged against this student's (the hand-in folder's name is the student id, never the
    notebook's); otherwise against the course's own. An answer wrong for the student is flagged for the
    instructor only on evidence: the notebook names another student or another seed, answers with no other
    recognised mistake fit one classmate's numbers on two or more exercises, or two or more answers are the
    course's published case (itself a recognised mistake: "used the course's own ... instead of yours")."""
    result = Result(hand_in, run.fate)
    own = seed is not None
    set_to = {name: value for c in cells if c["type"] == "code" for name, _q, value in SET_LINE.findall(c["source"])}
    if run.fate != "ran":
        result.scores.append(Score(hand_in.student, hand_in.notebook, status=run.fate, detail=run.detail))
    present = checks_present(cells)
    texts = written_answers(cells)
    for g in course_exercises(hand_in.notebook):
        if g.kind == "written":
            _written(result, g, texts)
        else:
            result.scores.append(_judge_one(hand_in, g, g.id in present, run, mentions, seed if own else None,
                                            own))
    if own:
        _flags(result, hand_in, run, seed, classmates, set_to)
    key = exercises()
    for row_id, gid, model in course_follow_ups(hand_in.notebook):
        text = texts.get(gid, "").strip()
        answered = bool(text) and text != "YOUR ANSWER HERE"
        result.scores.append(Score(hand_in.student, hand_in.notebook, row_id, "follow-up",
                                   "to be marked by hand" if answered else "no answer", None if answered else 0,
                                   key.FOLLOW_UP_POINTS))
        result.written.append(WrittenAnswer(hand_in.student, hand_in.notebook, row_id, key.FOLLOW_UP_POINTS,
                                            "Model answer: " + model.replace("*Model answer.*", "").strip(),
                                            text if answered else "", "" if answered else 0))
    return result


def _written(result: Result, g: Graded, texts: dict[str, str]) -> None:
    h = result.hand_in
    k = g.id.split(".")[1]
    text = texts.get(f"ex{h.notebook[:2]}_{k}", texts.get(f"written_{k}", "")).strip()
    answered = bool(text) and text != "YOUR ANSWER HERE"
    result.scores.append(Score(h.student, h.notebook, g.id, g.kind,
                               "to be marked by hand" if answered else "no answer", None if answered else 0,
                               g.max_points, "" if answered else "no written answer"))
    result.written.append(WrittenAnswer(h.student, h.notebook, g.id, g.max_points, exercises().get(g.id).rubric,
                                        text if answered else "", "" if answered else 0))


def _flags(result: Result, h: HandIn, run: Run, seed: str, classmates, set_to: dict) -> None:
    """Flag, for the instructor, the varied answers that are wrong for the student on evidence of copying."""
    key = exercises()
    wrong = [s for s in result.scores if s.exercise and s.status == "not yet" and key.get(s.exercise).givens
             and not s.mistake]
    named = set_to.get("STUDENT_ID")
    if named and named not in (h.student, "auto"):
        evidence = f"the notebook is set to {named}'s numbers (STUDENT_ID), not the student's"
    elif set_to.get("COURSE_SEED") and set_to["COURSE_SEED"] != seed:
        evidence = f"the notebook is set to another seed ({set_to['COURSE_SEED']}) than the course's"
    else:
        evidence = ""
    fits: dict[str, list[Score]] = {}
    for s in wrong:  # (the course's own case is a recognised mistake of its own: "used the course's own ...")
        value = run.values.get(next(g.variable for g in course_exercises(h.notebook) if g.id == s.exercise))
        for other in classmates:
            if other != h.student and key.evaluate(s.exercise, value, student=other, seed=seed).status == "right":
                fits.setdefault(other, []).append(s)
    published = [s for s in result.scores if s.exercise and s.status == "not yet" and key.get(s.exercise).givens
                 and s.mistake.startswith("used the course's own")]
    if len(published) >= 2:  # the published case on one exercise can be chance; on two it is not
        for s in published:
            s.flag = f"the course's own numbers (the published case) on {len(published)} exercises, not the student's"
    for other, scores in fits.items():
        if len(scores) >= 2:  # one fit can be chance (the numbers lie on a grid); two are not
            for s in scores:
                s.flag = s.flag or f"right for {other}'s numbers on {len(scores)} exercises, not the student's"
    if evidence:
        for s in result.scores:
            if s.exercise and key.get(s.exercise).givens and s.status != "right":
                s.flag = evidence + (f"; {s.flag}" if s.flag else "")


def _judge_one(h: HandIn, g: Graded, checked: bool, run: Run, mentions: dict[str, list[int]], seed=None,
               own: bool = False) -> Score:
    score = Score(h.student, h.notebook, g.id, g.kind, max_points=g.max_points, points=0)
    name = g.variable
    if not checked:
        score.status = "missing"
        score.detail = (f"the check cell of exercise {g.id} is not in the notebook (deleted?): put "
                        f'check("{g.id}", {name}) back under your answer')
        return score
    value = run.values.get(name)
    if isinstance(value, dict):
        score.status = "cannot judge"
        score.detail = (f"{name} holds {value.get('unsupported', 'a value the grader cannot read')}: the grader "
                        "judges one number (or, for a question with options, one option in quotes)")
    else:
        key = exercises()
        fb = key.evaluate(g.id, value, student=h.student if own else None, seed=seed)
        score.status, score.detail = fb.status, ("" if fb.status == "right" else fb.message)
        score.mistake = fb.mistake
        ex = key.get(g.id)
        if own and ex.givens:  # say which numbers it was judged with: the student's own, as their notebook shows
            with key.judging(h.student, seed):
                mine = key.yours(g.id)
            said = "; ".join(f"{x.label} {key.givens.words(mine[x.name], x.unit)}" for x in ex.givens)
            score.detail = f"{score.detail} (judged with your numbers: {said})".strip()
    cell_errors = [run.errors[i] for i in mentions.get(name, []) if i in run.errors]
    if score.status not in ("right", "recorded"):
        if cell_errors:
            score.status, score.detail = "error", f"the cell computing {name} raised {cell_errors[0]}"
        elif run.fate != "ran":
            score.detail = f"{score.detail} ({run.fate}: {run.detail})".strip()
    score.points = g.max_points if score.status in ("right", "recorded") else 0
    return score
