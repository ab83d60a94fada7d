"""Grade a folder of handed-in notebooks into the term's results, which every run updates.

    python tools/grade.py SUBMISSIONS [--out graded] [--student NAME ...] [--notebook NN ...] [--jobs N]
                          [--limit 300] [--memory-mb 2048] [--output-kb 2048] [--term term.toml]
                          [--handed-in handins.csv] [--marks marks.csv] [--roster class.csv]
                          [--export canvas|moodle|brightspace ...] [--unsandboxed]
    python tools/grade.py --totals-only --out graded [--marks marks.csv] [--term ...] [--roster ...] [--export ...]

SUBMISSIONS holds one folder per student, each with that student's notebooks under the course's names:
``SUBMISSIONS/<student>/01_attention_engine.ipynb``. Every other file is listed in ``skipped.csv`` with the
reason it was not graded (with ``--nbgrader-times``, nbgrader's ``timestamp.txt`` is read as the hand-in time).

How it works (``tools/grading/``, one module a step): each hand-in's code cells run in a **bubblewrap sandbox**
of their own (``sandbox.py``: its own user, processes, network and file system view; the course's models and
data without the answer key; time, memory, output, file-size and process limits), and only plain values come
out: the answer variables, read after the cells that compute them. The grader **judges them in its own
process** with the course's answer key (``judge.py``), which never enters a sandbox, so reading or computing
the key inside a hand-in earns nothing, and no hand-in can reach another. Where this machine cannot sandbox
(no bubblewrap, no namespaces, not Linux), the grader says why and stops, unless ``--unsandboxed`` is given;
every summary says how the hand-ins ran.

**The course decides what is graded**, never the hand-in: the exercises come from the answer key and the
answer variables from the course's own notebook. Statuses are listed in ``tools/grading/judge.py``; a notebook
that could not run scores 0 of its full points, with the reason.

**A term's results are kept, not replaced** (``store.py``): every run adds to ``<out>/grades.sqlite``; the last
run that graded a student's notebook gives its current result, so ``--student`` and ``--notebook`` re-grade a
few hand-ins and leave everyone else's as they were, and hand marks (``--marks``, a filled-in copy of
``written.csv``) survive every re-grade. After each run the whole results folder is rebuilt from the store
(``results.py``): ``scores.csv``, ``totals.csv``, ``written.csv`` (with the marks so far), ``skipped.csv``,
``runs.csv``, ``summary.txt``, the class report (``report.py``), a feedback page per student and notebook
(``feedback.py``, in ``feedback/``) and the gradebooks (``gradebook.py``). ``--totals-only`` rebuilds them
without running anything. Due dates and the late penalty come from the course file (``term.py``).
"""

from __future__ import annotations

import argparse
import os
import queue
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import datetime, UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))

from grading.course import course_exercises, prepare  # noqa: E402
from grading.handins import HandIn, code_cells, discover, other_notebook, read_cells  # noqa: E402
from grading.judge import RUN_FAILURES, Result, failed, judge  # noqa: E402
from grading.results import RESULTS, WRITTEN_FIELDS, build, read_marks, totals_only  # noqa: E402
from grading.store import HandInRecord, Store  # noqa: E402
from grading.settings import term_settings  # noqa: E402
from grading.term import Term, handed_in, notebook_named  # noqa: E402
from grading.limits import Limits  # noqa: E402
from grading.sandbox import Sandbox  # noqa: E402

__all__ = ["grade", "grade_one", "main", "Limits", "RESULTS", "WRITTEN_FIELDS", "RUN_FAILURES", "totals_only",
           "course_exercises", "Store", "Term"]


def grade_one(hand_in: HandIn, sandbox: Sandbox, slot: int, seed: str | None = None, classmates=()) -> Result:
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
        run = sandbox.run(to_run, names, slot, hand_in.student)
        if run.fate == "notebook failed":
            return failed(hand_in, run.fate, run.detail)
        result = judge(hand_in, cells, run, mentions, seed, classmates)
    except Exception as exc:  # never lose the other hand-ins to one
        result = failed(hand_in, "notebook failed", f"{type(exc).__name__}: {str(exc)[:250]}")
    result.seconds = time.monotonic() - started
    return result


