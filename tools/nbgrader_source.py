"""Write an nbgrader source tree from the course: an assignment per notebook, for generate_assignment.

    python tools/nbgrader_source.py              # every notebook -> nbgrader/source/NN_name/NN_name.ipynb
    python tools/nbgrader_source.py --out DIR    # somewhere else (DIR/source/..., DIR/nbgrader_config.py)
    python tools/nbgrader_source.py notebooks/00_start_here.ipynb   # only these notebooks

Run it with a Python that has nbgrader (`make nbgrader` uses .venv-grading): every notebook is then checked by
nbgrader's own preprocessors (cell metadata, solution regions, locked cells) before anything is saved.

What each cell becomes:

* a **code solution** keeps nbgrader's ``### BEGIN SOLUTION`` / ``### END SOLUTION`` markers (``solution:
  true, grade: false``), after an ``answer = None`` line, so the released notebook runs top to bottom as
  ``make student``'s versions do;
* each **check cell** ``check("00.2", answer)`` becomes a locked autograder test (``grade: true, locked:
  true``, ``grade_id`` ``check_00_2``, the exercise's points). Its visible part shows feedback on the
  answer's form and size (``helpers.exercises.form_check``, which knows no answer); its **hidden test**
  (``### BEGIN HIDDEN TESTS``) carries the expected answer as literals and judges the answer with nothing the
  notebook can replace. ``generate_assignment`` strips the hidden test from the released copy, and
  ``autograde`` restores the whole locked cell from its database before grading, so neither importing the
  answer key nor redefining ``check``, ``form_check`` or ``evaluate`` earns a point;
* a **written model answer** and a **follow-up's model answer** become manually graded markdown cells
  (``grade: true, solution: true``; points from the answer key, ``FOLLOW_UP_POINTS`` for a follow-up):
  nbgrader releases them as ``YOUR ANSWER HERE``;
* every other cell stays as it is, ungraded. Solution cells are shown open (not collapsed), outputs cleared.

Each assignment folder also gets the course's ``helpers/`` and ``data/`` *without the answer key*
(:func:`course_files`): released with the notebook, they are what its ``import helpers`` finds, and autograde
copies them back over a student's changes. The grading environment (``requirements-grading.txt``) has the
course's packages but not the course, so nothing in an autograded kernel imports the key.

A source notebook you changed since it was written here is kept, never overwritten (listed as kept), and so
is an existing ``nbgrader_config.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from helpers.exercises import FOLLOW_UP_POINTS, REGISTRY, accepted_interval, judging  # noqa: E402
from helpers.exercises.givens import AUTO  # noqa: E402
from grading.course import keyless_copy  # noqa: E402
from student import (BEGIN, CHECK, SEED_LINE, STUDENT_LINE, answer_names, checks, class_list,  # noqa: E402
                     print_report, write_keeping_changes)

CODE_STUB = "# YOUR CODE HERE"
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
TEXT_STUB = "YOUR ANSWER HERE"
SOLUTION_ID = re.compile(r"^ex(\d{2})_(\d+)(_followup)?$")

CONFIG = f'''\
"""nbgrader's settings for this course (written by `make nbgrader`; yours to change: it is never overwritten).

Run nbgrader in this folder, with a Python that has the course's packages and nbgrader but not the course
itself (`pip install -r requirements-grading.txt`; `make nbgrader` sets up .venv-grading so): autograding runs
each notebook in that Python's own kernel, where `import helpers` finds the assignment's own copy of the
course's models and data, which has no answer key.
"""

c = get_config()  # noqa: F821

# The name students and the exchange know the course by: set it to your hub's course id.
c.CourseDirectory.course_id = "tiktok_business_model"

# A released answer cell keeps the line that sets the answer to None (so the notebook runs top to bottom, and
# its test says what to do); nbgrader puts this comment where the solution was.
c.ClearSolutions.code_stub = {{"python": {CODE_STUB!r}}}
c.ClearSolutions.text_stub = {TEXT_STUB!r}

# Seconds a cell may run while autograding (notebook 07's Monte Carlo, the slowest cell, takes a few).
c.Execute.timeout = 120

# A test cell a student deleted is put back and run at autograding (by default nbgrader would leave it out
# and the exercise would score nothing): deleting a test neither gains nor, by accident, loses points.
c.OverwriteCells.add_missing_cells = True

# Feedback shows each autograded notebook without its hidden tests, in its code and in the tracebacks of the
# tests that failed (a traceback prints the lines around the failing one): they hold the expected answers, and
# a student who has the feedback must not be able to pass them on to one who hands in later.
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import ClearHiddenTests, GetGrades, NbGraderPreprocessor  # noqa: E402


class ShortTracebacks(NbGraderPreprocessor):
    """A failed test's error as its message alone ("Exercise 00.2: not right"), without the code around it."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {{}}).get("grade"):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [f"{{out.get('ename')}}: {{out.get('evalue')}}"]
        return cell, resources


