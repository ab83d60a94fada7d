"""What is graded, from the course itself, and the copy of the course a hand-in may see.

The exercises of a notebook come from the answer key (``helpers.exercises``) and the answer variables from
the course's own notebook, never from the hand-in. The copy a hand-in runs against (:func:`keyless_copy`)
holds the course's models and data but not its answer key: ``helpers/exercises/`` is replaced by the exercise
list and the form check (``helpers/exercises/form.py``), so importing the key, or computing an answer with
it, is impossible inside a graded kernel.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
COURSE_NOTEBOOKS = {p.name: p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))}
#: A check cell's call, ``check("00.2", ads_share)``: the exercise id and the answer variable (``form_check(...)``
#: and other names that end in "check" are not checks).
CHECK = re.compile(r'(?<![\w.])check\(\s*"([0-9]{2}\.[0-9]+)"\s*,\s*([A-Za-z_]\w*)\s*\)')


def exercises():
    from helpers import exercises as key

    return key


@dataclass(frozen=True)
class Graded:
    """One exercise as graded: its id, kind, points and the variable that holds its answer (None for a written
    exercise, which is marked by hand)."""

    id: str
    kind: str
    max_points: int
    variable: str | None


@cache
def course_exercises(notebook: str) -> tuple[Graded, ...]:
    """Every exercise of a course notebook, in order, with its answer variable from the course's notebook."""
    key = exercises()
    nb = nbformat.read(COURSE_NOTEBOOKS[notebook], as_version=4)
    names = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            for ex_id, name in CHECK.findall(cell.source):
                names.setdefault(ex_id, name)
    prefix = notebook[:2] + "."
    ids = sorted((i for i in key.REGISTRY if i.startswith(prefix)), key=lambda i: int(i.split(".")[1]))
    out = []
    for i in ids:
        ex = key.get(i)
        if ex.kind != "written" and i not in names:
            raise SystemExit(f"the course's {notebook} has no check cell for exercise {i}: fix the course first")
        out.append(Graded(i, ex.kind, ex.max_points, names.get(i)))
    return tuple(out)


@cache
def course_follow_ups(notebook: str) -> tuple[tuple[str, str, str], ...]:
    """(row id such as '04.5 follow-up', grade_id, model answer) for each follow-up question of a notebook."""
    nb = nbformat.read(COURSE_NOTEBOOKS[notebook], as_version=4)
    out = []
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        m = re.fullmatch(r"ex(\d\d)_(\d+)_(\w+)", gid)
        if cell.cell_type == "markdown" and m:
            out.append((f"{m.group(1)}.{m.group(2)} follow-up", gid, cell.source))
    return tuple(out)


def prepare(notebooks) -> None:
    """Compute, once and before any hand-in runs, what judging these notebooks needs (some answers run a
    Monte Carlo)."""
    key = exercises()
    for notebook in sorted(set(notebooks)):
        course_follow_ups(notebook)
        for g in course_exercises(notebook):
            ex = key.get(g.id)
            if ex.kind not in ("written", "prediction"):
                key.evaluate(g.id, -1.2345e-7)


# ------------------------------------------------------------------------------ the copy without the key
STUB = '''\
"""The course's exercises as graded work sees them: the list and a check of each answer's form, *without the
answer key* (written by tools/grading/course.py; the course's own helpers/exercises/ is not in this copy).
Answers are judged by the grader, outside the notebook."""

import json as _json

from .form import FormFeedback, form_feedback
from .givens import YourNumbers, judging, numbers_for, use_student, whose  # noqa: F401

CATALOGUE = _json.loads({catalogue})
REGISTRY = CATALOGUE


def your_numbers(exercise_id):
    """This notebook's student's numbers for an exercise (the course's own where no student is set)."""
    if not CATALOGUE.get(exercise_id, {{}}).get("givens"):
        raise ValueError(f"exercise {{exercise_id}} has no numbers of its own: every student answers the same question")
    specs = CATALOGUE[exercise_id]["givens"]
    return YourNumbers(exercise_id, numbers_for(specs, exercise_id, *whose()), specs, whose()[0])


def check(exercise_id, answer):
    """Feedback on the answer's form and size; the answer itself is judged when the work is graded."""
    if exercise_id not in CATALOGUE:
        raise KeyError(f"no exercise {{exercise_id!r}}")
    return form_feedback(CATALOGUE[exercise_id], answer)


form_check = check


def __getattr__(name):
    raise AttributeError(f"helpers.exercises.{{name}} is not available in graded work: the answer key stays "
                         "with the grader, who judges your answers after you hand them in")
'''


def catalogue() -> dict[str, dict]:
    """Every exercise as graded work may know it (``helpers.exercises.entry``): plain data, no answer."""
    key = exercises()
    return {i: key.entry(key.get(i)) for i in sorted(key.REGISTRY)}


def stub_source() -> str:
    return STUB.format(catalogue=repr(json.dumps(catalogue(), sort_keys=True)))


def keyless_copy(dest: Path) -> Path:
    """Write ``dest/helpers`` (the course's models, with the exercise list in place of the answer key) and
    ``dest/data``; returns ``dest``."""
    src = ROOT / "helpers"
    shutil.copytree(src, dest / "helpers", ignore=shutil.ignore_patterns("__pycache__", "exercises"))
    (dest / "helpers" / "exercises").mkdir()
    for name in ("form.py", "givens.py"):  # the form check, and each student's numbers: no answers in either
        shutil.copy2(src / "exercises" / name, dest / "helpers" / "exercises" / name)
    (dest / "helpers" / "exercises" / "__init__.py").write_text(stub_source(), encoding="utf-8")
    shutil.copytree(ROOT / "data", dest / "data", ignore=shutil.ignore_patterns("__pycache__"))
    return dest
