"""Every notebook in JupyterLab, driven by headless Chromium as a student would use it — and the one run of
each notebook in the suite.

The run is top to bottom with the network cut off (only this machine can be reached). Its outputs, saved
from JupyterLab, must be the committed ones, compared as nbval compares them (tests/outputs.py); then every
panel is driven, and the first cell, every panel cell twice and the last cell are run again (a student going
back must not break the notebook; 'restart and run all' is the run itself). The student version's code is the
notebook's own apart from its solution cells, which tests/test_student_version.py checks without running it.

In CI (CI=true) these tests must run and can fail; on a laptop without Chromium they skip and say how
to install it. A failure names the notebook and panel and keeps screenshots in test-artifacts/browser/.
"""

from __future__ import annotations

import json
import os

import nbformat
import pytest

from tests import browser, fixtures, outputs
from tests.conftest import NOTEBOOKS, offline_environ

pytestmark = pytest.mark.browser
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

if not browser.chromium_available():
    if IN_CI:
        raise RuntimeError(f"CI=true but no Chromium at {browser.CHROMIUM}: .ci/run must install Debian's chromium")
    pytest.skip(f"no Chromium at {browser.CHROMIUM}: install it (Debian/Ubuntu: sudo apt-get install chromium) "
                "or set CHROMIUM to its path", allow_module_level=True)


def expected_panels(path) -> int:
    """Panels a notebook shows: each leaves its text fallback in the saved outputs."""
    nb = nbformat.read(path, as_version=4)
    return sum("[Interactive panel:" in json.dumps(c.get("outputs", [])) for c in nb.cells if c.cell_type == "code")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    where = tmp_path_factory.mktemp("lab")
    with browser.lab_server(NOTEBOOKS, where, environ=offline_environ(where)) as server:
        yield server


@pytest.fixture(scope="module")
def chromium():
    with browser.browser() as b:
        yield b


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    p = context.new_page()
    yield p
    context.close()


def again(nb) -> list[int]:
    """The code cells a student going back runs again: the first, every panel cell twice, the last."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    panels = [k for k, c in enumerate(code) if fixtures.is_panel(c)]
    assert panels, "the notebook has no panel"
    return [0, *(k for k in panels for _ in range(2)), len(code) - 1]


def check_every_panel(lab, page, path) -> None:
    n = expected_panels(path)
    assert n >= 1, f"{path.name} shows no what-if panel"
    committed = outputs.read(path)
    report = browser.check_notebook(page, lab, path.name, n, rerun=again(committed))
    print(f"{path.name}: {report.panels} panels, {report.moves} control moves, {report.reruns} cells run again, "
          f"{report.seconds:.1f} s")
    assert report.saved, "\n".join(report.problems)
    changed = outputs.differences(committed, outputs.read(report.saved))
    assert not changed, (f"{path.name}: this run's outputs are not the committed ones (after a change to data/ or "
                         "helpers/, run `make execute`):\n" + "\n".join(changed))
    assert not report.problems, "\n".join(report.problems + [f"screenshots: {report.screenshots}"])
    assert report.moves >= 2 * n and report.reruns == len(again(committed))  # a keyboard move and a drag a panel


# Half the notebooks here, the other half in test_browser_more.py: two files, so that the suite's two workers
# share the browser tests (a file's tests stay on one worker).
@pytest.mark.parametrize("path", NOTEBOOKS[0::2], ids=lambda p: p.name)
def test_notebook_runs_and_every_panel_responds(lab, page, path):
    check_every_panel(lab, page, path)


def test_a_panel_that_breaks_at_some_slider_position_is_caught(lab, page):
    """The check can fail: a panel whose view raises once a slider passes a threshold."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(
        "from helpers import charts, start\n"
        "from helpers.charts.view import View\nfrom helpers.whatif import WhatIfPanel\n"
        "def draw(ax, result, inputs):\n"
        "    if inputs['shop_take_rate'] > 0.2:\n"
        "        raise ZeroDivisionError('broken view above a 20% commission')\n"
        "    charts.start.draw_revenue_mix(ax, result, inputs)\n"
        "WhatIfPanel(start.REVENUE_AT_A_GLANCE, View(draw, charts.start.readout_revenue_mix,\n"
        "                 model=start.REVENUE_AT_A_GLANCE),\n"
        "            controls=['shop_take_rate'], title='Deliberately broken')")]
    path = lab.root / "99_broken_panel.ipynb"  # served by the same JupyterLab as the course's notebooks
    nbformat.write(nb, path)
    report = browser.check_notebook(page, lab, path.name, 1)
    assert report.problems, "a panel that raises at its maximum was not caught"
    assert all(p.startswith("99_broken_panel.ipynb, panel 1 (Deliberately broken)") for p in report.problems)
    assert "broken view above a 20% commission" in "\n".join(report.problems)
    assert report.screenshots
