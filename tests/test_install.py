"""What each command installs: a student's `make lab` gets the runtime packages only; the test tools come
with `make test`. Checked by asking make what it would run in a fresh copy (nothing is installed)."""

from __future__ import annotations

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
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    return tmp_path


def _plan(folder, target):
    out = subprocess.run(["make", "-n", target], cwd=folder, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_make_lab_installs_the_runtime_only(fresh_copy):
    plan = _plan(fresh_copy, "lab")
    assert "-r requirements.txt" in plan and "jupyter lab" in plan
    assert "requirements-dev" not in plan


def test_make_test_adds_the_test_tools(fresh_copy):
    plan = _plan(fresh_copy, "test")
    assert "-r requirements.txt" in plan and "-r requirements-dev.txt" in plan and "pytest" in plan
