"""The results folder, written from the term's store after every run: scores, totals, the written answers to
mark, skipped files, the history of runs, a summary, the class report, a feedback page per student and
notebook, and the gradebook exports.

Every file here is a view of ``grades.sqlite`` (``store.py``), rebuilt whole after each run or ``--totals-only``:
nothing in it is the only copy of anything, so an instructor may delete or edit these files freely. Hand marks
come in through ``--marks`` (a filled-in copy of ``written.csv``) and are kept in the store.
"""

from __future__ import annotations

import csv
import os
from datetime import datetime
import shutil
import tempfile
from pathlib import Path

from .cells import HAND, _fmt, _num, csv_text
from .feedback import write_feedback
from .gradebook import gradebooks
from .report import class_report
from .settings import term_settings
from .store import Store, same_text, shown
from .term import Term, notebook_named, late_words

SCORE_FIELDS = ("student", "notebook", "exercise", "kind", "status", "points", "max_points", "detail", "mistake",
                "flag")
TOTAL_FIELDS = ("student", "notebook", "run", "handed_in", "late", "automatic", "automatic_max", "by_hand",
                "by_hand_max", "marked", "before_penalty", "penalty", "total", "total_max")
WRITTEN_FIELDS = ("student", "notebook", "exercise", "max_points", "rubric", "answer", "mark", "comment", "note")
SKIPPED_FIELDS = ("file", "reason")
RUN_FIELDS = ("run", "started", "selection", "hand_ins", "seconds", "jobs", "isolation")
#: The files every run writes into the results folder (beside grades.sqlite, feedback/ and the exports).
RESULTS = ("scores.csv", "totals.csv", "written.csv", "skipped.csv", "runs.csv", "summary.txt",
           "class_report.csv", "class_report.md", "class_report.png", "gradebook.csv")


# ------------------------------------------------------------------------------------------ hand marks
def read_marks(path: Path, written: list[dict]) -> dict[tuple[str, str, str], tuple[float, str, str | None]]:
    """Hand marks from a filled-in copy of written.csv: (student, notebook, exercise) -> (mark, comment, the answer
    the row shows, which is the answer the mark was given for). A mark that is not a number between 0 and the
    exercise's points is refused, naming its row; a row whose mark is empty is left as it was."""
    import sys

    csv.field_size_limit(sys.maxsize)  # a written answer may be long
    out = {}
    maxima = {(w["student"], w["notebook"], w["exercise"]): float(w["max_points"]) for w in written}
    try:
        fh = open(path, newline="", encoding="utf-8-sig")  # a spreadsheet's "CSV UTF-8" starts with a byte-order mark
    except FileNotFoundError:
        raise SystemExit(f"{path}: no such marks file") from None
    with fh:
        reader = csv.DictReader(fh)
        columns = [c.strip() for c in reader.fieldnames or ()]
        missing = [c for c in ("student", "notebook", "exercise", "mark") if c not in columns]
        if missing:
            hint = " (the file looks separated by semicolons: save it as CSV with commas)" if any(
                ";" in c for c in columns) else ""
            raise SystemExit(f"{Path(path).name}: a marks file is a copy of written.csv with the columns student, "
                             f"notebook, exercise and mark (missing: {', '.join(missing)}){hint}")
        for n, r in enumerate(reader, start=2):
            r = {k.strip(): v for k, v in r.items() if k}
            mark = (r.get("mark") or "").strip()
            if not mark:
                continue
            notebook = notebook_named(r.get("notebook") or "", f"{Path(path).name}, row {n}")
            key = ((r.get("student") or "").strip(), notebook, (r.get("exercise") or "").strip())
            try:
                value = float(mark)
            except ValueError:
                raise SystemExit(f"{Path(path).name}, row {n}: the mark {mark!r} is not a number") from None
            top = maxima.get(key)
            if top is None:
                raise SystemExit(f"{Path(path).name}, row {n}: {'/'.join(key)} is not a written answer in the results "
                                 "(did a spreadsheet change the exercise, 00.6 into 0.6?)")
            if not 0 <= value <= top:
                raise SystemExit(f"{Path(path).name}, row {n}: the mark {value:g} is outside 0 to {top:g} for {key[2]}")
            answer = r.get("answer")
            if answer and answer[0] == "'" and answer[1:2] in ("=", "+", "-", "@", "\t", "\r"):
                answer = answer[1:]  # the apostrophe written.csv put before a formula-like answer
            out[key] = (value, (r.get("comment") or "").strip(), answer)
    return out


