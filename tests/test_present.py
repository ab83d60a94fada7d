"""Presenter mode: `make present NB=07` serves a notebook's prose and live panels with Voila, on 127.0.0.1 with a
token — no code, no static copies of the panels, no exercises — and a slider moved in the browser redraws its view.
The app notebooks are checked for every notebook; the browser test serves notebook 07's prose and its two panels
(with what they need: tests/fixtures.py), given to presenter mode as a file.

Voila lives in .venv-present (requirements-present.txt), which `make test` creates; in CI (CI=true) a missing
Voila or Chromium is a failure, elsewhere a skip that says what to install."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from tests import browser
from tests import fixtures
from tests.conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import present  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PRESENT_PYTHON = ROOT / ".venv-present" / "bin" / "python"


def _panels_in(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum(len(present.PANEL_MADE.findall(c.source)) for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_app_keeps_prose_and_live_panels_only(path, tmp_path):
    app = nbformat.read(present.write_app(path, tmp_path), as_version=4)
    code = [c.source for c in app.cells if c.cell_type == "code"]
    prose = "\n".join(c.source for c in app.cells if c.cell_type == "markdown")
    shown = [c for c in code if "run_cell(" not in c]
    assert len(shown) == _panels_in(path) >= 1, "each panel, and only the panels, is displayed"
    assert not any(".still()" in c for c in code), "no static copy of a panel"
    assert "check(" not in "\n".join(code) and "BEGIN SOLUTION" not in "\n".join(code)
    assert not re.search(r"\*\*Exercise \d+ \(", prose) and "<summary>Why</summary>" not in prose
    assert "## Exercises" not in prose and "*Model answer.*" not in prose
    original = nbformat.read(path, as_version=4)
    assert original.cells[0].source in prose  # the notebook's own opening
    # prose that introduced a table or chart the app leaves out does not end on a colon with nothing after it
    for before, after in zip(app.cells, app.cells[1:]):
        if before.cell_type == "markdown" and before.source.rstrip().endswith(":"):
            assert after.cell_type == "code" and "run_cell(" not in after.source, before.source[-120:]


def test_an_unknown_notebook_is_refused_with_the_choices():
    with pytest.raises(SystemExit, match="give its number, one of 00"):
        present.find_notebook("99")


def test_a_notebook_file_of_ones_own_is_found_by_its_path(tmp_path):
    mine = tmp_path / "lecture.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), mine)
    assert present.find_notebook(str(mine)) == mine.resolve()
    with pytest.raises(SystemExit, match="give its number"):
        present.find_notebook(str(tmp_path / "missing.ipynb"))


@pytest.fixture(scope="module")
def voila_app(tmp_path_factory):
    if not PRESENT_PYTHON.exists():
        if IN_CI:
            raise RuntimeError("CI=true but .venv-present is missing: `make test` creates it")
        pytest.skip("no .venv-present: run `make test` (or `make present NB=07`) to create it")
    if not browser.chromium_available():
        if IN_CI:
            raise RuntimeError(f"CI=true but no Chromium at {browser.CHROMIUM}")
        pytest.skip(f"no Chromium at {browser.CHROMIUM}")
    port = browser._free_port()
    log = tmp_path_factory.mktemp("present") / "voila.log"
    fh = log.open("w")
    # Notebook 07's prose and panels, with what the panels need (tests/fixtures.py): the suite runs each course
    # notebook once, in the browser tests.
    app = fixtures.write(fixtures.panels_of("07", prose=True), tmp_path_factory.mktemp("app"), "07")
    proc = subprocess.Popen([str(PRESENT_PYTHON), str(ROOT / "tools" / "present.py"), str(app), f"--port={port}"],
                            cwd=tmp_path_factory.mktemp("cwd"), stdout=fh, stderr=subprocess.STDOUT,
                            start_new_session=True, env=dict(os.environ, PYTHONWARNINGS="ignore"))
    try:
        deadline = time.monotonic() + 120
        url = None
        while time.monotonic() < deadline:
            m = re.search(r"open (http://127\.0\.0\.1:\d+/\?token=\w+)", log.read_text())
            if m and "is running at" in log.read_text():
                url = m.group(1)
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
                    break
            if proc.poll() is not None:
                raise RuntimeError(f"presenter mode exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        else:
            raise RuntimeError(f"presenter mode did not answer within 120 s:\n{log.read_text()[-3000:]}")
        yield {"url": url, "port": port, "log": log, "path": app}
    finally:
        browser.stop(proc, timeout=20)
        fh.close()


def test_the_app_needs_its_token(voila_app):
    conn = http.client.HTTPConnection("127.0.0.1", voila_app["port"], timeout=20)
    conn.request("GET", "/")
    reply = conn.getresponse()
    assert reply.status == 302 and "login" in (reply.getheader("Location") or ""), (reply.status, reply.getheaders())


def test_the_app_shows_prose_and_live_panels_and_a_slider_redraws(voila_app):
    path = voila_app["path"]
    with browser.browser() as b:
        page = b.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(voila_app["url"], timeout=120000)
        panels = page.locator(".whatif-panel")
        panels.first.wait_for(timeout=120000)
        page.wait_for_timeout(1000)
        assert panels.count() == _panels_in(path)
        text = page.locator("body").inner_text()
        assert "Exercise 1" not in text and "Right." not in text and "Not yet" not in text
        assert page.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .CodeMirror, .cm-editor").count() == 0
        heading = nbformat.read(path, as_version=4).cells[0].source.splitlines()[0].lstrip("# ").strip()
        assert heading in text
        # Every panel renders its chart, and moving a slider redraws it.
        for i in range(panels.count()):
            panel = panels.nth(i)
            panel.scroll_into_view_if_needed()
            assert panel.locator(".whatif-chart").count() == 1 and panel.locator(".whatif-slider").count() >= 1
            before, drawn = browser._view_state(panel), browser._redraws(panel)
            handle = panel.locator(".whatif-slider .noUi-handle").first
            handle.focus()
            page.keyboard.press("ArrowRight")
            after = browser._wait_for_change(page, panel, before, drawn)
            assert after != before, f"panel {i + 1}: a slider move did not redraw the view"
        # No static copy of a panel: the only images are the panels' live charts.
        assert page.locator("img").count() == page.locator(".whatif-chart").count()
        assert not errors, errors
