"""Re-execute notebooks in place, in order, each in a fresh kernel — for after a data or helper update.

    python tools/execute.py                    # every notebook in notebooks/
    python tools/execute.py notebooks/00_start_here.ipynb

Before it runs, a notebook's opening gets its "Figures as of" line from data/ (``data.as_of_line``: when its
topic's rows were last checked, and the date of the latest source they cite). A notebook is written back only
if it ran without an error and printed nothing to stderr (warnings included). Live widget views are stripped from the saved outputs (their text fallback stays), so a
reader who opens a notebook before running it never sees "Error displaying widget".
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def clean(nb) -> None:
    """Drop what must not be saved: live widget views and widget state."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data")
            if data and WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
        cell["outputs"] = [o for o in cell.get("outputs", []) if not ("data" in o and not o["data"])]
        cell.metadata.pop("execution", None)


def problems(nb) -> list[str]:
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append(f"cell {i} wrote to stderr: {out.get('text', '')[:300]}")
    return found


AS_OF = re.compile(r"^\*\*Figures as of [^\n]*$", re.MULTILINE)


def stamp_as_of(nb, path: Path) -> None:
    """Write the notebook's "Figures as of" line (after its "Data and sources" paragraph the first time)."""
    sys.path.insert(0, str(ROOT))
    from helpers import data

    topic = data.TOPICS[int(path.name[:2])]
    opening = nb.cells[0]
    line = data.as_of_line(topic)
    if AS_OF.search(opening.source):
        opening.source = AS_OF.sub(lambda _m: line, opening.source)
    else:
        at = opening.source.index("**Data and sources**")
        end = opening.source.find("\n\n", at)
        end = len(opening.source) if end < 0 else end
        opening.source = opening.source[:end] + "\n\n" + line + opening.source[end:]


def execute(path: Path, timeout: int = 300) -> float:
    nb = nbformat.read(path, as_version=4)
    stamp_as_of(nb, path)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    try:
        client.execute()
    except CellExecutionError as exc:
        raise SystemExit(f"{path.relative_to(ROOT)}: a cell failed; the file was not changed.\n{exc}") from None
    found = problems(nb)
    if found:
        raise SystemExit(f"{path.relative_to(ROOT)}: not saved, because\n  " + "\n  ".join(found))
    clean(nb)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="*", type=Path)
    args = ap.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        print("no notebooks found in notebooks/", file=sys.stderr)
        return 1
    for p in paths:
        secs = execute(p)
        print(f"{p.relative_to(ROOT)}: executed in {secs:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
