"""Write docs/glossary.md from data/glossary.csv, and link glossary terms at their first use in the notebooks.

    python tools/glossary.py                 # write docs/glossary.md
    python tools/glossary.py --check         # exit 1 if docs/glossary.md is out of date (the tests run this)
    python tools/glossary.py --link NB ...   # link each term's first unlinked use in these notebooks

A term's first use is its first occurrence (any of its forms, as a whole word, in any case) in a markdown
cell's prose — not in a heading, inline code, mathematics, a link, a hint or a hidden solution. Linking
leaves every other occurrence alone; a notebook that already links a term is not changed for that term.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers import glossary  # noqa: E402

DOC = ROOT / "docs" / "glossary.md"
# Spans a term is never linked inside: code, maths, links and their addresses, HTML tags, headings, the
# hint and "Why" blocks, bold text (an exercise's label) and quotations (a source's words stay as they are).
PROTECTED = re.compile(
    r"<details>.*?</details>|`[^`]*`|\$\$.*?\$\$|\$[^$\n]*\$|\[[^\]]*\]\([^)]*\)|<[^>]+>|^#+ [^\n]*$|\*\*[^*]*\*\*"
    r'|"[^"\n]*"|“[^”\n]*”',
    re.S | re.M)


def _prose_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of a markdown text where a term may be linked."""
    spans, pos = [], 0
    for m in PROTECTED.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def _pattern(forms) -> re.Pattern:
    alternatives = "|".join(r"\s+".join(re.escape(word) for word in f.split()) for f in forms)  # a line may break
    return re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w-])", re.I)


def _eligible(cell) -> bool:
    return cell.cell_type == "markdown" and "solution" not in cell.metadata.get("tags", [])


def first_use(nb, term, forms) -> tuple[int, re.Match] | None:
    """(cell index, match) of the first use of a term's forms in a notebook's prose, linked or not: a link
    to the term's own glossary entry counts as its (linked) first use."""
    pat = _pattern(forms)
    target = glossary.link(term) if term else None
    for i, cell in enumerate(nb.cells):
        if not _eligible(cell):
            continue
        text = cell.source
        hits = []
        for link in re.finditer(r"\[([^\]]*)\]\(([^)]*)\)", text):
            if link.group(2) == target and pat.search(link.group(1)):
                hits.append((link.start(), link))
        for a, b in _prose_spans(text):
            m = pat.search(text, a, b)
            if m:
                hits.append((m.start(), m))
        if hits:
            return i, min(hits, key=lambda h: h[0])[1]
    return None


def is_linked(match: re.Match) -> bool:
    return match.re.pattern.startswith(r"\[")


def link_notebook(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    done = []
    # Longer terms first, so that "revenue stream" is linked whole before "revenue" is looked for.
    for term, forms in sorted(glossary.entries(), key=lambda e: -max(len(f) for f in e[1])):
        found = first_use(nb, term, forms)
        if found is None or is_linked(found[1]):
            continue
        i, m = found
        cell = nb.cells[i]
        cell.source = cell.source[:m.start()] + f"[{m.group(0)}]({glossary.link(term)})" + cell.source[m.end():]
        done.append(term)
    if done:
        nbformat.write(nb, path)
    return done


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--link", nargs="+", type=Path, metavar="NOTEBOOK")
    args = ap.parse_args(argv)
    if args.link:
        for p in args.link:
            print(f"{p.name}: linked {', '.join(link_notebook(p)) or 'nothing new'}")
        return 0
    text = glossary.markdown()
    if args.check:
        if not DOC.exists() or DOC.read_text() != text:
            print("docs/glossary.md is out of date: run python tools/glossary.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text)
    print(f"written: {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
