"""List the facts by the date they were last checked, oldest first, and flag stale fast-moving ones.

    python tools/facts_age.py             # every fact: checked on, kind, year, verdict; stale ones marked
    python tools/facts_age.py --stale     # only the stale fast-moving quantities
    python tools/facts_age.py --base-year 2025

A fast-moving quantity (users, viewing, prices, revenue, sales, rivals' scale, valuations) is stale when its
latest figure is more than two years older than the base year. The policy for re-checking is in
data/README.md ("Keeping the data current"). Exit status 0 either way: the report informs, the tests decide.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers import data  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stale", action="store_true", help="only the stale fast-moving quantities")
    ap.add_argument("--base-year", type=int, default=data.BASE_YEAR, help=f"default {data.BASE_YEAR}")
    args = ap.parse_args(argv)
    report = data.age_report(args.base_year)
    stale = report[report["stale"]]
    shown = stale if args.stale else report
    for r in shown.itertuples():
        mark = "STALE " if r.stale else ("fast  " if r.fast_moving else "      ")
        print(f"{r.checked_on:10}  {mark}{r.year:>4}  {r.kind:19}  {r.id:45} {r.verdict}")
    by_kind = report.groupby("kind").size().to_dict()
    print(f"\n{len(report)} facts ({', '.join(f'{n} {k}' for k, n in sorted(by_kind.items()))}); oldest check "
          f"{report['checked_on'].iloc[0]}; {stale['quantity'].nunique()} stale fast-moving quantities "
          f"against base year {args.base_year}: {', '.join(sorted(stale['quantity'].unique())) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
