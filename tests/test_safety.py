"""Safety: no network at run time (each notebook runs offline in tests/test_notebook_runs.py), a local server
with a token, nothing written into data/."""

from __future__ import annotations

import re
import subprocess
import sys


from tests.conftest import ROOT

def test_the_network_guard_really_blocks(tmp_path, offline_env):
    probe = ("import socket\ns = socket.socket()\ntry:\n    s.connect(('192.0.2.1', 80))\n"
             "except OSError as e:\n    print('blocked' if 'not allowed' in str(e) else 'other')\n")
    out = subprocess.run([sys.executable, "-c", probe], env=offline_env, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "blocked"


def test_lab_command_is_local_with_a_token():
    make = (ROOT / "Makefile").read_text()
    lab = next(line for line in make.splitlines() if "jupyter lab" in line)
    flags = re.search(r"^LAB_FLAGS := (.*)$", make, re.M)
    lab = lab.replace("$(LAB_FLAGS)", flags.group(1) if flags else "")
    assert "--ServerApp.ip=127.0.0.1" in lab
    present = (ROOT / "tools" / "present.py").read_text()
    assert '"--Voila.ip=127.0.0.1"' in present and 'f"--token={token}"' in present and "secrets.token_hex" in present
    for path in [ROOT / "Makefile", ROOT / "README.md", *sorted((ROOT / "tools").glob("*.py"))]:
        text = path.read_text()
        for bad in (r"token\s*=\s*''", r'token\s*=\s*""', r"--ip[= ]0\.0\.0\.0", r"ServerApp\.ip=0\.0\.0\.0",
                    r"disable_check_xsrf", r"--NotebookApp\.token"):
            assert not re.search(bad, text), f"{path.name} weakens the server: {bad}"


def test_helpers_never_write_into_data():
    for path in sorted((ROOT / "helpers").rglob("*.py")):
        src = path.read_text()
        assert not re.search(r"to_csv\(|open\([^)]*['\"][wa]['\"]", src) or "DATA_DIR" not in src, path.name