def _select(hand_ins: list[HandIn], students=(), notebooks=()) -> list[HandIn]:
    """The hand-ins of the students and notebooks asked for (all of them when none is named)."""
    wanted_nb = {notebook_named(n, "--notebook") for n in notebooks}
    known = {h.student for h in hand_ins}
    for s in students:
        if s not in known:
            raise SystemExit(f"--student {s}: no hand-in folder of that name in the submissions")
    return [h for h in hand_ins if (not students or h.student in students) and (not wanted_nb or h.notebook in wanted_nb)]


def _progress(done: int, total: int) -> None:
    """A progress bar on a terminal (the log lines above it say what each hand-in got)."""
    if not sys.stderr.isatty():
        return
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}" + ("\n" if done == total else ""))
    sys.stderr.flush()


def grade(submissions: Path, out: Path, limits: Limits = Limits(), jobs: int | None = None, marks: Path | None = None,
          echo=print, unsandboxed: bool = False, students=(), notebooks=(), term: Path | None = None,
          manifest: Path | None = None, roster: Path | None = None, exports=(), nbgrader_times: bool = False) -> dict:
    """Grade the hand-ins under ``submissions`` (or the students and notebooks named) into the term's results in
    ``out``; ``term``, ``manifest`` and ``roster`` are the course file, hand-in times and class list (each kept
    with the results for later runs); returns the tables written."""
    with tempfile.TemporaryDirectory(prefix="course-grader-settings-") as kept:
        return _grade(Path(submissions), Path(out), limits, jobs, marks, echo, unsandboxed, students, notebooks,
                      {"term": term, "handed_in": manifest, "roster": roster}, exports, nbgrader_times, Path(kept))


