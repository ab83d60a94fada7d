"""A notebook's committed outputs against a fresh run's, compared as nbval compares them.

The suite runs each notebook once, in JupyterLab (tests/test_browser*.py), and saves it from there; this
module compares that run's outputs with the committed ones using nbval's own rules: streams of one name
joined, the same keys skipped (pictures, widget ids, execution counts, metadata), and the substitutions of
``tests/sanitize.cfg`` applied to both sides. ``python -m pytest --nbval --nbval-current-env notebooks`` still runs nbval itself.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections import defaultdict
from pathlib import Path

import nbformat
from nbval.plugin import coalesce_streams, get_sanitize_patterns, transform_streams_for_comparison

SANITIZE = Path(__file__).resolve().parent / "sanitize.cfg"
# nbval's skip list (without --nbdime, which also skips pictures): what may differ between two runs.
SKIP = ("metadata", "traceback", "prompt_number", "output_type", "name", "execution_count",
        "application/vnd.jupyter.widget-view+json", "image/png", "image/jpeg")


def patterns(path: Path = SANITIZE) -> list[tuple[str, str]]:
    return get_sanitize_patterns(path.read_text())


def _flat(outputs, subs) -> dict[str, list]:
    """A cell's outputs as nbval keys them: each kept key (a MIME type, a stream's name) to its values, in order."""
    outs = transform_streams_for_comparison(coalesce_streams(copy.deepcopy(list(outputs))))
    flat: dict[str, list] = defaultdict(list)

    def clean(value):
        if not isinstance(value, str):
            return value
        for regex, replace in subs:
            value = re.sub(regex, replace, value)
        return value

    for out in outs:
        for key, value in out.items():
            if key in SKIP:
                continue
            if key == "data":
                for mime, text in value.items():
                    if mime not in SKIP:
                        flat[mime].append(clean(text if isinstance(text, str) else "".join(text)))
            else:
                flat[key].append(clean(value))
    return dict(flat)


def differences(committed, executed, subs=None) -> list[str]:
    """Where a run's outputs differ from the committed ones, cell by cell (empty if they agree)."""
    subs = patterns() if subs is None else subs
    old = [c for c in committed.cells if c.cell_type == "code"]
    new = [c for c in executed.cells if c.cell_type == "code"]
    if [c.source for c in old] != [c.source for c in new]:
        return ["the run's code cells are not the committed notebook's"]
    found = []
    for i, (a, b) in enumerate(zip(old, new)):
        fa, fb = _flat(a.outputs, subs), _flat(b.outputs, subs)
        if fa == fb:
            continue
        keys = sorted(set(fa) | set(fb))
        for key in keys:
            if fa.get(key) != fb.get(key):
                def text(values):
                    return "\n\n".join(map(str, values)) if values is not None else "(none)"

                diff = difflib.unified_diff(text(fa.get(key)).splitlines(), text(fb.get(key)).splitlines(),
                                            "committed", "this run", lineterm="", n=1)
                found.append(f"code cell {i} ({a.source.splitlines()[0][:60] if a.source else ''!r}), {key}:\n"
                             + "\n".join(list(diff)[:12]))
                break
    return found


def read(path: Path):
    return nbformat.read(path, as_version=4)
