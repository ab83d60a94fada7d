"""What each command installs: a student's `make lab` gets the runtime packages only; the test tools come
with `make test`. Checked by asking make what it would run in a fresh copy (nothing is installed)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

TEST_TOOLS = ("pytest", "nbval", "hypothesis", "playwright")


def _names(path):
    return {re.split(r"[=<>\[ ;]", line.strip())[0].lower() for line in path.read_text().splitlines()
            if line.strip() and not line.startswith(("#", "-"))}


def test_the_runtime_requirements_hold_no_test_tool():
    runtime = _names(ROOT / "requirements.txt")
    assert not runtime & set(TEST_TOOLS), runtime & set(TEST_TOOLS)
    assert {"jupyterlab", "ipywidgets", "pandas", "seaborn"} <= runtime
    dev = (ROOT / "requirements-dev.txt").read_text()
    assert "-r requirements.txt" in dev and all(t in _names(ROOT / "requirements-dev.txt") for t in TEST_TOOLS)


@pytest.fixture
def fresh_copy(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed (CI installs it)")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "requirements-grading.txt",
                 "requirements-present.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    (tmp_path / "tools").mkdir()
    shutil.copy2(ROOT / "tools" / "lab-overrides.json", tmp_path / "tools" / "lab-overrides.json")
    (tmp_path / "site").mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(ROOT / "site" / name, tmp_path / "site" / name)
    shutil.copy2(ROOT / "requirements-site.txt", tmp_path / "requirements-site.txt")
    return tmp_path


def _plan(folder, target):
    out = subprocess.run(["make", "-n", target], cwd=folder, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_make_lab_installs_the_runtime_only(fresh_copy):
    plan = _plan(fresh_copy, "lab")
    assert "-r requirements.txt" in plan and "jupyter lab" in plan
    assert "requirements-dev" not in plan and "grading" not in plan and "present" not in plan
    assert "requirements-site" not in plan and "npm" not in plan


def test_make_lab_asks_no_news_and_checks_no_updates(fresh_copy):
    plan = _plan(fresh_copy, "lab")
    assert "--LabApp.news_url=None" in plan and "NeverCheckForUpdate" in plan
    assert "overrides.json" in plan
    overrides = json.loads((ROOT / "tools" / "lab-overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}


def test_presenter_mode_has_an_environment_of_its_own(fresh_copy):
    plan = _plan(fresh_copy, "present")
    assert ".venv-present" in plan and "-r requirements-present.txt" in plan and "tools/present.py 00" in plan
    assert "voila" in (ROOT / "requirements-present.txt").read_text()
    assert "voila" not in (ROOT / "requirements.txt").read_text() + (ROOT / "requirements-dev.txt").read_text()


def test_make_test_adds_the_test_tools(fresh_copy):
    plan = _plan(fresh_copy, "test")
    assert "-r requirements.txt" in plan and "-r requirements-dev.txt" in plan and "pytest" in plan


def test_jupyterlab_as_make_lab_starts_it_asks_for_no_news(tmp_path):
    """JupyterLab started with the Makefile's flags and the installed settings: no news prompt, no update check."""
    import os
    import secrets
    import subprocess
    import sys
    import time
    import urllib.request

    from tests import browser

    flags = re.search(r"^LAB_FLAGS := (.*)$", (ROOT / "Makefile").read_text(), re.M).group(1).split()
    port, token = browser._free_port(), secrets.token_hex(8)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"), JUPYTER_DATA_DIR=str(tmp_path / "data"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"), JUPYTER_PLATFORM_DIRS="1")
    cmd = [sys.executable, "-m", "jupyterlab", *flags, "--no-browser", f"--ServerApp.port={port}",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}", "--allow-root"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline, page = time.monotonic() + 60, None
        while time.monotonic() < deadline and page is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=2) as r:
                    page = r.read().decode()
            except OSError:
                time.sleep(0.5)
        assert page is not None, "JupyterLab did not start"
        config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                      page, re.S).group(1))
        assert config["news"] == {"disabled": True}
        url = f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}"
        with urllib.request.urlopen(url, timeout=10) as r:
            schema = json.loads(r.read())["schema"]["properties"]
        assert schema["fetchNews"]["default"] == "false" and schema["checkForUpdates"]["default"] is False
    finally:
        browser.stop(proc, timeout=20)


def test_the_site_has_tools_of_its_own(fresh_copy):
    plan = _plan(fresh_copy, "site")
    assert ".venv-site" in plan and "-r requirements-site.txt" in plan and "npm ci --prefix site" in plan
    assert "tools/site.py" in plan
    site = (ROOT / "requirements-site.txt").read_text()
    assert "jupyter-book==1." in site
    assert "jupyter-book" not in (ROOT / "requirements.txt").read_text() + (ROOT / "requirements-dev.txt").read_text()