def _grade(submissions, out, limits, jobs, marks, echo, unsandboxed, students, notebooks, given, exports,
           nbgrader_times, kept) -> dict:
    if not submissions.is_dir():
        raise SystemExit(f"{submissions} is not a folder: give the folder with one sub-folder per student")
    if out.resolve() == submissions.resolve() or submissions.resolve() in out.resolve().parents:
        raise SystemExit("write the results outside the submissions folder (--out)")
    every, skipped = discover(submissions)
    def stamp(f: str) -> bool:
        return Path(f).name == "timestamp.txt" or Path(f).name.endswith(".timestamp.txt")

    if nbgrader_times:  # nbgrader's hand-in times, read below
        skipped = [(f, why) for f, why in skipped if not stamp(f)]
    else:
        skipped = [(f, "a timestamp: read as the hand-in time only with --nbgrader-times (the folders come from "
                       "nbgrader's collect); a student could upload one") if stamp(f) else (f, why)
                   for f, why in skipped]
    hand_ins = _select(every, students, notebooks)
    if not hand_ins:
        raise SystemExit(f"no notebooks found as {submissions}/<student>/NN_name.ipynb"
                         + (" for the students and notebooks named" if every else "")
                         + (f" ({len(skipped)} other files skipped)" if skipped else ""))
    store = Store(out)
    if marks:  # refused now, before anything runs, if they do not fit the results so far
        pending_marks = read_marks(Path(marks), store.current_written())
    settings = term_settings(store, given, exports, kept, {h.student for h in every}, echo)
    term, times = settings["term"], settings["times"]
    classmates = sorted({h.student for h in every} | store.students())  # whose numbers an answer may fit
    for student, nb in term.extensions:
        if student not in {h.student for h in every} | store.students():
            echo(f"warning: the course file gives {student}/{nb[:2]} an extension, but no student of that name "
                 "has handed in (names are case-sensitive)")
    jobs = max(1, jobs or os.cpu_count() or 1)
    prepare(h.notebook for h in hand_ins)  # the answers, computed once, before any hand-in runs
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    with tempfile.TemporaryDirectory(prefix="course-grader-") as scratch:
        sandbox = Sandbox(Path(scratch), limits, hide=[submissions.resolve(), out.resolve()], unsandboxed=unsandboxed)
        echo(sandbox.describe())
        slots: queue.Queue[int] = queue.Queue()
        for n in range(jobs):
            slots.put(n)

        def task(h: HandIn) -> Result:
            slot = slots.get()
            try:
                return grade_one(h, sandbox, slot, term.seed, classmates)
            finally:
                slots.put(slot)

        started = time.monotonic()
        selection = ", ".join([*(f"student {s}" for s in students), *(f"notebook {n}" for n in notebooks)]) or "everyone"
        echo(f"grading {len(hand_ins)} hand-ins ({selection}) with {jobs} at a time; {len(skipped)} other files skipped")
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
                _progress(n, len(hand_ins))
        records = []
        for h in hand_ins:
            r = results[h]
            when, source = handed_in(h.path.parent, h.path, times, h.student, h.notebook, term.tz, nbgrader_times)
            late, share = term.lateness(h.student, h.notebook, when)
            due = term.due_for(h.student, h.notebook)
            detail = next((s.detail for s in r.scores if not s.exercise), "")
            records.append(HandInRecord(h.student, h.notebook, r.fate, detail, when.isoformat() if when else "",
                                        source, due.isoformat() if due else "", late, share))
        meta = {"started": started_at, "seconds": round(time.monotonic() - started, 1), "jobs": jobs,
                "isolation": sandbox.describe(), "selection": selection}
        store.record_run(meta, records, [s.row() for h in hand_ins for s in results[h].scores],
                         [w.row() for h in hand_ins for w in results[h].written], skipped)
    note = ""
    if marks:
        saved = store.save_marks(pending_marks, Path(marks).name)
        note = f"Hand marks merged from {Path(marks).name}: {saved} new or changed."
    return build(out, term, settings["roster"], settings["exports"], note, echo)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("submissions", type=Path, nargs="?")
    ap.add_argument("--out", type=Path, default=ROOT / "graded", help="folder for the results (default graded/)")
    ap.add_argument("--student", action="append", default=[], metavar="NAME",
                    help="grade only this student's hand-ins (repeat for more); the others' results are kept")
    ap.add_argument("--notebook", action="append", default=[], metavar="NN",
                    help="grade only this notebook, by number or name (repeat for more)")
    ap.add_argument("--jobs", type=int, default=None, help="hand-ins graded at once (default: the machine's cores)")
    ap.add_argument("--limit", type=float, default=300, help="seconds allowed for one whole notebook (default 300)")
    ap.add_argument("--memory-mb", type=int, default=2048, help="memory one hand-in may use (default 2048 MB)")
    ap.add_argument("--output-kb", type=int, default=2048, help="output one notebook may print (default 2048 kB)")
    ap.add_argument("--term", type=Path, help="the course file: due dates, extensions and the late penalty")
    ap.add_argument("--handed-in", type=Path, help="a manifest of hand-in times (student, notebook, handed_in)")
    ap.add_argument("--nbgrader-times", action="store_true",
                    help="read each student's timestamp.txt as the hand-in time (folders from nbgrader's collect)")
    ap.add_argument("--marks", type=Path, help="a filled-in copy of written.csv: its marks go into the totals")
    ap.add_argument("--roster", type=Path, help="the class list: each student's identifiers on the platform")
    ap.add_argument("--export", action="append", default=[], choices=("canvas", "moodle", "brightspace"),
                    help="also write the gradebook for this platform (repeat for more)")
    ap.add_argument("--totals-only", action="store_true",
                    help="rebuild every results file from the results so far (merging --marks), run nothing")
    ap.add_argument("--unsandboxed", action="store_true",
                    help="where this machine cannot sandbox, run hand-ins as you (only for hand-ins you trust)")
    args = ap.parse_args(argv)
    if args.jobs is not None and args.jobs < 1:
        ap.error("--jobs must be 1 or more")
    if args.totals_only:
        totals_only(args.out, args.marks, term=args.term, roster=args.roster, exports=args.export,
                    manifest=args.handed_in)
        return 0
    if args.submissions is None:
        ap.error("give the submissions folder")
    try:
        limits = Limits(args.limit, args.memory_mb, args.output_kb)
    except ValueError as exc:
        ap.error(str(exc))
    grade(args.submissions, args.out, limits, args.jobs, args.marks, unsandboxed=args.unsandboxed,
          students=args.student, notebooks=args.notebook, term=args.term, manifest=args.handed_in, roster=args.roster,
          exports=args.export, nbgrader_times=args.nbgrader_times)
    return 0


if __name__ == "__main__":
    sys.exit(main())
