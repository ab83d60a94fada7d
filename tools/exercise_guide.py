"""Write the instructor guide's list of exercises and its rubrics from the answer key, so they never drift.

    python tools/exercise_guide.py            # rewrite the part of docs/instructors.md between the markers
    python tools/exercise_guide.py --check    # exit 1 if that part is out of date (the test suite runs this)

The part between ``<!-- exercises:start -->`` and ``<!-- exercises:end -->`` is generated: a table of every
exercise (id, kind, form, title, answer unit) with the counts by kind and form, then every written
exercise's rubric. Edit the exercises in ``helpers/exercises/``, never this part of the guide.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers import exercises  # noqa: E402
from markdown_money import escape  # noqa: E402 (tools/, beside this file)

GUIDE = ROOT / "docs" / "instructors.md"
START, END = "<!-- exercises:start -->", "<!-- exercises:end -->"
FORM_WORDS = {"predict": "predict, then check", "apply": "apply one model or table",
              "multi-step": "multi-step", "extend": "extend or question a model"}
UNIT_WORDS = {"USD": "dollars", "USD thousand": "thousand dollars", "USD million": "million dollars",
              "USD billion": "billion dollars", "share": "a fraction (0.25, not 25)", "count": "a count",
              "multiple": "times as much", "number": "a number"}


def _order(ex_id: str) -> tuple[int, int]:
    nn, k = ex_id.split(".")
    return int(nn), int(k)


def section() -> str:
    exs = sorted(exercises.REGISTRY.values(), key=lambda e: _order(e.id))
    kinds = Counter(e.kind for e in exs)
    forms = Counter(e.form for e in exs)
    lines = [START, "",
             f"{len(exs)} exercises: " + ", ".join(f"{kinds[k]} {k}" for k in exercises.KINDS if kinds[k]) + "; by what "
             "they ask: " + ", ".join(f"{forms[f]} {FORM_WORDS[f]}" for f in exercises.FORMS if forms[f]) + ".",
             "", "| Exercise | Kind | Asks the student to | Title | Answer in | Points |", "|---|---|---|---|---|---|"]
    for e in exs:
        unit = UNIT_WORDS.get(e.unit, "") if e.kind in ("calculation", "what-if") else ""
        if e.kind in ("what-if", "choice", "prediction") and e.options:
            unit = "one of " + ", ".join(f"`{o}`" for o in e.options)
        elif e.kind == "written":
            unit = "writing, marked by hand"
        elif e.kind == "prediction":
            unit = "a guess, recorded"
        lines.append(f"| {e.id} | {e.kind} | {FORM_WORDS[e.form]} | {e.title} | {unit} | {e.max_points} |")
    lines += ["", f"Points: {sum(e.max_points for e in exs)} in all, plus {exercises.FOLLOW_UP_POINTS} for each "
              "follow-up question's answer (marked by hand against its model answer).",
              "", "### Rubrics for the written exercises", ""]
    for e in exs:
        if e.kind == "written":
            lines += [f"#### {e.id} — {e.title}", "", e.rubric, ""]
    lines.append(END)
    return "\n".join(lines)


def render(text: str) -> str:
    if START not in text or END not in text:
        raise SystemExit(f"{GUIDE.relative_to(ROOT)} lacks the markers {START} … {END}")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return head + section() + tail


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only say whether the guide is up to date")
    args = ap.parse_args(argv)
    text = GUIDE.read_text()
    new = escape(render(text))
    if args.check:
        if new != text:
            print(f"{GUIDE.relative_to(ROOT)} is out of date: run python tools/exercise_guide.py", file=sys.stderr)
            return 1
        return 0
    GUIDE.write_text(new)
    print(f"written: {GUIDE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
