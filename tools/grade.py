"""Grade a folder of handed-in notebooks and write the score tables.

    python tools/grade.py SUBMISSIONS [--out graded] [--jobs N] [--limit 300] [--memory-mb 2048]
                          [--output-kb 2048] [--marks marks.csv] [--unsandboxed]
    python tools/grade.py --totals-only --out graded --marks marks.csv   # merge hand marks, no re-run

SUBMISSIONS holds one folder per student, each with that student's notebooks under the course's names:
``SUBMISSIONS/<student>/01_attention_engine.ipynb``. Every other file is listed in ``skipped.csv`` with the
reason it was not graded.

How it works (``tools/grading/``, one module a step): each hand-in's code cells run in a **bubblewrap sandbox**
of their own (``sandbox.py``: its own user, processes, network and file system view; the course's models and
data without the answer key; time, memory, output, file-size and process limits), and only plain values come
out: the answer variables, read after the cells that compute them. The grader **judges them in its own
process** with the course's answer key (``judge.py``), which never enters a sandbox, so reading or computing
the key inside a hand-in earns nothing, and no hand-in can reach another. Where this machine cannot sandbox
(no bubblewrap, no namespaces, not Linux), the grader says why and stops, unless ``--unsandboxed`` is given;
every summary says how the hand-ins ran.

**The course decides what is graded**, never the hand-in: the exercises come from the answer key and the
answer variables from the course's own notebook. Statuses are listed in ``tools/grading/judge.py``.

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
import os
import queue
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))

from grading.course import course_exercises, prepare  # noqa: E402
from grading.handins import HandIn, code_cells, discover, other_notebook, read_cells  # noqa: E402
from grading.judge import RUN_FAILURES, Result, failed, judge  # noqa: E402
from grading.results import RESULTS, WRITTEN_FIELDS, retire_previous, tables, totals_only, write_results  # noqa: E402
from grading.limits import Limits  # noqa: E402
from grading.sandbox import Sandbox  # noqa: E402

__all__ = ["grade", "grade_one", "main", "Limits", "RESULTS", "WRITTEN_FIELDS", "RUN_FAILURES", "totals_only",
           "course_exercises"]


def grade_one(hand_in: HandIn, sandbox: Sandbox, slot: int) -> Result:
    """Read one hand-in, run it in its sandbox and judge its answers."""
    started = time.monotonic()
    try:
        try:
            cells = read_cells(hand_in.path)
        except (ValueError, OSError) as exc:
            return failed(hand_in, "notebook failed", str(exc))
        other = other_notebook(hand_in, cells)
        if other:
            return failed(hand_in, "wrong notebook", f"the file holds the exercises of {other}: hand it in under "
                                                     "that name")
        names = {g.variable for g in course_exercises(hand_in.notebook) if g.variable}
        to_run, mentions = code_cells(cells, names)
        run = sandbox.run(to_run, names, slot)
        if run.fate == "notebook failed":
            return failed(hand_in, run.fate, run.detail)
        result = judge(hand_in, cells, run, mentions)
    except Exception as exc:  # never lose the other hand-ins to one
        result = failed(hand_in, "notebook failed", f"{type(exc).__name__}: {str(exc)[:250]}")
    result.seconds = time.monotonic() - started
    return result


def grade(submissions: Path, out: Path, limits: Limits = Limits(), jobs: int | None = None, marks: Path | None = None,
          echo=print, unsandboxed: bool = False) -> dict:
    """Grade every hand-in under ``submissions`` into the folder ``out``; returns the tables written."""
    submissions, out = Path(submissions), Path(out)
    if not submissions.is_dir():
        raise SystemExit(f"{submissions} is not a folder: give the folder with one sub-folder per student")
    if out.resolve() == submissions.resolve() or submissions.resolve() in out.resolve().parents:
        raise SystemExit("write the results outside the submissions folder (--out)")
    hand_ins, skipped = discover(submissions)
    if not hand_ins:
        raise SystemExit(f"no notebooks found as {submissions}/<student>/NN_name.ipynb"
                         + (f" ({len(skipped)} other files skipped)" if skipped else ""))
    jobs = max(1, jobs or os.cpu_count() or 1)
    prepare(h.notebook for h in hand_ins)  # the answers, computed once, before any hand-in runs
    with tempfile.TemporaryDirectory(prefix="course-grader-") as scratch:
        sandbox = Sandbox(Path(scratch), limits, hide=[submissions.resolve(), out.resolve()], unsandboxed=unsandboxed)
        echo(sandbox.describe())
        retire_previous(out)
        slots: queue.Queue[int] = queue.Queue()
        for n in range(jobs):
            slots.put(n)

        def task(h: HandIn) -> Result:
            slot = slots.get()
            try:
                return grade_one(h, sandbox, slot)
            finally:
                slots.put(slot)

        started = time.monotonic()
        echo(f"grading {len(hand_ins)} hand-ins with {jobs} at a time; {len(skipped)} other files skipped")
        results: dict[HandIn, Result] = {}
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(task, h): h for h in hand_ins}
            for n, fut in enumerate(as_completed(futures), start=1):
                got = results[futures[fut]] = fut.result()
                counts: dict[str, int] = {}
                for s in got.scores:
                    if s.exercise or s.status in RUN_FAILURES:
                        counts[s.status] = counts.get(s.status, 0) + 1
                echo(f"[{n}/{len(hand_ins)}] {got.hand_in.name}: {', '.join(f'{v} {k}' for k, v in counts.items())} "
                     f"({got.seconds:.1f} s)")
        made = tables([results[h] for h in hand_ins], skipped, time.monotonic() - started, jobs, sandbox.describe(),
                      marks)
    write_results(out, made["files"])
    echo(made["summary"].rstrip())
    echo(f"written: {', '.join(str(out / n) for n in RESULTS)}")
    return made


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("submissions", type=Path, nargs="?")
    ap.add_argument("--out", type=Path, default=ROOT / "graded", help="folder for the results (default graded/)")
    ap.add_argument("--jobs", type=int, default=None, help="hand-ins graded at once (default: the machine's cores)")
    ap.add_argument("--limit", type=float, default=300, help="seconds allowed for one whole notebook (default 300)")
    ap.add_argument("--memory-mb", type=int, default=2048, help="memory one hand-in may use (default 2048 MB)")
    ap.add_argument("--output-kb", type=int, default=2048, help="output one notebook may print (default 2048 kB)")
    ap.add_argument("--marks", type=Path, help="a filled-in copy of written.csv: its marks go into the totals")
    ap.add_argument("--totals-only", action="store_true", help="merge --marks into the last run's tables, run nothing")
    ap.add_argument("--unsandboxed", action="store_true",
                    help="where this machine cannot sandbox, run hand-ins as you (only for hand-ins you trust)")
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
    grade(args.submissions, args.out, limits, args.jobs, args.marks, unsandboxed=args.unsandboxed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
