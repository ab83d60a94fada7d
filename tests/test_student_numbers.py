"""Every student their own numbers (helpers/exercises/givens.py): the varied exercises' givens are drawn per
student from a course seed, stay inside their plausible ranges and steps, never equal the course's own, and are
the same every time; each student answering with their own numbers is right; an answer copied from a classmate,
or the course's published case, is wrong for the student and flagged — in the notebook's own check and through
the course's grader, run on a class of five as an instructor would run it.
"""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys

import nbformat
import pytest

from tests import fixtures
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import student  # noqa: E402

from helpers import exercises  # noqa: E402
from helpers.exercises import givens  # noqa: E402
from tests.test_grade import _bwrap_missing  # noqa: E402

VARIED = [e for e in exercises.REGISTRY.values() if e.givens]
CLASS = ["ana", "ben", "chen", "dara", "eli"]
SEED = "spring-2027"


def test_some_calculations_vary_and_every_given_is_declared_well():
    assert len(VARIED) >= 3 and {e.id[:2] for e in VARIED} >= {"04", "06"}
    for ex in VARIED:
        assert ex.kind in ("calculation", "what-if") and ex.numeric
        for g in ex.givens:
            assert g.low <= g.base <= g.high and g.step > 0


@pytest.mark.parametrize("ex", VARIED, ids=lambda e: e.id)
def test_a_thousand_students_get_numbers_inside_the_ranges_on_their_steps_and_never_the_course_s(ex):
    specs = [givens.spec(g) for g in ex.givens]
    seen = set()
    for n in range(1000):
        who = f"s{n:06d}"
        mine = givens.numbers_for(specs, ex.id, who, SEED)
        assert mine == givens.numbers_for(specs, ex.id, who, SEED), "the same student, the same numbers"
        for g in ex.givens:
            v = mine[g.name]
            assert g.low <= v <= g.high, (who, g.name, v)
            steps = (v - g.low) / g.step
            assert math.isclose(steps, round(steps), abs_tol=1e-6), (who, g.name, v)
            assert v != g.base, "never the published case"
        seen.add(tuple(mine.values()))
    assert len(seen) > 20, "the numbers differ from student to student"
    other_seed = givens.numbers_for(specs, ex.id, "s000001", "autumn-2027")
    assert other_seed != givens.numbers_for(specs, ex.id, "s000001", SEED) or len(specs[0]) == 0


def _right_for(ex, who):
    with exercises.judging(who, SEED):
        return float(exercises.expected_answer(ex))


@pytest.mark.parametrize("ex", VARIED, ids=lambda e: e.id)
def test_each_student_right_with_their_numbers_and_wrong_with_anyone_else_s(ex):
    answers = {who: _right_for(ex, who) for who in CLASS}
    for who in CLASS:
        assert exercises.evaluate(ex.id, answers[who], student=who, seed=SEED).status == "right"
        copied = answers[CLASS[(CLASS.index(who) + 1) % len(CLASS)]]
        assert exercises.evaluate(ex.id, copied, student=who, seed=SEED).status == "not yet"
        base = _right_for(ex, None)
        assert exercises.evaluate(ex.id, base, student=who, seed=SEED).status == "not yet"
    # in a notebook: the student set at the top is whose numbers "your numbers" shows and the check uses
    try:
        exercises.use_student("ben", SEED)
        shown = exercises.your_numbers(ex.id)
        assert dict(shown) == exercises.yours(ex.id) and "yours (ben)" in repr(shown)
        assert exercises.check(ex.id, answers["ben"]).status == "right"
        assert exercises.check(ex.id, answers["ana"]).status == "not yet"
    finally:
        exercises.use_student(None)
    assert exercises.check(ex.id, _right_for(ex, None)).status == "right", "no student set: the course's own case"


def test_per_student_copies_carry_their_student_and_seed(tmp_path):
    nb = ROOT / "notebooks" / "04_coins_gifts_diamonds.ipynb"
    report = student.generate(tmp_path, [nb], students=CLASS, seed=SEED)
    assert sorted(report["written"]) == sorted(f"{who}/{nb.name}" for who in CLASS)
    for who in CLASS:
        text = (tmp_path / who / nb.name).read_text()
        assert f'STUDENT_ID = \\"{who}\\"' in text and f'COURSE_SEED = \\"{SEED}\\"' in text
    (tmp_path / "class.csv").write_text("student\nana\nana\n")
    with pytest.raises(SystemExit, match="listed twice"):
        student.class_list(tmp_path / "class.csv")
    (tmp_path / "bad.csv").write_text("student\n../evil\n")
    with pytest.raises(SystemExit, match="cannot name a folder"):
        student.class_list(tmp_path / "bad.csv")


