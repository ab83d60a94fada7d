"""Shared fixtures. Tests never modify tracked files: anything written goes to a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ to break on purpose."""
    dst = tmp_path / "data"
    shutil.copytree(ROOT / "data", dst)
    return dst
