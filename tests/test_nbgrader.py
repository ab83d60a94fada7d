"""The nbgrader route, graded by real nbgrader (pinned in requirements-grading.txt, in .venv-grading).

For one notebook: write the source tree (tools/nbgrader_source.py), `nbgrader generate_assignment`, hand in
four submissions — correct (the instructor's answers), wrong (a wrong value in every answer cell), empty (the
release untouched) and one that replaces `check` with `print` and `evaluate` with a fake that says "right",
and puts back the print-only checks — then `nbgrader autograde` and `nbgrader export`. Only the correct one
may earn automatic points, and it earns all of them.

In CI (CI=true) nbgrader must be there and these tests can fail; elsewhere, without .venv-grading, they skip
and say how to install it. The conversion tests need no nbgrader.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import time

import nbformat
import pytest

from tests.conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import nbgrader_source  # noqa: E402
import student  # noqa: E402
from helpers.exercises import FOLLOW_UP_POINTS, REGISTRY, evaluate  # noqa: E402

GRADING_BIN = ROOT / ".venv-grading" / "bin"
NBGRADER = GRADING_BIN / "nbgrader"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# The quickest notebook to run (about 5 s in a fresh kernel); it has every kind of exercise.
NOTEBOOK = ROOT / "notebooks" / "00_start_here.ipynb"
ASSIGNMENT = NOTEBOOK.stem
STUDENTS = ("correct", "wrong", "empty", "printcheck")


def _graded(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def _exercise_id(grade_id: str) -> str:
    """ex00_2, ex00_2_followup, check_00_2 -> 00.2"""
    m = re.match(r"(?:ex|check_)(\d{2})_(\d+)", grade_id)
    return f"{m[1]}.{m[2]}"


# ---------------------------------------------------------------- the conversion (no nbgrader needed)

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_check_becomes_a_locked_pointed_test(path):
    original = nbformat.read(path, as_version=4)
    nb = nbgrader_source.source_version(original, path.name)
    tests = [c for c in nb.cells if _graded(c).get("grade") and c.cell_type == "code"]
    assert tests and len(tests) == len(student.checks(original))
    for (exercise_id, variable), cell in zip(student.checks(original), tests):
        meta = _graded(cell)
        assert meta == {"grade": True, "grade_id": f"check_{exercise_id.replace('.', '_')}", "locked": True,
                        "points": REGISTRY[exercise_id].max_points, "schema_version": 3, "solution": False}
        assert "from helpers.exercises import evaluate as _evaluate" in cell.source
        assert f'_evaluate("{exercise_id}", _answer)' in cell.source
        assert f"_answer = {variable}" in cell.source
        assert "check(" not in cell.source and "assert _feedback.status ==" in cell.source
    assert not student.checks(nb), "a print-only check is left"
    for cell in nb.cells:
        meta = _graded(cell)
        assert "source_hidden" not in cell.metadata.get("jupyter", {}) or not meta.get("solution")
        assert "solution" not in cell.metadata.get("tags", [])
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None
        if meta.get("solution") and cell.cell_type == "code":
            assert meta["grade"] is False and "### BEGIN SOLUTION" in cell.source
        if meta.get("solution") and cell.cell_type == "markdown":
            follow_up = meta["grade_id"].endswith("_followup")
            points = FOLLOW_UP_POINTS if follow_up else REGISTRY[_exercise_id(meta["grade_id"])].max_points
            assert meta["grade"] is True and meta["points"] == points
            assert cell.source.startswith("*Model answer.*")
    by_hand = {_graded(c)["grade_id"] for c in original.cells if _graded(c).get("grade")}
    assert by_hand == {_graded(c)["grade_id"] for c in nb.cells
                       if _graded(c).get("grade") and c.cell_type == "markdown"}


def test_a_check_with_no_registered_exercise_is_a_clear_error(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell('check("00.99", my_answer)'))
    bad = tmp_path / "00_bad.ipynb"
    nbformat.write(nb, bad)
    with pytest.raises(nbgrader_source.SourceError, match=r'check\("00.99", my_answer\) names no registered'):
        nbgrader_source.generate(tmp_path / "out", [bad], check=False)
    assert not (tmp_path / "out").exists(), "nothing is written when a notebook cannot be converted"
    assert nbgrader_source.main([str(bad), "--out", str(tmp_path / "out"), "--no-validate"]) == 1


# ---------------------------------------------------------------- real nbgrader

@pytest.fixture(scope="module")
def nbgrader_bin():
    if not NBGRADER.exists():
        if IN_CI:
            raise RuntimeError(f"CI=true but no {NBGRADER}: `make test` creates .venv-grading "
                               "(requirements-grading.txt) first")
        pytest.skip(f"no {NBGRADER.relative_to(ROOT)}: run `make .venv-grading/.grading` (or `make nbgrader`)"
                    " to install nbgrader from requirements-grading.txt")
    return NBGRADER


def _wrong_value(exercise_id: str):
    """A value the answer key calls "not yet": a number far off, another option, or (a prediction earns its
    point for being made with one of its options) a prediction that names none of them."""
    ex = REGISTRY[exercise_id]
    if ex.kind == "prediction":
        value = "none of them" if ex.options else ["no prediction"]
    elif isinstance(ex.answer(), str):
        value = next(o for o in ex.options if o.lower() != ex.answer().lower())
    else:
        value = -(abs(float(ex.answer())) * 7 + 1)
    assert evaluate(exercise_id, value).status == "not yet", (exercise_id, value)
    return value


def _run(args, course, env, timeout=240):
    args = [str(a) for a in args]
    out = subprocess.run(args, cwd=course, env=env, capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, f"{' '.join(args)} failed:\n{out.stdout[-3000:]}\n{out.stderr[-6000:]}"
    return out


@pytest.fixture(scope="module")
def graded(nbgrader_bin, tmp_path_factory):
    """Generate, hand in four submissions, autograde and export; return the export's rows by student."""
    started = time.perf_counter()
    course = tmp_path_factory.mktemp("course")
    home = tmp_path_factory.mktemp("jupyter")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON", "PYTHONPATH"))}
    # nbgrader calls `alembic` from PATH; the kernel must be .venv-grading's own python3 (jupyter_client
    # starts the native kernel with the Python nbgrader runs in), so no user kernel spec may shadow it.
    env.update(PATH=os.pathsep.join([str(GRADING_BIN), env.get("PATH", "")]),
               JUPYTER_DATA_DIR=str(home / "data"), JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"))
    tool = ROOT / "tools" / "nbgrader_source.py"
    _run([GRADING_BIN / "python", tool, NOTEBOOK, "--out", course], course, env)
    _run([nbgrader_bin, "generate_assignment", ASSIGNMENT], course, env)

    source = nbformat.read(course / "source" / ASSIGNMENT / NOTEBOOK.name, as_version=4)
    release = nbformat.read(course / "release" / ASSIGNMENT / NOTEBOOK.name, as_version=4)
    answers = {_graded(c)["grade_id"]: c.source for c in source.cells if _graded(c).get("solution")}
    checked = dict(student.checks(nbformat.read(NOTEBOOK, as_version=4)))

    def submission(name):
        nb = nbformat.from_dict(json.loads(json.dumps(release)))
        for cell in nb.cells:
            meta = _graded(cell)
            if not meta.get("solution"):
                continue
            exercise_id = _exercise_id(meta["grade_id"])
            if name == "correct":
                cell.source = answers[meta["grade_id"]]
            elif name in ("wrong", "printcheck") and cell.cell_type == "code":
                cell.source = f"{checked[exercise_id]} = {_wrong_value(exercise_id)!r}"
            elif name in ("wrong", "printcheck"):
                cell.source = "I am not sure."
        if name == "correct":  # shows which Python ran it
            nb.cells.insert(0, nbformat.v4.new_code_cell("import sys\nprint('KERNEL', sys.executable)"))
        if name == "printcheck":
            first = next(c for c in nb.cells if c.cell_type == "code" and "import check" in c.source)
            first.source += ("\ncheck = print\n"
                             "class _Right:\n    status = 'right'\n"
                             "evaluate = _evaluate = lambda *args, **kwargs: _Right()\n"
                             "import helpers.exercises\nhelpers.exercises.check = print")
            for cell in nb.cells:  # the tests back to print-only checks (nbgrader restores locked cells)
                if _graded(cell).get("grade") and cell.cell_type == "code":
                    exercise_id = _exercise_id(_graded(cell)["grade_id"])
                    cell.source = f'check("{exercise_id}", {checked[exercise_id]})'
        return nb

    for name in STUDENTS:
        folder = course / "submitted" / name / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(submission(name), folder / NOTEBOOK.name)
    _run([nbgrader_bin, "autograde", ASSIGNMENT], course, env, timeout=300)
    _run([nbgrader_bin, "export", "--to", course / "grades.csv"], course, env)
    with open(course / "grades.csv", newline="") as f:
        rows = {row["student_id"]: row for row in csv.DictReader(f)}
    print(f"nbgrader: generate, autograde of {len(STUDENTS)} submissions and export in "
          f"{time.perf_counter() - started:.1f} s")
    return {"course": course, "rows": rows, "release": release, "source": source}


def _points(nb, cell_type):
    return sum(_graded(c).get("points", 0) for c in nb.cells
               if _graded(c).get("grade") and c.cell_type == cell_type)


def test_the_release_hides_every_answer_and_locks_every_test(graded):
    release = graded["release"]
    text = "\n".join(c.source for c in release.cells)
    assert "BEGIN SOLUTION" not in text and "*Model answer.*" not in text
    for cell in release.cells:
        meta = _graded(cell)
        if meta.get("solution"):
            assert "source_hidden" not in cell.metadata.get("jupyter", {})
            assert cell.source.endswith("YOUR CODE HERE" if cell.cell_type == "code" else "YOUR ANSWER HERE")
        if meta.get("grade") and cell.cell_type == "code":
            assert meta["locked"] and cell.metadata.get("editable") is False
    assert _points(release, "code") == sum(REGISTRY[i].max_points for i, _ in student.checks(
        nbformat.read(NOTEBOOK, as_version=4)))


def test_only_the_correct_submission_earns_automatic_points(graded):
    rows, source = graded["rows"], graded["source"]
    automatic, by_hand = _points(source, "code"), _points(source, "markdown")
    assert automatic > 0 and by_hand > 0
    scores = {name: float(rows[name]["score"]) for name in STUDENTS}
    print(f"exported scores (of {automatic} automatic + {by_hand} by hand): {scores}")
    assert all(float(rows[name]["max_score"]) == automatic + by_hand for name in STUDENTS)
    # Written answers wait for a hand mark, so the exported score is the automatic points alone.
    assert scores == {"correct": automatic, "wrong": 0, "empty": 0, "printcheck": 0}


def test_the_kernel_is_the_grading_environments_python(graded):
    autograded = graded["course"] / "autograded" / "correct" / ASSIGNMENT / NOTEBOOK.name
    outputs = json.dumps(nbformat.read(autograded, as_version=4).cells[0].outputs)
    assert "KERNEL" in outputs and str(ROOT / ".venv-grading") in outputs, outputs


def test_locked_tests_are_restored_before_grading(graded):
    autograded = graded["course"] / "autograded" / "printcheck" / ASSIGNMENT / NOTEBOOK.name
    tests = [c for c in nbformat.read(autograded, as_version=4).cells
             if _graded(c).get("grade") and c.cell_type == "code"]
    assert tests and all(c.source.startswith("# Autograder test") for c in tests)
    assert all(any(o.get("ename") == "AssertionError" for o in c.outputs) for c in tests)
