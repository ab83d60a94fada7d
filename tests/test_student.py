"""Student versions: every solution removed, every exercise kept, outputs cleared; a file the student changed is
never overwritten. (That each runs wherever the notebook does, with its checks saying "Not yet", is in
tests/test_student_version.py.)"""

from __future__ import annotations

import sys

import nbformat
import pytest

from tests.conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import student  # noqa: E402


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_solutions_removed_exercises_kept(student_versions, path):
    original = nbformat.read(path, as_version=4)
    nb = nbformat.read(student_versions / path.name, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "BEGIN SOLUTION" not in code and "*Model answer.*" not in prose
    assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells)
    assert student.checks(nb) == student.checks(original) and len(student.checks(nb)) >= 3
    graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert len(graded) == sum("solution" in c.metadata.get("tags", []) for c in original.cells)
    assert all(not c.get("outputs") and c.execution_count is None for c in nb.cells if c.cell_type == "code")


def test_a_changed_student_file_is_never_overwritten(tmp_path):
    first = student.generate(tmp_path, NOTEBOOKS[:1])
    assert first["written"] == [NOTEBOOKS[0].name]
    target = tmp_path / NOTEBOOKS[0].name
    target.write_text(target.read_text().replace("YOUR CODE HERE", "my work", 1))
    again = student.generate(tmp_path, NOTEBOOKS[:1])
    assert again["kept"] == [NOTEBOOKS[0].name] and "my work" in target.read_text()
    target.unlink()
    assert student.generate(tmp_path, NOTEBOOKS[:1])["written"] == [NOTEBOOKS[0].name]
