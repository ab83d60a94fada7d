"""A student's own numbers, for the instructor when a student asks:

    python tools/student_numbers.py STUDENT [--seed SEED]

prints, for every exercise whose numbers vary by student, the student's numbers (as "Your numbers" shows them in
the student's notebook) — never the answers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers import exercises  # noqa: E402
from helpers.exercises.givens import spec, words  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("student", help="the student's id, as their hand-in folder is named")
    ap.add_argument("--seed", default=None, help="the course's seed (seed in term.toml); default: the course's")
    args = ap.parse_args(argv)
    if not args.seed:
        print("(no --seed: the course's default seed; give your course's, as in term.toml)", file=sys.stderr)
    for ex in sorted((e for e in exercises.REGISTRY.values() if e.givens), key=lambda e: e.id):
        mine = exercises.givens.numbers_for([spec(g) for g in ex.givens], ex.id, args.student,
                                            args.seed or exercises.givens.DEFAULT_SEED)
        print(f"{ex.id}: " + "; ".join(f"{g.label} {words(mine[g.name], g.unit)}" for g in ex.givens))
    return 0


if __name__ == "__main__":
    sys.exit(main())
