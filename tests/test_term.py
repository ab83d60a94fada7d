"""A term of grading, run as the instructor guide walks through it ("A term, step by step" in
docs/instructors.md): every command and every file in that section is taken from the guide and run here, in
its order, on a class of four — one right, one wrong and late with a deleted check, one empty who hands in again
within an extension, one whose file is broken. What must hold: re-grading one student, then one notebook, loses
nobody's results and no hand mark; a failed notebook costs its full points; lateness and its penalty follow the
course file; the feedback pages say what each student needs and never an answer; the class report counts the
mistakes; the three gradebook exports read back in their platforms' documented layouts.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, UTC
from pathlib import Path

import nbformat
import pytest

from tests import fixtures
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import student  # noqa: E402
from grading.gradebook import item_name, read_roster  # noqa: E402
from grading.store import HandInRecord, Store  # noqa: E402
from grading.term import Term, late_words, read_manifest  # noqa: E402
from grading import results as grading_results  # noqa: E402

from helpers import exercises  # noqa: E402
from tests.test_grade import _bwrap_missing  # noqa: E402

GUIDE = (ROOT / "docs" / "instructors.md").read_text(encoding="utf-8")
csv.field_size_limit(sys.maxsize)  # the tests read what a long written answer leaves in the tables
SECTION = GUIDE[GUIDE.index("### A term, step by step"):GUIDE.index("**Statuses.**")]
NB = "00_start_here.ipynb"
MINE = [e for i, e in sorted(exercises.REGISTRY.items()) if i.startswith("00.")]
AUTO = [e for e in MINE if e.kind != "written"]


def guide_blocks() -> list[tuple[str, str, str]]:
    """The section's fenced blocks, in order: (language, text, the file it is, from "`name`:" just before)."""
    out = []
    for m in re.finditer(r"(?P<before>[^\n]*)\n\n```(?P<lang>\w*)\n(?P<body>.*?)\n```", SECTION, re.S):
        name = re.search(r"`([\w.]+)`:\s*$", m.group("before"))
        out.append((m.group("lang"), m.group("body"), name.group(1) if name else ""))
    return out


def guide_commands() -> list[str]:
    return [line for lang, body, _ in guide_blocks() if lang == "bash" for line in body.splitlines() if line.strip()]


