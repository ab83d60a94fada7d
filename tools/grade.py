"""Grade a folder of handed-in notebooks and write the score tables.

    python tools/grade.py SUBMISSIONS [--out graded] [--jobs N] [--limit 300] [--memory-mb 2048]
                          [--output-kb 2048] [--marks marks.csv]
    python tools/grade.py --totals-only --out graded --marks marks.csv   # merge hand marks, no re-run

SUBMISSIONS holds one folder per student, each with that student's notebooks under the course's names:
``SUBMISSIONS/<student>/01_attention_engine.ipynb``. Every other file is listed in ``skipped.csv`` with the
reason it was not graded.

**Each hand-in runs apart.** It gets a throw-away copy of the course's code and data (``helpers/`` and
``data/``, first on the kernel's import path), its own working, home and temporary folders, and a kernel
started inside limits: the whole notebook's time (``--limit`` seconds), the kernel's memory
(``--memory-mb``), the output it may print (``--output-kb``; beyond it the cell is interrupted) and the size
of any file it writes. When the grader runs as root (a JupyterHub service, CI) the kernel gives up root for
the user ``nobody``, so student code cannot write to the course, the submissions or the grader's output;
run as an ordinary user, student code runs as that user (see docs/instructors.md). When the hand-in is done,
its kernel and every process it started are stopped and its folders deleted.

**The course decides what is graded**, never the hand-in: the exercises come from the answer key
(``helpers.exercises``) and the answer variables from the course's own notebook. The grader asks the kernel
for each answer's value after the cells that compute it (so an answer computed before the kernel died or ran
out of time still counts) and judges it here — it never reads what the notebook printed.

Statuses: right; recorded (a prediction was made); not yet; no answer; error (the cell computing the answer
raised: the message says why); missing (the exercise's check cell is not in the hand-in); to be marked by
hand (a written answer or a follow-up); and for the notebook as a whole: timed out, kernel died, output
limit, notebook failed, wrong notebook (the file holds another notebook's exercises).

Written to ``--out`` (default ``graded/``), all at the end of the run and all at once: ``scores.csv`` (a row
per student, notebook and exercise, with points), ``totals.csv`` (points per student and notebook, and per
student overall), ``written.csv`` (every written answer beside its rubric, with empty ``mark`` and
``comment`` columns to fill in), ``skipped.csv`` and ``summary.txt``. The previous run's files are moved to
``previous/`` when a run starts, so a run that fails leaves no old result that looks current. Fill in the
marks in a copy of ``written.csv`` and pass it with ``--marks``: the marks go into ``scores.csv`` and the
totals (``--totals-only`` merges them into the last run's tables without running anything again).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(ROOT))

from helpers import exercises  # noqa: E402
from student import CHECK  # noqa: E402

SCORE_FIELDS = ("student", "notebook", "exercise", "kind", "status", "points", "max_points", "detail")
TOTAL_FIELDS = ("student", "notebook", "run", "automatic", "automatic_max", "by_hand", "by_hand_max", "marked",
                "total", "total_max")
WRITTEN_FIELDS = ("student", "notebook", "exercise", "max_points", "rubric", "answer", "mark", "comment")
SKIPPED_FIELDS = ("file", "reason")
RESULTS = ("scores.csv", "totals.csv", "written.csv", "skipped.csv", "summary.txt")
COURSE_NOTEBOOKS = {p.name: p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))}
MAX_FILE_BYTES = 20_000_000  # a hand-in larger than this is not a course notebook
RUN_FAILURES = ("timed out", "kernel died", "output limit", "notebook failed", "wrong notebook")


@dataclass(frozen=True)
class Limits:
    seconds: float = 300
    memory_mb: int = 2048
    output_kb: int = 2048
    file_mb: int = 50

    def __post_init__(self):
        for name in ("seconds", "memory_mb", "output_kb", "file_mb"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0:
                raise ValueError(f"the {name.replace('_', ' ')} limit must be a positive number, got {v!r}")


# ------------------------------------------------------------------------------------ what is graded
@lru_cache(maxsize=None)
def course_exercises(notebook: str) -> tuple[tuple[str, str | None], ...]:
    """(exercise id, answer variable) for every exercise of a course notebook, from the answer key and the
    course's own notebook (a written exercise has no variable)."""
    nb = nbformat.read(COURSE_NOTEBOOKS[notebook], as_version=4)
    names = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            for ex_id, name in CHECK.findall(cell.source):
                names.setdefault(ex_id, name)
    prefix = notebook[:2] + "."
    ids = sorted((i for i in exercises.REGISTRY if i.startswith(prefix)), key=lambda i: int(i.split(".")[1]))
    out = []
    for i in ids:
        ex = exercises.get(i)
        if ex.kind != "written" and i not in names:
            raise SystemExit(f"the course's {notebook} has no check cell for exercise {i}: fix the course first")
        out.append((i, names.get(i)))
    return tuple(out)


