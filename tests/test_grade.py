"""The grader over a class of hand-ins — right, wrong, empty, and hostile (broken JSON, odd cells, endless loops,
endless output, a kernel that kills itself, a memory hog, code that writes wherever it can and redefines
`check`, deleted and duplicated checks, another notebook under this one's name, stray files) — gives every
student the right result, loses no score, and changes nothing outside its output folder."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import grade  # noqa: E402
import student  # noqa: E402

from helpers import exercises  # noqa: E402

NB = ROOT / "notebooks" / "00_start_here.ipynb"
OTHER = ROOT / "notebooks" / "01_attention_engine.ipynb"
LIMIT = 25  # the endless hand-ins run this long; the others finish in a few seconds
MINE = [e for i, e in sorted(exercises.REGISTRY.items()) if i.startswith(NB.name[:2] + ".")]
AUTO = [e for e in MINE if e.kind != "written"]
WRITTEN = [e for e in MINE if e.kind == "written"]
NAMES = dict(grade.course_exercises(NB.name))


def _wrong(ex):
    """A made-up answer a student could give: a prediction is made (any option), anything else is wrong."""
    if ex.kind == "prediction":
        return ex.options[0] if ex.options else 1.0
    return "tv" if ex.options else 12345.0


def _fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def _with(nb, cells_at_end=(), first=None):
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for src in cells_at_end:
        nb.cells.append(nbformat.v4.new_code_cell(src))
    if first:
        nb.cells.insert(1, nbformat.v4.new_code_cell(first))
    return nb


# As root on Linux the grader sandboxes student code (an unprivileged user in a private mount namespace), and the
# hostile hand-in aims at the course itself. Run as an ordinary user, the grader cannot stop code that writes to
# absolute paths (docs/instructors.md says so), so there the hand-in aims only at a decoy.
SANDBOXED = os.geteuid() == 0
COURSE_TARGETS = ([ROOT / "helpers" / "exercises" / "__init__.py", ROOT / "data" / "facts_start.csv", NB]
                  if SANDBOXED else [])
EVIL = f'''
import os, pathlib
targets = [pathlib.Path(t) for t in {[str(t) for t in COURSE_TARGETS]!r}] + [pathlib.Path("/tmp/course-grader-evil.txt")]
import helpers
targets.append(pathlib.Path(helpers.__file__).parent / "exercises" / "__init__.py")  # the sandbox's own copy
targets += [p for p in pathlib.Path(os.environ.get("SUBMISSIONS", "/nonexistent")).rglob("*.ipynb")]
for t in targets:
    try:
        t.write_text("hacked")
    except OSError:
        pass
def check(*args):
    print("Exercise: Right.")
'''


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    if SANDBOXED:
        import subprocess

        probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, text=True)
        assert probe.returncode == 0, ("running as root, but this machine cannot make a mount namespace, so the "
                                       f"grader cannot sandbox hand-ins: {probe.stderr.strip()}")
    subs = tmp_path_factory.mktemp("submissions")
    course = nbformat.read(NB, as_version=4)
    stud = student.student_version(course)
    hand_ins: dict[str, object] = {}
    hand_ins["alice"] = course  # the instructor's answers
    wrong = nbformat.from_dict(json.loads(json.dumps(stud)))
    by_name = {name: exercises.get(ex_id) for ex_id, name in student.checks(stud)}
    for cell in wrong.cells:
        if "= None  # YOUR CODE HERE" in cell.source:
            name = cell.source.split(" =")[0]
            cell.source = f"{name} = {_wrong(by_name[name])!r}"
        if cell.source == "YOUR ANSWER HERE":
            cell.source = "Viewers are subsidised because advertisers pay for their attention."
    hand_ins["bob"] = wrong
    hand_ins["carol"] = stud  # handed in untouched
    hand_ins["dave"] = "{ this is not a notebook"
    hand_ins["erin"] = _with(course, ["while True:\n    pass"])  # right answers, then an endless loop
    hand_ins["frank"] = _with(course, ["while True:\n    print('x' * 10000)"])  # endless output
    hand_ins["gina"] = _with(course, ["import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"])
    hand_ins["hank"] = _with(course, first=EVIL)  # writes everywhere it can and replaces check
    hog = _with(course, ["hog = bytearray(10 * 2**30)"])
    first_name = NAMES[AUTO[1].id]
    for cell in hog.cells:  # the second exercise's answer cell also grabs memory, and raises
        if cell.source.startswith("### BEGIN SOLUTION") and f"{first_name} =" in cell.source:
            cell.source = cell.source.replace("### BEGIN SOLUTION\n", "### BEGIN SOLUTION\nbig = bytearray(10 * 2**30)\n")
    hand_ins["leo"] = hog
    odd = json.loads(json.dumps(course))
    odd["cells"].insert(1, {"cell_type": "mystery", "source": "print('never run')", "metadata": {}})
    odd["cells"].insert(1, {"cell_type": "code", "source": 42, "metadata": ["not", "a", "dict"], "outputs": []})
    odd["cells"].append({"cell_type": "code", "source": f"{NAMES[AUTO[2].id]} = __import__('pandas').DataFrame({{'a': [1]}})",
                         "metadata": {}, "outputs": [], "execution_count": None})
    odd["cells"].append({"cell_type": "code", "source": f"{NAMES[AUTO[3].id]} = 'x' * 10_000_000",
                         "metadata": {}, "outputs": [], "execution_count": None})
    hand_ins["ivan"] = odd
    # judy: the first calculation's check cell deleted, the second's duplicated, and an answer cell that raises
    judy = nbformat.from_dict(json.loads(json.dumps(course)))
    calc = [e for e in AUTO if e.kind != "prediction"]
    judy.cells = [c for c in judy.cells if f'check("{calc[0].id}"' not in c.source]
    dup = next(i for i, c in enumerate(judy.cells) if f'check("{calc[1].id}"' in c.source)
    judy.cells.insert(dup, nbformat.v4.new_code_cell(judy.cells[dup].source))
    for cell in judy.cells:
        if cell.source.startswith("### BEGIN SOLUTION") and f"{NAMES[calc[2].id]} =" in cell.source:
            cell.source = f"### BEGIN SOLUTION\n{NAMES[calc[2].id]} = 1 / 0\n### END SOLUTION"
    hand_ins["judy"] = judy
    hand_ins["kim"] = nbformat.read(OTHER, as_version=4)  # notebook 01 saved under notebook 00's name
    for who, nb in hand_ins.items():
        (subs / who).mkdir()
        target = subs / who / NB.name
        target.write_text(nb if isinstance(nb, str) else json.dumps(nb) if who == "ivan" else nbformat.writes(nb))
    (subs / "carol" / "notes.txt").write_text("my notes")
    (subs / "carol" / ".ipynb_checkpoints").mkdir()
    shutil.copy2(NB, subs / "carol" / ".ipynb_checkpoints" / "00_start_here-checkpoint.ipynb")
    shutil.copy2(NB, subs / "carol" / "00_start_here-Copy1.ipynb")
    shutil.copy2(NB, subs / "loose.ipynb")
    out = tmp_path_factory.mktemp("graded")
    (out / "scores.csv").write_text("student,notebook\nstale,stale\n")  # the last run's, to be retired
    before = {"course": _fingerprint(ROOT / "helpers") | _fingerprint(ROOT / "data") | _fingerprint(ROOT / "notebooks"),
              "submissions": _fingerprint(subs)}
    os.environ["SUBMISSIONS"] = str(subs)  # the evil hand-in looks for it (the grader does not pass it on)
    lines: list[str] = []
    try:
        tables = grade.grade(subs, out, grade.Limits(seconds=LIMIT, memory_mb=2048, output_kb=512), jobs=2,
                             echo=lines.append)
    finally:
        os.environ.pop("SUBMISSIONS", None)
    after = {"course": _fingerprint(ROOT / "helpers") | _fingerprint(ROOT / "data") | _fingerprint(ROOT / "notebooks"),
             "submissions": _fingerprint(subs)}
    return {"tables": tables, "lines": lines, "out": out, "before": before, "after": after, "subs": subs}


def rows_of(graded, who):
    return {r["exercise"]: r for r in graded["tables"]["rows"] if r["student"] == who}


def statuses(graded, who):
    return {k: r["status"] for k, r in rows_of(graded, who).items()}


def right_answers():
    return {e.id: "recorded" if e.kind == "prediction" else "right" for e in AUTO}


def test_correct_gets_every_automatic_point_and_its_written_answers_wait_for_marks(graded):
    got = statuses(graded, "alice")
    assert {k: v for k, v in got.items() if k in right_answers()} == right_answers()
    assert all(got[e.id] == "to be marked by hand" for e in WRITTEN)
    total = next(t for t in graded["tables"]["totals"] if t["student"] == "alice" and t["notebook"] == NB.name)
    assert total["automatic"] == total["automatic_max"] == f"{sum(e.max_points for e in AUTO):g}"


def test_wrong_and_empty_get_no_automatic_points_but_predictions_made(graded):
    got = statuses(graded, "bob")
    assert all(got[e.id] == ("recorded" if e.kind == "prediction" else "not yet") for e in AUTO)
    assert set(statuses(graded, "carol").values()) == {"no answer"}


def test_answers_computed_before_the_notebook_was_stopped_keep_their_status(graded):
    for who, fate in (("erin", "timed out"), ("frank", "output limit"), ("gina", "kernel died")):
        got = statuses(graded, who)
        assert got[""] == fate, (who, got)
        assert {k: v for k, v in got.items() if k in right_answers()} == right_answers(), (who, got)


def test_a_memory_hog_is_stopped_and_its_raising_cell_is_an_error(graded):
    got = rows_of(graded, "leo")
    target = got[AUTO[1].id]
    assert target["status"] == "error" and "MemoryError" in target["detail"]
    assert got[AUTO[0].id]["status"] in ("recorded", "right")


def test_code_that_writes_everywhere_and_replaces_check_changes_nothing(graded):
    assert graded["after"] == graded["before"], "a hand-in changed the course or the submissions"
    if SANDBOXED:
        assert not Path("/tmp/course-grader-evil.txt").exists()
    got = statuses(graded, "hank")
    assert {k: v for k, v in got.items() if k in right_answers()} == right_answers()
    # The hand-ins graded after it were judged by the course's key, as before.
    assert statuses(graded, "ivan")[AUTO[0].id] in ("recorded", "right")


def test_odd_json_odd_cells_and_odd_values_are_judged_with_a_reason(graded):
    got = rows_of(graded, "ivan")
    df = got[AUTO[2].id]
    assert df["status"] == "not yet" and "DataFrame" in df["detail"] and "one number" in df["detail"]
    assert got[AUTO[3].id]["status"] == "not yet"
    assert statuses(graded, "dave") == {"": "notebook failed"}
    assert "not a notebook" in rows_of(graded, "dave")[""]["detail"]


def test_deleted_checks_are_missing_duplicates_count_once_and_raising_cells_are_errors(graded):
    calc = [e for e in AUTO if e.kind != "prediction"]
    got = rows_of(graded, "judy")
    assert got[calc[0].id]["status"] == "missing" and f'check("{calc[0].id}"' in got[calc[0].id]["detail"]
    assert sum(1 for r in graded["tables"]["rows"] if r["student"] == "judy" and r["exercise"] == calc[1].id) == 1
    assert got[calc[1].id]["status"] == "right"
    assert got[calc[2].id]["status"] == "error" and "ZeroDivisionError" in got[calc[2].id]["detail"]


def test_another_notebook_under_this_name_is_flagged_and_stray_files_are_listed(graded):
    assert statuses(graded, "kim") == {"": "wrong notebook"}
    assert OTHER.name in rows_of(graded, "kim")[""]["detail"]
    skipped = dict(graded["tables"]["skipped"])
    assert set(skipped) == {"carol/notes.txt", "carol/.ipynb_checkpoints/00_start_here-checkpoint.ipynb",
                            "carol/00_start_here-Copy1.ipynb", "loose.ipynb"}
    assert "did you mean 00_start_here.ipynb" in skipped["carol/00_start_here-Copy1.ipynb"]


def test_results_are_complete_current_and_summarised(graded):
    out = graded["out"]
    assert sorted(p.name for p in out.iterdir()) == sorted([*grade.RESULTS, "previous"])
    assert (out / "previous" / "scores.csv").read_text().startswith("student,notebook\nstale")
    rows = list(csv.DictReader((out / "scores.csv").open()))
    assert {r["student"] for r in rows} == {"alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank", "ivan",
                                            "judy", "kim", "leo"}
    summary = (out / "summary.txt").read_text()
    assert "12 hand-ins graded" in summary and "4 files skipped" in summary
    progress = [line for line in graded["lines"] if line.startswith("[")]
    assert len(progress) == 12 and progress[-1].startswith("[12/12]")
    written = list(csv.DictReader((out / "written.csv").open()))
    alice = [w for w in written if w["student"] == "alice" and w["exercise"] in {e.id for e in WRITTEN}]
    assert alice and all(w["rubric"].startswith("Full marks") and w["answer"] for w in alice)


def test_hand_marks_merge_into_the_totals(graded, tmp_path):
    out = tmp_path / "graded"
    shutil.copytree(graded["out"], out)
    marks = tmp_path / "marks.csv"
    rows = list(csv.DictReader((out / "written.csv").open()))
    for r in rows:
        if r["student"] == "alice" and r["answer"]:
            r["mark"] = r["max_points"]
    with marks.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=grade.WRITTEN_FIELDS)
        w.writeheader()
        w.writerows(rows)
    tables = grade.totals_only(out, marks, echo=lambda *_: None)
    alice = next(t for t in tables["totals"] if t["student"] == "alice" and t["notebook"] == NB.name)
    assert alice["marked"] == "yes" and alice["total"] == alice["total_max"]
    rows[0]["mark"] = "99"
    with marks.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=grade.WRITTEN_FIELDS)
        w.writeheader()
        w.writerows(rows)
    with pytest.raises(SystemExit, match="outside 0 to"):
        grade.totals_only(out, marks, echo=lambda *_: None)


def test_no_submissions_is_a_clear_error(tmp_path):
    (tmp_path / "subs").mkdir()
    with pytest.raises(SystemExit, match="no notebooks found"):
        grade.grade(tmp_path / "subs", tmp_path / "out", echo=lambda *_: None)
    with pytest.raises(SystemExit, match="outside the submissions folder"):
        grade.grade(tmp_path / "subs", tmp_path / "subs" / "graded", echo=lambda *_: None)
    with pytest.raises(ValueError, match="memory mb limit must be a positive number"):
        grade.Limits(memory_mb=0)
