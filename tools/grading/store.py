"""The term's results, kept in one SQLite file that every run updates and none replaces.

``<out>/grades.sqlite`` holds every run (when, what it graded, how the hand-ins ran), every hand-in each run
graded with its scores and written answers, and the hand marks. The **current** result of a student's notebook
is the one from the last run that graded it: grading one student, a few, or one notebook changes their rows
and leaves everyone else's as they were. Hand marks are kept apart from the runs, by student, notebook and
exercise, so they survive every re-grade; a mark whose answer has changed since it was given is flagged, not
dropped. Nothing is ever deleted: the history of runs is there to answer "what did this student have before?".
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

DB_NAME = "grades.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run INTEGER PRIMARY KEY, started TEXT NOT NULL, seconds REAL, jobs INTEGER, isolation TEXT,
    selection TEXT, hand_ins INTEGER);
CREATE TABLE IF NOT EXISTS handins (
    run INTEGER NOT NULL REFERENCES runs(run), student TEXT NOT NULL, notebook TEXT NOT NULL, fate TEXT,
    detail TEXT, handed_in TEXT, handed_in_from TEXT, due TEXT, late_minutes REAL, penalty_share REAL,
    PRIMARY KEY (run, student, notebook));
CREATE TABLE IF NOT EXISTS scores (
    run INTEGER NOT NULL, student TEXT NOT NULL, notebook TEXT NOT NULL, seq INTEGER NOT NULL, exercise TEXT,
    kind TEXT, status TEXT, points TEXT, max_points TEXT, detail TEXT, mistake TEXT, flag TEXT,
    PRIMARY KEY (run, student, notebook, seq));
CREATE TABLE IF NOT EXISTS written (
    run INTEGER NOT NULL, student TEXT NOT NULL, notebook TEXT NOT NULL, exercise TEXT NOT NULL,
    max_points TEXT, rubric TEXT, answer TEXT, PRIMARY KEY (run, student, notebook, exercise));
CREATE TABLE IF NOT EXISTS skipped (run INTEGER NOT NULL, file TEXT, reason TEXT);
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS marks (
    student TEXT NOT NULL, notebook TEXT NOT NULL, exercise TEXT NOT NULL, mark REAL NOT NULL, comment TEXT,
    answer TEXT, source TEXT, PRIMARY KEY (student, notebook, exercise));
"""


@dataclass(frozen=True)
class HandInRecord:
    """One hand-in as a run recorded it: how it ran, and when it came in against its due date."""

    student: str
    notebook: str
    fate: str
    detail: str = ""
    handed_in: str = ""  # ISO 8601 with offset, or "" where not known
    handed_in_from: str = ""  # where the time was read: a manifest, nbgrader's timestamp, the file's time
    due: str = ""
    late_minutes: float = 0.0
    penalty_share: float = 0.0


def clean(v):
    """Text a hand-in produced may hold lone surrogates (from a notebook's JSON, or a folder name that is not
    UTF-8): kept with each written out as its escape, so two different names stay two names."""
    return v.encode("utf-8", "backslashreplace").decode("utf-8") if isinstance(v, str) else v


def _row(*values) -> tuple:
    return tuple(clean(v) for v in values)


#: The characters of a written answer written.csv shows (a spreadsheet cell holds 32,767): a longer answer is cut
#: there, and read whole on the student's feedback page.
ANSWER_SHOWN = 20_000


def shown(answer) -> str:
    text = str(answer or "")
    return text if len(text) <= ANSWER_SHOWN else (
        text[:ANSWER_SHOWN] + f" … [cut here: {len(text):,} characters in all; the whole answer is on the feedback page]")


def same_text(text) -> str:
    """Text as compared for "has this answer changed?": the words as written.csv shows them, whatever a
    spreadsheet did to the spaces."""
    return " ".join(str(text or "")[:ANSWER_SHOWN].split())


