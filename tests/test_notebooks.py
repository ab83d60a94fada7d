"""Notebook hygiene as a reader of the saved files sees it, and the structure every notebook shares.

The browser tests run each notebook once and compare its outputs with the saved ones; these tests check what
a run cannot: that the saved file reads well with no kernel."""

from __future__ import annotations

import json
import re

import sys

import nbformat
import pytest

from tests.conftest import NOTEBOOKS, ROOT

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SECTIONS = ("**What you will learn**", "**Before you start**", "**Data and sources**", "## Exercises",
            "## Key points", "## Sources")


def test_there_are_notebooks():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_saved_executed_in_order_without_errors(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "run all cells top to bottom in a fresh kernel (make execute)"
    for i, c in enumerate(nb.cells):
        for out in c.get("outputs", []):
            assert out.output_type != "error", f"cell {i} has an error"
            assert not (out.output_type == "stream" and out.name == "stderr"), f"cell {i} wrote to stderr"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_live_widgets_or_machine_details_saved(path):
    raw = path.read_text()
    nb = json.loads(raw)
    assert "widgets" not in nb["metadata"], "saved widget state shows 'Error displaying widget' to readers"
    assert WIDGET_VIEW not in raw, "a live widget view was saved; re-run with make execute"
    # A machine path starts a path ("/home/..."), not the middle of a web address ("example.com/news/home/...")
    for pattern in (r"(?<![\w.-])/(?:root|home|tmp|work|Users)/[\w.-]+", r"site-packages", r"0x[0-9a-f]{8,}",
                    r"<Figure size"):
        m = re.search(pattern, raw)
        assert not m, f"{path.name} shows {m.group(0)!r}"
    assert str(ROOT) not in raw


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_structure(path):
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    for s in SECTIONS:
        assert s in text, f"{path.name} lacks the section {s}"
    md = sum(c.cell_type == "markdown" for c in nb.cells)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert md >= len(code) * 0.6, "explain before computing: too little prose for the code"
    long = [c.source.splitlines()[0] for c in code if len(c.source.splitlines()) > 12]
    assert not long, f"long code cells belong in helpers/: {long}"
    first = code[0].source
    assert "import" in first and "style.use()" in first, "the first code cell sets up everything later cells need"
    assert any("WhatIfPanel(" in c.source for c in code), "every notebook has a what-if panel"
    assert any(".still()" in c.source for c in code), "every panel has a static base view"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_does_not_import_other_notebooks_or_write_data(path):
    nb = nbformat.read(path, as_version=4)
    src = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert ".ipynb" not in src and "%run" not in src
    assert not re.search(r"to_csv|open\([^)]*['\"]w", src), "notebooks never write files"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_sources_list_covers_every_figure_the_notebook_names(path):
    """The Sources section is built from the topic's data and the models' declarations; every fact a code
    cell names must have its source listed there."""
    from helpers import data

    nb = nbformat.read(path, as_version=4)
    ids = set(data.facts_table().index)
    cells = [c for c in nb.cells if c.cell_type == "code"]
    listing = next(c for c in cells if 'style="full"' in c.source)
    assert "topic_facts(" in listing.source and ".facts" in listing.source, "build the list from the declarations"
    printed = "".join(o.get("text", "") for o in listing.outputs if o.get("output_type") == "stream")
    listed = set(re.findall(r"\[([a-z0-9_]+)\]", printed))
    named = {m for c in cells if c is not listing for m in re.findall(r"[\"']([a-z][a-z0-9_]*)[\"']", c.source)
             if m in ids}
    missing = set(data.fact_sources(sorted(named))) - listed
    assert not missing, f"{path.name}: sources of figures it shows are not in its Sources list: {sorted(missing)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_says_how_current_its_figures_are(path):
    """The opening's "Figures as of" line is the one data/ gives (tools/execute.py writes it)."""
    from helpers import data

    opening = nbformat.read(path, as_version=4).cells[0].source
    line = data.as_of_line(data.TOPICS[int(path.name[:2])])
    assert line in opening, f"{path.name}: run `make execute` to write its line: {line}"
    assert re.search(r"Figures as of (January|February|March|April|May|June|July|August|September|October|"
                     r"November|December) 20\d\d:", line)


def test_the_as_of_line_follows_the_data():
    from helpers import data

    facts = data.facts_table()
    oldest = facts.loc[facts["topic"] == "risks", "checked"].str[:10].min()
    assert data.as_of("risks")["checked_on"] == oldest  # every row checked on that date or later
    with pytest.raises(KeyError, match="did you mean"):
        data.as_of("risk")


def test_no_diagram_needs_a_renderer_the_course_does_not_ship():
    """A Mermaid block shows as its source text on GitHub's notebook view, on the site and in print; diagrams are
    drawn in Python (charts.start.flywheel_chart) and shown as images with a text alternative."""
    found = [p.name for p in NOTEBOOKS for c in nbformat.read(p, as_version=4).cells
             if c.cell_type == "markdown" and "```mermaid" in c.source]
    assert not found, f"Mermaid diagrams in {found}"


def test_money_in_prose_is_never_read_as_an_equation():
    """Two unescaped amounts in one paragraph ("between $150,000 and $200,000") are the two ends of an equation to
    JupyterLab, the website and GitHub: the words between them turn into maths. Every amount's "$" is escaped."""
    sys.path.insert(0, str(ROOT / "tools"))
    from markdown_money import escape, unescaped

    found = [f"{p.name} {c.get('id')}: {c.source[max(0, i - 20):i + 20]!r}" for p in NOTEBOOKS
             for c in nbformat.read(p, as_version=4).cells if c.cell_type == "markdown" for i in unescaped(c.source)]
    found += [f"{p.name}: {p.read_text()[max(0, i - 20):i + 20]!r}"
              for p in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"] for i in unescaped(p.read_text())]
    assert not found, "\n".join(found)
    # the check tells money from maths, and can fail
    assert unescaped("costs between $150,000 and $200,000") == [14, 27]
    assert unescaped(r"a share $1 - w$ of \$5 and `$x`, $1/m$, $$1 + F/\Pi$$") == []
    assert escape("$23 billion and $33B") == r"\$23 billion and \$33B"
