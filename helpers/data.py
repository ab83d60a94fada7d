"""Load the course's sourced facts from ``data/``, validate them, and cite them.

Every number a notebook shows comes from a row of ``data/facts_<topic>.csv`` (with a source id) or from a model
fed by such rows. The tables are read once, checked on load, and a broken file fails loudly with its
file, row and column, e.g. ``data/facts_in_feed.csv, row 12 (id 'ad_load'), column 'low': ...``.

Row numbers count data rows from 1, as a spreadsheet shows them below the header.
"""

from __future__ import annotations

import ast
import difflib
import math
import operator
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_DATA_KEY = str(DATA_DIR)  # the cache key of the shipped tables

#: The course's topics, one word each, in reading order: notebook NN's word is in its file name, and the same
#: word names its data tables (facts_<topic>.csv), its model (helpers/<topic>.py), views, exercises and tests.
TOPICS = ("start", "attention", "in_feed", "premium", "gifts", "shop", "partnerships", "revenue_mix", "risks",
          "outlook", "sources")

#: The kinds of figure, from most to least authoritative. ``derived`` rows carry a formula over other
#: fact ids; ``teaching assumption`` rows carry their reasoning in ``note``.
KINDS = ("official", "analyst estimate", "news", "blog claim", "derived", "teaching assumption")

#: The kinds a source can be. ``course`` is this collection itself: the home of teaching assumptions.
SOURCE_KINDS = ("official", "analyst estimate", "news", "blog claim", "seed article", "course")

#: Every unit a fact may be stated in. A parameter declares its unit too, and the two must match.
UNITS = (
    "share",  # a fraction between 0 and 1
    "ratio",  # a positive multiple, may exceed 1
    "count",
    "USD",
    "USD thousand",
    "USD million",
    "USD billion",
    "EUR million",
    "GBP million",
    "USD per 1000 impressions",
    "USD per 1000 views",
    "USD per click",
    "USD per day",
    "USD per coin",
    "USD per diamond",
    "USD per user per year",
    "USD per user per quarter",
    "coins",
    "diamonds",
    "million users",
    "million impressions per day",
    "billion views per day",
    "minutes per day",
    "hours per month",
    "opens per day",
    "videos per minute",
    "views per user per day",
    "seconds",
    "hours",
    "days",
    "per day",
    "year",  # a calendar year, for dated events (a law upheld, a programme closed)
    "percentage points",
)

SOURCE_COLUMNS = ("id", "title", "publisher", "url", "published", "kind")
FACT_COLUMNS = (
    "id", "quantity", "topic", "label", "value", "unit", "low", "high", "year", "region",
    "kind", "source_id", "formula", "note", "checked",
)
#: The audit of a fact against its source (column ``checked``: ``YYYY-MM-DD verdict``; the reason in ``note``).
AUDIT_VERDICTS = ("confirmed", "corrected", "re-sourced", "not found", "unverifiable")
#: A search (a results page, a query) is not a page a reader can check a figure on.
_SEARCH_URL = re.compile(r"(/search\b|[?&](q|query|search|keywords?)=)", re.IGNORECASE)
_CHECKED = re.compile(r"^(\d{4}-\d{2}-\d{2}) (" + "|".join(AUDIT_VERDICTS) + r")$")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_PUBLISHED = re.compile(r"^(\d{4})(-\d{2}(-\d{2})?)?$|^n\.d\.$")


class DataError(ValueError):
    """A data file breaks a rule. The message names the file, the row and the column."""

    def __init__(self, file: str, row: int | None, column: str | None, problem: str, row_id: str = ""):
        where = file
        if row is not None:
            where += f", row {row}" + (f" (id {row_id!r})" if row_id else "")
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {problem}")
        self.file, self.row, self.column, self.problem = file, row, column, problem


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    published: str
    kind: str

    def citation(self) -> str:
        """One line: publisher, "title" (date). URL."""
        date = "" if self.published == "n.d." else f" ({self.published})"
        url = f" {self.url}" if self.url else ""
        return f'{self.publisher}, "{self.title}"{date}.{url}'


