"""Dollar signs in Markdown: a money amount's "$" must be escaped ("\\$5"), or two amounts in one paragraph are
read as the two ends of an equation by JupyterLab, by the website (MyST's dollar maths) and by GitHub, and the
words between them turn into maths (or into a MathJax error). Inline maths ("$1 - w$", "$1/m$") is left alone.

    from markdown_money import unescaped, escape   # tools/ on sys.path
"""

from __future__ import annotations

import re

_AMOUNT = re.compile(r"\$(\d[\d,]*(?:\.\d+)?(?:\s?[–-]\s?\d[\d,]*(?:\.\d+)?)?[BMkT]?)")
_PROTECTED = re.compile(r"`[^`]*`|\$\$.*?\$\$", re.S)  # code spans and display maths


def _opens_money(text: str, m: re.Match) -> bool:
    rest = text[m.end():]
    if rest.startswith("-a-"):  # "a $1-a-year price"
        return True
    nxt = rest[:1]
    if nxt and (nxt.isalpha() or nxt in "/^_{\\*=+$"):  # "$2n/(n^2-1)$", "$1/m$", "$10^6$"
        return False
    if nxt == " " and rest.lstrip(" ")[:1] in ("+", "-", "−", "/", "*", "=", "^", "_", "\\", "×"):
        return False  # "$1 - w$", "$1 + g$"
    return True


def unescaped(text: str) -> list[int]:
    """Where in ``text`` an unescaped dollar sign opens a money amount (outside code spans and display maths)."""
    guarded = [(m.start(), m.end()) for m in _PROTECTED.finditer(text)]
    return [m.start() for m in _AMOUNT.finditer(text)
            if not (m.start() and text[m.start() - 1] == "\\") and _opens_money(text, m)
            and not any(a <= m.start() < b for a, b in guarded)]


def escape(text: str) -> str:
    """``text`` with every money amount's dollar sign escaped."""
    for i in sorted(unescaped(text), reverse=True):
        text = text[:i] + "\\" + text[i:]
    return text