def guide_file(name: str) -> str:
    return next(body for _lang, body, file in guide_blocks() if file == name) + "\n"


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """A guide command as an instructor runs it from the course folder with its environment active: here from
    the term's own folder, with the course's tools and this interpreter."""
    args = shlex.split(command)
    if args[0] == "python":
        args = [sys.executable, str(ROOT / args[1]), *args[2:]]
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def table(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def by(rows, *keys):
    return {tuple(r[k] for k in keys) if len(keys) > 1 else r[keys[0]]: r for r in rows}


# ------------------------------------------------------------------------------------------- the class
def _hand_ins() -> dict[str, str]:
    source = fixtures.exercises_of("00")  # with the course's answers
    empty = student.student_version(source)
    bob = nbformat.from_dict(json.loads(json.dumps(empty)))
    names = dict(student.checks(bob))
    by_name = {name: exercises.get(ex_id) for ex_id, name in names.items()}
    for cell in bob.cells:
        if "= None  # YOUR CODE HERE" in cell.source:
            name = cell.source.split(" =")[0]
            ex = by_name[name]
            if ex.kind == "prediction":
                value = ex.options[0] if ex.options else 1.0
            elif ex.mistakes:
                value = float(ex.mistakes[0].value())  # a wrong turn the check recognises
            else:
                value = 12345.0
            cell.source = f"{name} = {value!r}"
        if cell.source == "YOUR ANSWER HERE":
            cell.source = "Viewers, because advertisers pay for their attention. <script>alert(1)</script>"
    deleted = AUTO[-1].id  # bob deletes one check cell
    bob.cells = [c for c in bob.cells if f'check("{deleted}"' not in c.source]
    return {"alice": nbformat.writes(source), "bob": nbformat.writes(bob), "carol": nbformat.writes(empty),
            "dave": "{ this is not a notebook"}


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    """The whole term, step by step, with what each step left behind."""
    if why := _bwrap_missing():
        pytest.skip(why)
    here = tmp_path_factory.mktemp("term")
    for name in ("term.toml", "class.csv", "handins.csv"):
        (here / name).write_text(guide_file(name), encoding="utf-8")
    hand_ins = _hand_ins()
    seen: dict[str, object] = {"commands": []}
    for command in guide_commands():
        if "--student carol" in command:  # carol hands in again, within her extension
            (here / "submissions" / "carol" / NB).write_text(hand_ins["alice"], encoding="utf-8")
            text = (here / "handins.csv").read_text().replace("carol,00,2027-02-11 18:00+01:00",
                                                              "carol,00,2027-02-12 20:00+01:00")
            (here / "handins.csv").write_text(text)
            seen["before_carol"] = table(here / "graded" / "totals.csv")
        if command.startswith("cp "):
            subprocess.run(shlex.split(command), cwd=here, check=True)
        else:
            seen[f"out {len(seen['commands'])}"] = run(command, here).stdout
        seen["commands"].append(command)
        if "tools/student.py" in command:  # collect: the class hands in
            for who, text in hand_ins.items():
                (here / "submissions" / who).mkdir(parents=True)
                (here / "submissions" / who / NB).write_text(text, encoding="utf-8")
        if command.startswith("python tools/grade.py submissions") and "--student" not in command \
                and "--notebook" not in command:
            seen["first"] = {n: table(here / "graded" / n) for n in ("totals.csv", "scores.csv", "written.csv")}
            seen["first_feedback"] = {p.parent.name: p.read_text() for p in (here / "graded" / "feedback").glob("*/*.md")}
        if command.startswith("cp ") and "written.csv" in command:  # marking: alice in full, bob one point
            rows = table(here / "marks.csv")
            for r in rows:
                if r["student"] == "alice" and r["answer"]:
                    r["mark"], r["comment"] = r["max_points"], "Clear and complete."
                if r["student"] == "bob" and r["answer"]:
                    r["mark"], r["comment"] = "1", "Name who pays and why."
            with (here / "marks.csv").open("w", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=list(rows[0]))
                w.writeheader()
                w.writerows(rows)
        if "--marks" in command:
            seen["marked"] = table(here / "graded" / "totals.csv")
        if "--export" in command:
            seen["exports"] = {k: (here / "graded" / f"gradebook_{k}.csv").read_text()
                               for k in ("canvas", "moodle", "brightspace")}
        if "--student carol" in command:
            seen["after_carol"] = table(here / "graded" / "totals.csv")
    seen["here"] = here
    seen["graded"] = here / "graded"
    return seen


def test_the_guide_walks_through_every_step_of_a_term():
    commands = guide_commands()
    assert [c.split()[1] if c.startswith("python") else c.split()[0] for c in commands] == [
        "tools/student.py", "tools/grade.py", "cp", "tools/grade.py", "tools/grade.py", "tools/grade.py",
        "tools/grade.py"]
    assert {"term.toml", "class.csv", "handins.csv"} <= {f for _l, _b, f in guide_blocks()}
    for step in ("Release", "Set the term", "Collect", "Grade", "Mark by hand", "Give feedback",
                 "Read the class report", "Export to the gradebook", "Re-grade"):
        assert f". {step}.**" in SECTION, step
    assert sum(len(e.mistakes) for e in exercises.REGISTRY.values()) > 100, "the guide says over a hundred"


def test_the_first_run_grades_everyone_and_a_failed_notebook_costs_its_full_points(term):
    totals = by(term["first"]["totals.csv"], "student", "notebook")
    full = {totals[(who, NB)]["total_max"] for who in ("alice", "bob", "carol", "dave")}
    assert len(full) == 1 and float(full.pop()) >= sum(e.max_points for e in MINE), "everyone out of the same points"
    assert totals[("dave", NB)]["run"] == "notebook failed" and totals[("dave", NB)]["total"] == "0"
    assert totals[("alice", NB)]["automatic"] == totals[("alice", NB)]["automatic_max"]
    rows = [r for r in term["first"]["scores.csv"] if r["student"] == "dave" and r["exercise"]]
    assert {r["exercise"] for r in rows} >= {e.id for e in MINE} and {r["points"] for r in rows} == {"0"}


def test_lateness_and_the_penalty_follow_the_course_file(term):
    totals = by(term["first"]["totals.csv"], "student", "notebook")
    bob, carol, alice = totals[("bob", NB)], totals[("carol", NB)], totals[("alice", NB)]
    assert bob["late"] == "1 day 9 hours late"  # 09:30 on the 10th against 23:59 on the 8th
    assert float(bob["penalty"]) == pytest.approx(0.2 * float(bob["before_penalty"]))  # two started days
    assert float(bob["total"]) == pytest.approx(float(bob["before_penalty"]) - float(bob["penalty"]))
    assert carol["late"] == "on time", "her extension runs to the 12th"
    assert alice["late"] == "on time" and alice["penalty"] == "0"
    assert "loses 10% of its score per started day late" in (term["graded"] / "summary.txt").read_text()


def test_feedback_pages_say_what_each_student_needs_and_never_an_answer(term):
    pages = term["first_feedback"]
    assert set(pages) == {"alice", "bob", "carol", "dave"}
    assert "| Right |" in pages["alice"] and "Waiting for marking" in pages["alice"]
    assert "Late:** 1 day 9 hours late" in pages["bob"] and "20% of the score" in pages["bob"]
    assert "Check cell missing" in pages["bob"] and "recognised: you" in pages["bob"]
    assert "Not yet" in pages["bob"] and "No answer" in pages["carol"]
    assert "did not run to the end:** notebook failed" in pages["dave"] and "0 of" in pages["dave"]
    for who, page in pages.items():
        for e in AUTO:
            expected = exercises.expected_answer(e)
            if isinstance(expected, float) and who != "alice":
                assert f"{expected:g}" not in page, (who, e.id)
    html = (term["graded"] / "feedback" / "bob" / "00_start_here.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and "<table>" in html
    assert "<script" not in html and "&lt;script&gt;" in html, "a student's text is shown, never run"
    assert "<script" not in pages["bob"] and "&lt;script&gt;" in pages["bob"]


def test_hand_marks_merge_and_survive_every_re_grade(term):
    marked = by(term["marked"], "student", "notebook")
    alice = marked[("alice", NB)]
    assert alice["marked"] == "yes" and alice["total"] == alice["total_max"]
    final = by(table(term["graded"] / "totals.csv"), "student", "notebook")
    assert final[("alice", NB)]["total"] == alice["total"] and final[("alice", NB)]["marked"] == "yes"
    assert final[("bob", NB)]["by_hand"] == marked[("bob", NB)]["by_hand"] != "0"
    written = by(table(term["graded"] / "written.csv"), "student", "exercise")
    assert written[("alice", "00.6")]["comment"] == "Clear and complete." and written[("alice", "00.6")]["mark"] == "3"


def test_re_grading_one_student_changes_only_that_student(term):
    before, after = by(term["before_carol"], "student", "notebook"), by(term["after_carol"], "student", "notebook")
    assert after[("carol", NB)]["automatic"] == after[("carol", NB)]["automatic_max"] != before[("carol", NB)]["automatic"]
    assert after[("carol", NB)]["late"] == "on time"
    for who in ("alice", "bob", "dave"):
        assert after[(who, NB)] == before[(who, NB)], who
    runs = table(term["graded"] / "runs.csv")
    assert [r["selection"] for r in runs] == ["everyone", "student carol", "notebook 00"]
    con = sqlite3.connect(term["graded"] / "grades.sqlite")
    history = con.execute("SELECT run, fate FROM handins WHERE student = 'carol' ORDER BY run").fetchall()
    assert [r for r, _ in history] == [1, 2, 3], "every run's result is kept"


def test_the_class_report_counts_right_answers_and_mistakes(term):
    report = {r["exercise"]: r for r in table(term["graded"] / "class_report.csv")}
    first_calc = next(e for e in AUTO if e.kind == "calculation" and e.mistakes)
    row = report[first_calc.id]
    assert row["hand_ins"] == "4" and row["right"] == "2"  # alice and carol (after she handed in again)
    assert row["top_mistake"] == first_calc.mistakes[0].says and row["top_mistake_count"] == "1"
    text = (term["graded"] / "class_report.md").read_text()
    assert first_calc.mistakes[0].says in text and "| Exercise |" in text
    assert (term["graded"] / "class_report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_gradebook_exports_read_back_in_their_documented_layouts(term):
    roster = read_roster(term["here"] / "class.csv")
    final = by([t for t in table(term["graded"] / "totals.csv") if t["notebook"] == NB], "student")
    item = item_name(NB)
    canvas = list(csv.reader(io.StringIO(term["exports"]["canvas"])))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", item]
    assert canvas[1][0] == "Points Possible" and float(canvas[1][5]) == float(final["alice"]["total_max"])
    rows = {r[1]: r for r in canvas[2:]}
    for r in roster:
        assert rows[r["canvas_id"]][0] == f"{r['last_name']}, {r['first_name']}"
        assert rows[r["canvas_id"]][4] == r["section"]
    moodle = list(csv.DictReader(io.StringIO(term["exports"]["moodle"])))
    assert list(moodle[0]) == ["First name", "Last name", "ID number", "Email address", item]
    assert {m["Email address"]: m[item] for m in moodle}["alice@example.edu"] != ""
    brightspace = list(csv.reader(io.StringIO(term["exports"]["brightspace"])))
    assert brightspace[0] == ["OrgDefinedId", "Username", f"{item} Points Grade", "End-of-Line Indicator"]
    assert all(r[0].startswith("#") and r[1].startswith("#") and r[-1] == "#" for r in brightspace[1:])
    assert {r[1]: r[2] for r in brightspace[1:]}["#aarcher"] == canvas[2 + [r["student"] for r in roster].index("alice")][5]


# ------------------------------------------------------------------------------- the parts, without a run
def test_the_course_file_is_read_strictly(tmp_path):
    t = Term.load(_toml(tmp_path, guide_file("term.toml")))
    due = t.due_for("alice", NB)
    assert due.utcoffset() == timedelta(hours=1) and t.due_for("carol", NB) > due
    assert t.lateness("alice", NB, due + timedelta(minutes=9)) == (0.0, 0.0), "inside the grace period"
    minutes, share = t.lateness("alice", NB, due + timedelta(days=9))
    assert share == 0.5 and minutes == 9 * 24 * 60, "the penalty stops at its most"
    assert Term().lateness("alice", NB, datetime.now(UTC)) == (0.0, 0.0)
    for bad, says in (('[due]\n"99" = "2027-01-01 10:00"', "not a course notebook"),
                      ('[due]\n"00" = "next friday"', "not a date and time"),
                      ('[penalty]\nper_day = 2', "outside 0 to 1"), ('colour = "red"', "unknown setting"),
                      ('timezone = "Mars/Olympus"', "not a time zone"), ('[extensions]\n"alice" = "2027-01-01"', "student/NN")):
        with pytest.raises(SystemExit, match=says):
            Term.load(_toml(tmp_path, bad))


def _toml(folder: Path, text: str) -> Path:
    path = folder / "t.toml"
    path.write_text(text)
    return path


def test_hand_in_times_come_from_a_manifest_or_nbgrader_or_the_file(tmp_path):
    (tmp_path / "m.csv").write_text("student,notebook,handed_in\nalice,00,2027-02-08 21:15+01:00\n")
    got = read_manifest(tmp_path / "m.csv")
    assert got[("alice", NB)] == datetime(2027, 2, 8, 20, 15, tzinfo=UTC)
    (tmp_path / "bad.csv").write_text("who,when\nalice,now\n")
    with pytest.raises(SystemExit, match="needs the columns"):
        read_manifest(tmp_path / "bad.csv")
    from grading.term import handed_in

    folder = tmp_path / "bob"
    folder.mkdir()
    (folder / NB).write_text("{}")
    (folder / "timestamp.txt").write_text("2027-02-09 10:00:00.000000 UTC")
    assert handed_in(folder, folder / NB, {}, "bob", NB, nbgrader_times=True) == (
        datetime(2027, 2, 9, 10, tzinfo=UTC), "nbgrader timestamp")
    assert handed_in(folder, folder / NB, {}, "bob", NB)[1] == "file time", "a student's own timestamp.txt is not read"
    (folder / "timestamp.txt").unlink()
    assert handed_in(folder, folder / NB, {}, "bob", NB)[1] == "file time"
    assert late_words(0) == "on time" and late_words(25) == "25 minutes late" and late_words(60 * 24 * 3 + 60) == "3 days 1 hour late"


def test_a_mark_survives_a_changed_answer_and_says_to_check_it(tmp_path):
    store = Store(tmp_path)
    written = [{"student": "ann", "notebook": NB, "exercise": "00.6", "max_points": 3, "rubric": "r", "answer": "first"}]
    score = [{"student": "ann", "notebook": NB, "exercise": "00.6", "kind": "written", "status": "to be marked by hand",
              "points": "", "max_points": 3, "detail": ""}]
    meta = {"started": "2027-02-09T10:00:00+00:00"}
    store.record_run(meta, [HandInRecord("ann", NB, "ran")], score, written, [])
    store.save_marks({("ann", NB, "00.6"): (2.0, "good")}, "marks.csv")
    state = grading_results.current(store)
    assert state["rows"][0]["status"] == "marked" and state["written"][0]["note"] == ""
    store.record_run(meta, [HandInRecord("ann", NB, "ran")], score, [{**written[0], "answer": "second"}], [])
    state = grading_results.current(store)
    assert state["rows"][0]["points"] == "2" and "changed since it was marked" in state["written"][0]["note"]
    assert len(store.history("ann", NB)) == 2


def test_an_export_without_the_identifiers_it_needs_says_which(tmp_path):
    from grading.gradebook import gradebooks

    state = {"totals": [{"student": "ann", "notebook": NB, "total": "5", "total_max": "14", "late": "on time"}]}
    with pytest.raises(SystemExit, match="needs a class list"):
        gradebooks(state, None, ["canvas"])
    (tmp_path / "c.csv").write_text("student,email\nann,ann@example.edu\n")
    with pytest.raises(SystemExit, match="none of canvas_id, sis_user_id, sis_login_id"):
        gradebooks(state, tmp_path / "c.csv", ["canvas"])
    assert "gradebook_moodle.csv" in gradebooks(state, tmp_path / "c.csv", ["moodle"])
    (tmp_path / "d.csv").write_text("student,email\nbea,bea@example.edu\n")
    with pytest.raises(SystemExit, match="ann handed in but is not on the class list"):
        gradebooks(state, tmp_path / "d.csv", ["moodle"])
    (tmp_path / "e.csv").write_text("student,colour\nann,red\n")
    with pytest.raises(SystemExit, match="unknown column 'colour'"):
        gradebooks(state, tmp_path / "e.csv", [])


# ------------------------------------------------------------------ an instructor's slips, and a student's tricks
def _small_class(folder: Path, names=("ann", "=cmd()", "josé", "josè")) -> Path:
    subs = folder / "subs"
    source, empty = fixtures.exercises_of("00"), student.student_version(fixtures.exercises_of("00"))
    for i, who in enumerate(names):
        (subs / who).mkdir(parents=True)
        nb = nbformat.from_dict(json.loads(json.dumps(source if i == 0 else empty)))
        for cell in nb.cells:
            if cell.source == "YOUR ANSWER HERE":
                cell.source = "A" * 200_000 if who == "josé" else "Viewers."
        (subs / who / NB).write_text(nbformat.writes(nb), encoding="utf-8")
    return subs


def test_what_a_run_is_given_is_kept_and_an_instructor_s_slips_are_caught_first(tmp_path):
    import grade

    subs, out = _small_class(tmp_path), tmp_path / "graded"
    (tmp_path / "term.toml").write_text('[due]\n"00" = "2027-02-08"\n[penalty]\nper_day = 0.5\n'
                                        '[extensions]\n"Ann/00" = "2027-03-01"\n')
    (tmp_path / "times.csv").write_text("\ufeffstudent,notebook,handed_in\nann,00,2027-02-08 23:30+00:00\n"
                                        "josé,00,2027-02-09 10:00+00:00\n")
    said = []
    quiet = dict(echo=said.append, unsandboxed=True, limits=grade.Limits(seconds=60), jobs=2)
    (tmp_path / "class.csv").write_text("student,email\nann,ann@example.edu\n")
    with pytest.raises(SystemExit, match="handed in but is not on the class list"):
        grade.grade(subs, out, term=tmp_path / "term.toml", manifest=tmp_path / "times.csv",
                    roster=tmp_path / "class.csv", exports=["moodle"], **quiet)
    assert not Store(out).runs(), "a bad class list stops the run before anything is graded"
    grade.grade(subs, out, term=tmp_path / "term.toml", manifest=tmp_path / "times.csv", **quiet)
    assert any(s.startswith("warning") and "Ann/00" in s for s in said), "an extension for nobody is pointed out"
    totals = by(table(out / "totals.csv"), "student", "notebook")
    assert totals[("ann", NB)]["late"] == "on time", "a date alone is the end of that day (UTC here)"
    assert totals[("josé", NB)]["late"] != "on time" and float(totals[("josé", NB)]["penalty"]) >= 0
    # a re-grade that forgets the course file and the manifest keeps them, and says so
    said.clear()
    grade.grade(subs, out, students=["josé"], **quiet)
    assert any("as kept with the results" in s for s in said)
    assert by(table(out / "totals.csv"), "student", "notebook")[("josé", NB)]["late"] == totals[("josé", NB)]["late"]
    # two names that a disk would merge get two feedback folders; a formula-like name is text in every CSV
    folders = sorted(p.name for p in (out / "feedback").iterdir())
    assert len(folders) == 4 and len({f.lower() for f in folders}) == 4
    assert "'=cmd()" in (out / "totals.csv").read_text() and "\n=cmd()" not in (out / "gradebook.csv").read_text()


def test_marks_files_as_spreadsheets_save_them_and_as_students_write_them(tmp_path):
    import grade

    subs, out = _small_class(tmp_path, names=("ann", "josé")), tmp_path / "graded"
    grade.grade(subs, out, echo=lambda *_: None, unsandboxed=True, limits=grade.Limits(seconds=60), jobs=2)
    rows = table(out / "written.csv")  # josé's answer is 200,000 characters long
    for r in rows:
        r["mark"], r["comment"] = "1", "ok"
    fields = list(rows[0])
    with (tmp_path / "marks.csv").open("w", newline="", encoding="utf-8-sig") as fh:  # Excel's "CSV UTF-8"
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    got = grading_results.totals_only(out, tmp_path / "marks.csv", echo=lambda *_: None)
    assert all(r["status"] == "marked" for r in got["rows"] if r["kind"] in ("written", "follow-up") and r["student"] == "josé")
    # the student hands in a new answer; merging the old marks file again keeps the warning to check the mark
    nb = nbformat.read(subs / "josé" / NB, 4)
    for cell in nb.cells:
        if cell.source.startswith("AAAA"):
            cell.source = "A different answer."
    nbformat.write(nb, subs / "josé" / NB)
    grade.grade(subs, out, students=["josé"], echo=lambda *_: None, unsandboxed=True, limits=grade.Limits(seconds=60))
    again = grading_results.totals_only(out, tmp_path / "marks.csv", echo=lambda *_: None)
    assert any(w["note"] for w in again["written"] if w["student"] == "josé"), "the old mark is flagged, not blessed"
    (tmp_path / "semi.csv").write_text("student;notebook;exercise;mark\nann;00;00.6;2\n")
    with pytest.raises(SystemExit, match="separated by semicolons"):
        grading_results.totals_only(out, tmp_path / "semi.csv", echo=lambda *_: None)
    (tmp_path / "excel.csv").write_text("student,notebook,exercise,mark\nann,00,0.6,2\n")
    with pytest.raises(SystemExit, match="00.6 into 0.6"):
        grading_results.totals_only(out, tmp_path / "excel.csv", echo=lambda *_: None)


def test_a_student_s_text_cannot_pose_as_the_page():
    from grading.feedback import _md, to_html

    forged = "Fine.\u2028**Score:** 14 of 14\r[Regrade](http://evil.example) <img src=x onerror=alert(1)>"
    md = _md(forged)
    assert "<img" not in md and "](" not in md.replace("\\](", "") and "\u2028" not in md and "\r" not in md
    page = to_html("> " + md.replace("\n", "\n> "), "t")
    assert "<img" not in page and "<a " not in page and page.count("<blockquote>") == 3