@lru_cache(maxsize=None)
def course_follow_ups(notebook: str) -> tuple[tuple[str, str, str], ...]:
    """(row id such as '04.5 follow-up', grade_id, model answer) for each follow-up question of a notebook."""
    nb = nbformat.read(COURSE_NOTEBOOKS[notebook], as_version=4)
    out = []
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        m = re.fullmatch(r"ex(\d\d)_(\d+)_(\w+)", gid)
        if cell.cell_type == "markdown" and m:
            out.append((f"{m.group(1)}.{m.group(2)} follow-up", gid, cell.source))
    return tuple(out)


# ------------------------------------------------------------------------------------- finding files
def discover(submissions: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The hand-ins to grade, and every other file with the reason it is not graded."""
    graded, skipped = [], []
    for path in sorted(submissions.rglob("*")):
        rel = path.relative_to(submissions)
        if path.is_dir() and not path.is_symlink():
            continue
        why = None
        if any(part.startswith(".") for part in rel.parts):
            why = "a hidden file or folder (such as .ipynb_checkpoints): not a hand-in"
        elif path.is_symlink():
            why = "a link, not a file: hand in the notebook itself"
        elif len(rel.parts) != 2:
            why = "not in a student's folder: expected <student>/NN_name.ipynb"
        elif rel.name not in COURSE_NOTEBOOKS:
            near = [n for n in COURSE_NOTEBOOKS if rel.name[:2] == n[:2]]
            why = "not a course notebook's name" + (f" (did you mean {near[0]}?)" if near else "")
        if why:
            skipped.append((str(rel), why))
        else:
            graded.append(path)
    return graded, skipped


# ---------------------------------------------------------------------------------- reading a hand-in
def read_cells(path: Path) -> list[dict]:
    """The hand-in's cells as plain dicts (type, source, grade_id), whatever odd JSON it holds; raises
    ValueError with a reason a student can act on."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"the file is {size // 1_000_000} MB, too large for a course notebook")
    try:
        raw = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("the file is not text (UTF-8): save it again from JupyterLab") from None
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(f"the file is not a notebook (invalid JSON: {str(exc)[:120]})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
        raise ValueError("the file is not a notebook (no list of cells)")
    cells = []
    for c in raw["cells"]:
        if not isinstance(c, dict) or c.get("cell_type") not in ("code", "markdown", "raw"):
            continue  # a cell of an unknown type is never run
        src = c.get("source", "")
        if isinstance(src, list):
            src = "".join(s for s in src if isinstance(s, str))
        if not isinstance(src, str):
            src = ""
        meta = c.get("metadata") if isinstance(c.get("metadata"), dict) else {}
        nbg = meta.get("nbgrader") if isinstance(meta.get("nbgrader"), dict) else {}
        gid = nbg.get("grade_id") if isinstance(nbg.get("grade_id"), str) else ""
        cells.append({"type": c["cell_type"], "source": src, "grade_id": gid})
    return cells


def written_answers(cells: list[dict]) -> dict[str, str]:
    """Answer text by grade_id (exNN_k, exNN_k_followup), and by prompt for a written exercise whose cell lost
    its metadata: the markdown cell right after '**Exercise k (written).**'."""
    out = {}
    for i, c in enumerate(cells):
        if c["type"] == "markdown" and c["grade_id"].startswith("ex"):
            out.setdefault(c["grade_id"], c["source"])
        m = re.match(r"\*\*Exercise (\d+) \(written\)", c["source"].strip()) if c["type"] == "markdown" else None
        if m and i + 1 < len(cells) and cells[i + 1]["type"] == "markdown":
            out.setdefault(f"written_{m.group(1)}", cells[i + 1]["source"])
    return out


# ---------------------------------------------------------------------------- running it in a sandbox
PROBE = r"""
def _grader_probe(_names):
    import json as _j, math as _m
    _out = {}
    for _n in _names:
        if _n not in globals():
            continue
        _v = globals()[_n]
        try:
            import numpy as _np
            if isinstance(_v, _np.generic) or (isinstance(_v, _np.ndarray) and _v.ndim == 0):
                _v = _v.item()
        except Exception:
            pass
        if _v is None or isinstance(_v, bool):
            _out[_n] = _v
        elif isinstance(_v, int):
            _out[_n] = float(_v) if abs(_v) < 1e300 else "too large"
        elif isinstance(_v, float):
            _out[_n] = _v if _m.isfinite(_v) else str(_v)
        elif isinstance(_v, str):
            _out[_n] = _v[:2000]
        else:
            _out[_n] = {"unsupported": type(_v).__name__}
    return "GRADER" + _j.dumps(_out)
_grader_probe(%r)
"""


def sandbox_base() -> Path:
    """Where the hand-ins' throw-away folders go: never under /tmp, which a root grader's sandbox replaces
    with a private one (GRADER_SANDBOXES overrides)."""
    if os.environ.get("GRADER_SANDBOXES"):
        return Path(os.environ["GRADER_SANDBOXES"])
    if os.geteuid() == 0 and os.path.isdir("/run"):
        return Path("/run/course-grader")
    return Path(tempfile.gettempdir()) / "course-grader"


def _sandbox(job: str, workdir: Path, limits: Limits, protect: str) -> tuple[dict, Path]:
    """A throw-away course copy and folders for one hand-in; the kernel's environment."""
    course, work, home, tmp = (workdir / n for n in ("course", "work", "home", "tmp"))
    for d in (work, home, tmp):
        d.mkdir(parents=True)
    shutil.copytree(ROOT / "helpers", course / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", course / "data")
    if os.geteuid() == 0:
        import pwd

        user = pwd.getpwnam(os.environ.get("GRADER_USER", "nobody"))
        for d in (work, home, tmp):
            os.chown(d, user.pw_uid, user.pw_gid)
        os.chmod(workdir, 0o755)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        "PYTHONPATH": str(course), "PYTHONNOUSERSITE": "1", "PYTHONDONTWRITEBYTECODE": "1",
        "HOME": str(home), "TMPDIR": str(tmp), "MPLCONFIGDIR": str(home / ".matplotlib"),
        "IPYTHONDIR": str(home / ".ipython"), "MPLBACKEND": "Agg", "JUPYTER_PLATFORM_DIRS": "1",
        "GRADER_JOB": job, "GRADER_MEMORY_BYTES": str(limits.memory_mb * 2**20),
        "GRADER_FILE_BYTES": str(limits.file_mb * 2**20), "GRADER_SANDBOX": str(workdir),
        "GRADER_WORKDIR": str(work), "GRADER_PROTECT": protect,
        "GRADER_ISOLATION_REPORT": str(workdir / "isolation.txt"),
    }
    return env, work


class _OutputLimit(Exception):
    pass


def _client_class():
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpec
    from nbclient import NotebookClient

    class SandboxKernelManager(AsyncKernelManager):
        """Starts tools/grade_kernel.py, with the connection file readable by the sandbox's user."""

        def write_connection_file(self, **kwargs):
            super().write_connection_file(**kwargs)
            if os.geteuid() == 0:
                import pwd

                user = pwd.getpwnam(os.environ.get("GRADER_USER", "nobody"))
                os.chown(self.connection_file, user.pw_uid, user.pw_gid)

    class SandboxClient(NotebookClient):
        """Counts what a cell prints; past the limit, drops the rest and interrupts the kernel."""

        output_budget = 0
        output_exceeded = False

        def output(self, outs, msg, display_id, cell_index):
            content = msg.get("content", {})
            size = len(content.get("text", "")) + sum(len(str(v)) for v in content.get("data", {}).values())
            self.output_budget -= size
            if self.output_budget < 0:
                if not self.output_exceeded:
                    self.output_exceeded = True
                    import asyncio

                    asyncio.ensure_future(self.km.interrupt_kernel())
                return None
            return super().output(outs, msg, display_id, cell_index)

    def make(nb, workdir: Path, limits: Limits):
        km = SandboxKernelManager(connection_file=str(workdir / "kernel.json"))
        km._kernel_spec = KernelSpec(argv=[sys.executable, str(TOOLS / "grade_kernel.py"), "-f", "{connection_file}"],
                                     display_name="grading sandbox", language="python", env={})
        client = SandboxClient(nb, km=km, timeout=int(limits.seconds), allow_errors=True, iopub_timeout=5,
                               resources={"metadata": {"path": str(workdir / "work")}})
        client.output_budget = limits.output_kb * 1024
        return client

    return make


def _kill_job(job: str) -> None:
    """Stop every process still carrying this hand-in's mark (anything the student's code started)."""
    for d in Path("/proc").iterdir():
        if not d.name.isdigit() or int(d.name) == os.getpid():
            continue
        try:
            if f"GRADER_JOB={job}".encode() in (d / "environ").read_bytes().split(b"\0"):
                os.kill(int(d.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue


def _value_text(text: str) -> dict:
    return json.loads(text.split("GRADER", 1)[1].rstrip("'\"")) if "GRADER" in text else {}


def run_sandboxed(cells: list[dict], names: set[str], limits: Limits, job: str, protect: str = "") -> dict:
    """Run a hand-in's code cells in a sandbox. Returns the run's fate, each cell's error, the answer values
    read after the cells that compute them, and how far the sandbox could isolate the code."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    base = sandbox_base()
    base.mkdir(parents=True, exist_ok=True, mode=0o755)
    workdir = Path(tempfile.mkdtemp(prefix="hand-in-", dir=base))
    result = {"run": "ran", "detail": "", "errors": {}, "values": {}, "assigns": {}, "isolation": ""}
    try:
        env, work = _sandbox(job, workdir, limits, protect)
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(c["source"]) if c["type"] == "code" else
                    nbformat.v4.new_markdown_cell("") for c in cells]
        client = _client_class()(nb, workdir, limits)
        start = time.monotonic()
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names))) + r")\b") if names else None

        def probe(timeout: int = 20) -> None:
            cell = nbformat.v4.new_code_cell(PROBE % (sorted(names),))
            client.timeout = timeout
            nb.cells.append(cell)  # in memory only: the hand-in's file is never written
            try:
                client.execute_cell(cell, len(nb.cells) - 1)
            finally:
                nb.cells.pop()
            for o in cell.outputs:
                if o.get("output_type") == "execute_result":
                    result["values"].update(_value_text(o.get("data", {}).get("text/plain", "")))

        with client.setup_kernel(env=env, cwd=str(work)):
            alive = True
            try:
                for i, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    remaining = limits.seconds - (time.monotonic() - start)
                    if remaining <= 0:
                        raise CellTimeoutError(f"the notebook ran over {limits.seconds:.0f} s")
                    client.timeout = max(1, int(remaining))
                    client.execute_cell(cell, i)
                    errs = [f"{o.get('ename')}: {str(o.get('evalue'))[:200]}" for o in cell.outputs
                            if o.get("output_type") == "error"]
                    if client.output_exceeded:
                        result["run"] = "output limit"
                        result["detail"] = (f"cell {i} printed more than {limits.output_kb} kB; it was interrupted and "
                                            "the notebook stopped there")
                        break
                    if errs:
                        result["errors"][i] = errs[0]
                    if pattern and pattern.search(cell.source):
                        for n in pattern.findall(cell.source):
                            result["assigns"].setdefault(n, []).append(i)
                        probe()
            except CellTimeoutError:
                result["run"], result["detail"] = "timed out", (f"stopped after {limits.seconds:.0f} s (the time "
                                                                "limit for the whole notebook)")
                try:
                    from jupyter_core.utils import run_sync

                    run_sync(client.km.interrupt_kernel)()
                except Exception:
                    alive = False
            except DeadKernelError:
                alive = False
                result["run"], result["detail"] = "kernel died", ("the kernel stopped (it ran out of memory, or the "
                                                                  "code ended it); answers computed before count")
            if alive and names:
                try:
                    probe()
                except (CellTimeoutError, DeadKernelError, RuntimeError):
                    pass
    except Exception as exc:  # whatever else goes wrong stays with this hand-in
        result["run"], result["detail"] = "notebook failed", f"{type(exc).__name__}: {str(exc)[:250]}"
    finally:
        _kill_job(job)
        report = workdir / "isolation.txt"
        if report.exists():
            result["isolation"] = report.read_text()[:300].strip()
        shutil.rmtree(workdir, ignore_errors=True)
    return result


# ---------------------------------------------------------------------------------------- judging
def _row(student, notebook, ex_id, kind, status, points, max_points, detail=""):
    return {"student": student, "notebook": notebook, "exercise": ex_id, "kind": kind, "status": status,
            "points": "" if points is None else points, "max_points": max_points, "detail": detail[:400]}


def grade_notebook(path: Path, limits: Limits = Limits(), protect: str = "") -> dict:
    """Grade one hand-in: its score rows and its written answers (for written.csv)."""
    student, notebook = path.parent.name, path.name
    prefix = notebook[:2] + "."
    started = time.monotonic()
    rows, written = [], []
    try:
        cells = read_cells(path)
    except (ValueError, OSError) as exc:
        return {"rows": [_row(student, notebook, "", "", "notebook failed", None, "", str(exc))], "written": [],
                "run": "notebook failed", "seconds": time.monotonic() - started}
    present = {ex_id for c in cells if c["type"] == "code" for ex_id, _ in CHECK.findall(c["source"])}
    others = {i[:2] for i in present} - {notebook[:2]}
    if others and not any(i.startswith(prefix) for i in present):
        other = sorted(others)[0]
        real = next((n for n in COURSE_NOTEBOOKS if n.startswith(other)), other)
        return {"rows": [_row(student, notebook, "", "", "wrong notebook", None, "",
                              f"the file holds the exercises of {real}: hand it in under that name")],
                "written": [], "run": "wrong notebook", "seconds": time.monotonic() - started}
    graded = course_exercises(notebook)
    names = {n for _, n in graded if n}
    run = run_sandboxed(cells, names, limits, job=f"{os.getpid()}-{time.monotonic_ns()}", protect=protect)
    if run["run"] == "notebook failed":
        return {"rows": [_row(student, notebook, "", "", "notebook failed", None, "", run["detail"])], "written": [],
                "run": "notebook failed", "seconds": time.monotonic() - started}
    if run["run"] != "ran":
        rows.append(_row(student, notebook, "", "", run["run"], None, "", run["detail"]))
    texts = written_answers(cells)
    for ex_id, name in graded:
        ex = exercises.get(ex_id)
        k = ex_id.split(".")[1]
        if ex.kind == "written":
            text = texts.get(f"ex{notebook[:2]}_{k}", texts.get(f"written_{k}", "")).strip()
            answered = bool(text) and text != "YOUR ANSWER HERE"
            rows.append(_row(student, notebook, ex_id, ex.kind, "to be marked by hand" if answered else "no answer",
                             None if answered else 0, ex.max_points, "" if answered else "no written answer"))
            written.append({"student": student, "notebook": notebook, "exercise": ex_id, "max_points": ex.max_points,
                            "rubric": ex.rubric, "answer": text if answered else "", "mark": "" if answered else 0,
                            "comment": ""})
            continue
        rows.append(_judge(student, notebook, ex, name, ex_id in present, run))
    for row_id, gid, model in course_follow_ups(notebook):
        text = texts.get(gid, "").strip()
        answered = bool(text) and text != "YOUR ANSWER HERE"
        rows.append(_row(student, notebook, row_id, "follow-up", "to be marked by hand" if answered else "no answer",
                         None if answered else 0, exercises.FOLLOW_UP_POINTS))
        written.append({"student": student, "notebook": notebook, "exercise": row_id,
                        "max_points": exercises.FOLLOW_UP_POINTS, "rubric": "Model answer: " + model.replace(
                            "*Model answer.*", "").strip(), "answer": text if answered else "",
                        "mark": "" if answered else 0, "comment": ""})
    return {"rows": rows, "written": written, "run": run["run"], "seconds": time.monotonic() - started,
            "isolation": run["isolation"]}


def _judge(student, notebook, ex, name, checked: bool, run: dict) -> dict:
    if not checked:
        return _row(student, notebook, ex.id, ex.kind, "missing", 0, ex.max_points,
                    f"the check cell of exercise {ex.id} is not in the notebook (deleted?): put "
                    f'check("{ex.id}", {name}) back under your answer')
    value = run["values"].get(name)
    cell_errors = [run["errors"][i] for i in run["assigns"].get(name, []) if i in run["errors"]]
    if isinstance(value, dict):
        fb = None
        status, detail = "not yet", (f"{name} holds a {value.get('unsupported', 'value')}, which the check cannot "
                                     "judge: give one number (or, for a question with options, one option in quotes)")
    else:
        fb = exercises.evaluate(ex.id, value)
        status, detail = fb.status, ("" if fb.status == "right" else fb.message)
    if cell_errors and status not in ("right", "recorded"):
        status, detail = "error", f"the cell computing {name} raised {cell_errors[0]}"
    elif run["run"] != "ran" and status not in ("right", "recorded"):
        detail = f"{detail} ({run['run']}: {run['detail']})".strip()
    points = ex.max_points if status in ("right", "recorded") else 0
    return _row(student, notebook, ex.id, ex.kind, status, points, ex.max_points, detail)


# ------------------------------------------------------------------------------- marks and totals
def read_marks(path: Path, written: list[dict]) -> dict[tuple[str, str, str], float]:
    """Hand marks from a filled-in copy of written.csv: (student, notebook, exercise) -> mark. A mark that is
    not a number between 0 and the exercise's points is refused, naming its row."""
    out = {}
    maxima = {(w["student"], w["notebook"], w["exercise"]): float(w["max_points"]) for w in written}
    with open(path, newline="", encoding="utf-8") as fh:
        for n, r in enumerate(csv.DictReader(fh), start=2):
            key = (r.get("student", ""), r.get("notebook", ""), r.get("exercise", ""))
            mark = (r.get("mark") or "").strip()
            if not mark:
                continue
            try:
                value = float(mark)
            except ValueError:
                raise SystemExit(f"{path.name}, row {n}: the mark {mark!r} is not a number") from None
            top = maxima.get(key)
            if top is None:
                raise SystemExit(f"{path.name}, row {n}: {'/'.join(key)} is not a written answer of this run")
            if not 0 <= value <= top:
                raise SystemExit(f"{path.name}, row {n}: the mark {value:g} is outside 0 to {top:g} for {key[2]}")
            out[key] = value
    return out


def apply_marks(rows: list[dict], marks: dict) -> None:
    for r in rows:
        key = (r["student"], r["notebook"], r["exercise"])
        if key in marks and r["status"] == "to be marked by hand":
            r["points"], r["status"] = marks[key], "marked"


def totals(rows: list[dict], runs: dict) -> list[dict]:
    """Points per student and notebook, then per student over every notebook handed in."""
    def num(x):
        return float(x) if x not in ("", None) else 0.0

    by = {}
    for r in rows:
        if not r["exercise"]:
            continue
        t = by.setdefault((r["student"], r["notebook"]), {"automatic": 0.0, "automatic_max": 0.0, "by_hand": 0.0,
                                                           "by_hand_max": 0.0, "open": 0})
        hand = r["kind"] in ("written", "follow-up")
        t["by_hand_max" if hand else "automatic_max"] += num(r["max_points"])
        t["by_hand" if hand else "automatic"] += num(r["points"])
        t["open"] += r["status"] == "to be marked by hand"
    out = []
    for (student, notebook), run in sorted(runs.items()):
        t = by.get((student, notebook), {"automatic": 0.0, "automatic_max": 0.0, "by_hand": 0.0, "by_hand_max": 0.0,
                                         "open": 0})
        out.append({"student": student, "notebook": notebook, "run": run, **{k: _fmt(t[k]) for k in
                    ("automatic", "automatic_max", "by_hand", "by_hand_max")},
                    "marked": "yes" if not t["open"] else f"{t['open']} to mark",
                    "total": _fmt(t["automatic"] + t["by_hand"]), "total_max": _fmt(t["automatic_max"] + t["by_hand_max"])})
    for student in sorted({s for s, _ in runs}):
        mine = [o for o in out if o["student"] == student and o["notebook"] != "all"]
        keys = ("automatic", "automatic_max", "by_hand", "by_hand_max", "total", "total_max")
        sums = {k: _fmt(sum(float(o[k]) for o in mine)) for k in keys}
        open_ = sum(int(o["marked"].split()[0]) for o in mine if o["marked"] != "yes")
        out.append({"student": student, "notebook": "all", "run": f"{len(mine)} notebooks", **sums,
                    "marked": "yes" if not open_ else f"{open_} to mark"})
    return out


def _fmt(x: float) -> str:
    return f"{x:g}"


# ----------------------------------------------------------------------------------------- writing
def _csv_text(fields, rows) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def write_results(out: Path, files: dict[str, str]) -> None:
    """Write every result file into a fresh folder beside ``out``, then move each into place: a reader sees
    the old set (moved to previous/ when the run began) or the whole new set, never a mix."""
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".new-", dir=out))
    try:
        for name, text in files.items():
            (stage / name).write_text(text, encoding="utf-8")
        for name in files:
            os.replace(stage / name, out / name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def retire_previous(out: Path) -> None:
    """Move the last run's results to out/previous/, so a run that fails leaves nothing that looks current."""
    old = [out / n for n in RESULTS if (out / n).exists()]
    if not old:
        return
    prev = out / "previous"
    prev.mkdir(parents=True, exist_ok=True)
    for f in old:
        os.replace(f, prev / f.name)


# --------------------------------------------------------------------------------------- the run
def _grade_task(path: str, limits: Limits, protect: str = "") -> dict:
    try:
        return grade_notebook(Path(path), limits, protect)
    except BaseException as exc:  # never lose the other hand-ins to one
        p = Path(path)
        return {"rows": [_row(p.parent.name, p.name, "", "", "notebook failed", None, "",
                              f"{type(exc).__name__}: {str(exc)[:250]}")], "written": [], "run": "notebook failed",
                "seconds": 0.0}


def grade(submissions: Path, out: Path, limits: Limits = Limits(), jobs: int | None = None, marks: Path | None = None,
          echo=print) -> dict:
    """Grade every hand-in under ``submissions`` into the folder ``out``; returns the tables written."""
    submissions, out = Path(submissions), Path(out)
    if not submissions.is_dir():
        raise SystemExit(f"{submissions} is not a folder: give the folder with one sub-folder per student")
    if out.resolve() == submissions.resolve() or submissions.resolve() in out.resolve().parents:
        raise SystemExit("write the results outside the submissions folder (--out)")
    paths, skipped = discover(submissions)
    if not paths:
        raise SystemExit(f"no notebooks found as {submissions}/<student>/NN_name.ipynb"
                         + (f" ({len(skipped)} other files skipped)" if skipped else ""))
    jobs = max(1, jobs or os.cpu_count() or 1)
    for notebook in sorted({p.name for p in paths}):  # answers computed once, before the workers fork
        course_exercises(notebook), course_follow_ups(notebook)
        for ex_id, _ in course_exercises(notebook):
            if exercises.get(ex_id).kind not in ("written", "prediction"):
                exercises.evaluate(ex_id, -1.2345e-7)
    retire_previous(out)
    results: dict[str, dict] = {}
    started = time.monotonic()
    echo(f"grading {len(paths)} hand-ins with {jobs} at a time; {len(skipped)} other files skipped")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
        futures = {pool.submit(_grade_task, str(p), limits, str(submissions.resolve())): p for p in paths}
        for n, fut in enumerate(as_completed(futures), start=1):
            p = futures[fut]
            got = fut.result()
            results[str(p)] = got
            counts = {}
            for r in got["rows"]:
                if r["exercise"] or r["status"] in RUN_FAILURES:
                    counts[r["status"]] = counts.get(r["status"], 0) + 1
            summary = ", ".join(f"{v} {k}" for k, v in counts.items())
            echo(f"[{n}/{len(paths)}] {p.parent.name}/{p.name}: {summary} ({got['seconds']:.1f} s)")
    rows = [r for p in paths for r in results[str(p)]["rows"]]
    written = [w for p in paths for w in results[str(p)]["written"]]
    runs = {(p.parent.name, p.name): results[str(p)]["run"] for p in paths}
    if marks:
        apply_marks(rows, read_marks(Path(marks), written))
    isolation = sorted({results[str(p)].get("isolation", "") for p in paths} - {""})
    tables = _tables(rows, written, runs, skipped, time.monotonic() - started, jobs, isolation)
    write_results(out, tables["files"])
    echo(tables["summary"].rstrip())
    echo(f"written: {', '.join(str(out / n) for n in RESULTS)}")
    return tables


def _tables(rows, written, runs, skipped, seconds, jobs, isolation=()) -> dict:
    tot = totals(rows, runs)
    fates = [v for v in runs.values()]
    failed = {f: fates.count(f) for f in RUN_FAILURES if fates.count(f)}
    to_mark = sum(r["status"] == "to be marked by hand" for r in rows)
    summary = (f"{len(runs)} hand-ins graded in {seconds:.0f} s ({jobs} at a time): {fates.count('ran')} ran to the end"
               + "".join(f", {v} {k}" for k, v in failed.items())
               + f"; {len(skipped)} files skipped (skipped.csv); {to_mark} written answers to mark (written.csv).\n"
               + ("".join(f"Warning: {reason}: student code could reach files this user can write.\n"
                          for reason in isolation) if isolation else
                  ("Student code ran in a sandbox as an unprivileged user.\n" if os.geteuid() == 0 and jobs else "")))
    files = {"scores.csv": _csv_text(SCORE_FIELDS, rows), "totals.csv": _csv_text(TOTAL_FIELDS, tot),
             "written.csv": _csv_text(WRITTEN_FIELDS, written),
             "skipped.csv": _csv_text(SKIPPED_FIELDS, [{"file": f, "reason": r} for f, r in skipped]),
             "summary.txt": summary}
    return {"rows": rows, "totals": tot, "written": written, "skipped": skipped, "summary": summary, "files": files}


def totals_only(out: Path, marks: Path, echo=print) -> dict:
    """Merge hand marks into the last run's tables without running any notebook again."""
    out = Path(out)
    try:
        rows = list(csv.DictReader((out / "scores.csv").open(newline="", encoding="utf-8")))
        written = list(csv.DictReader((out / "written.csv").open(newline="", encoding="utf-8")))
        skipped = [(r["file"], r["reason"]) for r in csv.DictReader((out / "skipped.csv").open(newline="", encoding="utf-8"))]
        old_totals = list(csv.DictReader((out / "totals.csv").open(newline="", encoding="utf-8")))
    except FileNotFoundError as exc:
        raise SystemExit(f"{out} holds no complete run ({Path(exc.filename).name} is missing): grade first") from None
    runs = {(t["student"], t["notebook"]): t["run"] for t in old_totals if t["notebook"] != "all"}
    for r in rows:
        if r["status"] == "marked":
            r["status"], r["points"] = "to be marked by hand", ""
    apply_marks(rows, read_marks(Path(marks), written))
    tables = _tables(rows, written, runs, skipped, 0, 0)
    tables["files"]["summary.txt"] = (out / "summary.txt").read_text(encoding="utf-8").splitlines()[0] + "\n" + (
        f"Hand marks merged from {Path(marks).name}: "
        f"{sum(r['status'] == 'marked' for r in rows)} marked, "
        f"{sum(r['status'] == 'to be marked by hand' for r in rows)} still to mark.\n")
    write_results(out, tables["files"])
    echo(tables["files"]["summary.txt"].rstrip())
    return tables


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("submissions", type=Path, nargs="?")
    ap.add_argument("--out", type=Path, default=ROOT / "graded", help="folder for the results (default graded/)")
    ap.add_argument("--jobs", type=int, default=None, help="hand-ins graded at once (default: the machine's cores)")
    ap.add_argument("--limit", type=float, default=300, help="seconds allowed for one whole notebook (default 300)")
    ap.add_argument("--memory-mb", type=int, default=2048, help="memory one kernel may use (default 2048 MB)")
    ap.add_argument("--output-kb", type=int, default=2048, help="output one notebook may print (default 2048 kB)")
    ap.add_argument("--marks", type=Path, help="a filled-in copy of written.csv: its marks go into the totals")
    ap.add_argument("--totals-only", action="store_true", help="merge --marks into the last run's tables, run nothing")
    args = ap.parse_args(argv)
    if args.totals_only:
        if not args.marks:
            ap.error("--totals-only needs --marks")
        totals_only(args.out, args.marks)
        return 0
    if args.submissions is None:
        ap.error("give the submissions folder")
    try:
        limits = Limits(args.limit, args.memory_mb, args.output_kb)
    except ValueError as exc:
        ap.error(str(exc))
    grade(args.submissions, args.out, limits, args.jobs, args.marks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
