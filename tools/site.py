"""Build the course as a static website from the committed, executed notebooks (nothing is re-executed).

    python tools/site.py                          # the student edition into _site/ (what `make site` runs)
    python tools/site.py --out DIR                # somewhere else
    python tools/site.py --edition instructor     # with solutions, model answers and the instructor guide,
                                                  # into _site-instructor/: never publish it openly

**The student edition** (the default, and what the GitHub Pages workflow publishes) gives nothing away that
graded work asks for: each answer cell shows the student's starting point (``ads_share = None``) instead of
the solution, the outputs of the check cells are left out, and so are the model answers of written exercises
and follow-up questions and the instructor guide with its rubrics. Predictions keep their reveal and "Why"
(a prediction earns its point for being made, and the reveal is part of the lesson). **The instructor
edition** has everything, collapsed behind toggles; it is for a course's own, closed pages.

The site is a Jupyter Book (version 1: Sphinx with MyST-NB) built offline from pinned packages
(``requirements-site.txt``, installed in ``.venv-site``), with MathJax served from the site itself (from the
npm registry, pinned in ``site/package.json``; installed into ``site/node_modules`` on first use). It holds
the course overview, every notebook in course order, the glossary, the data dictionary and the capstone (and,
in the instructor edition, the instructor guide), with full-text search. On each notebook page: how to run it
yourself, the static pictures and tables of its panels, revealing outputs (and, in the instructor edition,
solutions) collapsed behind a toggle, and its sources as links.

A Binder link is added when the repository is known (``SITE_REPOSITORY=owner/name``, which the GitHub Pages
workflow sets).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
SITE_SRC = ROOT / "site"
MATHJAX = SITE_SRC / "node_modules" / "mathjax" / "es5"
DOCS = [("glossary", ROOT / "docs" / "glossary.md"), ("data", ROOT / "data" / "README.md"),
        ("capstone", ROOT / "docs" / "capstone.md"), ("instructors", ROOT / "docs" / "instructors.md")]
EDITIONS = ("student", "instructor")
INSTRUCTOR_ONLY = {"instructors"}  # pages the student edition leaves out
WARNING = ("This is the instructor edition of the course's website: it holds every solution, model answer and "
           "rubric. Keep it on a closed page (for example behind your institution's login); never publish it "
           "openly, or graded work can be copied from it.")
URL = re.compile(r"(https?://[^\s)>\]]+)")


def _repo_link(rel: str) -> str:
    repo = os.environ.get("SITE_REPOSITORY", "")
    return f"https://github.com/{repo}/blob/HEAD/{rel}" if repo else rel


def run_yourself(name: str) -> str:
    repo = os.environ.get("SITE_REPOSITORY", "")
    binder = (f" Or open it on [Binder](https://mybinder.org/v2/gh/{repo}/HEAD?labpath=notebooks/{name}), "
              "in the browser, with nothing to install (it takes a minute to start)." if repo else "")
    return ("```{admonition} Run this notebook yourself\n:class: tip\n"
            "This page is the notebook as it was last run. To move the sliders and do the exercises, get the "
            "course and run `make lab` in its folder (Python 3.11 or newer): JupyterLab opens at the first "
            f"notebook; this one is `notebooks/{name}`.{binder}\n```")


def _links(text: str) -> str:
    """Links between the course's files, as the site's pages."""
    text = re.sub(r"\]\(\.\./docs/glossary\.md(#[^)]*)?\)", lambda m: f"](glossary.md{m.group(1) or ''})", text)
    text = re.sub(r"\]\((?:\.\./)?notebooks/(\d\d_\w+)\.ipynb\)", r"](\1.ipynb)", text)
    text = re.sub(r"\]\((\d\d_\w+)\.ipynb\)", r"](\1.ipynb)", text)
    for page, path in DOCS:
        rel = path.relative_to(ROOT).as_posix()
        text = text.replace(f"]({rel})", f"]({page}.md)").replace(f"](../{rel})", f"]({page}.md)")
    return text


def _sources_markdown(text: str) -> str:
    """A notebook's printed source list as Markdown, each address a link."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return "\n".join(URL.sub(r"<\1>", ln) for ln in lines)


