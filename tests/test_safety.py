"""Safety: no network at run time, a local server with a token, nothing written into data/."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import NOTEBOOKS, ROOT

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


@pytest.fixture
def offline_env(tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD)
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(guard), os.environ.get("PYTHONPATH", "")]))


def _run_copy(path, workdir, env):
    dst = workdir / path.name
    shutil.copy2(path, dst)
    code = ("import nbformat, sys; from nbclient import NotebookClient;"
            "nb = nbformat.read(sys.argv[1], 4);"
            "NotebookClient(nb, timeout=300, kernel_name='python3', resources={'metadata': {'path': sys.argv[2]}}).execute()")
    return subprocess.run([sys.executable, "-c", code, str(dst), str(workdir)], env=env, capture_output=True,
                          text=True, timeout=600)


def test_the_network_guard_really_blocks(tmp_path, offline_env):
    probe = ("import socket\ns = socket.socket()\ntry:\n    s.connect(('192.0.2.1', 80))\n"
             "except OSError as e:\n    print('blocked' if 'not allowed' in str(e) else 'other')\n")
    out = subprocess.run([sys.executable, "-c", probe], env=offline_env, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "blocked"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_with_no_network(path, tmp_path, offline_env):
    result = _run_copy(path, tmp_path, offline_env)
    assert result.returncode == 0, result.stderr[-3000:]


def test_lab_command_is_local_with_a_token():
    make = (ROOT / "Makefile").read_text()
    lab = next(line for line in make.splitlines() if "jupyter lab" in line)
    assert "--ServerApp.ip=127.0.0.1" in lab
    for path in [ROOT / "Makefile", ROOT / "README.md", *sorted((ROOT / "tools").glob("*.py"))]:
        text = path.read_text()
        for bad in (r"token\s*=\s*''", r'token\s*=\s*""', r"--ip[= ]0\.0\.0\.0", r"ServerApp\.ip=0\.0\.0\.0",
                    r"disable_check_xsrf", r"--NotebookApp\.token"):
            assert not re.search(bad, text), f"{path.name} weakens the server: {bad}"


def test_helpers_never_write_into_data():
    for path in sorted((ROOT / "helpers").rglob("*.py")):
        src = path.read_text()
        assert not re.search(r"to_csv\(|open\([^)]*['\"][wa]['\"]", src) or "DATA_DIR" not in src, path.name
