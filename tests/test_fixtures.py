"""The small notebooks the tools' tests run: they keep what is asked and what that needs, and nothing else."""

from __future__ import annotations

import nbformat

from tests import fixtures


def test_a_slim_notebook_keeps_the_chain_of_what_its_cells_need(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"),
                nbformat.v4.new_code_cell("import math\n%matplotlib inline"),
                nbformat.v4.new_code_cell("unused = 1"),
                nbformat.v4.new_code_cell("base = math.pi"),
                nbformat.v4.new_code_cell("twice = 2 * base"),
                nbformat.v4.new_markdown_cell("Prose"),
                nbformat.v4.new_code_cell("wanted = twice + 1")]
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    out = fixtures.slim(path, lambda c: "wanted" in c.source)
    assert [c.source for c in out.cells] == ["# Title", "import math\n%matplotlib inline", "base = math.pi",
                                             "twice = 2 * base", "wanted = twice + 1"]


def test_the_hand_in_fixture_has_every_exercise_of_its_notebook():
    import sys

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "tools"))
    import student

    for number in ("00", "01"):
        course = nbformat.read(fixtures.course_notebook(number), as_version=4)
        slim = fixtures.exercises_of(number)
        assert student.checks(slim) == student.checks(course) and len(slim.cells) < len(course.cells)