def _docs(edition: str) -> list[tuple[str, Path]]:
    return [(page, path) for page, path in DOCS if edition == "instructor" or page not in INSTRUCTOR_ONLY]


def stage_notebook(path: Path, edition: str = "student") -> nbformat.NotebookNode:
    """A notebook as a page of the site: the student edition without solutions, check results or model
    answers (see the module's docstring)."""
    from student import CHECK, checks, stub

    nb = nbformat.read(path, as_version=4)
    student = edition == "student"
    checked = [name for _id, name in checks(nb)]
    cells = [nbformat.v4.new_markdown_cell(_links(nb.cells[0].source)) if nb.cells[0].cell_type == "markdown" else None]
    cells = [c for c in cells if c] + [nbformat.v4.new_markdown_cell(run_yourself(path.name))]
    for cell in nb.cells[1:] if nb.cells[0].cell_type == "markdown" else nb.cells:
        tags = list(cell.metadata.get("tags", []))
        if cell.cell_type == "markdown":
            src = _links(cell.source)
            if "solution" in tags and student:
                continue  # a model answer: in the instructor edition only
            if "solution" in tags:  # a model answer, collapsed until opened
                body = src.replace("*Model answer.*", "").strip()
                src = f"```{{dropdown}} Model answer\n{body}\n```"
            cells.append(nbformat.v4.new_markdown_cell(src))
            continue
        if cell.cell_type != "code":
            continue
        text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
        if "data.cite(" in cell.source and "style=\"full\"" in cell.source and text:
            cells.append(nbformat.v4.new_markdown_cell(_sources_markdown(text)))
            continue
        if "solution" in tags and student:  # the student's starting point, not the solution
            new = nbformat.v4.new_code_cell(stub(cell.source, checked))
            cells.append(new)
            continue
        new = nbformat.v4.new_code_cell(cell.source)
        new.outputs = [o for o in cell.get("outputs", []) if "application/vnd.jupyter.widget-view+json"
                       not in o.get("data", {})]
        if student and CHECK.search(cell.source):
            new.outputs = []  # "Right" for an answer the page does not show
        if "solution" in tags:
            tags = [*tags, "hide-cell"]
        elif "reveal" in tags:
            tags = [*tags, "hide-output"]
        if tags:
            new.metadata["tags"] = tags
        cells.append(new)
    out = nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
    return out


def _unlink_instructor_pages(text: str, edition: str) -> str:
    """In the student edition, a link to a left-out page keeps its words and loses its target."""
    if edition == "instructor":
        return text
    for page, path in DOCS:
        if page in INSTRUCTOR_ONLY:
            rel = re.escape(path.relative_to(ROOT).as_posix())
            text = re.sub(rf"\[([^\]]*)\]\((?:\.\./)?{rel}(#[^)]*)?\)", r"\1", text)
    return text


def stage(book: Path, edition: str = "student") -> None:
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for p in notebooks:
        nb = stage_notebook(p, edition)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = _unlink_instructor_pages(cell.source, edition)
        if edition == "instructor":
            nb.cells.insert(0, nbformat.v4.new_markdown_cell(f"```{{warning}}\n{WARNING}\n```"))
        nbformat.write(nb, book / p.name)
    docs = _docs(edition)
    pages = "|".join(re.escape(page) for page, _ in docs)
    readme = _unlink_instructor_pages((ROOT / "README.md").read_text(), edition)
    intro = _links(readme.replace("](notebooks/", "]("))
    intro = re.sub(rf"\]\(((?!https?:|#|\d\d_|(?:{pages})\.md)[^)]+)\)", lambda m: f"]({_repo_link(m.group(1))})", intro)
    if edition == "instructor":
        intro = f"```{{warning}}\n{WARNING}\n```\n\n{intro}"
    (book / "intro.md").write_text(intro)
    for page, path in docs:
        text = _links(_unlink_instructor_pages(path.read_text(), edition))
        text = re.sub(rf"\]\(((?!https?:|#|\d\d_|(?:{pages})\.md)[^)]+)\)", lambda m: f"]({_repo_link(m.group(1))})",
                      text)
        (book / f"{page}.md").write_text(text)
    toc = ["format: jb-book", "root: intro", "parts:", "- caption: The course", "  chapters:"]
    toc += [f"  - file: {p.stem}" for p in notebooks]
    toc += ["- caption: Reference", "  chapters:"] + [f"  - file: {page}" for page, _ in docs]
    (book / "_toc.yml").write_text("\n".join(toc) + "\n")
    shutil.copy2(SITE_SRC / "_config.yml", book / "_config.yml")
    shutil.copytree(SITE_SRC / "_static", book / "_static", dirs_exist_ok=True)