def _answered(nb, who, numbers_of=None):
    """``nb`` with each varied answer written as a literal worked out with ``numbers_of``'s numbers (``who``'s by
    default; ``None``: the course's own), as a student types in a result."""
    names = dict(student.checks(nb))
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        for ex_id, var in names.items():
            if exercises.get(ex_id).givens and cell.source.startswith("### BEGIN SOLUTION") and f"\n{var} =" in cell.source:
                with exercises.judging(numbers_of if numbers_of != "self" else who, SEED):
                    cell.source = f"{var} = {float(exercises.expected_answer(exercises.get(ex_id)))!r}"
    return nb


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    """A class of five hands in notebook 04, each answer worked out with the student's own numbers; fay hands in
    ana's notebook; gus hands in the published solutions; ivy's notebook is set to "whoever runs it" (as nbgrader
    releases it) and computes with "your numbers". Graded by the course's grader, each hand-in in its sandbox,
    with the course's seed in its course file; then once more without a course seed."""
    if why := _bwrap_missing():
        pytest.skip(why)
    here = tmp_path_factory.mktemp("numbers")
    source = fixtures.exercises_of("04")  # the course's answers: the published case
    (here / "term.toml").write_text(f'seed = "{SEED}"\n')
    subs = here / "submissions"
    hand_ins = {who: _answered(student.for_student(source, who, SEED), who, "self") for who in CLASS}
    hand_ins["fay"] = hand_ins["ana"]  # ana's notebook, under fay's name
    hand_ins["gus"] = source
    generic = nbformat.from_dict(json.loads(json.dumps(source)))
    for cell in generic.cells:  # computes with "your numbers", whoever runs it
        cell.source = (cell.source.replace("coins = 1000  #", 'coins = gift["coins"]  #')
                       .replace("spent = 100  #", 'spent = spend["spent_usd"]  #')
                       .replace("STUDENT_ID = None", 'STUDENT_ID = "auto"').replace("COURSE_SEED = None", f'COURSE_SEED = "{SEED}"'))
    hand_ins["ivy"] = generic
    for who, nb in hand_ins.items():
        (subs / who).mkdir(parents=True)
        (subs / who / "04_coins_gifts_diamonds.ipynb").write_text(nbformat.writes(nb))

    def grade(out, *extra):
        done = subprocess.run([sys.executable, str(ROOT / "tools" / "grade.py"), str(subs), "--out", str(here / out),
                               "--jobs", "2", "--limit", "120", *extra], capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        with (here / out / "scores.csv").open(newline="") as fh:
            return {(r["student"], r["exercise"]): r for r in csv.DictReader(fh)}

    return grade("graded", "--term", str(here / "term.toml")), here, grade("no-seed")


def test_the_grader_judges_each_student_against_their_own_numbers(graded_class):
    rows, _, _ = graded_class
    varied = [e.id for e in VARIED if e.id.startswith("04.")]
    for who in [*CLASS, "ivy"]:  # ivy's notebook follows whoever runs it: in the grader, the hand-in's student
        for ex in varied:
            assert rows[(who, ex)]["status"] == "right" and not rows[(who, ex)]["flag"], (who, ex)


def test_without_a_course_seed_everyone_answers_the_course_s_own_numbers(graded_class):
    _, _, plain = graded_class
    varied = [e.id for e in VARIED if e.id.startswith("04.")]
    for ex in varied:
        assert plain[("gus", ex)]["status"] == "right" and plain[("ana", ex)]["status"] == "not yet"
        assert not any(r["flag"] for r in plain.values()), "no own numbers, no flags"


def test_a_copied_notebook_and_the_published_solutions_are_wrong_and_flagged(graded_class):
    rows, here, _ = graded_class
    varied = [e.id for e in VARIED if e.id.startswith("04.")]
    for ex in varied:
        assert rows[("fay", ex)]["status"] == "not yet"
        assert "set to ana's numbers" in rows[("fay", ex)]["flag"] and "right for ana's numbers on 2" in rows[("fay", ex)]["flag"]
        assert rows[("gus", ex)]["status"] == "not yet"
        assert rows[("gus", ex)]["mistake"].startswith("used the course's own"), "the published case is a named mistake"
        assert "published case) on 2 exercises" in rows[("gus", ex)]["flag"]
    same = [e.id for e in exercises.REGISTRY.values() if e.id.startswith("04.") and not e.givens and e.kind != "written"]
    assert all(rows[("fay", ex)]["status"] in ("right", "recorded") for ex in same), "the same question for everyone"
    report = (here / "graded" / "class_report.md").read_text()
    assert "**fay**" in report and "**gus**" in report and "right for someone else's numbers" in report
    assert all(not r["flag"] for r in rows.values() if r["mistake"] and r["student"] not in ("fay", "gus")), \
        "an answer the check explains by a mistake of the student's own is never flagged"
    assert "answers right for someone else's numbers" in (here / "graded" / "summary.txt").read_text()


def test_graded_work_shows_the_numbers_without_the_answer_key(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    from grading.course import keyless_copy

    keyless_copy(tmp_path / "copy")
    code = ("from helpers.exercises import use_student, your_numbers, check\n"
            "use_student('ana', 'spring-2027')\n"
            "import json; print(json.dumps(dict(your_numbers('04.2'))))\n"
            "import helpers.exercises as e; print(hasattr(e, 'expected_answer'))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path / "copy", capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path / "copy")})
    assert done.returncode == 0, done.stderr
    shown, has_key = done.stdout.splitlines()
    with exercises.judging("ana", SEED):
        assert json.loads(shown) == exercises.yours("04.2")
    assert has_key == "False"


def test_the_instructor_can_see_a_student_s_numbers_as_the_guide_says():
    guide = (ROOT / "docs" / "instructors.md").read_text()
    assert "python tools/student_numbers.py ana --seed spring-2027" in guide
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "student_numbers.py"), "ana", "--seed", SEED],
                          capture_output=True, text=True, check=True)
    for ex in VARIED:
        line = next(x for x in done.stdout.splitlines() if x.startswith(ex.id))
        with exercises.judging("ana", SEED):
            mine = exercises.yours(ex.id)
        for g in ex.givens:
            assert givens.words(mine[g.name], g.unit) in line, (line, mine)
        with exercises.judging("ana", SEED):
            assert f"{float(exercises.expected_answer(ex)):g}" not in line, "never the answer"