@dataclass(frozen=True)
class Fact:
    id: str
    quantity: str
    topic: str
    label: str
    value: float
    unit: str
    low: float
    high: float
    year: int
    region: str
    kind: str
    source_id: str
    formula: str
    note: str
    checked: str = ""

    @property
    def plausible(self) -> tuple[float, float]:
        """The plausible range (low, high) that sensitivity analysis and Monte Carlo use."""
        return (self.low, self.high)


# --------------------------------------------------------------------------------------------- reading
def _read_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    name = _display_name(path)
    if not path.exists():
        raise DataError(name, None, None, "file not found")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
    except pd.errors.EmptyDataError:
        raise DataError(name, None, None, "the file is empty") from None
    except pd.errors.ParserError as exc:
        raise DataError(name, None, None, f"not a valid CSV table ({exc})") from None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise DataError(name, None, missing[0], f"missing column (the header needs: {', '.join(columns)})")
    extra = [c for c in df.columns if c not in columns]
    if extra:
        raise DataError(name, None, extra[0], f"unknown column (allowed: {', '.join(columns)})")
    if df.empty:
        raise DataError(name, None, None, "the table has a header but no rows")
    return df[list(columns)].apply(lambda s: s.str.strip())


def _display_name(path: Path) -> str:
    """A path as the repository names it (data/facts_shop.csv), never an absolute path of this machine."""
    path = Path(path)
    try:
        return path.resolve().relative_to(DATA_DIR.parent).as_posix()
    except ValueError:
        return path.name


def _number(file, row, column, text, row_id) -> float:
    try:
        x = float(text)
    except ValueError:
        raise DataError(file, row, column, f"{text!r} is not a number", row_id) from None
    if not math.isfinite(x):
        raise DataError(file, row, column, f"{text!r} is not a finite number", row_id)
    return x


def _check_id(file: str, row: int, rid: str, seen: set) -> None:
    """An id is lower case, digits and underscores, and unique in its table (``seen`` collects them)."""
    if not _ID.match(rid):
        raise DataError(file, row, "id", f"{rid!r} is not a valid id (lower case, digits, underscores)", rid)
    if rid in seen:
        raise DataError(file, row, "id", f"duplicate id {rid!r}", rid)
    seen.add(rid)


def validate_sources(df: pd.DataFrame, file: str = "data/sources_start.csv") -> pd.DataFrame:
    """Check the sources table; return it indexed by id."""
    seen: set[str] = set()
    for i, r in enumerate(df.itertuples(index=False), start=1):
        _check_id(file, i, r.id, seen)
        for col in ("title", "publisher"):
            if not getattr(r, col):
                raise DataError(file, i, col, "must not be empty", r.id)
        if r.kind not in SOURCE_KINDS:
            raise DataError(file, i, "kind", f"unknown kind {r.kind!r} (allowed: {', '.join(SOURCE_KINDS)})", r.id)
        if r.url and not r.url.startswith(("http://", "https://")):
            raise DataError(file, i, "url", f"{r.url!r} is not a web address", r.id)
        if not r.url and r.kind not in ("course", "seed article"):
            raise DataError(file, i, "url", "a source needs a url (only the course and the seed articles may omit it)", r.id)
        if r.url and _SEARCH_URL.search(r.url):
            raise DataError(file, i, "url", f"{r.url!r} is a search, not a page: cite the page the figure is on", r.id)
        if not _PUBLISHED.match(r.published):
            raise DataError(file, i, "published", f"{r.published!r} is not YYYY, YYYY-MM, YYYY-MM-DD or n.d.", r.id)
    return df.assign(file=file).set_index("id", drop=False)