def add_mathjax(html: Path) -> None:
    """MathJax, served by the site itself (copied after the build: Jupyter Book would load every script found
    in _static on every page)."""
    if not (MATHJAX / "tex-chtml.js").exists():
        raise SystemExit("MathJax is missing: run `npm ci --prefix site` (make site does)")
    mj = html / "_static" / "mathjax"
    mj.mkdir(parents=True, exist_ok=True)
    shutil.copy2(MATHJAX / "tex-chtml.js", mj / "tex-chtml.js")
    shutil.copytree(MATHJAX / "output" / "chtml" / "fonts", mj / "output" / "chtml" / "fonts", dirs_exist_ok=True)
    shutil.copytree(MATHJAX / "input" / "tex" / "extensions", mj / "input" / "tex" / "extensions", dirs_exist_ok=True)


def label_in_name(html: Path) -> None:
    """A control's accessible name must contain the words it shows (WCAG 2.1, 2.5.3): the theme's search button
    shows "Search Ctrl+K" but was named "Search", a hidden output's toggle shows "Show code cell output" but was
    named "Toggle hidden content"; each is named by its text. The colour-mode button's name lists its modes."""
    search = re.compile(r'(<button class="btn search-button-field[^"]*"[^>]*?) aria-label="Search"')
    for page in html.glob("*.html"):
        text = page.read_text()
        fixed = search.sub(r"\1", text)
        # A hidden output's toggle reads "Show code cell output": that is its name, not "Toggle hidden content".
        fixed = fixed.replace('<summary aria-label="Toggle hidden content">', "<summary>")
        # The colour-mode button shows only icons titled Light, Dark and Auto: its name says what they do.
        fixed = fixed.replace('theme-switch-button pst-js-only" aria-label="Color mode"',
                              'theme-switch-button pst-js-only" aria-label="Color mode: Light, Dark or Auto"')
        if fixed != text:
            page.write_text(fixed)


def build(out: Path, edition: str = "student") -> float:
    start = time.monotonic()
    jb = shutil.which("jupyter-book", path=str(Path(sys.executable).parent))
    if jb is None:
        raise SystemExit("Jupyter Book is not installed here: run `make site`, which sets up .venv-site")
    with tempfile.TemporaryDirectory(prefix="site-") as tmp:
        book = Path(tmp) / "book"
        book.mkdir()
        stage(book, edition)
        result = subprocess.run([jb, "build", str(book), "--path-output", tmp, "--warningiserror", "--quiet"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"the site did not build:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(Path(tmp) / "_build" / "html", out)
    add_mathjax(out)
    label_in_name(out)
    (out / ".nojekyll").write_text("")
    return time.monotonic() - start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edition", choices=EDITIONS, default="student",
                    help="student (default: no solutions, model answers or rubrics) or instructor (everything)")
    ap.add_argument("--out", type=Path, default=None, help="default: _site/ (student), _site-instructor/ (instructor)")
    args = ap.parse_args(argv)
    out = args.out or ROOT / ("_site" if args.edition == "student" else "_site-instructor")
    if args.edition == "instructor":
        print(f"WARNING: {WARNING}", file=sys.stderr)
    secs = build(out, args.edition)
    pages = len(list(out.glob("*.html")))
    print(f"built the {args.edition} edition, {pages} pages, into {out} in {secs:.0f} s; open {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