# ----------------------------------------------------------------------------------- through real nbgrader
from tests.test_nbgrader import GRADING_BIN, _graded, _run, nbgrader_bin, nbgrader_env  # noqa: E402,F401,F811


@pytest.fixture(scope="module")
def nbgrader_class(nbgrader_bin, tmp_path_factory):  # noqa: F811 (the fixture imported above)
    """Notebook 04 built for the class of five with `make nbgrader CLASS=... SEED=...`'s script, released, handed
    in (each student's own numbers worked out, fay's being ana's and gus's the published case), autograded."""
    tmp = tmp_path_factory.mktemp("nbgrader_numbers")
    course, env = tmp / "course", nbgrader_env(tmp / "jupyter")
    handout = fixtures.write(fixtures.exercises_of("04"), tmp / "fixture", "04")
    (tmp / "class.csv").write_text("student\n" + "\n".join([*CLASS, "fay", "gus"]) + "\n")
    _run([GRADING_BIN / "python", ROOT / "tools" / "nbgrader_source.py", handout, "--out", course,
          "--class", tmp / "class.csv", "--seed", SEED], tmp, env)
    with open(course / "nbgrader_config.py", "a") as fh:
        fh.write(f"\nc.CourseDirectory.root = {str(course)!r}\n")
    assignment = handout.stem
    _run([nbgrader_bin, "generate_assignment", assignment], course, env)
    released = nbformat.read(course / "release" / assignment / handout.name, as_version=4)
    assert "STUDENT_ID = 'auto'" in "\n".join(c.source for c in released.cells)
    source = nbformat.read(course / "source" / assignment / handout.name, as_version=4)
    solutions = {_graded(c)["grade_id"]: c.source for c in source.cells if _graded(c).get("solution")}
    names = dict(student.checks(nbformat.read(handout, as_version=4)))
    varied = {e.id for e in VARIED}

    def worked(who):  # literal answers for a varied exercise: worked out with `who`'s numbers
        out = {}
        for ex_id in varied & set(names):
            with exercises.judging(who, SEED):
                out[ex_id] = float(exercises.expected_answer(exercises.get(ex_id)))
        return out

    for who in [*CLASS, "fay", "gus"]:
        own = worked({"fay": "ana", "gus": None}.get(who, who))
        nb = nbformat.from_dict(json.loads(json.dumps(released)))
        for cell in nb.cells:
            meta = _graded(cell)
            if meta.get("solution") and cell.cell_type == "code":
                ex_id = meta["grade_id"].removeprefix("ex").replace("_", ".")
                cell.source = (f"{names[ex_id]} = {own[ex_id]!r}" if ex_id in own else solutions[meta["grade_id"]])
        path = course / "submitted" / who / assignment / handout.name
        path.parent.mkdir(parents=True)
        nbformat.write(nb, path)
        (path.parent / "timestamp.txt").write_text("2026-12-07 09:00:00.000000 UTC")
    _run([nbgrader_bin, "autograde", assignment], course, env, timeout=600)
    _run([nbgrader_bin, "export", "--to", course / "grades.csv"], course, env)
    with open(course / "grades.csv", newline="") as fh:
        return {r["student_id"]: float(r["score"]) for r in csv.DictReader(fh)}


def test_through_nbgrader_own_numbers_score_and_copies_do_not(nbgrader_class):
    scores = nbgrader_class
    varied_points = sum(e.max_points for e in VARIED if e.id.startswith("04."))
    top = max(scores[who] for who in CLASS)
    assert all(scores[who] == top for who in CLASS), scores
    assert scores["fay"] == scores["gus"] == top - varied_points, scores
