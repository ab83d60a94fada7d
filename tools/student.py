"""Write student versions of every notebook: solutions replaced by stubs, outputs cleared.

    python tools/student.py                 # notebooks/*.ipynb -> student/*.ipynb, for graded work
    python tools/student.py --out DIR       # somewhere else
    python tools/student.py --self-study    # -> self-study/*.ipynb, for students working alone

A code solution (between ``### BEGIN SOLUTION`` and ``### END SOLUTION``) becomes one stub line per answer
variable, ``ads_share = None  # YOUR CODE HERE``, so the notebook runs top to bottom and its checks say
"Not yet". A written model answer becomes ``YOUR ANSWER HERE``. nbgrader's cell metadata is kept, but a
course on nbgrader should release what `make nbgrader` writes (tools/nbgrader_source.py), whose checks are
locked tests that can fail. A student file that was changed since it was written here is never
overwritten: it is listed as kept.

The **self-study** copy is the same, plus, after each written answer and each follow-up answer, a collapsed
block "A good answer covers …" (the exercise's ``covers`` or ``follow_up`` in the answer key), to be opened
once the student has written theirs. Copies for graded work (the default, and nbgrader's) leave it out.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import re
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from grading.course import CHECK  # noqa: E402  (the one definition of a check cell)

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ".generated.json"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
ANSWER_ID = re.compile(r"ex(\d\d)_(\d+)(_followup)?")
COVERS_SUMMARY = "A good answer covers … (open it once you have written yours)"


def answer_names(source: str) -> list[str]:
    """The variables a solution assigns at top level, in order (the names its check cell reads)."""
    body = source.split(BEGIN, 1)[-1].split(END, 1)[0]
    names: list[str] = []
    try:
        tree = ast.parse(body)
    except SyntaxError:
        return names
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for t in targets:
            for n in ast.walk(t):
                if isinstance(n, ast.Name) and n.id not in names:
                    names.append(n.id)
    return names


def stub(source: str, checked: list[str]) -> str:
    """The student's starting point for a code solution: the checked answer variable(s) set to None."""
    names = [n for n in answer_names(source) if n in checked] or answer_names(source)[-1:]
    lines = [f"{n} = None  # YOUR CODE HERE" for n in names] or ["# YOUR CODE HERE"]
    return "\n".join(lines)


