"""Deadlines and late hand-ins: when each notebook is due, when a hand-in came in, and what lateness costs.

The course file (``--term term.toml``) says it once for the term::

    timezone = "Europe/Amsterdam"          # for due dates written without an offset

    [due]                                   # a notebook by its number, or its full name
    "00" = "2027-02-08 23:59"
    "01" = "2027-02-15 23:59"

    [extensions]                            # one student's notebook, by "student/NN"
    "alice/01" = "2027-02-18 23:59"

    [penalty]                               # optional: without it, late hand-ins are flagged and cost nothing
    per_day = 0.10                          # share of the notebook's score lost per started day late
    most = 0.50                             # never more than this share
    grace_minutes = 10                      # no penalty, and no flag, this close to the deadline

A hand-in's time comes, in this order, from the instructor's **manifest** (``--handed-in handins.csv``, columns
``student,notebook,handed_in``, as an LMS download or nbgrader's records give it), from nbgrader's
``timestamp.txt`` in the student's folder (only with ``--nbgrader-times``: the folders came from nbgrader's
collect, which writes it; elsewhere a student could upload one), or from the file's own modification time
(which a copy may change: the results say which source each time came from).
"""

from __future__ import annotations

import csv
import math
import os
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, UTC
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .course import COURSE_NOTEBOOKS


def notebook_named(key: str, where: str) -> str:
    """A notebook named by its number ("03") or its file name, as the course names it."""
    key = key.strip().removesuffix(".ipynb")
    for name in COURSE_NOTEBOOKS:
        if name.removesuffix(".ipynb") == key or name[:2] == key:
            return name
    raise SystemExit(f"{where}: {key!r} is not a course notebook (give its number, such as \"03\")")


def parse_time(text: str, tz, where: str) -> datetime:
    """An ISO 8601 date and time ("2027-02-08 23:59", with or without an offset, "Z" or " UTC" allowed) as an
    aware datetime; without an offset, in ``tz``. A date alone ("2027-02-08") means the end of that day, as a
    deadline does."""
    raw = str(text).strip().replace(" UTC", "+00:00").replace("Z", "+00:00")
    if len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
        raw += " 23:59:59"
    try:
        t = datetime.fromisoformat(raw)
    except ValueError:
        raise SystemExit(f"{where}: {text!r} is not a date and time (write it as 2027-02-08 23:59, with an offset "
                         "such as +01:00 or the word UTC if it is not in the course's time zone)") from None
    return t if t.tzinfo else t.replace(tzinfo=tz)


@dataclass
class Term:
    """Due dates, extensions and the penalty rule; an empty term flags nothing."""

    tz: object = UTC
    due: dict[str, datetime] = field(default_factory=dict)
    extensions: dict[tuple[str, str], datetime] = field(default_factory=dict)
    per_day: float = 0.0
    most: float = 0.0
    grace: timedelta = timedelta(0)
    seed: str | None = None  # the course's seed for each student's own numbers (None: the course's default)

    @classmethod
    def load(cls, path: Path | None) -> Term:
        if path is None:
            return cls()
        path = Path(path)
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SystemExit(f"{path}: no such course file") from None
        except tomllib.TOMLDecodeError as exc:
            raise SystemExit(f"{path.name}: not a valid course file ({exc})") from None
        unknown = set(raw) - {"timezone", "seed", "due", "extensions", "penalty"}
        if unknown:
            raise SystemExit(f"{path.name}: unknown setting {sorted(unknown)[0]!r} (expected timezone, seed, [due], "
                             "[extensions], [penalty])")
        for table in ("due", "extensions", "penalty"):
            if not isinstance(raw.get(table, {}), dict):
                raise SystemExit(f"{path.name}: {table} must be a table: a line [{table}] with its settings under it")
        try:
            tz = ZoneInfo(raw.get("timezone", "UTC"))
        except (ZoneInfoNotFoundError, ValueError):
            raise SystemExit(f"{path.name}: timezone {raw.get('timezone')!r} is not a time zone name "
                             "(such as Europe/Amsterdam)") from None
        due = {notebook_named(k, f"{path.name} [due]"): parse_time(str(v), tz, f"{path.name} [due] {k}")
               for k, v in raw.get("due", {}).items()}
        ext = {}
        for k, v in raw.get("extensions", {}).items():
            student, sep, nb = k.partition("/")
            if not sep:
                raise SystemExit(f"{path.name} [extensions]: {k!r} should be \"student/NN\"")
            ext[(student, notebook_named(nb, f"{path.name} [extensions] {k}"))] = parse_time(
                str(v), tz, f"{path.name} [extensions] {k}")
        pen = raw.get("penalty", {})
        unknown = set(pen) - {"per_day", "most", "grace_minutes"}
        if unknown:
            raise SystemExit(f"{path.name} [penalty]: unknown setting {sorted(unknown)[0]!r} (expected per_day, "
                             "most, grace_minutes)")
        try:
            per_day, most = float(pen.get("per_day", 0)), float(pen.get("most", pen.get("per_day", 0) and 1))
            grace = float(pen.get("grace_minutes", 0))
        except (TypeError, ValueError):
            raise SystemExit(f"{path.name} [penalty]: per_day, most and grace_minutes are numbers (0.10 for 10%, "
                             "not \"10%\")") from None
        for name, v, hi in (("per_day", per_day, 1), ("most", most, 1), ("grace_minutes", grace, 7 * 24 * 60)):
            if not (math.isfinite(v) and 0 <= v <= hi):
                raise SystemExit(f"{path.name} [penalty]: {name} = {v:g} is outside 0 to {hi:g}")
        seed = raw.get("seed")
        if seed is not None and (not isinstance(seed, (str, int)) or not str(seed).strip()):
            raise SystemExit(f"{path.name}: seed is a word or a number in quotes, such as \"spring-2027\"")
        return cls(tz, due, ext, per_day, most, timedelta(minutes=grace), str(seed).strip() if seed is not None else None)

    def due_for(self, student: str, notebook: str) -> datetime | None:
        return self.extensions.get((student, notebook), self.due.get(notebook))

    def lateness(self, student: str, notebook: str, handed_in: datetime | None) -> tuple[float, float]:
        """(minutes late, share of the notebook's points lost): zero when on time, within the grace period,
        without a due date or without a known hand-in time."""
        due = self.due_for(student, notebook)
        if due is None or handed_in is None or handed_in <= due + self.grace:
            return 0.0, 0.0
        minutes = (handed_in - due).total_seconds() / 60
        days = math.ceil(minutes / (24 * 60))
        return minutes, min(self.most, self.per_day * days)

    def rule(self) -> str:
        """The penalty rule in words, for the summary and the feedback pages."""
        if not self.due:
            return "No due dates were given: nothing is flagged late."
        grace = f" after a grace of {self.grace.total_seconds() / 60:g} minutes" if self.grace else ""
        if not self.per_day:
            return f"Late hand-ins are flagged{grace}; lateness costs no points."
        return (f"A late hand-in loses {self.per_day:.0%} of its score per started day late{grace}, "
                f"at most {self.most:.0%}.")


