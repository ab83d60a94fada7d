"""The cells of the results' tables: a result's parts (automatic or marked by hand), points as written, and
text a spreadsheet reads as text. Shared by every table the results folder holds."""

from __future__ import annotations

import csv
import io

from .store import clean

#: The kinds of exercise marked by hand.
HAND = ("written", "follow-up")


#: Columns of free text that come from a hand-in (or quote it): a spreadsheet must read them as text.
TEXT_COLUMNS = ("detail", "answer", "comment", "reason", "mistake", "note", "student", "file", "name", "flag")


def safe_text(value, column: str = ""):
    """A value as a CSV cell can hold it: text that is not valid UTF-8 (a lone surrogate from a notebook's
    JSON) has the offending characters replaced, and in a free-text column, a cell a spreadsheet would run as
    a formula (``=``, ``+``, ``-``, ``@``, a tab or a return first) is prefixed with an apostrophe."""
    if not isinstance(value, str):
        return value
    value = clean(value)
    if column in TEXT_COLUMNS and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        value = "'" + value
    return value


def csv_text(fields, rows) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
    w.writeheader()
    w.writerows({k: safe_text(v, k) for k, v in r.items()} for r in rows)
    return buf.getvalue()


def _fmt(x: float) -> str:
    return f"{round(x, 2):g}"


def _num(x) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return 0.0
