"""Small notebooks made from the course's own, for the tests of the tools that run a notebook (the grader,
nbgrader, presenter mode, the benchmark): the cells a tool needs and the cells those need, nothing else. The
suite then runs each course notebook once (in the browser tests), and these tools' tests run in seconds.

``slim(path, keep)`` keeps the cells ``keep`` picks, the first cell (the title), and every earlier code cell
that defines a name a kept cell reads, to the end of the chain; the result has the course notebook's name, so
the tools treat it as that notebook.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager

from tests.conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
_PYTHON = TransformerManager()
CHECK = re.compile(r'check\("\d\d\.\d+"')


def names_of(source: str) -> tuple[set[str], set[str]]:
    """(names a cell defines, names it reads), magics turned into Python first."""
    tree = ast.parse(_PYTHON.transform_cell(source))
    defined, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (defined if isinstance(node.ctx, (ast.Store, ast.Del)) else read).add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            defined |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined.add(node.name)
    return defined, read


def slim(path: Path, keep: Callable) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    cells = nb.cells
    names = [names_of(c.source) if c.cell_type == "code" else (set(), set()) for c in cells]
    kept = {0} | {i for i, c in enumerate(cells) if keep(c)}
    todo = sorted(kept)
    while todo:
        i = todo.pop()
        for name in names[i][1] - names[i][0]:
            source = next((j for j in range(i - 1, -1, -1) if name in names[j][0]), None)
            if source is not None and source not in kept:
                kept.add(source)
                todo.append(source)
    out = nbformat.from_dict(nb)
    out.cells = [c for i, c in enumerate(cells) if i in kept]
    return out


def is_exercise(cell) -> bool:
    """An exercise's cells: its prompt, its answer (code or written) and its check."""
    meta = cell.metadata
    if "solution" in meta.get("tags", []) or meta.get("nbgrader"):
        return True
    if cell.cell_type == "code":  # a check, or the line that sets whose numbers the checks use
        return bool(CHECK.search(cell.source)) or "use_student(" in cell.source or "your_numbers(" in cell.source
    return cell.source.lstrip().startswith("**Exercise")


def is_panel(cell) -> bool:
    """A cell that makes a what-if panel, or shows one (a cell holding just its name)."""
    return cell.cell_type == "code" and ("WhatIfPanel(" in cell.source or cell.source.strip().isidentifier())


def exercises_of(number: str) -> nbformat.NotebookNode:
    """Notebook ``number``'s exercises, with what their answers need: a hand-in as a student returns it."""
    return slim(course_notebook(number), is_exercise)


def panels_of(number: str, prose: bool = False) -> nbformat.NotebookNode:
    """Notebook ``number``'s what-if panels, with what they need (and its prose, for presenter mode)."""
    return slim(course_notebook(number), lambda c: is_panel(c) or (prose and c.cell_type == "markdown"))


def course_notebook(number: str) -> Path:
    return next(NOTEBOOKS.glob(f"{number}_*.ipynb"))


def write(nb, folder: Path, number: str) -> Path:
    """Write ``nb`` into ``folder`` under the course notebook's own file name."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / course_notebook(number).name
    nbformat.write(nb, target)
    return target
