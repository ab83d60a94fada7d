"""The grader on five hand-ins — correct, wrong, empty, broken and never-ending — gives each the right status
within the time limit, computing correctness itself."""

from __future__ import annotations

import csv
import shutil
import sys
import time

import nbformat
import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import grade  # noqa: E402
import student  # noqa: E402

from helpers import exercises  # noqa: E402

NB = ROOT / "notebooks" / "00_start_here.ipynb"
LIMIT = 20  # the endless hand-in runs this long; the others finish in a few seconds


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    subs = tmp_path_factory.mktemp("submissions")
    stud = student.student_version(nbformat.read(NB, as_version=4))
    for who in ("alice", "bob", "carol", "dave", "erin"):
        (subs / who).mkdir()
    shutil.copy2(NB, subs / "alice" / NB.name)  # correct: the instructor's answers
    wrong = nbformat.from_dict(stud)
    by_name = {name: exercises.get(ex_id) for ex_id, name in student.checks(stud)}
    for cell in wrong.cells:
        if "= None  # YOUR CODE HERE" in cell.source:
            name = cell.source.split(" =")[0]
            cell.source = f"{name} = {_wrong(by_name[name])!r}"
        if cell.source == "YOUR ANSWER HERE":
            cell.source = "Viewers are subsidised because advertisers pay for their attention."
    nbformat.write(wrong, subs / "bob" / NB.name)
    nbformat.write(stud, subs / "carol" / NB.name)  # empty: handed in untouched
    (subs / "dave" / NB.name).write_text("{ this is not a notebook")
    endless = nbformat.from_dict(stud)
    endless.cells.insert(3, nbformat.v4.new_code_cell("while True:\n    pass"))
    # The printed output says "Right": the grader must not believe it.
    endless.cells[3].outputs = [nbformat.v4.new_output("stream", name="stdout", text="Exercise 00.1: Right.\n")]
    nbformat.write(endless, subs / "erin" / NB.name)
    out = tmp_path_factory.mktemp("graded") / "scores.csv"
    lines = []
    start = time.monotonic()
    grade.grade(subs, out, LIMIT, echo=lines.append)
    elapsed = time.monotonic() - start
    rows = list(csv.DictReader(out.open()))
    return rows, lines, elapsed


def statuses(rows, who):
    return {r["exercise"]: r["status"] for r in rows if r["student"] == who}


def _wrong(ex):
    """A made-up answer a student could give: a prediction is made (any option), anything else is wrong."""
    if ex.kind == "prediction":
        return ex.options[0] if ex.options else 1.0
    return "tv" if ex.options else 12345.0


MINE = [e for i, e in sorted(exercises.REGISTRY.items()) if i.startswith(NB.name[:2] + ".")]
BY_HAND = {e.id for e in MINE if e.kind == "written"}


def test_correct(graded):
    got = statuses(graded[0], "alice")
    assert got == {e.id: "to be marked by hand" if e.kind == "written" else
                   "recorded" if e.kind == "prediction" else "right" for e in MINE}


def test_wrong(graded):
    got = statuses(graded[0], "bob")
    assert got == {e.id: "to be marked by hand" if e.kind == "written" else
                   "recorded" if e.kind == "prediction" else "not yet" for e in MINE}
    assert "not yet" in got.values()


def test_empty(graded):
    assert set(statuses(graded[0], "carol").values()) == {"no answer"}


def test_broken_and_never_ending_do_not_stop_the_others(graded):
    rows, lines, elapsed = graded
    assert statuses(rows, "dave") == {"": "notebook failed"}
    assert statuses(rows, "erin") == {"": "timed out"}
    assert elapsed < 5 * LIMIT
    assert len(lines) == 6 and lines[0].startswith("[1/5] alice/00_start_here.ipynb")


def test_written_answers_carry_the_rubric(graded):
    row = next(r for r in graded[0] if r["student"] == "bob" and r["exercise"] in BY_HAND)
    assert row["detail"].startswith("Rubric: Full marks")


def test_no_submissions_is_a_clear_error(tmp_path):
    with pytest.raises(SystemExit, match="no notebooks found"):
        grade.grade(tmp_path, tmp_path / "x.csv", 10, echo=lambda *_: None)
