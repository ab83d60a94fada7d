"""The linter (ruff, pinned in requirements-dev.txt, configured in pyproject.toml: pyflakes, bugbear,
pyupgrade) passes over the whole project, notebooks included."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is not installed: `make test` installs it from requirements-dev.txt"
    return subprocess.run([ruff, "check", "--no-cache", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_project_passes_the_linter():
    result = _ruff(".")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_linter_finds_what_it_is_set_to_find(tmp_path):
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "sloppy.py").write_text("import os\nfrom typing import List\n\n\ndef f(x: List[int], y=[]):\n"
                                        "    unused = 1\n    return x\n")
    found = _ruff(".", "--output-format", "concise", cwd=tmp_path).stdout
    for rule in ("F401", "F841", "UP006", "B006"):
        assert rule in found, (rule, found)
