"""Grade a folder of handed-in notebooks and write a score table.

    python tools/grade.py SUBMISSIONS [--out graded/scores.csv] [--limit 300]

SUBMISSIONS holds one folder per student, each with that student's notebooks under their usual names:
``SUBMISSIONS/<student>/01_attention_engine.ipynb``. Each notebook runs in a fresh kernel with a time limit
for the whole notebook; a notebook that runs over is stopped and its kernel shut down. The grader then
asks that kernel for the value of each exercise's answer variable and judges it here, with the course's
own answer key (``helpers.exercises``) — it never reads what the notebook printed. Written answers are
listed as "to be marked by hand" with their rubric. A broken notebook is reported and the others go on.

The table has one row per student, notebook and exercise: student, notebook, exercise, status, detail.
Statuses: right, recorded (a prediction was made), not yet, no answer, to be marked by hand, notebook failed, timed out.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from student import checks  # noqa: E402

from helpers import exercises  # noqa: E402

FIELDS = ("student", "notebook", "exercise", "status", "detail")
PROBE = """
import json as _json, math as _math
def _plain(v):
    try:
        import numpy as _np
        if isinstance(v, _np.generic):
            v = v.item()
    except ImportError:
        pass
    if v is None or isinstance(v, (bool, int, float, str)):
        return v if not (isinstance(v, float) and not _math.isfinite(v)) else str(v)
    return {"unsupported": type(v).__name__}
print("GRADER" + _json.dumps({n: _plain(globals().get(n)) for n in %r}))
"""


def written_answers(nb) -> dict[str, str]:
    """The text of each written answer, by exercise id (the markdown cell that follows the question)."""
    out = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            parts = grade_id[2:].split("_") if grade_id.startswith("ex") else []
            if len(parts) == 2 and cell.metadata.get("nbgrader", {}).get("solution"):
                out[f"{parts[0]}.{parts[1]}"] = cell.source  # a follow-up's model answer has a third part
    return out


def run_notebook(path: Path, limit: float) -> tuple[str, str, dict]:
    """Execute one notebook within ``limit`` seconds; return (status, detail, answer values)."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # not a notebook at all
        return "notebook failed", f"cannot read the file: {type(exc).__name__}: {exc}"[:300], {}
    names = sorted({name for _id, name in checks(nb)})
    client = NotebookClient(nb, timeout=limit, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.monotonic()
    errors = []
    try:
        with client.setup_kernel():
            for i, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                remaining = limit - (time.monotonic() - start)
                if remaining <= 0:
                    raise CellTimeoutError(f"the notebook ran over {limit:.0f} s")
                client.timeout = max(1, int(remaining))
                client.execute_cell(cell, i)
                errors += [f"cell {i}: {o.get('ename')}: {o.get('evalue')}" for o in cell.get("outputs", [])
                           if o.get("output_type") == "error"]
            probe = nbformat.v4.new_code_cell(PROBE % (names,))
            nb.cells.append(probe)  # in memory only: the student's file is never written
            client.timeout = 30
            client.execute_cell(probe, len(nb.cells) - 1)
            text = "".join(o.get("text", "") for o in probe.outputs if o.get("output_type") == "stream")
            values = json.loads(text.split("GRADER", 1)[1]) if "GRADER" in text else {}
    except CellTimeoutError:
        return "timed out", f"stopped after {limit:.0f} s; the kernel was shut down", {}
    except (CellExecutionError, DeadKernelError, RuntimeError) as exc:
        return "notebook failed", f"{type(exc).__name__}: {exc}"[:300], {}
    detail = "; ".join(errors)[:300]
    return "ran", detail, values


def grade_notebook(path: Path, limit: float) -> list[dict]:
    status, detail, values = run_notebook(path, limit)
    student, notebook = path.parent.name, path.name
    if status != "ran":
        return [{"student": student, "notebook": notebook, "exercise": "", "status": status, "detail": detail}]
    nb = nbformat.read(path, as_version=4)
    rows = []
    for ex_id, name in checks(nb):
        value = values.get(name)
        if isinstance(value, dict) and "unsupported" in value:
            fb = exercises.evaluate(ex_id, object())
        else:
            fb = exercises.evaluate(ex_id, value)
        note = fb.message if fb.status != "right" else ""
        if detail and fb.status != "right":
            note = f"{note} (errors while running: {detail})".strip()
        rows.append({"student": student, "notebook": notebook, "exercise": ex_id, "status": fb.status,
                     "detail": note[:300]})
    prefix = notebook[:2] + "."
    answers = written_answers(nb)
    for ex_id, ex in sorted(exercises.REGISTRY.items()):
        if ex_id.startswith(prefix) and ex.kind == "written":
            text = answers.get(ex_id, "").strip()
            status = "no answer" if not text or text == "YOUR ANSWER HERE" else "to be marked by hand"
            rows.append({"student": student, "notebook": notebook, "exercise": ex_id, "status": status,
                         "detail": f"Rubric: {ex.rubric}"})
    return rows


def grade(submissions: Path, out: Path, limit: float, echo=print) -> list[dict]:
    if not submissions.is_dir():
        raise SystemExit(f"{submissions} is not a folder: give the folder with one sub-folder per student")
    paths = sorted(submissions.glob("*/[0-9][0-9]_*.ipynb"))
    if not paths:
        raise SystemExit(f"no notebooks found as {submissions}/<student>/NN_name.ipynb")
    rows: list[dict] = []
    for n, path in enumerate(paths, start=1):
        t = time.monotonic()
        got = grade_notebook(path, limit)
        rows += got
        summary = ", ".join(f"{sum(r['status'] == s for r in got)} {s}" for s in dict.fromkeys(r["status"] for r in got))
        echo(f"[{n}/{len(paths)}] {path.parent.name}/{path.name}: {summary} ({time.monotonic() - t:.1f} s)")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS)
        w.writeheader()
        w.writerows(rows)
    echo(f"written: {out}")
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("submissions", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "graded" / "scores.csv")
    ap.add_argument("--limit", type=float, default=300, help="seconds allowed for one whole notebook (default 300)")
    args = ap.parse_args(argv)
    grade(args.submissions, args.out, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
