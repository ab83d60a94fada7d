"""Drive JupyterLab in headless Chromium as a student would.

``lab_server`` starts JupyterLab from this environment on 127.0.0.1 with a random token, serving a
temporary copy of the notebooks, with its own settings and runtime folders (nothing of the user's is read
or written), and stops it whatever happens. ``check_notebook`` opens one notebook, runs all cells, waits
until every code cell has run, checks for errors and saves the run; then it drags every slider of every
what-if panel to its far end (and moves each panel's first slider with the keyboard), checks that the
panel's view changes and no error appears, and runs some cells again as a student going back would.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SETTINGS = {
    # Render every cell (JupyterLab 4 otherwise only renders cells in view).
    # and start the notebook's own kernel without asking.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none",
                                                                   "autoStartDefaultKernel": True},
    # No news or update checks: this machine has no network, and no toast should cover the page.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
}


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() and os.access(CHROMIUM, os.X_OK)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    log: Path

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/{name}?reset&token={self.token}"


@contextlib.contextmanager
def lab_server(notebooks: list[Path], workdir: Path, timeout: float = 90, environ: dict | None = None):
    """JupyterLab on 127.0.0.1 with a random token, serving copies of ``notebooks``; always stopped. Its kernels
    run in ``environ`` (this process's environment by default)."""
    root = workdir / "notebooks"
    root.mkdir(parents=True)
    for nb in notebooks:
        shutil.copy2(nb, root / nb.name)
    settings = workdir / "settings"
    for rel, value in SETTINGS.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))
    env = dict(environ if environ is not None else os.environ,
               JUPYTER_CONFIG_DIR=str(workdir / "config"), JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"),
               JUPYTER_DATA_DIR=str(workdir / "data"), JUPYTER_PLATFORM_DIRS="1", PYTHONWARNINGS="ignore")
    port, token = _free_port(), secrets.token_hex(16)
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={root}", "--LabApp.news_url=", "--ServerApp.open_browser=False"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = workdir / "jupyterlab.log"
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                start_new_session=True)
    lab = Lab(f"http://127.0.0.1:{port}", token, root, log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{lab.url}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"JupyterLab did not answer within {timeout} s:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield lab
    finally:
        stop(proc)


def stop(proc: subprocess.Popen, timeout: float = 15) -> None:
    """Stop a server started in a session of its own, and everything it started: politely, then for good."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, 15)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 9)
        proc.wait(timeout=timeout)


@contextlib.contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


# ----------------------------------------------------------------------------------------- checks
@dataclass
class Report:
    notebook: str
    panels: int = 0
    moves: int = 0
    reruns: int = 0
    seconds: float = 0.0
    saved: Path | None = None
    problems: list[str] = field(default_factory=list)
    screenshots: list[str] = field(default_factory=list)

    def fail(self, page, where: str, problem: str) -> None:
        self.problems.append(f"{self.notebook}, {where}: {problem}")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in f"{self.notebook}-{where}")
        shot = ARTIFACTS / f"{safe}.png"
        with contextlib.suppress(Exception):
            page.screenshot(path=str(shot), full_page=True)
            self.screenshots.append(str(shot.relative_to(ARTIFACTS.parent.parent)))


JS_STATE = """
() => {
  const cells = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')];
  const prompts = cells.map(c => (c.querySelector('.jp-InputArea-prompt') || {}).textContent || '');
  return {n: cells.length, prompts};
}
"""

JS_ERRORS = """
() => {
  const out = [];
  document.querySelectorAll('.jp-Notebook .jp-OutputArea-output').forEach(o => {
    const mime = o.getAttribute('data-mime-type') || '';
    const text = o.innerText || '';
    if (mime === 'application/vnd.jupyter.stderr') out.push('stderr/error output: ' + text.slice(0, 400));
    if (text.includes('Error displaying widget')) out.push('Error displaying widget: ' + text.slice(0, 200));
  });
  document.querySelectorAll('.whatif-error-active').forEach(e => out.push('panel error: ' + e.innerText.slice(0, 400)));
  return out;
}
"""


JS_VIEW = """el => { const img = el.querySelector('.whatif-chart'), r = el.querySelector('.whatif-readout');
  return [(img && img.getAttribute('src')) || '', (r && r.innerText) || '']; }"""
JS_REDRAWN = """([el, n]) => { const m = /whatif-redraws-(\\d+)/.exec(el.className || ''); return !!m && +m[1] > n; }"""


def _view_state(panel) -> str:
    """What the panel shows: the chart's picture and the readout table (one round trip to the page)."""
    src, readout = panel.evaluate(JS_VIEW)
    return f"{len(src)}:{hash(src)}|{readout}"


def _redraws(panel) -> int:
    """How many times the panel has drawn its view: the kernel marks each redraw on the panel
    (``whatif-redraws-N``), after the picture and the table it sends."""
    for cls in (panel.get_attribute("class") or "").split():
        if cls.startswith("whatif-redraws-") and cls[15:].isdigit():
            return int(cls[15:])
    return -1


def _wait_for_redraw(page, panel, before: int, timeout_ms: int = 15000) -> bool:
    """Wait until the panel has drawn again after ``before`` redraws; False if it did not in time. The page
    itself watches for the mark, so the wait costs one round trip."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(JS_REDRAWN, arg=[panel.element_handle(), before], timeout=timeout_ms, polling=20)
        return True
    except PlaywrightTimeout:
        return False


def _wait_for_change(page, panel, before: str, redraws: int, timeout_ms: int = 15000) -> str:
    """The view after the panel's next redraw (the same as ``before`` if the move changed nothing)."""
    _wait_for_redraw(page, panel, redraws, timeout_ms)
    return _view_state(panel)  # the picture and the table are sent before the mark, so they are in place


def _slider_value(slider) -> str:
    handle = slider.locator(".noUi-handle").first
    return f'{handle.get_attribute("aria-valuetext")}|{handle.get_attribute("aria-valuenow")}'  # shown | held


JS_LABEL_CUT = "el => { const l = el.querySelector('.widget-label'); return !l || l.scrollWidth > l.clientWidth + 1; }"


def _limit_shown(panel) -> str:
    """The panel's visible reason why a slider stopped (a linked limit), if any."""
    box = panel.locator(".whatif-limit-active")
    return box.first.inner_text().strip() if box.count() and box.first.is_visible() else ""


def _linked_groups(panel) -> dict[str, list[int]]:
    """Slider positions by linked limit (the sliders whose shares share one whole)."""
    groups: dict[str, list[int]] = {}
    sliders = panel.locator(".whatif-slider")
    for j in range(sliders.count()):
        for cls in (sliders.nth(j).get_attribute("class") or "").split():
            if cls.startswith("whatif-linked-"):
                groups.setdefault(cls, []).append(j)
    return groups


def _drag_to(page, slider, end: str) -> None:
    handle = slider.locator(".noUi-handle").first
    track = slider.locator(".noUi-base, .noUi-target").first
    hb, tb = handle.bounding_box(), track.bounding_box()
    page.mouse.move(hb["x"] + hb["width"] / 2, hb["y"] + hb["height"] / 2)
    page.mouse.down()
    x = tb["x"] + tb["width"] + 40 if end == "max" else tb["x"] - 40
    page.mouse.move(x, hb["y"] + hb["height"] / 2, steps=2)
    page.mouse.up()


IDLE = ("() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]"
        ".some(e => /\\| Idle$/.test(e.innerText.trim()))")


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def run_all(page, report: Report, timeout_s: float = 180) -> None:
    """Clear the saved outputs, then Run > Run All Cells, and wait until every code cell has run."""
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60000)
    dialog = page.locator(".jp-Dialog button", has_text="Select")
    with contextlib.suppress(Exception):
        dialog.first.click(timeout=3000)
    page.wait_for_function(IDLE, timeout=90000)
    _menu(page, "Edit", "Clear Outputs of All Cells")
    _menu(page, "Run", "Run All Cells")
    deadline = time.monotonic() + timeout_s
    while True:
        st = page.evaluate(JS_STATE)
        visible = [p.strip() for p in st["prompts"] if p.strip()]
        numbered = [int(p[1:-2]) for p in visible if p.startswith("[") and p[1:-2].isdigit()]
        if (len(numbered) == len(visible) and numbered and min(numbered) == 1 and max(numbered) == st["n"]
                and numbered == sorted(numbered) and page.evaluate(IDLE)):
            return
        if time.monotonic() > deadline:
            report.fail(page, "run-all", f"cells did not all finish within {timeout_s:.0f} s: {visible}")
            return
        page.wait_for_timeout(250)


