"""Write a run's results: scores, totals, written answers to mark, skipped files and a summary, all at once;
merge hand marks into them."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

from .judge import RUN_FAILURES, Result

SCORE_FIELDS = ("student", "notebook", "exercise", "kind", "status", "points", "max_points", "detail")
TOTAL_FIELDS = ("student", "notebook", "run", "automatic", "automatic_max", "by_hand", "by_hand_max", "marked",
                "total", "total_max")
WRITTEN_FIELDS = ("student", "notebook", "exercise", "max_points", "rubric", "answer", "mark", "comment")
SKIPPED_FIELDS = ("file", "reason")
RESULTS = ("scores.csv", "totals.csv", "written.csv", "skipped.csv", "summary.txt")


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

    empty = {"automatic": 0.0, "automatic_max": 0.0, "by_hand": 0.0, "by_hand_max": 0.0, "open": 0}
    by = {}
    for r in rows:
        if not r["exercise"]:
            continue
        t = by.setdefault((r["student"], r["notebook"]), dict(empty))
        hand = r["kind"] in ("written", "follow-up")
        t["by_hand_max" if hand else "automatic_max"] += num(r["max_points"])
        t["by_hand" if hand else "automatic"] += num(r["points"])
        t["open"] += r["status"] == "to be marked by hand"
    out = []
    for (student, notebook), run in sorted(runs.items()):
        t = by.get((student, notebook), empty)
        out.append({"student": student, "notebook": notebook, "run": run,
                    **{k: _fmt(t[k]) for k in ("automatic", "automatic_max", "by_hand", "by_hand_max")},
                    "marked": "yes" if not t["open"] else f"{t['open']} to mark",
                    "total": _fmt(t["automatic"] + t["by_hand"]),
                    "total_max": _fmt(t["automatic_max"] + t["by_hand_max"])})
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


#: Columns of free text that come from a hand-in (or quote it): a spreadsheet must read them as text.
TEXT_COLUMNS = ("detail", "answer", "comment", "reason")


def safe_text(value, column: str = ""):
    """A value as a CSV cell can hold it: text that is not valid UTF-8 (a lone surrogate from a notebook's
    JSON) has the offending characters replaced, and in a free-text column, a cell a spreadsheet would run as
    a formula (``=``, ``+``, ``-``, ``@``, a tab or a return first) is prefixed with an apostrophe."""
    if not isinstance(value, str):
        return value
    value = value.encode("utf-8", "replace").decode("utf-8")
    if column in TEXT_COLUMNS and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        value = "'" + value
    return value


def _csv_text(fields, rows) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
    w.writeheader()
    w.writerows({k: safe_text(v, k) for k, v in r.items()} for r in rows)
    return buf.getvalue()


def tables(results: list[Result], skipped, seconds: float, jobs: int, isolation: str, marks: Path | None = None) -> dict:
    """The run's tables from its results (in hand-in order), with the hand marks of ``marks`` merged in."""
    rows = [s.row() for r in results for s in r.scores]
    written = [w.row() for r in results for w in r.written]
    runs = {(r.hand_in.student, r.hand_in.notebook): r.fate for r in results}
    if marks:
        apply_marks(rows, read_marks(Path(marks), written))
    return _tables(rows, written, runs, skipped, _headline(runs, skipped, rows, seconds, jobs) + isolation + "\n")


def _headline(runs, skipped, rows, seconds, jobs) -> str:
    fates = list(runs.values())
    failed = {f: fates.count(f) for f in RUN_FAILURES if fates.count(f)}
    to_mark = sum(r["status"] == "to be marked by hand" for r in rows)
    return (f"{len(runs)} hand-ins graded in {seconds:.0f} s ({jobs} at a time): {fates.count('ran')} ran to the end"
            + "".join(f", {v} {k}" for k, v in failed.items())
            + f"; {len(skipped)} files skipped (skipped.csv); {to_mark} written answers to mark (written.csv).\n")


def _tables(rows, written, runs, skipped, summary) -> dict:
    tot = totals(rows, runs)
    files = {"scores.csv": _csv_text(SCORE_FIELDS, rows), "totals.csv": _csv_text(TOTAL_FIELDS, tot),
             "written.csv": _csv_text(WRITTEN_FIELDS, written),
             "skipped.csv": _csv_text(SKIPPED_FIELDS, [{"file": f, "reason": r} for f, r in skipped]),
             "summary.txt": summary}
    return {"rows": rows, "totals": tot, "written": written, "skipped": skipped, "summary": summary, "files": files}


def write_results(out: Path, files: dict[str, str]) -> None:
    """Write every result file into a fresh folder beside ``out``, then move each into place: a reader sees
    the old set (moved to previous/ when the run began) or the whole new set, never a mix."""
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".new-", dir=out))
    try:
        for name, text in files.items():
            (stage / name).write_text(text, encoding="utf-8", errors="replace")
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


def totals_only(out: Path, marks: Path, echo=print) -> dict:
    """Merge hand marks into the last run's tables without running any notebook again."""
    out = Path(out)

    def read(name):
        with (out / name).open(newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    try:
        rows, written = read("scores.csv"), read("written.csv")
        skipped = [(r["file"], r["reason"]) for r in read("skipped.csv")]
        old_totals = read("totals.csv")
        first_lines = (out / "summary.txt").read_text(encoding="utf-8").splitlines()[:2]
    except FileNotFoundError as exc:
        raise SystemExit(f"{out} holds no complete run ({Path(exc.filename).name} is missing): grade first") from None
    runs = {(t["student"], t["notebook"]): t["run"] for t in old_totals if t["notebook"] != "all"}
    for r in rows:
        if r["status"] == "marked":
            r["status"], r["points"] = "to be marked by hand", ""
    apply_marks(rows, read_marks(Path(marks), written))
    summary = "\n".join(first_lines) + "\n" + (
        f"Hand marks merged from {Path(marks).name}: {sum(r['status'] == 'marked' for r in rows)} marked, "
        f"{sum(r['status'] == 'to be marked by hand' for r in rows)} still to mark.\n")
    result = _tables(rows, written, runs, skipped, summary)
    write_results(out, result["files"])
    echo(summary.rstrip())
    return result
