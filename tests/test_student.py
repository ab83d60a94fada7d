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
    assert not any(student.COVERS_SUMMARY in c.source for c in nb.cells), "graded copies say nothing of good answers"


def test_the_self_study_copy_says_what_a_good_answer_covers_after_each_written_answer(tmp_path):
    """After every written answer and follow-up answer, and nowhere else: a collapsed block with the key's points,
    to be opened after answering; the model answer itself stays out."""
    from helpers.exercises import REGISTRY

    report = student.generate(tmp_path, NOTEBOOKS, self_study=True)
    assert sorted(report["written"]) == sorted(p.name for p in NOTEBOOKS)
    blocks = 0
    for path in NOTEBOOKS:
        cells = nbformat.read(tmp_path / path.name, as_version=4).cells
        assert "*Model answer.*" not in "\n".join(c.source for c in cells)
        for before, cell in zip(cells, cells[1:]):
            grade_id = before.metadata.get("nbgrader", {}).get("grade_id", "")
            written = before.cell_type == "markdown" and before.metadata.get("nbgrader", {}).get("solution")
            is_block = student.COVERS_SUMMARY in cell.source
            assert bool(written) == is_block, (path.name, grade_id, cell.source[:80])
            if is_block:
                blocks += 1
                m = student.ANSWER_ID.fullmatch(grade_id)
                ex = REGISTRY[f"{m.group(1)}.{m.group(2)}"]
                points = ex.follow_up if m.group(3) else ex.covers
                assert cell.source.startswith("<details><summary>") and "open>" not in cell.source.split("\n")[0]
                assert all(p in cell.source for p in points) and points
    assert blocks >= 30


def test_a_written_answer_the_key_says_nothing_of_is_a_clear_error(tmp_path):
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_followup"))
    cell.metadata["nbgrader"]["grade_id"] = "ex00_99_followup"
    with pytest.raises(SystemExit, match="ex00_99_followup"):
        student.student_version(nb, self_study=True, name=NOTEBOOKS[0].name)


def test_a_changed_student_file_is_never_overwritten(tmp_path):
    first = student.generate(tmp_path, NOTEBOOKS[:1])
    assert first["written"] == [NOTEBOOKS[0].name]
    target = tmp_path / NOTEBOOKS[0].name
    target.write_text(target.read_text().replace("YOUR CODE HERE", "my work", 1))
    again = student.generate(tmp_path, NOTEBOOKS[:1])
    assert again["kept"] == [NOTEBOOKS[0].name] and "my work" in target.read_text()
    target.unlink()
    assert student.generate(tmp_path, NOTEBOOKS[:1])["written"] == [NOTEBOOKS[0].name]
