"""A feedback page for each student and notebook, to hand back or upload: ``feedback/<student>/<notebook>.md``
and ``.html`` (the same page; the HTML one needs nothing else to open).

Each page says when the hand-in came in and whether it was late (and what that cost), the score, and per
exercise its status, points, what the check said, the mistake it recognised, and the marker's comment. It never
shows an expected answer: the messages are the ones the course's checks give, which name a step, never a value.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from .cells import HAND, _fmt, _num
from .term import Term, late_words, when_words

STATUS_WORDS = {"right": "Right", "recorded": "Prediction recorded", "not yet": "Not yet", "no answer": "No answer",
                "cannot judge": "Cannot judge", "error": "Error", "missing": "Check cell missing",
                "marked": "Marked", "to be marked by hand": "Waiting for marking"}
SAFE_NAME = re.compile(r"[^A-Za-z0-9._@-]+")


def _md(text) -> str:
    """Text from a hand-in or a folder name, safe in the Markdown page: no HTML, no link or image, one line per
    line (every kind of line break is a line break, so nothing can pose as a line of the page)."""
    text = "\n".join(str(text or "").splitlines())
    return html.escape(text, quote=False).replace("[", "\\[").replace("]", "\\]")


def folder_names(students) -> dict[str, str]:
    """Each student's feedback folder: the name made safe for any disk, with a short fingerprint of the real
    name wherever making it safe (or ignoring case) would merge two students into one folder."""
    import hashlib

    safe = {s: SAFE_NAME.sub("_", s) or "_" for s in students}
    clash: dict[str, int] = {}
    for v in safe.values():
        clash[v.lower()] = clash.get(v.lower(), 0) + 1
    return {s: v if (v == s and clash[v.lower()] == 1) else
            f"{v}-{hashlib.sha256(s.encode('utf-8', 'backslashreplace')).hexdigest()[:8]}" for s, v in safe.items()}


def _status(s: str) -> str:
    return STATUS_WORDS.get(s, f"Not graded ({s})")


def page(student: str, notebook: str, handin: dict, total: dict, rows: list[dict], written: dict,
         term: Term | None) -> str:
    """One feedback page, in Markdown."""
    title = notebook.removesuffix(".ipynb").replace("_", " ")
    lines = [f"# Feedback: {title}", "", f"**Student:** {_md(' '.join(student.split()))}", ""]
    when = when_words(handin["handed_in"])
    late = float(handin["late_minutes"] or 0)
    due = when_words(handin["due"]) if handin.get("due") else ""
    lines.append(f"**Handed in:** {when}" + (f" (from the {handin['handed_in_from']})" if handin["handed_in_from"]
                                              else "") + (f"; due {due}" if due else "") + ".")
    if late > 0:
        lines.append(f"**Late:** {late_words(late)}; the penalty takes {float(handin['penalty_share']):.0%} of the "
                     f"score ({total['penalty']} points). {(term or Term()).rule()}")
    if handin["fate"] != "ran":
        lines.append(f"**The notebook did not run to the end:** {handin['fate']}. {_md(' '.join(str(handin['detail']).split()))}".rstrip())
    lines += ["", f"**Score:** {total['total']} of {total['total_max']} points (calculations and predictions "
                  f"{total['automatic']} of {total['automatic_max']}; marked by hand {total['by_hand']} of "
                  f"{total['by_hand_max']}" + (f"; {total['marked']}" if total["marked"] != "yes" else "") + ").", ""]
    lines += ["| Exercise | Status | Points | Feedback |", "|---|---|---:|---|"]
    for r in rows:
        if not r["exercise"]:
            continue
        said = r["detail"] or ("" if r["status"] in ("right", "recorded") else "")
        if r["kind"] in HAND and r["status"] == "marked":
            said = f"Marker's comment: {r['detail']}" if r["detail"] else "Marked."
        if r.get("mistake"):
            said = f"{said} (recognised: you {r['mistake']})".strip()
        points = f"{_fmt(_num(r['points']))} of {r['max_points']}" if r["points"] != "" else f"? of {r['max_points']}"
        lines.append(f"| {r['exercise']} | {_status(r['status'])} | {points} | {_cell(said)} |")
    answers = [(ex, w) for ex, w in written.items() if w.get("full_answer", w["answer"])]
    if answers:
        lines += ["", "## Your written answers", ""]
        for ex, w in answers:
            answer = _md(w.get("full_answer", w["answer"]).strip())  # a student's text never becomes markup or a line of the page
            lines += [f"**{ex}**", "", "> " + answer.replace("\n", "\n> "), ""]
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    return _md(" ".join(str(text).split())).replace("|", "\\|")


def to_html(markdown: str, title: str) -> str:
    """The page as HTML that needs no renderer: headings, bold, tables and quotes, every text escaped."""
    out, table = [], []

    def inline(t: str) -> str:
        t = html.escape(html.unescape(t.replace("\\[", "[").replace("\\]", "]")))  # escaped once for Markdown
        return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", t)

    def flush():
        if table:
            head, body = table[0], table[2:]
            cells = lambda row: [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", row.strip().strip("|"))]  # noqa: E731
            out.append("<table><thead><tr>" + "".join(f"<th>{inline(c)}</th>" for c in cells(head)) + "</tr></thead><tbody>"
                       + "".join("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in cells(r)) + "</tr>" for r in body)
                       + "</tbody></table>")
            table.clear()

    for line in markdown.splitlines():
        if line.startswith("|"):
            table.append(line)
            continue
        flush()
        if line.startswith("## "):
            out.append(f"<h2>{inline(line[3:])}</h2>")
        elif line.startswith("# "):
            out.append(f"<h1>{inline(line[2:])}</h1>")
        elif line.startswith("> "):
            out.append(f"<blockquote>{inline(line[2:])}</blockquote>")
        elif line.strip():
            out.append(f"<p>{inline(line)}</p>")
    flush()
    style = ("body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.45}"
             "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;"
             "text-align:left;vertical-align:top}blockquote{border-left:3px solid #ccc;margin:0;padding-left:.8rem}")
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{style}</style></head><body>\n" + "\n".join(out) + "\n</body></html>\n")


def write_feedback(folder: Path, state: dict, term: Term | None) -> int:
    """Write every current hand-in's page into ``folder`` (replaced whole); returns how many pages."""
    folder = Path(folder)
    stage = folder.with_name(folder.name + ".new")
    shutil.rmtree(stage, ignore_errors=True)
    totals = {(t["student"], t["notebook"]): t for t in state["totals"]}
    rows: dict[tuple[str, str], list[dict]] = {}
    for r in state["rows"]:
        rows.setdefault((r["student"], r["notebook"]), []).append(r)
    written: dict[tuple[str, str], dict] = {}
    for w in state["written"]:
        written.setdefault((w["student"], w["notebook"]), {})[w["exercise"]] = w
    n = 0
    folders = folder_names({h["student"] for h in state["handins"]})
    for h in state["handins"]:
        key = (h["student"], h["notebook"])
        text = page(h["student"], h["notebook"], h, totals[key], rows.get(key, []), written.get(key, {}), term)
        where = stage / folders[h["student"]]
        where.mkdir(parents=True, exist_ok=True)
        stem = h["notebook"].removesuffix(".ipynb")
        (where / f"{stem}.md").write_text(text, encoding="utf-8", errors="replace")
        (where / f"{stem}.html").write_text(to_html(text, f"Feedback: {stem}, {h['student']}"), encoding="utf-8",
                                            errors="replace")
        n += 1
    stage.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    stage.rename(folder)
    return n