def check_notebook(page, lab: Lab, name: str, expected_panels: int, rerun: list[int] = ()) -> Report:
    """Run every cell, save the run (``report.saved``, for its outputs to be compared with the committed ones),
    drive every panel, then run the code cells ``rerun`` (positions among the code cells) again, in that
    order, as a student going back would: none may fail."""
    report = Report(name)
    start = time.monotonic()
    page.goto(lab.notebook_url(name))
    run_all(page, report)
    if report.problems:
        return report
    for problem in page.evaluate(JS_ERRORS):
        report.fail(page, "after run-all", problem)
    report.saved = save(page, lab, name, report)
    panels = page.locator(".whatif-panel")
    report.panels = panels.count()
    if report.panels != expected_panels:
        report.fail(page, "panels", f"expected {expected_panels} what-if panels to render, found {report.panels}")
    for i in range(report.panels):
        panel = panels.nth(i)
        title = panel.locator(".widget-html").first.inner_text().split("\n")[0][:60] or f"panel {i + 1}"
        where = f"panel {i + 1} ({title})"
        panel.scroll_into_view_if_needed()
        if panel.locator(".whatif-chart").count() != 1 or panel.locator(".whatif-readout").count() != 1:
            report.fail(page, where, "the panel has no chart or no readout")
            continue
        sliders = panel.locator(".whatif-slider")
        if sliders.count() == 0:
            report.fail(page, where, "the panel rendered no controls")
            continue
        for j in range(sliders.count()):
            slider = sliders.nth(j)
            label = slider.locator(".widget-label").first.inner_text()[:50]
            spot = f"{where}, slider '{label}'"
            slider.scroll_into_view_if_needed()
            if slider.evaluate(JS_LABEL_CUT):
                report.fail(page, spot, "the label does not fit: it is cut off")
            if j == 0:
                # 1. Keyboard, on each panel's first slider (every slider is the same widget): focus the handle
                #    and press the right arrow (one step).
                before_value, drawn = _slider_value(slider), _redraws(panel)
                handle = slider.locator(".noUi-handle").first
                handle.focus()
                page.keyboard.press("ArrowRight" if not _at_max(slider) else "ArrowLeft")
                _wait_for_redraw(page, panel, drawn, timeout_ms=3000)
                if _slider_value(slider) == before_value:
                    report.fail(page, spot, "the arrow key did not move the slider")
                report.moves += 1
                _reset(page, panel)
            # 2. Drag it to its far end (the top, or the bottom for a slider that starts at its top): the view
            #    must change, and no error may appear. (Both ends of every slider are drawn headlessly, and
            #    compared pixel by pixel with a full redraw, in tests/test_chart_fit.py and tests/test_whatif.py.)
            end = "min" if _at_max(slider) else "max"
            before, drawn = _view_state(panel), _redraws(panel)
            _drag_to(page, slider, end)
            after = _wait_for_change(page, panel, before, drawn)
            report.moves += 1
            errors = page.evaluate(JS_ERRORS)
            if errors:
                report.fail(page, f"{spot} at its {end}", "; ".join(errors))
            elif after == before:
                report.fail(page, f"{spot} at its {end}", "moving the slider did not change the chart or table")
            # Back to the base case with the panel's own button, so each slider is tried from base.
            _reset(page, panel)
            for problem in page.evaluate(JS_ERRORS):
                report.fail(page, f"{spot}, after reset", problem)
        # 3. Linked limits: push each slider of a group to its top, then move the next slider of the group
        #    (round the group) to both ends: the view changes, or the panel says why the slider stopped. Every
        #    slider of a group is pushed once and moved once; the limits themselves, for every pair, are
        #    tested without a browser (tests/test_whatif.py, tests/test_chart_fit.py).
        for group in _linked_groups(panel).values():
            for n, k in enumerate(group):
                _reset(page, panel)
                partner, drawn = sliders.nth(k), _redraws(panel)
                _drag_to(page, partner, "max")
                _wait_for_redraw(page, panel, drawn, timeout_ms=4000)
                other = partner.locator(".widget-label").first.inner_text()[:40]
                for j in (group[(n + 1) % len(group)],):
                    if j == k:
                        continue
                    slider = sliders.nth(j)
                    label = slider.locator(".widget-label").first.inner_text()[:40]
                    for end in ("max", "min"):
                        before, drawn = _view_state(panel), _redraws(panel)
                        _drag_to(page, slider, end)
                        after = _wait_for_change(page, panel, before, drawn, timeout_ms=4000)
                        report.moves += 1
                        if after == before and not _limit_shown(panel):
                            report.fail(page, f"{where}, '{label}' to its {end} with '{other}' at its max",
                                        "nothing changed and no reason was shown")
                            break
            _reset(page, panel)
    for k in rerun:
        run_cell(page, report, k)
    report.seconds = time.monotonic() - start
    return report


