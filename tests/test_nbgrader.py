"""The nbgrader route, graded by real nbgrader (pinned in requirements-grading.txt, in .venv-grading).

For one notebook, the whole exchange in a temporary exchange folder: write the source tree
(tools/nbgrader_source.py), generate and release the assignment; six students answer it (two of them fetch
and submit it through the exchange, the others are put straight into submitted/) —
correct (the instructor's answers), wrong (a wrong value in every answer cell), empty (the release untouched),
a key reader (imports the answer key in every way the kernel offers), a patcher (replaces `check`,
`form_check` and `evaluate` with fakes that say "right", and puts back print-only checks) and one who deleted
a test cell; then collect, autograde, export, generate and release feedback, and the students fetch it. Only
the correct answers earn automatic points; the hidden tests' expected answers reach no student.

In CI (CI=true) nbgrader must be there and these tests can fail; elsewhere, without .venv-grading, they skip
and say how to install it. The conversion tests need no nbgrader.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from tests import fixtures
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
        assert "from helpers.exercises import form_check as _form_check" in cell.source
        assert f'_form_check("{exercise_id}", _answer)' in cell.source and f"_answer = {variable}" in cell.source
        visible, hidden = cell.source.split(nbgrader_source.HIDDEN_BEGIN)
        assert hidden.rstrip().endswith(nbgrader_source.HIDDEN_END) and "assert " in hidden
        assert "import" not in hidden and "helpers" not in hidden, "a hidden test uses nothing a notebook can replace"
        assert "evaluate" not in cell.source and not student.CHECK.search(cell.source)
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



def _hidden(exercise_id: str) -> str:
    return "\n".join(nbgrader_source._judgement(exercise_id))


def _passes(exercise_id: str, answer, **names) -> bool:
    """Whether the hidden test passes for ``answer``, run as nbgrader runs it: in the notebook's namespace,
    where ``names`` are what the student's code defined."""
    namespace = {"_answer": answer, **names}
    try:
        exec(_hidden(exercise_id), namespace)
    except Exception:  # an AssertionError, or any error: nbgrader scores the cell 0 either way
        return False
    return True


class _EqualsEverything(float):
    def __eq__(self, other):
        return True

    __le__ = __ge__ = __lt__ = __gt__ = __eq__

    def __float__(self):
        return 0.0


class _Liar:
    """An object that claims to be every option and every number."""

    __class__ = float

    def __eq__(self, other):
        return True

    __le__ = __ge__ = __eq__

    def strip(self):
        return self

    def lower(self):
        return self

    def item(self):
        return self


CHECKED = [i for i, ex in sorted(REGISTRY.items()) if ex.kind != "written"]


@pytest.mark.parametrize("exercise_id", CHECKED)
def test_hidden_tests_judge_as_the_answer_key_and_cannot_be_fooled(exercise_id):
    import numpy as np

    ex = REGISTRY[exercise_id]
    wrong = _wrong_value(exercise_id)
    assert not _passes(exercise_id, wrong) and not _passes(exercise_id, None) and not _passes(exercise_id, _Liar())
    if ex.kind == "prediction":
        right = ex.options[0] if ex.options else 0.5
        assert _passes(exercise_id, right) and (not ex.options or _passes(exercise_id, f"  {right.upper()} "))
        return
    expected = ex.answer()
    if isinstance(expected, str):
        assert _passes(exercise_id, expected) and _passes(exercise_id, expected.upper() + " ")
        assert not _passes(exercise_id, True)
        return
    from helpers.exercises import accepted_interval

    low, high = accepted_interval(ex)
    for value in (float(expected), low, high, (low + high) / 2):
        assert evaluate(exercise_id, value).status == "right"
        assert _passes(exercise_id, value) and _passes(exercise_id, np.float64(value))
    for value in (low - abs(low) * 1e-6 - 1e-12, high + abs(high) * 1e-6 + 1e-12, float("nan"), float("inf")):
        assert evaluate(exercise_id, value).status != "right"
        assert not _passes(exercise_id, value)
    assert not _passes(exercise_id, _EqualsEverything(wrong))
    # Names a student could redefine change nothing: the hidden test uses none of them.
    fakes = {n: (lambda *a, **k: True) for n in ("float", "abs", "isinstance", "type", "bool", "len", "str")}
    assert not _passes(exercise_id, wrong, **fakes) and _passes(exercise_id, float(expected), **fakes)


