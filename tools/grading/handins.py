"""Find the hand-ins in a submissions folder and read each one as plain cells, whatever odd JSON it holds."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .course import CHECK, COURSE_NOTEBOOKS

MAX_FILE_BYTES = 20_000_000  # a hand-in larger than this is not a course notebook


@dataclass(frozen=True)
class HandIn:
    """One student's file for one course notebook."""

    student: str
    notebook: str
    path: Path

    @property
    def name(self) -> str:
        return f"{self.student}/{self.notebook}"


def discover(submissions: Path) -> tuple[list[HandIn], list[tuple[str, str]]]:
    """The hand-ins to grade (``<student>/NN_name.ipynb``), and every other file with the reason it is not
    graded."""
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
            graded.append(HandIn(rel.parts[0], rel.name, path))
    return graded, skipped


def read_cells(path: Path) -> list[dict]:
    """The hand-in's cells as plain dicts (type, source, grade_id); raises ValueError with a reason a student
    can act on."""
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


def checks_present(cells: list[dict]) -> set[str]:
    """The exercise ids whose check cells the hand-in holds."""
    return {ex_id for c in cells if c["type"] == "code" for ex_id, _ in CHECK.findall(c["source"])}


def other_notebook(hand_in: HandIn, cells: list[dict]) -> str | None:
    """The course notebook whose exercises the file holds, when it holds none of its own name's."""
    present = checks_present(cells)
    others = {i[:2] for i in present} - {hand_in.notebook[:2]}
    if others and not any(i.startswith(hand_in.notebook[:2] + ".") for i in present):
        other = sorted(others)[0]
        return next((n for n in COURSE_NOTEBOOKS if n.startswith(other)), other)
    return None


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


def code_cells(cells: list[dict], names: set[str]) -> tuple[list[dict], dict[str, list[int]]]:
    """The cells to run, each marked ``probe`` where it mentions an answer variable (its answers are read
    after it), and which cells mention each variable."""
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names))) + r")\b") if names else None
    run, mentions = [], {}
    for c in cells:
        if c["type"] != "code":
            continue
        found = pattern.findall(c["source"]) if pattern else []
        for n in found:
            mentions.setdefault(n, []).append(len(run))
        run.append({"source": c["source"], "probe": bool(found)})
    return run, mentions