def save(page, lab: Lab, name: str, report: Report, timeout_s: float = 30) -> Path | None:
    """Save the notebook from JupyterLab (File > Save Notebook) and wait until the file on disk is the saved one."""
    path = lab.root / name
    before = path.stat().st_mtime_ns
    page.locator(".lm-MenuBar-itemLabel", has_text="File").first.click()
    page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile(r"^Save Notebook$")).first.click()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if path.stat().st_mtime_ns != before:
            with contextlib.suppress(ValueError):  # still being written
                json.loads(path.read_text())
                return path
        page.wait_for_timeout(100)
    report.fail(page, "save", f"JupyterLab did not save the notebook within {timeout_s:.0f} s")
    return None


def run_cell(page, report: Report, k: int, timeout_s: float = 60) -> None:
    """Run code cell ``k`` again (select it, Ctrl+Enter) and wait until it has run; fail on an error."""
    cell = page.locator(".jp-Notebook .jp-CodeCell").nth(k)
    cell.scroll_into_view_if_needed()
    prompt = cell.locator(".jp-InputPrompt").first
    before = prompt.inner_text().strip()
    prompt.click()
    page.keyboard.press("Control+Enter")
    deadline = time.monotonic() + timeout_s
    while True:
        now = prompt.inner_text().strip()
        if now != before and now[1:-2].isdigit() and page.evaluate(IDLE):
            break
        if time.monotonic() > deadline:
            report.fail(page, f"code cell {k} run again", f"it did not finish within {timeout_s:.0f} s ({now})")
            return
        page.wait_for_timeout(100)
    report.reruns += 1
    for problem in page.evaluate(JS_ERRORS):
        report.fail(page, f"code cell {k} run again", problem)


def _reset(page, panel) -> None:
    """Press the panel's own reset button and wait for its redraw."""
    drawn = _redraws(panel)
    panel.locator("button", has_text="Reset to base case").click()
    _wait_for_redraw(page, panel, drawn, timeout_ms=5000)


def _at_max(slider) -> bool:
    handle = slider.locator(".noUi-handle").first
    now, hi = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
    try:
        return float(now) >= float(hi)
    except (TypeError, ValueError):
        return False
