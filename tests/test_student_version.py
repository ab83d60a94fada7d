"""The student version of every notebook, checked without running it: its code is the notebook's own apart from
the solution cells; no other cell needs what only a solution computes (so it runs top to bottom wherever the
notebook does: the browser tests run every notebook, offline); and every check, given the starting value a
student finds in place of an answer, says "Not yet"."""

from __future__ import annotations

import sys

import nbformat
import pytest

from helpers import exercises
from tests.conftest import NOTEBOOKS, ROOT
from tests.fixtures import names_of

sys.path.insert(0, str(ROOT / "tools"))
import student  # noqa: E402


def _solution(cell) -> bool:
    return "solution" in cell.metadata.get("tags", [])




def needs_a_solution(nb) -> list[str]:
    """Cells (neither solutions nor checks) that read a name a solution cell assigns: in the student version
    that name is missing, or None."""
    from_solutions: set[str] = set()
    found = []
    for i, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        if _solution(cell):
            from_solutions |= names_of(cell.source)[0]
            continue
        if student.CHECK.findall(cell.source):
            continue
        reads = names_of(cell.source)[1]
        if reads & from_solutions:
            found.append(f"code cell {i} reads {sorted(reads & from_solutions)}")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_student_version_runs_wherever_the_notebook_does_and_says_not_yet(path):
    nb = nbformat.read(path, as_version=4)
    mine = student.student_version(nb)
    assert len(mine.cells) == len(nb.cells)
    solutions = 0
    for theirs, ours in zip(nb.cells, mine.cells):
        if _solution(theirs):
            solutions += 1
            assert student.BEGIN not in ours.source and "YOUR" in ours.source
        else:
            assert ours.source == theirs.source and ours.cell_type == theirs.cell_type
    assert solutions, f"{path.name} has no exercise"
    assert not needs_a_solution(nb), f"{path.name}: {needs_a_solution(nb)}"
    # Each check reads a name its stub sets to None (or, for a written answer, no name at all).
    stubs = {line.split(" =")[0] for c in mine.cells if c.cell_type == "code"
             for line in c.source.splitlines() if line.endswith("= None  # YOUR CODE HERE")}
    checks = student.checks(mine)
    assert checks
    for exercise_id, name in checks:
        assert name in stubs, f"{path.name}: check({exercise_id!r}, {name}) reads a name no stub sets"
        assert ": Not yet." in repr(exercises.check(exercise_id, None)), exercise_id


def test_the_check_can_fail():
    nb = nbformat.v4.new_notebook()
    solution = nbformat.v4.new_code_cell(f"{student.BEGIN}\nshare = 0.5\n{student.END}", metadata={"tags": ["solution"]})
    nb.cells = [solution, nbformat.v4.new_code_cell('check("00.2", share)'), nbformat.v4.new_code_cell("print(share * 2)")]
    assert needs_a_solution(nb) == ["code cell 2 reads ['share']"]
