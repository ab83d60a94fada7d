"""The course's Dutch–English glossary, kept as data (``data/glossary.csv``) and rendered wherever it is shown.

Each row is one business or economics term the course uses: the English term, other forms of it that the
notebooks use (plurals, abbreviations), the standard Dutch term (not a literal rendering of the articles'
wording), the words the two Dutch seed articles use for it (where they use it), and its meaning.

Three views read it: ``table()`` (notebook 10), ``markdown()`` (``docs/glossary.md``, written by
``tools/glossary.py``) and ``link(term)``, the address a notebook links a term to at its first use.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .data import DataError
from .params import suggest

PATH = Path(__file__).resolve().parent.parent / "data" / "glossary.csv"
COLUMNS = ("term", "aliases", "dutch", "in_articles", "meaning")
#: Where a notebook (in notebooks/) links a term: the glossary page, at the term's heading.
PAGE = "../docs/glossary.md"


def slug(term: str) -> str:
    """The anchor of a term's heading, as GitHub and the course's site write it ("click-through rate" ->
    "click-through-rate")."""
    return re.sub(r"[^a-z0-9 -]", "", term.lower()).strip().replace(" ", "-")


def load(path=None) -> pd.DataFrame:
    """The glossary, checked row by row: every column present, term, Dutch and meaning filled, no term or
    form given twice. A problem names the file, the row and the column."""
    path = Path(path) if path is not None else PATH
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise DataError(path.name, None, None, "the glossary file is missing") from None
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise DataError(path.name, None, None, f"missing column(s) {', '.join(missing)}")
    seen: dict[str, int] = {}
    for i, r in enumerate(df.itertuples(index=False), start=2):
        for col in ("term", "dutch", "meaning"):
            if not getattr(r, col).strip():
                raise DataError(path.name, i, col, "must not be empty", r.term)
        if r.meaning.strip()[-1] not in ".!?":
            raise DataError(path.name, i, "meaning", "end the sentence with a full stop", r.term)
        for form in forms_of(r.term, r.aliases):
            key = form.lower()
            if key in seen:
                raise DataError(path.name, i, "aliases", f"{form!r} is already a form of row {seen[key]}", r.term)
            seen[key] = i
        if slug(r.term) in {slug(t) for t in df["term"].iloc[: i - 2]}:
            raise DataError(path.name, i, "term", f"its anchor {slug(r.term)!r} is taken", r.term)
    return df.sort_values("term", key=lambda s: s.str.lower(), kind="stable").reset_index(drop=True)


def forms_of(term: str, aliases: str) -> list[str]:
    """A term and the other forms of it the notebooks use, longest first (so 'operating margin' is found
    before 'margin')."""
    forms = [term.strip()] + [a.strip() for a in aliases.split(";") if a.strip()]
    return sorted(dict.fromkeys(forms), key=len, reverse=True)


@lru_cache(maxsize=1)
def entries() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(term, its forms) for every row, from the shipped file."""
    return tuple((r.term, tuple(forms_of(r.term, r.aliases))) for r in load().itertuples(index=False))


def link(term: str) -> str:
    """The address a notebook uses to link ``term`` (a row's English term) to its glossary entry."""
    terms = {t for t, _ in entries()}
    if term not in terms:
        raise KeyError(f"no glossary term {term!r}{suggest(term, sorted(terms))}")
    return f"{PAGE}#{slug(term)}"


def table() -> pd.DataFrame:
    """The glossary as a table, one row per term: English, standard Dutch, the articles' words, meaning."""
    df = load()
    out = pd.DataFrame({
        "English": df["term"],
        "Dutch (standard term)": df["dutch"].str.replace("; ", ", ", regex=False),
        "In the seed articles": df["in_articles"].replace("", "—"),
        "Meaning": df["meaning"],
    })
    return out.set_index("English")


def markdown() -> str:
    """The glossary as a page (``docs/glossary.md``): an entry per term under a heading of its own, so that a
    notebook can link to it."""
    df = load()
    lines = [
        "# Glossary: English and Dutch",
        "",
        "The business and economics terms this course uses, with the standard Dutch term and, where the two "
        "Dutch seed articles use the idea, their own words for it. Notebooks link each term here at its first "
        "use. This page is generated from `data/glossary.csv` by `python tools/glossary.py`: edit the data, "
        "not this page.",
        "",
    ]
    for r in df.itertuples(index=False):
        lines += [f"### {r.term}", ""]
        dutch = "Dutch: *" + r.dutch.replace("; ", "*, *") + "*"
        if r.in_articles.strip():
            dutch += f". In the seed articles: {r.in_articles.strip()}"
        lines += [dutch + ".", "", r.meaning.strip(), ""]
    return "\n".join(lines).rstrip() + "\n"
