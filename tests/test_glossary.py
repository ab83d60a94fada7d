"""The glossary is data, checked on load, rendered from one file; every glossary term a notebook uses is linked to
its entry at its first use, and notebook 00 points readers to the glossary."""

from __future__ import annotations

import re
import sys

import nbformat
import pytest

from helpers import glossary
from helpers.data import DataError
from tests.conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import glossary as tool  # noqa: E402  (tools/glossary.py)


def test_the_glossary_covers_the_courses_economics_in_both_languages():
    df = glossary.load()
    must = {"platform", "two-sided market", "network effect", "elasticity", "click-through rate", "conversion rate",
            "gross merchandise value", "operating profit", "margin", "CPM", "take rate", "gross bookings",
            "TikTok's take", "revenue as reported", "operating leverage", "multi-homing", "switching cost"}
    assert must <= set(df["term"])
    assert len(df) >= 40 and df["dutch"].str.strip().ne("").all()


@pytest.mark.parametrize("row, problem", [
    ("platform,,,,A business.", "row 2 (id 'platform'), column 'dutch': must not be empty"),
    ("platform,platforms,platform,,A business.\nhub,Platforms,hub,,A hub.", "already a form of row 2"),
    ("platform,,platform,,A business", "full stop"),
])
def test_a_bad_row_is_refused_naming_the_row_and_column(tmp_path, row, problem):
    path = tmp_path / "glossary.csv"
    path.write_text("term,aliases,dutch,in_articles,meaning\n" + row + "\n")
    with pytest.raises(DataError, match=re.escape(problem)):
        glossary.load(path)


def test_the_glossary_page_is_generated_from_the_data():
    assert (ROOT / "docs" / "glossary.md").read_text() == glossary.markdown()
    for term in glossary.load()["term"]:
        assert f"\n### {term}\n" in glossary.markdown()
    assert glossary.link("click-through rate") == "../docs/glossary.md#click-through-rate"
    with pytest.raises(KeyError, match="did you mean 'platform'"):
        glossary.link("platfrom")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_glossary_term_is_linked_at_its_first_use(path):
    nb = nbformat.read(path, as_version=4)
    unlinked = []
    for term, forms in glossary.entries():
        found = tool.first_use(nb, term, forms)
        if found is None:
            continue
        i, m = found
        if not tool.is_linked(m) or glossary.link(term) not in m.group(0):
            unlinked.append(f"{term!r} (cell {i}: {m.group(0)!r})")
    assert not unlinked, f"{path.name}: first use not linked to the glossary: " + ", ".join(unlinked)


def test_the_link_check_can_fail():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("## The platform\n\nA `platform` and a platform.")]
    i, m = tool.first_use(nb, "platform", ("platform",))
    assert not tool.is_linked(m) and m.start() == nb.cells[0].source.rindex("platform")
    nb.cells[0].source = nb.cells[0].source.replace("a platform.", f"a [platform]({glossary.link('platform')}).")
    assert tool.is_linked(tool.first_use(nb, "platform", ("platform",))[1])
    nb.cells[0].source = nb.cells[0].source.replace("#platform", "#network-effect")
    assert tool.first_use(nb, "platform", ("platform",)) is None  # a link to another entry is not this term's


def test_notebook_00_points_to_the_glossary():
    nb = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert f"]({glossary.PAGE})" in text