class Store:
    """The results of a term in ``folder/grades.sqlite``."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / DB_NAME

    def _connect(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path)
        con.row_factory = sqlite3.Row
        con.executescript(SCHEMA)
        return con

    def exists(self) -> bool:
        return self.path.exists()

    # ------------------------------------------------------------------------------------------ writing
    def record_run(self, meta: dict, hand_ins: list[HandInRecord], scores: list[dict], written: list[dict],
                   skipped: list[tuple[str, str]]) -> int:
        """Add one run, all of it or nothing (one transaction): a run that fails leaves the store as it was."""
        with closing(self._connect()) as con, con:
            cur = con.execute("INSERT INTO runs (started, seconds, jobs, isolation, selection, hand_ins) "
                              "VALUES (?, ?, ?, ?, ?, ?)",
                              (meta["started"], meta.get("seconds"), meta.get("jobs"), meta.get("isolation", ""),
                               meta.get("selection", "everyone"), len(hand_ins)))
            run = cur.lastrowid
            con.executemany("INSERT INTO handins VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [_row(run, h.student, h.notebook, h.fate, h.detail, h.handed_in, h.handed_in_from, h.due,
                                  h.late_minutes, h.penalty_share) for h in hand_ins])
            con.executemany("INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [_row(run, r["student"], r["notebook"], i, r["exercise"], r["kind"], r["status"],
                                  str(r["points"]), str(r["max_points"]), r["detail"], r.get("mistake", ""),
                                  r.get("flag", ""))
                             for i, r in enumerate(scores)])
            con.executemany("INSERT INTO written VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [_row(run, w["student"], w["notebook"], w["exercise"], str(w["max_points"]), w["rubric"],
                                  w["answer"]) for w in written])
            con.executemany("INSERT INTO skipped VALUES (?, ?, ?)", [_row(run, f, why) for f, why in skipped])
        return run

    def save_marks(self, marks: dict, source: str) -> int:
        """Keep hand marks ((student, notebook, exercise) -> (mark, comment, answer)) with the answer they were
        given for: the answer in the marks file's row where it has one (what the marker read), else the answer as
        it stands. A row that repeats what is kept changes nothing. Returns how many marks were new or changed."""
        current = {(w["student"], w["notebook"], w["exercise"]): w["answer"] for w in self.current_written()}
        kept = self.marks()
        rows = []
        for key, (mark, comment, *seen) in marks.items():
            answer = seen[0] if seen and seen[0] is not None else current.get(key, "")
            old = kept.get(key)
            if old and old["mark"] == mark and (old["comment"] or "") == comment and \
                    same_text(old["answer"]) == same_text(clean(answer or "")):
                continue
            rows.append(_row(*key, mark, comment, answer, source))
        with closing(self._connect()) as con, con:
            con.executemany("INSERT OR REPLACE INTO marks VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        return len(rows)

    def remember(self, name: str, value: str) -> None:
        """Keep a setting of the term (the course file, the manifest, the class list, the exports) for the runs
        that do not repeat it."""
        with closing(self._connect()) as con, con:
            con.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (name, clean(value)))

    def setting(self, name: str) -> str | None:
        rows = self._rows("SELECT value FROM settings WHERE name = ?", (name,))
        return rows[0]["value"] if rows else None

    def students(self) -> set[str]:
        return {r["student"] for r in self._rows("SELECT DISTINCT student FROM handins")}

    # ------------------------------------------------------------------------------------------ reading
    def _rows(self, sql: str, args=()) -> list[dict]:
        if not self.exists():
            return []
        with closing(self._connect()) as con:
            return [dict(r) for r in con.execute(sql, args)]

    _LATEST = ("SELECT student, notebook, MAX(run) AS run FROM handins GROUP BY student, notebook")

    def current_handins(self) -> list[dict]:
        """Each student's notebook as the last run that graded it left it."""
        return self._rows(f"SELECT h.* FROM handins h JOIN ({self._LATEST}) l USING (student, notebook, run) "
                          "ORDER BY h.student, h.notebook")

    def current_scores(self) -> list[dict]:
        return self._rows(f"SELECT s.* FROM scores s JOIN ({self._LATEST}) l USING (student, notebook, run) "
                          "ORDER BY s.student, s.notebook, s.seq")

    def current_written(self) -> list[dict]:
        return self._rows(f"SELECT w.* FROM written w JOIN ({self._LATEST}) l USING (student, notebook, run) "
                          "ORDER BY w.student, w.notebook, w.exercise")

    def marks(self) -> dict[tuple[str, str, str], dict]:
        return {(m["student"], m["notebook"], m["exercise"]): m for m in self._rows("SELECT * FROM marks")}

    def runs(self) -> list[dict]:
        return self._rows("SELECT * FROM runs ORDER BY run")

    def last_skipped(self) -> list[tuple[str, str]]:
        rows = self._rows("SELECT file, reason FROM skipped WHERE run = (SELECT MAX(run) FROM runs)")
        return [(r["file"], r["reason"]) for r in rows]

    def history(self, student: str, notebook: str) -> list[dict]:
        """Every run's result for one student's notebook, oldest first: points and status per run."""
        return self._rows("SELECT h.run, r.started, h.fate, h.handed_in, h.late_minutes, h.penalty_share "
                          "FROM handins h JOIN runs r USING (run) WHERE h.student = ? AND h.notebook = ? "
                          "ORDER BY h.run", (student, notebook))