# ------------------------------------------------------------------------------------------ the tables
def current(store: Store, term: Term | None = None) -> dict:
    """The class as the store holds it now: scores with the hand marks applied, written answers with their
    marks, hand-ins with their lateness (recomputed from ``term`` when given), and the totals."""
    handins = store.current_handins()
    marks = store.marks()
    rows = []
    for r in store.current_scores():
        row = {k: r[k] for k in SCORE_FIELDS}
        m = marks.get((r["student"], r["notebook"], r["exercise"]))
        if m is not None and r["status"] == "to be marked by hand":
            row["status"], row["points"], row["detail"] = "marked", _fmt(m["mark"]), m["comment"] or ""
        rows.append(row)
    written = []
    for w in store.current_written():
        m = marks.get((w["student"], w["notebook"], w["exercise"]))
        note = ""
        if m is not None and same_text(m["answer"]) != same_text(w["answer"]):
            note = "the answer has changed since it was marked: check the mark"
        written.append({**{k: w[k] for k in ("student", "notebook", "exercise", "max_points", "rubric")},
                        "answer": shown(w["answer"]), "full_answer": w["answer"],
                        "mark": _fmt(m["mark"]) if m else ("0" if not w["answer"] else ""),
                        "comment": (m["comment"] or "") if m else "", "note": note})
    if term is not None and (term.due or term.extensions):
        for h in handins:
            t = datetime.fromisoformat(h["handed_in"]) if h["handed_in"] else None
            due = term.due_for(h["student"], h["notebook"])
            h["due"] = due.isoformat() if due else ""
            h["late_minutes"], h["penalty_share"] = term.lateness(h["student"], h["notebook"], t)
    return {"handins": handins, "rows": rows, "written": written, "totals": totals(rows, handins)}


def totals(rows: list[dict], handins: list[dict]) -> list[dict]:
    """Points per student and notebook (the penalty for lateness taken from the notebook's score), then per
    student over every notebook graded."""
    empty = {"automatic": 0.0, "automatic_max": 0.0, "by_hand": 0.0, "by_hand_max": 0.0, "open": 0}
    by: dict[tuple[str, str], dict] = {}
    for r in rows:
        if not r["exercise"]:
            continue
        t = by.setdefault((r["student"], r["notebook"]), dict(empty))
        hand = r["kind"] in HAND
        t["by_hand_max" if hand else "automatic_max"] += _num(r["max_points"])
        t["by_hand" if hand else "automatic"] += _num(r["points"])
        t["open"] += r["status"] == "to be marked by hand"
    out = []
    for h in handins:
        t = by.get((h["student"], h["notebook"]), empty)
        before = t["automatic"] + t["by_hand"]
        penalty = before * float(h["penalty_share"] or 0)
        out.append({"student": h["student"], "notebook": h["notebook"], "run": h["fate"],
                    "handed_in": h["handed_in"] or "", "late": late_words(float(h["late_minutes"] or 0)),
                    **{k: _fmt(t[k]) for k in ("automatic", "automatic_max", "by_hand", "by_hand_max")},
                    "marked": "yes" if not t["open"] else f"{t['open']} to mark",
                    "before_penalty": _fmt(before), "penalty": _fmt(penalty), "total": _fmt(before - penalty),
                    "total_max": _fmt(t["automatic_max"] + t["by_hand_max"])})
    for student in sorted({h["student"] for h in handins}):
        mine = [o for o in out if o["student"] == student and o["notebook"] != "all"]
        keys = ("automatic", "automatic_max", "by_hand", "by_hand_max", "before_penalty", "penalty", "total",
                "total_max")
        sums = {k: _fmt(sum(float(o[k]) for o in mine)) for k in keys}
        open_ = sum(int(o["marked"].split()[0]) for o in mine if o["marked"] != "yes")
        late = sum(o["late"] != "on time" for o in mine)
        out.append({"student": student, "notebook": "all", "run": f"{len(mine)} notebooks", "handed_in": "",
                    "late": f"{late} late" if late else "on time", **sums,
                    "marked": "yes" if not open_ else f"{open_} to mark"})
    return out