c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, ShortTracebacks, CSSHTMLHeaderPreprocessor]
'''


class SourceError(ValueError):
    """A notebook cannot be turned into an nbgrader assignment (the message names notebook and cell)."""


def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: int | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if points is not None:
        meta["points"] = points
    return meta


#: The class an assignment is built for (``--class``): the students whose own numbers its hidden tests carry, and
#: the course's seed. Without one, an exercise with numbers of each student's own asks everyone the course's own.
CLASS: dict = {"students": (), "seed": None}


def _judgement(exercise_id: str) -> list[str]:
    """The hidden test's lines: the expected answer written in as literals, judged with nothing the notebook
    can replace — no course function, no name a student could redefine; only literals, the methods of
    Python's own immutable types (``(0.0).__add__``, ``"".join``) and comparison operators on real floats and
    strings. ``(0.0).__add__(x)`` turns an int, a float or a NumPy number into a real float and anything else
    (an object that claims to equal everything) into NotImplemented, which no comparison accepts."""
    ex = REGISTRY[exercise_id]
    fail = f"Exercise {exercise_id}: not right"
    text = ['_s = "".join([_answer]).strip().lower() if _answer.__class__ is not None.__class__ else ""']
    if ex.kind == "prediction" and ex.options:
        options = tuple(o.lower() for o in ex.options)
        return text + [f"assert _s in {options!r}, {fail + ' (no prediction made)'!r}"]
    number = ['_v = _answer.item() if _answer.__class__.__module__ == "numpy" else _answer',
              "_x = None if _v.__class__ is (True).__class__ else (0.0).__add__(_v)"]
    if ex.kind == "prediction":
        return [
            "try:",
            '    _made = "".join([_answer]).strip() != ""',
            "except TypeError:",
            *("    " + line for line in number),
            "    _made = _x.__class__ is (0.0).__class__ and _x == _x",
            f"assert _made is True, {fail + ' (no prediction made)'!r}",
        ]
    expected = ex.answer()
    if isinstance(expected, str):
        return text + [f"assert _s == {expected.lower()!r}, {fail!r}"]
    if ex.givens and CLASS["students"]:
        # Each student's own interval; the student is the one nbgrader autogrades (autograded/<student>/<nb>/),
        # never the id the notebook sets. Unlike the rest of the hidden test, this asks the kernel where it runs:
        # a student who changes the working folder or rebinds __import__ can pose as a classmate here (see the
        # guide); the course's own grader takes the student from the hand-in's folder, outside the kernel.
        table = {}
        for who in CLASS["students"]:
            with judging(who, CLASS["seed"]):
                table[who] = accepted_interval(ex)
        return number + [
            '_who = __import__("os").path.basename(__import__("os").path.dirname(__import__("os").getcwd()))',
            f"_table = {table!r}",
            f"assert _who in _table, {f'Exercise {exercise_id}: this student is not on the class list'!r}",
            "_low, _high = _table[_who]",
            f"assert _x.__class__ is (0.0).__class__ and _low <= _x <= _high, {fail!r}"]
    with judging(None):
        low, high = accepted_interval(ex)
    return number + [f"assert _x.__class__ is (0.0).__class__ and {low!r} <= _x <= {high!r}, {fail!r}"]


def assertion_cell(exercise_id: str, variable: str) -> str:
    """The locked autograder test that replaces ``check(exercise_id, variable)``: visible feedback on the
    answer's form (``helpers.exercises.form_check``, no key), then the hidden test that judges it."""
    ex = REGISTRY[exercise_id]
    points = f"{ex.max_points} point{'s' if ex.max_points != 1 else ''}"
    return "\n".join([
        f"# Autograder test for exercise {exercise_id} ({points}). Run it to check your answer's form; the",
        "# answer itself is judged by hidden tests when your work is graded (this cell is locked).",
        "from IPython.display import display as _display",
        "from helpers.exercises import form_check as _form_check",
        "try:",
        f"    _answer = {variable}",
        "except NameError:",
        f'    raise AssertionError("Exercise {exercise_id}: {variable} is not defined: run the cell above, '
        'with your answer in it.") from None',
        f'_form = _form_check("{exercise_id}", _answer)',
        "_display(_form)",
        'assert _form.status == "recorded", repr(_form)',
        HIDDEN_BEGIN,
        *_judgement(exercise_id),
        HIDDEN_END,
    ])


def _stub_prefix(source: str, checked: list[str]) -> str:
    """``answer = None`` lines put before a solution region, for the answer variables its checks read."""
    if not source.lstrip().startswith(BEGIN):
        return ""  # the cell has code before its solution region (or none): leave it as it is
    names = [n for n in answer_names(source) if n in checked] or answer_names(source)[-1:]
    return "".join(f"{n} = None\n" for n in names)


def _hand_marked_points(grade_id: str, where: str) -> int:
    """What a model answer's cell is worth: the written exercise's points, or FOLLOW_UP_POINTS."""
    m = SOLUTION_ID.match(grade_id)
    if not m:
        raise SourceError(f"{where}: a model answer's grade_id looks like ex00_6 or ex00_2_followup, "
                          f"not {grade_id!r}")
    exercise_id = f"{m[1]}.{m[2]}"
    if exercise_id not in REGISTRY:
        raise SourceError(f"{where}: model answer {grade_id!r} is for exercise {exercise_id}, "
                          "which is not registered in helpers/exercises/")
    if m[3]:
        return FOLLOW_UP_POINTS
    ex = REGISTRY[exercise_id]
    if ex.kind != "written":
        raise SourceError(f"{where}: model answer {grade_id!r} belongs to a {ex.kind} exercise; only written "
                          "exercises and follow-ups are marked by hand")
    return ex.max_points


def source_version(nb, name: str = "notebook"):
    """The nbgrader source version of a course notebook (a new notebook; ``nb`` is left as it is)."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))  # a deep copy
    nb.metadata.pop("widgets", None)
    checked = [var for _id, var in checks(nb)]
    cells = []
    for index, cell in enumerate(nb.cells):
        where = f"{name}, cell {index}"
        tags = [t for t in cell.metadata.pop("tags", []) if t != "solution"]
        if tags:
            cell.metadata["tags"] = tags
        meta = cell.metadata.pop("nbgrader", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        if meta and meta.get("solution"):  # shown open in the student's copy
            cell.metadata.get("jupyter", {}).pop("source_hidden", None)
            if not cell.metadata.get("jupyter", True):
                del cell.metadata["jupyter"]
            grade_id = meta.get("grade_id", "")
            if cell.cell_type == "code":
                cell.source = _stub_prefix(cell.source, checked) + cell.source
                cell.metadata["nbgrader"] = _meta(grade_id, grade=False, solution=True, locked=False)
            else:
                points = _hand_marked_points(grade_id, where)
                cell.metadata["nbgrader"] = _meta(grade_id, grade=True, solution=True, locked=False,
                                                  points=points)
            cells.append(cell)
            continue
        if cell.cell_type == "code" and STUDENT_LINE.search(cell.source):  # whose numbers: see CLASS
            if CLASS["students"]:
                cell.source = re.sub(r"^STUDENT_ID = None.*$", f"STUDENT_ID = {AUTO!r}  # your hub name: nbgrader knows it",
                                     cell.source, flags=re.M)
                if CLASS["seed"]:
                    cell.source = SEED_LINE.sub(f"COURSE_SEED = {str(CLASS['seed'])!r}", cell.source)
        found = CHECK.findall(cell.source) if cell.cell_type == "code" else []
        rest = CHECK.sub("", cell.source).strip()
        if not found or rest.strip("\n ;"):
            # whatever else a check cell does stays, ungraded, before its tests
            cell.source = rest if found else cell.source
            cells.append(cell)
        for exercise_id, variable in found:
            if exercise_id not in REGISTRY:
                raise SourceError(f'{where}: check("{exercise_id}", {variable}) names no registered '
                                  f"exercise: register {exercise_id} in helpers/exercises/ or correct the id")
            test = nbformat.v4.new_code_cell(assertion_cell(exercise_id, variable))
            grade_id = f"check_{exercise_id.replace('.', '_')}"
            test.metadata["nbgrader"] = _meta(grade_id, grade=True, solution=False, locked=True,
                                              points=REGISTRY[exercise_id].max_points)
            cells.append(test)
    nb.cells = cells
    return nb


def validate(nb, name: str = "notebook") -> None:
    """Run nbgrader's own checks on a source notebook: its cell metadata (unique grade ids, points, markdown
    answers both graded and solution), solution regions only inside solution cells, locking and clearing as
    `nbgrader generate_assignment` does. Raises SourceError with nbgrader's message."""
    try:
        from nbgrader.nbgraderformat import MetadataValidator
        from nbgrader.preprocessors import CheckCellMetadata, ClearHiddenTests, ClearOutput, ClearSolutions, LockCells
        from traitlets.config import Config
    except ImportError as exc:
        raise SourceError(f"nbgrader is not installed in this Python ({sys.executable}): run "
                          "`make nbgrader`, which uses .venv-grading, or pass --no-validate") from exc
    copy = nbformat.from_dict(json.loads(json.dumps(nb)))
    config = Config()
    config.ClearSolutions.code_stub = {"python": CODE_STUB}
    config.ClearSolutions.text_stub = TEXT_STUB
    resources = {}
    try:
        MetadataValidator().validate_nb(copy)
        for step in (LockCells, ClearSolutions, ClearHiddenTests, ClearOutput, CheckCellMetadata):
            copy, resources = step(config=config).preprocess(copy, resources)
    except Exception as exc:  # nbgrader raises ValidationError and RuntimeError
        raise SourceError(f"{name}: nbgrader rejects it: {exc}") from exc
    released = "\n".join(c.source for c in copy.cells)
    if "BEGIN SOLUTION" in released or "*Model answer.*" in released or "HIDDEN TESTS" in released:
        raise SourceError(f"{name}: a solution or a hidden test would be released (check its cells' metadata)")


def generate(out_dir: Path, notebooks: list[Path], check: bool = True) -> dict[str, list[str]]:
    """Write ``out_dir/source/NN_name/NN_name.ipynb`` for each notebook and ``out_dir/nbgrader_config.py``.
    Every notebook is converted (and validated) before anything is written: an error leaves no half tree."""
    written_nbs = {}
    for path in notebooks:
        nb = source_version(nbformat.read(path, as_version=4), path.name)
        if check:
            validate(nb, path.name)
        written_nbs[path] = nbformat.writes(nb) + "\n"
    files = {f"source/{path.stem}/{path.name}": text for path, text in written_nbs.items()}
    course = course_files()
    for path in notebooks:  # each assignment carries the course's models and data, without the answer key
        files |= {f"source/{path.stem}/{rel}": text for rel, text in course.items()}
    return write_keeping_changes(out_dir, files | {"nbgrader_config.py": CONFIG})


def course_files() -> dict[str, str]:
    """The course's ``helpers/`` and ``data/`` as an assignment carries them: the models and the data, with the
    exercise list and the form check in place of the answer key (``tools/grading/course.py``). Released with
    the notebook, they are what ``import helpers`` finds (the notebook's folder comes first on the import path),
    and nbgrader's autograde puts them back over any copy a student changed."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = keyless_copy(Path(tmp) / "course")
        return {p.relative_to(copy).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(copy.rglob("*")) if p.is_file()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", type=Path, help="notebooks to convert (default: every notebook)")
    ap.add_argument("--out", type=Path, default=ROOT / "nbgrader",
                    help="course folder to write into (default: nbgrader/)")
    ap.add_argument("--no-validate", action="store_true",
                    help="skip nbgrader's checks (where nbgrader is not installed)")
    ap.add_argument("--class", dest="roster", type=Path, default=None,
                    help="a class list (CSV with a 'student' column: nbgrader's student ids): every student's own "
                         "numbers, in the hidden tests")
    ap.add_argument("--seed", default=None, help="the course's seed for each student's numbers")
    args = ap.parse_args(argv)
    CLASS["students"] = tuple(class_list(args.roster)) if args.roster else ()
    CLASS["seed"] = args.seed
    if CLASS["students"] and not args.seed:
        ap.error("--class needs --seed (SEED= with make): the course's seed for each student's numbers")
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    try:
        report = generate(args.out, notebooks, check=not args.no_validate)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    course = [name for part in report.values() for name in part if "/helpers/" in name or "/data/" in name]
    print_report({k: [n for n in v if n not in course] for k, v in report.items()}, args.out)
    if course:
        print(f"the course's models and data without the answer key, in each assignment: {len(course)} files "
              f"({len(report['written'])} written, {len(report['kept'])} kept)")
    print(f"next: cd {args.out} && nbgrader generate_assignment NN_name (see docs/instructors.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