# ---------------------------------------------------------------------------------------- hand-in times
def read_manifest(path: Path | None, tz=UTC) -> dict[tuple[str, str], datetime]:
    """Hand-in times from a manifest CSV (student, notebook, handed_in); a student's notebook listed twice is
    refused (which of two times is the hand-in's?)."""
    if path is None:
        return {}
    path = Path(path)
    out = {}
    try:
        fh = path.open(newline="", encoding="utf-8-sig")  # a spreadsheet's "CSV UTF-8" starts with a byte-order mark
    except FileNotFoundError:
        raise SystemExit(f"{path}: no such manifest") from None
    with fh:
        reader = csv.DictReader(fh)
        missing = {"student", "notebook", "handed_in"} - {c.strip() for c in reader.fieldnames or ()}
        if missing:
            raise SystemExit(f"{path.name}: the manifest needs the columns student, notebook and handed_in, separated "
                             f"by commas (missing: {', '.join(sorted(missing))})")
        for n, r in enumerate(reader, start=2):
            r = {k.strip(): (v or "") for k, v in r.items() if k}
            where = f"{path.name}, row {n}"
            key = (r["student"].strip(), notebook_named(r["notebook"], where))
            if key in out:
                raise SystemExit(f"{where}: {key[0]}/{key[1]} is listed twice; keep the row of the hand-in you grade")
            out[key] = parse_time(r["handed_in"], tz, where)
    return out


def handed_in(student_dir: Path, notebook_path: Path, manifest: dict, student: str, notebook: str,
              tz=UTC, nbgrader_times: bool = False) -> tuple[datetime | None, str]:
    """When a hand-in came in, and where that time was read. nbgrader's timestamp is read only when the
    instructor says the folders came from nbgrader (``nbgrader_times``): a student who may upload any file could
    otherwise hand in a time of their own choosing. Each notebook's is ``<notebook>.timestamp.txt`` beside it
    (nbgrader writes one per assignment); a bare ``timestamp.txt`` counts only in a folder of one notebook."""
    if (student, notebook) in manifest:
        return manifest[(student, notebook)], "manifest"
    if nbgrader_times:
        own = student_dir / (notebook.removesuffix(".ipynb") + ".timestamp.txt")
        bare = student_dir / "timestamp.txt"
        one = len(list(student_dir.glob("[0-9][0-9]_*.ipynb"))) == 1
        stamp = own if own.is_file() else bare if (bare.is_file() and one) else None
        if stamp is not None:
            text = stamp.read_text(encoding="utf-8", errors="replace").strip()
            return parse_time(text, UTC, f"{student}/{stamp.name}"), "nbgrader timestamp"
    try:
        return datetime.fromtimestamp(int(os.stat(notebook_path).st_mtime), tz), "file time"
    except OSError:
        return None, ""


def when_words(iso: str) -> str:
    """A stored time as a reader writes it: "2027-02-10 10:00 (+01:00)"; "not known" for none."""
    if not iso:
        return "not known"
    t = datetime.fromisoformat(iso)
    offset = t.strftime("%z")
    return f"{t:%Y-%m-%d %H:%M}" + (f" ({offset[:3]}:{offset[3:]})" if offset else "")


def late_words(minutes: float) -> str:
    """How late, in words a student reads: "3 days 4 hours late", "25 minutes late"."""
    if minutes <= 0:
        return "on time"
    m = int(round(minutes))
    days, rest = divmod(m, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} day{'s' * (days != 1)}"] if days else []
    if hours:
        parts.append(f"{hours} hour{'s' * (hours != 1)}")
    if not days and mins:
        parts.append(f"{mins} minute{'s' * (mins != 1)}")
    return " ".join(parts or ["under a minute"]) + " late"