def summary(state: dict, runs: list[dict], term: Term | None, marks_note: str = "") -> str:
    """What the results folder holds, in a few lines: the last run, then the class as it stands."""
    last = runs[-1] if runs else {}
    lines = []
    if last:
        lines.append(f"Run {last['run']} ({last['selection']}): {last['hand_ins']} hand-ins graded in "
                     f"{float(last['seconds'] or 0):.0f} s ({last['jobs']} at a time); {last['skipped']} files "
                     f"skipped (skipped.csv). {last['isolation']}")
    handins = state["handins"]
    fates = [h["fate"] for h in handins]
    failed = {f: fates.count(f) for f in sorted(set(fates)) if f != "ran"}
    to_mark = sum(r["status"] == "to be marked by hand" for r in state["rows"])
    changed = sum(bool(w["note"]) for w in state["written"])
    late = sum(float(h["late_minutes"] or 0) > 0 for h in handins)
    flagged = sum(bool(r.get("flag")) for r in state["rows"])
    lines.append(f"The class now: {len({h['student'] for h in handins})} students, {len(handins)} hand-ins; "
                 f"{fates.count('ran')} ran to the end" + "".join(f", {v} {k}" for k, v in failed.items())
                 + f"; {late} late; {to_mark} written answers to mark (written.csv)"
                 + (f"; {changed} marks to check (their answers changed since marking)" if changed else "")
                 + (f"; {flagged} answers right for someone else's numbers (class_report.md)" if flagged else "") + ".")
    lines.append((term or Term()).rule())
    lines.append(f"Runs so far: {len(runs)} (runs.csv); every result is kept in grades.sqlite.")
    if marks_note:
        lines.append(marks_note)
    return "\n".join(lines) + "\n"


def build(out: Path, term: Term | None = None, roster: Path | None = None, exports=(), marks_note: str = "",
          echo=print) -> dict:
    """Write every results file from the store in ``out``; returns the tables."""
    out = Path(out)
    store = Store(out)
    state = current(store, term)
    runs = store.runs()
    if runs:
        runs[-1]["skipped"] = len(store.last_skipped())
    report = class_report(state)
    files = {"scores.csv": csv_text(SCORE_FIELDS, state["rows"]),
             "totals.csv": csv_text(TOTAL_FIELDS, state["totals"]),
             "written.csv": csv_text(WRITTEN_FIELDS, state["written"]),
             "skipped.csv": csv_text(SKIPPED_FIELDS, [{"file": f, "reason": r} for f, r in store.last_skipped()]),
             "runs.csv": csv_text(RUN_FIELDS, runs),
             "summary.txt": summary(state, runs, term, marks_note),
             "class_report.csv": report["csv"], "class_report.md": report["markdown"]}
    files.update(gradebooks(state, roster, exports))
    write_results(out, files, binary={"class_report.png": report["png"]})
    pages = write_feedback(out / "feedback", state, term)
    echo(files["summary.txt"].rstrip())
    echo(f"written to {out}: {', '.join(sorted(files))}, class_report.png and {pages} feedback pages (feedback/)")
    return {**state, "files": files, "report": report, "runs": runs, "summary": files["summary.txt"]}


def write_results(out: Path, files: dict[str, str], binary: dict[str, bytes] | None = None) -> None:
    """Write every file into a fresh folder beside ``out``, then move each into place, so a reader never sees
    a half-written file."""
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".new-", dir=out))
    try:
        for name, text in files.items():
            (stage / name).write_text(text, encoding="utf-8", errors="replace")
        for name, data in (binary or {}).items():
            (stage / name).write_bytes(data)
        for name in [*files, *(binary or {})]:
            os.replace(stage / name, out / name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def totals_only(out: Path, marks: Path | None = None, echo=print, term: Path | None = None,
                roster: Path | None = None, exports=(), manifest: Path | None = None) -> dict:
    """Rebuild every results file from the store without running any notebook, merging hand marks first; the
    course file, class list and exports as given, or as kept with the results."""
    import tempfile

    out = Path(out)
    store = Store(out)
    if not store.exists():
        raise SystemExit(f"{out} holds no results yet ({store.path.name} is missing): grade first")
    with tempfile.TemporaryDirectory(prefix="course-grader-settings-") as kept:
        settings = term_settings(store, {"term": term, "handed_in": manifest, "roster": roster}, exports, Path(kept),
                                 (), echo)
        note = ""
        if marks:
            got = read_marks(Path(marks), store.current_written())
            saved = store.save_marks(got, Path(marks).name)
            note = f"Hand marks merged from {Path(marks).name}: {saved} new or changed."
        return build(out, settings["term"], settings["roster"],
                     settings["exports"], note, echo)