def covers(grade_id: str) -> tuple[str, ...]:
    """What a good answer to a written answer cell covers, from the answer key: a written exercise's ``covers``,
    a follow-up's ``follow_up``. Fails, naming the cell, where the key has none."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from helpers.exercises import REGISTRY

    m = ANSWER_ID.fullmatch(grade_id)
    ex = REGISTRY.get(f"{m.group(1)}.{m.group(2)}") if m else None
    points = (ex.follow_up if m.group(3) else ex.covers) if ex else ()
    if not points:
        raise SystemExit(f"the answer key says nothing of what a good answer to {grade_id} covers: add covers= "
                         "or follow_up= to its exercise in helpers/exercises/")
    return points


def covers_cell(grade_id: str, notebook_name: str):
    """The self-study block after a written answer cell: collapsed, so it is read after answering."""
    items = "\n".join(f"- {p}" for p in covers(grade_id))
    text = (f"<details><summary>{COVERS_SUMMARY}</summary>\n\n{items}\n\nThe course's own copy of this "
            f"notebook (`notebooks/{notebook_name}`) has a model answer to compare with.\n\n</details>")
    cell = nbformat.v4.new_markdown_cell(text)
    cell["id"] = f"covers-{grade_id}"
    return cell


def student_version(nb, self_study: bool = False, name: str = ""):
    """A student's copy of a notebook: for graded work by default; ``self_study`` adds, after each written
    answer cell, what a good answer covers (``name`` is the notebook's file name, which the block cites)."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))  # a deep copy
    nb.metadata.pop("widgets", None)
    checked = [name for _id, name in checks(nb)]
    cells = []
    for cell in nb.cells:
        cells.append(cell)
        tags = cell.metadata.get("tags", [])
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if self_study and "solution" in tags and cell.cell_type == "markdown":
            cells.append(covers_cell(grade_id, name))
        if "solution" in tags:
            cell.source = stub(cell.source, checked) if cell.cell_type == "code" else "YOUR ANSWER HERE"
            cell.metadata["tags"] = [t for t in tags if t != "solution"] or None
            if cell.metadata["tags"] is None:
                del cell.metadata["tags"]
            cell.metadata.pop("jupyter", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.cells = cells
    return nb




def checks(nb) -> list[tuple[str, str]]:
    """(exercise id, answer variable) for every check cell of a notebook."""
    return [m for cell in nb.cells if cell.cell_type == "code" for m in CHECK.findall(cell.source)]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def write_keeping_changes(out_dir: Path, files: dict[str, str]) -> dict[str, list[str]]:
    """Write ``files`` (path relative to ``out_dir`` -> text) into ``out_dir``, never over a file someone changed
    since it was written here (a manifest keeps what was written). Returns what was written, unchanged, kept."""
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = out_dir / MANIFEST
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    report = {"written": [], "unchanged": [], "kept": []}
    for rel, text in files.items():
        target = out_dir / rel
        if target.exists():
            current = target.read_text()
            if current == text:
                report["unchanged"].append(rel)
                manifest[rel] = _digest(text)
                continue
            if manifest.get(rel) != _digest(current):
                report["kept"].append(rel)  # changed since it was written here: never overwrite
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        manifest[rel] = _digest(text)
        report["written"].append(rel)
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return report


def print_report(report: dict[str, list[str]], where: Path | None = None) -> None:
    def show(name):
        return where / name if where else name

    for name in report["written"]:
        print(f"written: {show(name)}")
    for name in report["unchanged"]:
        print(f"up to date: {show(name)}")
    for name in report["kept"]:
        print(f"kept, because you changed it: {show(name)} (delete it to get a fresh copy)")


#: The line a notebook with numbers of each student's own sets its student with (see helpers/exercises/givens.py).
STUDENT_LINE = re.compile(r"^STUDENT_ID = None(?=\s|$)", re.M)
SEED_LINE = re.compile(r"^COURSE_SEED = None(?=\s|$)", re.M)


def with_seed(nb, seed: str | None):
    """A copy of ``nb`` with the course's seed set at the top (for a copy every student gets)."""
    if seed is None:
        return nb
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        if cell.cell_type == "code" and SEED_LINE.search(cell.source):
            cell.source = SEED_LINE.sub(f"COURSE_SEED = {json.dumps(str(seed))}", cell.source)
    return nb


def for_student(nb, student: str, seed: str | None = None):
    """A student version with the student's id (and the course's seed) set at the top, so that every "your
    numbers" cell shows, and every check judges, that student's own numbers."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        if cell.cell_type == "code" and STUDENT_LINE.search(cell.source):
            cell.source = STUDENT_LINE.sub(f"STUDENT_ID = {json.dumps(student)}", cell.source)
            if seed is not None:
                cell.source = SEED_LINE.sub(f"COURSE_SEED = {json.dumps(str(seed))}", cell.source)
    return nb


def generate(out_dir: Path, notebooks: list[Path], self_study: bool = False, students=(),
             seed: str | None = None) -> dict[str, list[str]]:
    """Student versions of ``notebooks`` in ``out_dir``; with ``students``, one folder of them per student,
    each with that student's own numbers (``out_dir/<student>/NN_name.ipynb``)."""
    versions = {path.name: student_version(nbformat.read(path, as_version=4), self_study, path.name) for path in notebooks}
    if not students:  # one copy for everyone: each student writes their id; the course's seed is set here
        return write_keeping_changes(out_dir, {name: nbformat.writes(with_seed(nb, seed)) + "\n"
                                               for name, nb in versions.items()})
    return write_keeping_changes(out_dir, {f"{who}/{name}": nbformat.writes(for_student(nb, who, seed)) + "\n"
                                           for who in students for name, nb in versions.items()})


def class_list(path: Path) -> list[str]:
    """The students of a class list (``grading.gradebook.read_roster``: a CSV with a ``student`` column, each
    student's id as their hand-in folder will be named), each id one that can name a folder."""
    from grading.gradebook import read_roster

    names = [r["student"] for r in read_roster(Path(path))]
    bad = [n for n in names if not re.fullmatch(r"[\w.@-]+", n)]
    if bad:
        raise SystemExit(f"{Path(path).name}: {bad[0]!r} cannot name a folder: a student id is letters, digits, "
                         "'.', '@', '-' or '_'")
    return names


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--self-study", action="store_true",
                    help="the copy for students working alone: what a good written answer covers, collapsed, after "
                         "each written answer (default folder: self-study/)")
    ap.add_argument("--out", type=Path, default=None,
                    help="folder to write into (default: student/, or self-study/ with --self-study)")
    ap.add_argument("--class", dest="roster", type=Path, default=None,
                    help="a class list (CSV with a 'student' column): one folder per student, each with the "
                         "student's own numbers")
    ap.add_argument("--seed", default=None, help="the course's seed for each student's numbers (as in term.toml)")
    args = ap.parse_args(argv)
    out = args.out or ROOT / ("self-study" if args.self_study else "student")
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    students = class_list(args.roster) if args.roster else ()
    if students and not args.seed:
        ap.error("--class needs --seed (SEED= with make): the course's seed, the same as seed in term.toml, which "
                 "the grader uses to work out each student's numbers")
    print_report(generate(out, notebooks, args.self_study, students, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
