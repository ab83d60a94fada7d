"""Gradebook exports: one row per student, one column per notebook (its points after any late penalty), in the
layouts the learning platforms document for importing grades, and a plain one.

* ``gradebook.csv`` (always): student, name, each notebook's points, the total, the maximum, late hand-ins.
* ``gradebook_canvas.csv``: Canvas's gradebook import: ``Student, ID, SIS User ID, SIS Login ID, Section``, then a
  column per assignment; its second row, ``Points Possible``, gives each assignment's maximum.
* ``gradebook_moodle.csv``: Moodle's CSV grade import: ``First name, Last name, ID number, Email address``, then a
  column per grade item (on import, map "Email address" or "ID number" to the user, and each column to its item).
* ``gradebook_brightspace.csv``: Brightspace's grade import: ``OrgDefinedId, Username``, a ``<item> Points Grade``
  column per item, and ``End-of-Line Indicator``; identifiers and the end-of-line marker carry Brightspace's "#".

The learning platforms know students by their own identifiers, which the grader cannot guess: they come from a
**class list** (``--roster class.csv``): a row per student, ``student`` (the hand-in folder's name) and any of
``first_name, last_name, email, canvas_id, sis_user_id, sis_login_id, section, org_defined_id, username,
id_number``. An export says which column it needs when the class list lacks it. A notebook a student has not
handed in is left blank (the platform keeps what it has); the plain gradebook says "not handed in".
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .cells import csv_text, safe_text

ROSTER_COLUMNS = ("student", "first_name", "last_name", "email", "canvas_id", "sis_user_id", "sis_login_id",
                  "section", "org_defined_id", "username", "id_number")
EXPORTS = ("canvas", "moodle", "brightspace")
#: The identifier columns each export needs, at least one of them.
NEEDS = {"canvas": ("canvas_id", "sis_user_id", "sis_login_id"), "moodle": ("email", "id_number"),
         "brightspace": ("org_defined_id", "username")}


def read_roster(path: Path | None) -> list[dict]:
    if path is None:
        return []
    path = Path(path)
    try:
        fh = path.open(newline="", encoding="utf-8-sig")
    except FileNotFoundError:
        raise SystemExit(f"{path}: no such class list") from None
    with fh:
        reader = csv.DictReader(fh)
        cols = [c.strip() for c in reader.fieldnames or ()]
        if "student" not in cols:
            raise SystemExit(f"{path.name}: the class list needs a 'student' column (the name of each student's "
                             "hand-in folder)")
        unknown = [c for c in cols if c not in ROSTER_COLUMNS]
        if unknown:
            raise SystemExit(f"{path.name}: unknown column {unknown[0]!r}; the class list's columns are "
                             + ", ".join(ROSTER_COLUMNS))
        rows = [{k.strip(): (v or "").strip() for k, v in r.items() if k} for r in reader]
    seen = set()
    for n, r in enumerate(rows, start=2):
        if not r.get("student"):
            raise SystemExit(f"{path.name}, row {n}: no student")
        if r["student"] in seen:
            raise SystemExit(f"{path.name}, row {n}: {r['student']!r} is listed twice")
        seen.add(r["student"])
    return rows


def item_name(notebook: str) -> str:
    """A notebook as a gradebook item: "02 In feed ads"."""
    stem = notebook.removesuffix(".ipynb")
    return f"{stem[:2]} {stem[3:].replace('_', ' ').capitalize()}"


def _grid(state: dict) -> tuple[list[str], dict, dict]:
    totals = {(t["student"], t["notebook"]): t for t in state["totals"] if t["notebook"] != "all"}
    notebooks = sorted({nb for _, nb in totals})
    maxima = {nb: max(float(t["total_max"]) for (s, n), t in totals.items() if n == nb) for nb in notebooks}
    return notebooks, totals, maxima


def plain(state: dict, roster: list[dict]) -> str:
    notebooks, totals, maxima = _grid(state)
    names = {r["student"]: " ".join(x for x in (r.get("first_name"), r.get("last_name")) if x) for r in roster}
    students = sorted({s for s, _ in totals} | set(names))
    fields = ["student", "name", *map(item_name, notebooks), "total", "total_max", "late_hand_ins"]
    rows = []
    for s in students:
        row = {"student": s, "name": names.get(s, "")}
        got = 0.0
        late = 0
        for nb in notebooks:
            t = totals.get((s, nb))
            row[item_name(nb)] = t["total"] if t else "not handed in"
            got += float(t["total"]) if t else 0.0
            late += bool(t) and t["late"] != "on time"
        row.update(total=f"{got:g}", total_max=f"{sum(maxima.values()):g}", late_hand_ins=late)
        rows.append(row)
    return csv_text(fields, rows)


def _check(kind: str, roster: list[dict], path_hint: str) -> None:
    if not roster:
        raise SystemExit(f"the {kind} export needs a class list with each student's {kind} identifiers: pass "
                         f"--roster class.csv with a 'student' column and one of {', '.join(NEEDS[kind])}")
    missing = [r["student"] for r in roster if not any(r.get(c) for c in NEEDS[kind])]
    if missing:
        raise SystemExit(f"{path_hint}: {missing[0]} has none of {', '.join(NEEDS[kind])}, which the {kind} "
                         f"export needs to find the student{f' (and {len(missing) - 1} more)' if len(missing) > 1 else ''}")


def _write(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows([[safe_text(v, "name") for v in r] for r in rows])  # names from a class list are text, never formulas
    return buf.getvalue()


def canvas(state: dict, roster: list[dict]) -> str:
    notebooks, totals, maxima = _grid(state)
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *map(item_name, notebooks)]
    rows = [["Points Possible", "", "", "", "", *(f"{maxima[nb]:g}" for nb in notebooks)]]
    for r in roster:
        name = ", ".join(x for x in (r.get("last_name"), r.get("first_name")) if x) or r["student"]
        rows.append([name, r.get("canvas_id", ""), r.get("sis_user_id", ""), r.get("sis_login_id", ""),
                     r.get("section", ""), *(totals[(r["student"], nb)]["total"] if (r["student"], nb) in totals
                                             else "" for nb in notebooks)])
    return _write(header, rows)


def moodle(state: dict, roster: list[dict]) -> str:
    notebooks, totals, _ = _grid(state)
    header = ["First name", "Last name", "ID number", "Email address", *map(item_name, notebooks)]
    rows = [[r.get("first_name", ""), r.get("last_name", ""), r.get("id_number", ""), r.get("email", ""),
             *(totals[(r["student"], nb)]["total"] if (r["student"], nb) in totals else "" for nb in notebooks)]
            for r in roster]
    return _write(header, rows)


def brightspace(state: dict, roster: list[dict]) -> str:
    notebooks, totals, _ = _grid(state)
    header = ["OrgDefinedId", "Username", *(f"{item_name(nb)} Points Grade" for nb in notebooks),
              "End-of-Line Indicator"]

    def ident(v: str) -> str:
        return f"#{v}" if v else ""

    rows = [[ident(r.get("org_defined_id", "")), ident(r.get("username", "")),
             *(totals[(r["student"], nb)]["total"] if (r["student"], nb) in totals else "" for nb in notebooks), "#"]
            for r in roster]
    return _write(header, rows)


WRITERS = {"canvas": canvas, "moodle": moodle, "brightspace": brightspace}


def check_exports(roster_path: Path | None, exports, students) -> list[dict]:
    """Refuse, before anything runs, an export the class list cannot serve: an unknown platform, a class list
    without the identifiers it needs, or a student who handed in but is not on the list. Returns the list."""
    roster = read_roster(roster_path)
    unknown = [e for e in exports if e not in EXPORTS]
    if unknown:
        raise SystemExit(f"no export {unknown[0]!r}: choose from {', '.join(EXPORTS)}")
    listed = {r["student"] for r in roster}
    unlisted = sorted(set(students) - listed) if roster else []
    for kind in dict.fromkeys(exports):
        _check(kind, roster, Path(roster_path).name if roster_path else "class list")
        if unlisted:
            raise SystemExit(f"{Path(roster_path).name}: {unlisted[0]} handed in but is not on the class list"
                             f"{f' (and {len(unlisted) - 1} more)' if len(unlisted) > 1 else ''}: add them, or the "
                             f"{kind} export would leave their grades out")
    return roster


def gradebooks(state: dict, roster_path: Path | None, exports=()) -> dict[str, str]:
    """The gradebook files to write: the plain one always, and each export asked for."""
    roster = check_exports(roster_path, exports, {t["student"] for t in state["totals"]})
    files = {"gradebook.csv": plain(state, roster)}
    for kind in dict.fromkeys(exports):
        files[f"gradebook_{kind}.csv"] = WRITERS[kind](state, roster)
    return files