def test_each_assignment_carries_the_course_without_its_key(tmp_path):
    nbgrader_source.generate(tmp_path, [NOTEBOOK], check=False)
    folder = tmp_path / "source" / ASSIGNMENT
    assert sorted(p.name for p in (folder / "helpers" / "exercises").iterdir()) == ["__init__.py", "form.py", "givens.py"]
    assert (folder / "data" / "facts_start.csv").exists() and (folder / "helpers" / "revenue_mix.py").exists()
    config = (tmp_path / "nbgrader_config.py").read_text()
    assert "ClearHiddenTests" in config and "add_missing_cells = True" in config


# ---------------------------------------------------------------- real nbgrader, the whole exchange

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


def nbgrader_env(home: Path) -> dict:
    """The environment nbgrader runs in: Jupyter's folders under ``home``. nbgrader calls `alembic` from PATH;
    the kernel must be .venv-grading's own python3 (jupyter_client starts the native kernel with the Python
    nbgrader runs in), so no user kernel spec may shadow it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON", "PYTHONPATH"))}
    env.update(PATH=os.pathsep.join([str(GRADING_BIN), env.get("PATH", "")]),
               JUPYTER_DATA_DIR=str(home / "data"), JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"))
    return env


def _run(args, cwd, env, timeout=240):
    args = [str(a) for a in args]
    out = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, f"{' '.join(args)} failed:\n{out.stdout[-3000:]}\n{out.stderr[-6000:]}"
    return out


STUDENTS = ("correct", "wrong", "empty", "keyreader", "patcher", "deleter")
EXCHANGED = ("correct",)  # fetch, submit and fetch feedback through the exchange; the others are
# put straight into submitted/, as nbgrader also allows (every nbgrader command costs a second or two)
KEY_READER = '''
# Every way this kernel offers to the answer key.
import importlib, sys
_got = {}
for _attempt in ("module", "fresh import", "installed course"):
    try:
        if _attempt == "fresh import":
            for _m in [m for m in sys.modules if m.startswith("helpers")]:
                del sys.modules[_m]
            sys.path = [p for p in sys.path if p not in ("", ".")]
        if _attempt == "installed course":
            import importlib.metadata as _md
            _files = _md.distribution("tiktok-business-model").files
        import helpers.exercises as _key
        for _name, _id in ANSWERS.items():
            _got.setdefault(_name, _key.expected_answer(_key.get(_id)))
    except Exception as _exc:
        print("no key:", _attempt, type(_exc).__name__)
for _name in ANSWERS:
    globals()[_name] = _got.get(_name, 12345.0)
'''
PATCHER = '''
# The course's checking functions replaced with fakes that say "right", everywhere they could be looked up.
class _Right:
    status = "right"
    ok = True
_fake = lambda *args, **kwargs: _Right()
check = evaluate = form_check = _form_check = _evaluate = _fake
import helpers.exercises
helpers.exercises.check = helpers.exercises.form_check = helpers.exercises.evaluate = _fake
'''


@pytest.fixture(scope="module")
def exchange(nbgrader_bin, tmp_path_factory):
    """The whole route: generate, release, fetch, submit, collect, autograde, export, feedback."""
    started = time.perf_counter()
    tmp = tmp_path_factory.mktemp("nbgrader")
    course, exchange_root, home = tmp / "course", tmp / "exchange", tmp / "jupyter"
    exchange_root.mkdir()
    env = nbgrader_env(home)
    # Notebook 00's exercises and what they need (tests/fixtures.py), under its name: the suite runs each course
    # notebook once, in the browser tests.
    handout = fixtures.write(fixtures.exercises_of("00"), tmp / "fixture", "00")
    _run([GRADING_BIN / "python", ROOT / "tools" / "nbgrader_source.py", handout, "--out", course], tmp, env)
    with open(course / "nbgrader_config.py", "a") as fh:  # the hub's settings, as an instructor would add them
        fh.write(f"\nc.Exchange.root = {str(exchange_root)!r}\nc.CourseDirectory.root = {str(course)!r}\n")
    exch = [f"--Exchange.root={exchange_root}", "--course=tiktok_business_model"]
    _run([nbgrader_bin, "generate_assignment", ASSIGNMENT], course, env)
    _run([nbgrader_bin, "release_assignment", ASSIGNMENT], course, env)

    source = nbformat.read(course / "source" / ASSIGNMENT / NOTEBOOK.name, as_version=4)
    answers = {_graded(c)["grade_id"]: c.source for c in source.cells if _graded(c).get("solution")}
    checked = dict(student.checks(nbformat.read(handout, as_version=4)))
    calculations = {checked[i]: i for i in checked if REGISTRY[i].kind != "prediction"}
    released = {}
    for name in STUDENTS:
        desk = tmp / "students" / name
        desk.mkdir(parents=True)
        if name in EXCHANGED:  # through the exchange, as on a hub
            _run([nbgrader_bin, "fetch_assignment", ASSIGNMENT, *exch, f"--student={name}"], desk, env)
            path = next(desk.rglob(NOTEBOOK.name))
        else:  # collected some other way, straight into submitted/ (nbgrader's own layout)
            path = course / "submitted" / name / ASSIGNMENT / NOTEBOOK.name
            path.parent.mkdir(parents=True)
            shutil.copy2(course / "release" / ASSIGNMENT / NOTEBOOK.name, path)
            (path.parent / "timestamp.txt").write_text("2026-12-07 09:00:00.000000 UTC")
        nb = released[name] = nbformat.read(path, as_version=4)
        nb = nbformat.from_dict(json.loads(json.dumps(nb)))
        for cell in nb.cells:
            meta = _graded(cell)
            if not meta.get("solution"):
                continue
            exercise_id = _exercise_id(meta["grade_id"])
            if name in ("correct", "deleter"):
                cell.source = answers[meta["grade_id"]]
            elif name in ("wrong", "patcher") and cell.cell_type == "code":
                cell.source = f"{checked[exercise_id]} = {_wrong_value(exercise_id)!r}"
            elif name != "empty" and cell.cell_type == "markdown":
                cell.source = "I am not sure."
        if name == "correct":  # shows which Python ran it
            nb.cells.insert(0, nbformat.v4.new_code_cell("import sys\nprint('KERNEL', sys.executable)"))
        if name == "keyreader":  # after the answer cells, so nothing sets the answers back to None
            last_answer = max(i for i, c in enumerate(nb.cells) if _graded(c).get("solution") and c.cell_type == "code")
            nb.cells.insert(last_answer + 1, nbformat.v4.new_code_cell(f"ANSWERS = {calculations!r}\n" + KEY_READER))
        if name == "patcher":
            nb.cells.insert(1, nbformat.v4.new_code_cell(PATCHER))
            for cell in nb.cells:  # the tests back to print-only checks (nbgrader restores locked cells)
                if _graded(cell).get("grade") and cell.cell_type == "code":
                    exercise_id = _exercise_id(_graded(cell)["grade_id"])
                    cell.source = f'check("{exercise_id}", {checked[exercise_id]})'
        if name == "deleter":  # one test cell deleted (by accident, say)
            first_test = next(i for i, c in enumerate(nb.cells) if _graded(c).get("grade") and c.cell_type == "code")
            del nb.cells[first_test]
        nbformat.write(nb, path)
        if name in EXCHANGED:
            _run([nbgrader_bin, "submit", ASSIGNMENT, *exch, f"--student={name}"], path.parent.parent, env)
    _run([nbgrader_bin, "collect", ASSIGNMENT], course, env)
    _run([nbgrader_bin, "autograde", ASSIGNMENT], course, env, timeout=400)
    _run([nbgrader_bin, "export", "--to", course / "grades.csv"], course, env)
    _run([nbgrader_bin, "generate_feedback", ASSIGNMENT], course, env)
    for name in EXCHANGED:  # feedback goes back through the exchange to who handed in through it
        _run([nbgrader_bin, "release_feedback", ASSIGNMENT, f"--student={name}"], course, env)
    feedback = {}
    for name in STUDENTS:
        if name in EXCHANGED:  # fetched by the student
            desk = tmp / "students" / name
            _run([nbgrader_bin, "fetch_feedback", ASSIGNMENT, *exch, f"--student={name}"], desk, env)
            feedback[name] = "\n".join(p.read_text() for p in desk.rglob("feedback/**/*.html"))
        else:  # as generate_feedback wrote it
            feedback[name] = "\n".join(p.read_text() for p in (course / "feedback" / name).rglob("*.html"))
    with open(course / "grades.csv", newline="") as f:
        rows = {row["student_id"]: row for row in csv.DictReader(f)}
    print(f"nbgrader: generate, release, {len(STUDENTS)} fetches and submissions, collect, autograde, export and "
          f"feedback in {time.perf_counter() - started:.1f} s")
    return {"course": course, "rows": rows, "released": released, "source": source, "feedback": feedback,
            "exchange": exchange_root}


def _points(nb, cell_type):
    return sum(_graded(c).get("points", 0) for c in nb.cells
               if _graded(c).get("grade") and c.cell_type == cell_type)


def _hidden_literals(source) -> list[str]:
    """The expected answers (as the bounds of what counts as right) written into the hidden tests."""
    found = []
    for cell in source.cells:
        if nbgrader_source.HIDDEN_BEGIN in cell.source:
            m = re.search(r"and (\S+) <= _x <= (\S+),", cell.source.split(nbgrader_source.HIDDEN_BEGIN)[1])
            found += [m[1], m[2]] if m else []
    return found


def test_the_release_hides_every_answer_and_locks_every_test(exchange):
    source = exchange["source"]
    literals = _hidden_literals(source)
    assert literals, "the source's hidden tests carry the expected answers"
    for name, release in exchange["released"].items():
        text = "\n".join(c.source for c in release.cells)
        assert "BEGIN SOLUTION" not in text and "*Model answer.*" not in text and "HIDDEN TESTS" not in text
        assert not [x for x in literals if x in text], f"{name}'s copy holds an expected answer"
        assert not [p for ex in REGISTRY.values() for p in (*ex.covers, *ex.follow_up) if p in text], \
            f"{name}'s copy says what a good answer covers"
        for cell in release.cells:
            meta = _graded(cell)
            if meta.get("solution"):
                assert "source_hidden" not in cell.metadata.get("jupyter", {})
                assert cell.source.endswith("YOUR CODE HERE" if cell.cell_type == "code" else "YOUR ANSWER HERE")
            if meta.get("grade") and cell.cell_type == "code":
                assert meta["locked"] and cell.metadata.get("editable") is False
    release = exchange["released"]["correct"]
    assert _points(release, "code") == sum(REGISTRY[i].max_points for i, _ in student.checks(
        nbformat.read(NOTEBOOK, as_version=4)))
    outbound = exchange["exchange"] / "tiktok_business_model" / "outbound" / ASSIGNMENT
    assert sorted(p.name for p in (outbound / "helpers" / "exercises").iterdir()) == ["__init__.py", "form.py", "givens.py"]


def test_only_the_correct_answers_earn_automatic_points(exchange):
    rows, source = exchange["rows"], exchange["source"]
    automatic, by_hand = _points(source, "code"), _points(source, "markdown")
    assert automatic > 0 and by_hand > 0
    scores = {name: float(rows[name]["score"]) for name in STUDENTS}
    print(f"exported scores (of {automatic} automatic + {by_hand} by hand): {scores}")
    assert all(float(rows[name]["max_score"]) == automatic + by_hand for name in STUDENTS)
    # Written answers wait for a hand mark, so the exported score is the automatic points alone. A deleted test
    # is put back and run (nbgrader_config.py), so the student who deleted one by accident loses nothing.
    assert scores == {"correct": automatic, "wrong": 0, "empty": 0, "keyreader": 0, "patcher": 0,
                      "deleter": automatic}


def test_the_key_reader_found_no_key(exchange):
    autograded = exchange["course"] / "autograded" / "keyreader" / ASSIGNMENT / NOTEBOOK.name
    outputs = json.dumps([c.get("outputs", []) for c in nbformat.read(autograded, as_version=4).cells])
    assert outputs.count("no key:") == 3, outputs[:3000]


def test_the_kernel_is_the_grading_environments_python(exchange):
    autograded = exchange["course"] / "autograded" / "correct" / ASSIGNMENT / NOTEBOOK.name
    outputs = json.dumps(nbformat.read(autograded, as_version=4).cells[0].outputs)
    assert "KERNEL" in outputs and str(ROOT / ".venv-grading") in outputs, outputs


def test_locked_tests_are_restored_with_their_hidden_tests_before_grading(exchange):
    autograded = exchange["course"] / "autograded" / "patcher" / ASSIGNMENT / NOTEBOOK.name
    tests = [c for c in nbformat.read(autograded, as_version=4).cells
             if _graded(c).get("grade") and c.cell_type == "code"]
    assert tests and all(c.source.startswith("# Autograder test") and nbgrader_source.HIDDEN_BEGIN in c.source
                         for c in tests)
    assert all(any(o.get("ename") == "AssertionError" for o in c.outputs) for c in tests)


def test_feedback_reaches_every_student_without_the_expected_answers(exchange):
    literals = _hidden_literals(exchange["source"])
    for name, html in exchange["feedback"].items():
        assert "Autograder test" in html, f"{name} got no feedback"
        assert "HIDDEN TESTS" not in html and not [x for x in literals if x in html], name