def validate_facts(df: pd.DataFrame, source_ids, file: str = "data/facts_start.csv", formulas: bool = True) -> pd.DataFrame:
    """Check the facts table against the sources; return it indexed by id with numeric columns.

    ``formulas=False`` leaves derived rows' formulas to be checked once all fact files are joined."""
    source_ids = set(source_ids)
    out = df.copy()
    seen: set[str] = set()
    numbers: dict[str, list[float]] = {"value": [], "low": [], "high": []}
    years: list[int] = []
    for i, r in enumerate(df.itertuples(index=False), start=1):
        rid = r.id
        _check_id(file, i, rid, seen)
        for col in ("quantity", "topic", "label", "region"):
            if not getattr(r, col):
                raise DataError(file, i, col, "must not be empty", rid)
        if r.unit not in UNITS:
            close = difflib.get_close_matches(r.unit, UNITS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise DataError(file, i, "unit", f"unknown unit {r.unit!r}{hint}", rid)
        value, low, high = (_number(file, i, c, getattr(r, c), rid) for c in ("value", "low", "high"))
        if not low <= value <= high:
            raise DataError(file, i, "value", f"value {value:g} is outside its plausible range {low:g} to {high:g}", rid)
        if r.unit == "share" and not (0 <= low and high <= 1):
            raise DataError(file, i, "high" if high > 1 else "low", "a share must lie between 0 and 1", rid)
        if r.unit != "percentage points" and low < 0:
            raise DataError(file, i, "low", f"{low:g} is negative; only 'percentage points' may be", rid)
        try:
            year = int(r.year)
        except ValueError:
            raise DataError(file, i, "year", f"{r.year!r} is not a year", rid) from None
        if not 2000 <= year <= 2035:
            raise DataError(file, i, "year", f"{year} is not between 2000 and 2035", rid)
        if r.kind not in KINDS:
            close = difflib.get_close_matches(r.kind, KINDS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise DataError(file, i, "kind", f"unknown kind {r.kind!r}{hint}; allowed: {', '.join(KINDS)}", rid)
        if r.source_id not in source_ids:
            raise DataError(file, i, "source_id", f"unknown source id {r.source_id!r}", rid)
        if r.kind == "derived" and not r.formula:
            raise DataError(file, i, "formula", "a derived figure needs its formula", rid)
        if r.kind != "derived" and r.formula:
            raise DataError(file, i, "formula", "only a derived figure has a formula", rid)
        if r.kind == "teaching assumption" and len(r.note) < 20:
            raise DataError(file, i, "note", "a teaching assumption needs its reasoning in 'note'", rid)
        if not r.checked:
            raise DataError(file, i, "checked", "a fact row carries its audit against its source, "
                                                "'YYYY-MM-DD verdict' (data/README.md explains the verdicts)", rid)
        if not _CHECKED.match(r.checked):
            raise DataError(file, i, "checked", f"{r.checked!r} is not 'YYYY-MM-DD verdict' with a verdict among "
                                                f"{', '.join(AUDIT_VERDICTS)}", rid)
        numbers["value"].append(value)
        numbers["low"].append(low)
        numbers["high"].append(high)
        years.append(year)
    for col, vals in numbers.items():
        out[col] = vals
    out["year"] = years
    out["file"] = file
    out["row"] = range(1, len(out) + 1)
    out = out.set_index("id", drop=False)
    if formulas:
        _check_formulas(out)
    return out


# ----------------------------------------------------------------------------------- derived formulas
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
        ast.Pow: operator.pow}


def _eval_formula(expr: str, values: dict[str, float]) -> float:
    """Evaluate arithmetic over fact ids (+ - * / ** and parentheses), nothing else."""

    def ev(node):
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.Name):
            if node.id not in values:
                raise KeyError(node.id)
            return values[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -ev(node.operand)
        raise ValueError(f"only + - * / ** over fact ids and numbers are allowed, found {ast.dump(node)[:40]}")

    return ev(ast.parse(expr, mode="eval"))


def _check_formulas(df: pd.DataFrame) -> None:
    values = df["value"].to_dict()
    for r in df.itertuples(index=False):
        if not r.formula:
            continue
        file, i = r.file, r.row
        try:
            got = _eval_formula(r.formula, values)
        except KeyError as exc:
            raise DataError(file, i, "formula", f"unknown fact id {exc.args[0]!r} in {r.formula!r}", r.id) from None
        except (SyntaxError, ValueError, ZeroDivisionError) as exc:
            raise DataError(file, i, "formula", f"cannot evaluate {r.formula!r}: {exc}", r.id) from None
        if not math.isclose(got, r.value, rel_tol=0.02, abs_tol=1e-12):
            raise DataError(file, i, "value", f"value {r.value:g} does not match its formula {r.formula} = {got:.6g}", r.id)


# ------------------------------------------------------------------------------------ cached access
def load(data_dir) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and validate the sources and facts in a folder: (sources, facts), indexed by id.

    Sources are the ``sources_<topic>.csv`` tables and facts the ``facts_<topic>.csv`` tables, one per
    topic of the course (:data:`TOPICS`); a fact sits in its own topic's table. Ids are unique across files. Raises
    :class:`DataError` naming the file, row and column of the first problem found."""
    return _tables(str(Path(data_dir).resolve()))


def _files(d: Path, stem: str) -> list[Path]:
    """The topic tables ``<stem>_<topic>.csv`` of a folder, refusing a file named for no topic."""
    files = sorted(d.glob(f"{stem}_*.csv"))
    if not files:
        raise DataError(f"{d.name}/{stem}_<topic>.csv", None, None, "file not found (one table per topic)")
    for p in files:
        topic = p.stem[len(stem) + 1:]
        if topic not in TOPICS:
            raise DataError(_display_name(p), None, None,
                            f"{topic!r} is not a topic of the course{_suggest(topic, TOPICS)} (topics: {', '.join(TOPICS)})")
    return files


def _check_topics(facts: pd.DataFrame, files: list[Path], names: list[str]) -> None:
    """Each fact sits in its own topic's table: a row of facts_shop.csv has the topic ``shop``."""
    for p, name in zip(files, names):
        topic = p.stem[len("facts_"):]
        rows = facts[facts["file"] == name]
        for i, (rid, t) in enumerate(zip(rows.index, rows["topic"]), start=1):
            if t != topic:
                raise DataError(name, i, "topic", f"{t!r} does not match the file: a {t!r} row belongs in facts_{t}.csv", rid)


def _join(parts: list[pd.DataFrame], files: list[str]) -> pd.DataFrame:
    seen: dict[str, str] = {}
    for part, file in zip(parts, files):
        for i, rid in enumerate(part.index, start=1):
            if rid in seen:
                raise DataError(file, i, "id", f"duplicate id {rid!r} (also in {seen[rid]})", rid)
            seen[rid] = file
    return pd.concat(parts)


@cache
def _tables(data_dir: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    d = Path(data_dir)
    src_files = _files(d, "sources")
    names = [_display_name(p) for p in src_files]
    sources = _join([validate_sources(_read_csv(p, SOURCE_COLUMNS), n) for p, n in zip(src_files, names)], names)
    fact_files = _files(d, "facts")
    names = [_display_name(p) for p in fact_files]
    facts = _join([validate_facts(_read_csv(p, FACT_COLUMNS), sources.index, n, formulas=False)
                   for p, n in zip(fact_files, names)], names)
    _check_topics(facts, fact_files, names)
    _check_formulas(facts)
    _check_sources_used(sources, facts)
    return sources, facts


def _check_sources_used(sources: pd.DataFrame, facts: pd.DataFrame) -> None:
    """A source row no fact cites is dead weight a reader cannot place: the loader refuses it."""
    used = set(facts["source_id"])
    for file, rows in sources.groupby("file", sort=False):
        for i, rid in enumerate(rows.index, start=1):
            if rid not in used:
                raise DataError(file, i, "id", f"source {rid!r} is cited by no fact: cite it or remove the row", rid)


def sources_table() -> pd.DataFrame:
    """All sources (a copy: changing it changes nothing on disk or in the cache)."""
    return _tables(_DATA_KEY)[0].copy()


def facts_table() -> pd.DataFrame:
    """All facts (a copy)."""
    return _tables(_DATA_KEY)[1].copy()


def _suggest(name: str, options) -> str:
    close = difflib.get_close_matches(str(name), list(options), n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


@cache
def _fact_index(data_dir: str) -> dict[str, Fact]:
    """Every fact as a ready :class:`Fact`, built once: a slider move looks up dozens of facts, and a
    pandas row lookup per fact cost more than the chart (tools/bench.py measures it)."""
    facts = _tables(data_dir)[1]
    out = {}
    for fact_id, row in zip(facts.index, facts[list(FACT_COLUMNS)].to_dict("records")):
        row.update(value=float(row["value"]), low=float(row["low"]), high=float(row["high"]), year=int(row["year"]))
        out[fact_id] = Fact(**row)
    return out


def fact(fact_id: str) -> Fact:
    """One fact by id. An unknown id raises KeyError naming the closest valid id."""
    index = _fact_index(_DATA_KEY)
    if not isinstance(fact_id, str) or fact_id not in index:
        raise KeyError(f"no fact {fact_id!r} in data/{_suggest(fact_id, index)}")
    return index[fact_id]


def value(fact_id: str) -> float:
    """The central value of a fact."""
    return fact(fact_id).value


def source(source_id: str) -> Source:
    """One source by id."""
    sources = _tables(_DATA_KEY)[0]
    if not isinstance(source_id, str) or source_id not in sources.index:
        raise KeyError(f"no source {source_id!r} in data/{_suggest(source_id, sources.index)}")
    row = sources.loc[source_id]
    return Source(**{c: row[c] for c in SOURCE_COLUMNS})


def estimates(quantity: str) -> pd.DataFrame:
    """Every row that measures the same quantity: where sources agree or disagree."""
    facts = _tables(_DATA_KEY)[1]
    rows = facts[facts["quantity"] == quantity]
    if rows.empty:
        raise KeyError(f"no quantity {quantity!r} in data/{_suggest(quantity, facts['quantity'].unique())}")
    cols = ["label", "value", "low", "high", "unit", "year", "region", "kind", "source_id"]
    return rows[cols].sort_values(["year", "value"]).reset_index(drop=False)


_ESTIMATE_COLUMNS = {"label": "Figure", "value": "Value", "low": "Plausible range", "high": "Plausible range",
                     "unit": "Unit", "year": "Year", "region": "Region", "kind": "Kind", "source_id": "Source"}


def estimates_table(quantity: str, columns=("label", "value", "low", "high", "year", "region", "kind", "source_id")):
    """The rows of one quantity as a reader wants them (:func:`table`: money and shares written as the course
    writes them, headings in words), oldest first; ``columns`` names the data columns to show ("low" and "high"
    show as the plausible range). A number that does not carry its unit (minutes, million users) always gets the
    unit column beside it, asked for or not."""
    ids = list(estimates(quantity)["id"])
    unknown = [c for c in columns if c not in _ESTIMATE_COLUMNS]
    if unknown:
        raise KeyError(f"estimates_table has no column {unknown[0]!r}{_suggest(unknown[0], list(_ESTIMATE_COLUMNS))}")
    shown = list(dict.fromkeys(_ESTIMATE_COLUMNS[c] for c in columns))
    numbers = [c for c in ("Value", "Plausible range") if c in shown]
    bare = any(not shows_unit(fact(i).unit) for i in ids)
    if numbers and bare and "Unit" not in shown:
        shown.insert(shown.index(numbers[-1]) + 1, "Unit")
    return table(ids)[shown]


def shows_unit(unit: str) -> bool:
    """Whether a value written by :func:`_format_value` shows its own unit ('$1.5B', '45%', '2025')."""
    return unit in ("share", "year") or any(unit.startswith(u) for u in CURRENCY_UNITS)


def fact_sources(fact_ids) -> list[str]:
    """The source ids behind some facts, following derived formulas to their inputs, in first-seen order."""
    facts = _tables(_DATA_KEY)[1]
    out: list[str] = []

    def visit(fid: str, depth: int = 0) -> None:
        f = fact(fid)
        if f.source_id not in out:
            out.append(f.source_id)
        if f.formula and depth < 10:
            for name in sorted({n.id for n in ast.walk(ast.parse(f.formula, mode="eval"))
                                if isinstance(n, ast.Name) and n.id in facts.index}):
                visit(name, depth + 1)

    for fid in fact_ids:
        visit(fid)
    return out


#: The most sources a chart's source line names before "and N more".
SHORT_CITE_MAX = 6


def topic_facts(topic: str) -> list[str]:
    """The ids of a topic's facts (``data/facts_<topic>.csv``), in file order: what its notebook cites."""
    if topic not in TOPICS:
        raise KeyError(f"no topic {topic!r}{_suggest(topic, TOPICS)}")
    facts = _tables(_DATA_KEY)[1]
    return list(facts.index[facts["topic"] == topic])


def cite(fact_ids, *, style: str = "short") -> str:
    """The sources behind some facts. ``short``: 'Sources: publisher (date); …' for a chart's source line;
    ``full``: a numbered list with titles and addresses for a notebook's Sources section."""
    ids = fact_sources(fact_ids)
    srcs = [source(s) for s in ids]
    if style == "short":
        parts = []
        for s in srcs:
            date = "" if s.published == "n.d." or s.kind == "course" else f" {s.published[:4]}"
            parts.append(f"{s.publisher}{date}")
        parts = list(dict.fromkeys(parts))  # two pages of one publisher in one year read as one source
        if len(parts) > SHORT_CITE_MAX:  # a chart's source line stays one or two lines
            parts = parts[:SHORT_CITE_MAX - 1] + [f"and {len(parts) - SHORT_CITE_MAX + 1} more (see Sources)"]
        return "Source" + ("s" if len(parts) > 1 else "") + ": " + "; ".join(parts)
    if style == "full":
        return "\n".join(f"{n}. [{s.id}] {s.citation()} — {s.kind}" for n, s in enumerate(srcs, start=1))
    raise ValueError(f"style must be 'short' or 'full', got {style!r}")


def cents(a: float) -> str:
    """A small amount of money with the digits that matter: 16.35 -> '16.35', 0.005 -> '0.005',
    0.0106 -> '0.0106' (two decimals would round half a cent to a whole one)."""
    if a < 0.0005 or a >= 0.1:  # below a twentieth of a cent is nothing to a reader
        return f"{a:,.2f}"
    text = f"{a:.{2 - math.floor(math.log10(a))}f}"  # three significant digits
    return text.rstrip("0") if len(text.rstrip("0").split(".")[1]) >= 2 else f"{a:.2f}"


_MONEY_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))
#: Money units a fact can be in: the currency sign and what one unit is worth in that currency.
CURRENCY_UNITS = {"USD": ("$", 1.0), "USD thousand": ("$", 1e3), "USD million": ("$", 1e6), "USD billion": ("$", 1e9),
                  "EUR million": ("€", 1e6), "GBP million": ("£", 1e6)}


def money_text(amount: float, digits: int | None = None, currency: str = "$") -> str:
    """An amount of money for people, to two significant figures: 31.08e9 -> '$31B', 6.3e9 -> '$6.3B',
    45e6 -> '$45M', 10_000 -> '$10k'; whole dollars from $100 ('$730'), and a price below that to the cent
    ('$16.35', '$5.16'), as prices are written. ``digits`` fixes the decimals of an amount of 1,000 or more
    ('$31.1B' with digits=1) where a reader needs more than two figures. The course's one money formatter:
    ``style.money`` and the data tables both call it."""
    a = abs(float(amount))
    if a == 0:
        return f"{currency}0"  # nothing is nothing, not '$0.00'
    if digits is None and a >= 1000:
        a = float(f"{a:.2g}")  # two significant figures first, so that $999.6M reads '$1.0B', not '$1,000M'
    text, suffix = cents(a), ""
    for scale, sfx in _MONEY_SCALES:
        if a >= scale:
            v = a / scale
            if digits is None:
                text = f"{v:,.0f}" if v >= 10 else f"{v:,.1f}"
            else:
                text = f"{v:,.0f}" if v >= 100 else f"{v:,.{digits}f}"
            suffix = sfx
            break
    else:
        if a >= 100:
            text = f"{a:,.0f}"
    sign = "-" if float(amount) < 0 and any(c in "123456789" for c in text) else ""  # never '-$0.00'
    return f"{sign}{currency}{text}{suffix}"


def _published_digits(value: float) -> int:
    """How many significant figures a recorded value carries (345 -> 3, 12.7 -> 3, 155 -> 3, 40 -> 1), at most 3:
    a source's figure is shown as it was published, not rounded to the course's two."""
    text = f"{abs(value):.6g}".replace(".", "").lstrip("0").rstrip("0")
    return max(1, min(3, len(text)))


def _format_value(value: float, unit: str, exact: bool = False) -> str:
    """A fact's value as a reader writes it: '45%', '$1.5B', '$0.005', '€530M', '2025', '5,000,000'. Money has two
    significant figures, as everywhere in the course (``money_text``); with ``exact`` (a source's own figure), the
    figures it was published with, up to three ('€345M', '$155B', '3.78%')."""
    if unit == "share":
        if exact:
            return f"{100 * value:.6g}%"
        return f"{100 * value:.1f}%".replace(".0%", "%")
    if unit == "year":
        return f"{value:.0f}"
    a = abs(value)
    money_unit = next((u for u in sorted(CURRENCY_UNITS, key=len, reverse=True) if unit.startswith(u)), None)
    if money_unit is not None:
        sign, size = CURRENCY_UNITS[money_unit]
        amount = value * size
        if exact and abs(amount) >= 1000 and _published_digits(value) > 2:
            scaled = abs(amount) / next((sc for sc, _ in _MONEY_SCALES if abs(amount) >= sc), 1)
            decimals = max(0, _published_digits(value) - len(str(int(scaled))))
            return money_text(amount, digits=decimals, currency=sign)
        return money_text(amount, currency=sign)
    if float(value).is_integer():
        return f"{value:,.0f}"
    if a >= 1e3:
        return f"{value:,.0f}"
    return f"{value:,.6g}" if exact else f"{value:,.3g}"  # a source's own figure as published; ours to three


#: Kinds whose value is a source's own figure: shown with the figures it was published with.
SOURCED_KINDS = ("official", "analyst estimate", "news", "blog claim")


def _unit_shown(unit: str) -> str:
    """The unit column beside a value written with its own scale ('$5.4M'): the currency, not 'USD billion'."""
    for money in sorted(CURRENCY_UNITS, key=len, reverse=True):
        if unit.startswith(money):
            return unit.replace(money, money.split()[0], 1)
    return unit


format_value = _format_value  # the public name: a value in a unit, as the course writes it


def table(fact_ids) -> pd.DataFrame:
    """Facts as a reader wants them: figure, value, plausible range, unit, year, region, kind and source."""
    rows = []
    for fid in fact_ids:
        f = fact(fid)
        sourced = f.kind in SOURCED_KINDS
        low, high = (_format_value(x, f.unit, exact=sourced) for x in (f.low, f.high))
        rows.append({
            "Figure": f.label,
            "Value": _format_value(f.value, f.unit, exact=sourced),
            # One value and no range: a source's figure as it was published (which may itself say "more than" or
            # "up to": see the figure's note), or a figure of the course's own that the analysis does not vary.
            "Plausible range": (f"{low} to {high}" if low != high else
                                "as published, no range" if sourced else "not varied"),
            "Unit": _unit_shown(f.unit),
            "Year": f.year,
            "Region": f.region,
            "Kind": f.kind,
            "Source": f.source_id,
        })
    return pd.DataFrame(rows, index=pd.Index(list(fact_ids), name="id"))


# ----------------------------------------------------------------------------------- named scenarios
SCENARIO_COLUMNS = ("id", "topic", "changes", "rationale")


@cache
def _scenarios(path: str) -> pd.DataFrame:
    p = Path(path)
    name = _display_name(p)
    df = _read_csv(p, SCENARIO_COLUMNS)
    facts = _fact_index(str(p.parent.resolve()))
    seen: set[str] = set()
    parsed = []
    for i, r in enumerate(df.itertuples(index=False), start=1):
        _check_id(name, i, r.id, seen)
        if not r.rationale:
            raise DataError(name, i, "rationale", "a scenario needs its reasoning", r.id)
        changes = {}
        for part in filter(None, (x.strip() for x in r.changes.split(";"))):
            key, sep, val = (x.strip() for x in part.partition("="))
            if not sep or not key.isidentifier():
                raise DataError(name, i, "changes", f"{part!r} is not 'input=value' (inputs separated by ';')", r.id)
            if _ID.match(val) and not val[0].isdigit():
                if val not in facts:
                    raise DataError(name, i, "changes", f"unknown fact id {val!r}{_suggest(val, facts)}", r.id)
                changes[key] = facts[val].value
            else:
                changes[key] = _number(name, i, "changes", val, r.id)
        if not changes:
            raise DataError(name, i, "changes", "a scenario changes at least one input", r.id)
        parsed.append(changes)
    df = df.set_index("id", drop=False)
    df["parsed"] = parsed
    return df


def scenarios_table(path=None) -> pd.DataFrame:
    """The named scenarios of ``data/scenarios.csv``: id, topic, changes (``input=value; ...``, a value may be
    a fact id) and rationale, with ``parsed`` holding the changes as a dict of numbers."""
    return _scenarios(str(Path(path).resolve()) if path else str(DATA_DIR / "scenarios.csv")).copy()


# ------------------------------------------------------------------------------------- keeping it current
#: The course's base year: the year its base case describes.
BASE_YEAR = 2024
#: A fast-moving quantity's latest figure older than this many years before the base year is stale.
STALE_AFTER_YEARS = 2
#: Quantities that move fast (users, viewing, prices, revenue, sales, rivals' scale, valuations): a word of
#: the quantity's name, between underscores.
FAST_MOVING = re.compile(r"(?:^|_)(?:mau|dau|users|revenue|gmv|views|plays|run|valuation|minutes|hours|cpm)(?:_|$)")
#: Quantities that record a past event, dated by nature (what a ban cost, a recession's fall): never stale.
EVENTS = frozenset({"india_users_lost", "us_internet_ad_revenue", "indonesia_shop_ban"})


def age_report(base_year: int = BASE_YEAR, facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every fact by the date it was last checked, oldest first (then by the year it describes), with its kind,
    the verdict of its last check, and a flag on each row of a fast-moving quantity whose latest figure is more
    than ``STALE_AFTER_YEARS`` years older than ``base_year`` (``stale``). Teaching assumptions and derived rows
    are the course's own and are not flagged; nor are past events (``EVENTS``)."""
    f = (facts_table() if facts is None else facts.copy()).reset_index(drop=True)
    checked = f["checked"].fillna("").str.strip()
    f["checked_on"] = checked.str.extract(r"^(\d{4}-\d{2}-\d{2})", expand=False).fillna("never")
    f["verdict"] = checked.str.replace(r"^\d{4}-\d{2}-\d{2}\s*", "", regex=True)
    f["fast_moving"] = f["quantity"].str.contains(FAST_MOVING) & ~f["quantity"].isin(EVENTS)
    evidence = ~f["kind"].isin(["teaching assumption", "derived"])
    latest = f[evidence].groupby("quantity")["year"].max()
    f["latest_year"] = f["quantity"].map(latest)
    f["stale"] = (f["fast_moving"] & evidence & (f["latest_year"] < base_year - STALE_AFTER_YEARS)).fillna(False)
    order = f["checked_on"].replace("never", "0000-00-00")
    f = f.assign(_order=order).sort_values(["_order", "year", "id"]).drop(columns="_order")
    return f[["id", "quantity", "kind", "year", "latest_year", "checked_on", "verdict", "fast_moving", "stale"]] \
        .reset_index(drop=True)


def as_of(topic: str) -> dict:
    """How current a topic's figures are: the date by which every one of its rows had been checked against its
    source (the oldest ``checked`` date), as a month ("December 2026"), and the date of the latest source its rows
    cite ("March 2026"). Each notebook's
    opening says "Figures as of" the first; the tests hold it to this."""
    f = facts_table()
    rows = f[f["topic"] == topic]
    if rows.empty:
        raise KeyError(f"no facts for topic {topic!r}{_suggest(topic, f['topic'].unique())}")
    # The oldest check: every row was checked against its source on that date or later.
    checked = rows["checked"].str.extract(r"^(\d{4}-\d{2}-\d{2})", expand=False).dropna().min()
    cited = [sid for sid in rows["source_id"].unique() if sid != "course"]  # the course's own rows have no date
    published = sources_table().reindex(cited)["published"].dropna()
    # A source dated by year or month alone counts from the start of it: the latest date it surely had.
    dated = published[published.str.match(r"^\d{4}")].map(lambda d: d + "-01-01" if len(d) == 4
                                                          else d + "-01" if len(d) == 7 else d)
    return {"checked": _month(checked), "checked_on": checked, "latest_source": _month(dated.max()) if len(dated) else ""}


def _month(iso: str) -> str:
    """'2026-12-07' -> 'December 2026'."""
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    return f"{months[int(iso[5:7]) - 1]} {iso[:4]}"


def as_of_line(topic: str) -> str:
    """The line a notebook's opening carries about how current its figures are (``tools/execute.py`` writes it)."""
    a = as_of(topic)
    return (f"**Figures as of {a['checked']}:** every row of `data/facts_{topic}.csv` was checked against its source "
            f"in {a['checked']} or later. Each figure describes the year in its table's Year column (the base case is "
            f"{BASE_YEAR}); the latest source cited is from {a['latest_source']}.")
