"""Shared fixtures. Tests never modify tracked files: anything written goes to a temporary folder."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests: no per-example deadline (shared CI machines are noisy) and the same examples on every run,
# so a failure can always be reproduced.
settings.register_profile("course", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("course")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


GUARD = textwrap.dedent('''
    # Refuse every network connection except to this machine (the kernel talks to Jupyter on loopback).
    import ipaddress, socket
    _connect = socket.socket.connect
    def _guarded(self, address, *args):
        host = address[0] if isinstance(address, tuple) else address
        try:
            local = isinstance(host, str) and (host == "localhost" or ipaddress.ip_address(host).is_loopback)
        except ValueError:
            local = False
        if self.family == getattr(socket, "AF_UNIX", None) or local:
            return _connect(self, address, *args)
        raise OSError("network access is not allowed in this course's notebooks: " + repr(address))
    socket.socket.connect = _guarded
''')


def offline_environ(folder: Path) -> dict:
    """This process's environment, in which Python refuses every connection off this machine (a sitecustomize
    written into ``folder``): what a notebook's kernel runs in under test."""
    guard = folder / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD)
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(guard), os.environ.get("PYTHONPATH", "")]))


@pytest.fixture
def offline_env(tmp_path):
    return offline_environ(tmp_path)


@pytest.fixture(scope="session")
def student_versions(tmp_path_factory) -> Path:
    """Student versions of every notebook, written once per test run into a temporary folder."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import student

    out = tmp_path_factory.mktemp("student")
    report = student.generate(out, NOTEBOOKS)
    assert sorted(report["written"]) == sorted(p.name for p in NOTEBOOKS)
    return out


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ to break on purpose."""
    dst = tmp_path / "data"
    shutil.copytree(ROOT / "data", dst)
    return dst


# ------------------------------------------------------------- tracked files stay as they were
def _tracked_state() -> str | None:
    import subprocess

    try:
        out = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                             capture_output=True, text=True, timeout=30, check=True)
        diff = subprocess.run(["git", "diff", "--stat"], cwd=ROOT, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None  # not a git checkout (e.g. an unpacked archive): nothing to compare
    return out.stdout + diff.stdout


def pytest_sessionstart(session):
    # Checked on full runs (`make test`); a run of chosen files may overlap someone's editing.
    chosen = [a for a in session.config.invocation_params.args if not str(a).startswith("-")]
    session.config._tracked_before = None if chosen else _tracked_state()


def pytest_sessionfinish(session, exitstatus):
    before = getattr(session.config, "_tracked_before", None)
    after = _tracked_state()
    if before is not None and after != before:
        import sys

        print("\nThe test run changed tracked files (tests must work on temporary copies):\n" + after,
              file=sys.stderr)
        session.exitstatus = 1
