"""Presenter mode: show one notebook's prose and live panels as an app, for the lecture hall.

    python tools/present.py 07                 # serve notebook 07 with Voila on 127.0.0.1, with a token
    python tools/present.py 07 --write DIR     # only write the app's notebook into DIR (for tests)
    python tools/present.py my/lecture.ipynb   # a notebook of your own, built on the course's helpers

The app is a copy of the notebook, written to a temporary folder (never into the course): its prose, and each
what-if panel live. It shows no code (Voila strips it), no static copy of a panel (the ``.still()`` pictures
are left out), no exercise (prompts, answers, checks, hints and their feedback are left out), and no other
output: the code that sets up the panels still runs, silently. ``make present NB=07`` runs it from the
presenter environment (``.venv-present``, with Voila; a student's install does not carry it).
"""

from __future__ import annotations

import argparse
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
STILL = re.compile(r"^\s*\w+\.still\(\)\s*$", re.M)
PANEL_MADE = re.compile(r"^([A-Za-z_]\w*)\s*=\s*WhatIfPanel\(", re.M)  # a cell naming a panel displays it
EXERCISE_PROMPT = re.compile(r"^\s*\*\*Exercise \d+ \(")
SILENT = ('from IPython.utils.capture import capture_output as _capture\n'
          'with _capture():\n'
          '    _r = get_ipython().run_cell({source!r}, silent=True, store_history=False)\n'
          'if _r.error_in_exec is not None or _r.error_before_exec is not None:\n'
          '    raise RuntimeError("a set-up cell of this notebook failed") from (_r.error_in_exec or _r.error_before_exec)\n'
          'del _r, _capture')


def find_notebook(which: str) -> Path:
    """A course notebook from its number ("07") or its file name, or a notebook file at a path (one of your own,
    built on the course's helpers)."""
    which = str(which).strip()
    given = Path(which).expanduser()
    if given.suffix == ".ipynb" and given.is_file():
        return given.resolve()
    matches = sorted(NOTEBOOKS.glob(f"{which}_*.ipynb")) if re.fullmatch(r"\d\d", which) else \
        [p for p in sorted(NOTEBOOKS.glob("*.ipynb")) if p.name == Path(which).name]
    if not matches:
        names = ", ".join(p.name[:2] for p in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")))
        raise SystemExit(f"no notebook {which!r}: give its number, one of {names}")
    return matches[0]


def _is_exercise(cell) -> bool:
    meta = cell.metadata
    if "solution" in meta.get("tags", []) or meta.get("nbgrader", {}).get("grade_id", "").startswith("ex"):
        return True
    if cell.cell_type == "markdown":
        src = cell.source.strip()
        return bool(EXERCISE_PROMPT.match(src)) or src.startswith("<details><summary>Why</summary>")
    return "check(" in cell.source and re.search(r'check\("\d\d\.\d+"', cell.source) is not None


def _close_sentence(cells) -> None:
    """A sentence of prose that ends in a colon introduces what follows; when that is left out of the app (a
    table, a chart, a printed figure), it must not end on the colon and nothing after it."""
    if cells and cells[-1].cell_type == "markdown" and cells[-1].source.rstrip().endswith(":"):
        cells[-1].source = cells[-1].source.rstrip()[:-1] + " (shown in the notebook)."


def app_notebook(path: Path):
    """The app: the notebook's prose and live panels, everything else silent or left out."""
    nb = nbformat.read(path, as_version=4)
    cells = []
    in_exercises = False
    panels = set()
    for cell in nb.cells:
        if cell.cell_type == "code":
            panels.update(PANEL_MADE.findall(cell.source))
        src = cell.source
        if cell.cell_type == "markdown":
            heading = src.lstrip().startswith("## ")
            if heading:
                in_exercises = src.lstrip().startswith("## Exercises")
            if in_exercises or _is_exercise(cell):
                continue
            cells.append(nbformat.v4.new_markdown_cell(src))
            continue
        if cell.cell_type != "code" or _is_exercise(cell):
            continue
        if src.strip() in panels:
            cells.append(nbformat.v4.new_code_cell(src.strip()))  # the live panel
            continue
        code = STILL.sub("", src).strip()
        if code:
            _close_sentence(cells)  # what it introduced (a table, a chart) is not shown: say where it is
            cells.append(nbformat.v4.new_code_cell(SILENT.format(source=code)))
    app = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                         "language": "python"}})
    return app


def write_app(path: Path, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / path.name
    nbformat.write(app_notebook(path), target)
    return target


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebook", help="the notebook's number (07), its file name, or the path of a notebook file")
    ap.add_argument("--port", type=int, default=8866)
    ap.add_argument("--write", type=Path, help="only write the app's notebook into this folder")
    args = ap.parse_args(argv)
    path = find_notebook(args.notebook)
    if args.write:
        print(write_app(path, args.write))
        return 0
    voila = shutil.which("voila", path=str(Path(sys.executable).parent))
    if voila is None:
        raise SystemExit("Voila is not installed here: run `make present NB=07`, which sets up .venv-present")
    token = secrets.token_hex(16)
    with tempfile.TemporaryDirectory(prefix="present-") as tmp:
        app = write_app(path, Path(tmp))
        print(f"Presenting {path.name}: open http://127.0.0.1:{args.port}/?token={token}  (Ctrl-C to stop)",
              flush=True)
        cmd = [voila, str(app), f"--port={args.port}", "--no-browser", "--Voila.ip=127.0.0.1", f"--token={token}",
               "--strip_sources=True", "--show_tracebacks=False"]
        try:
            return subprocess.call(cmd, cwd=tmp)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main())
