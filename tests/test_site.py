"""The course as a website (`make site`): built offline from the committed notebooks, then read in the browser the
suite already uses — every page loads without a console error, every image and internal link resolves, equations
render, revealing outputs are hidden until opened, search finds a course term, and pages read on a phone-width
screen. The default build is the student edition, which must hold no solution, model answer, rubric or
instructor guide: every built file is searched for each of them; the instructor edition, built too, shows that
the search finds them where they are.

Jupyter Book lives in .venv-site and MathJax in site/node_modules, which `make test` creates; in CI (CI=true) a
missing one is a failure, elsewhere a skip that says how to get it."""

from __future__ import annotations

import functools
import html
import html.parser
import http.server
import json
import os
import re
import subprocess
import threading
import urllib.parse
from pathlib import Path

import nbformat
import pytest

from tests import browser
from tests.conftest import NOTEBOOKS, ROOT

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SITE_PYTHON = ROOT / ".venv-site" / "bin" / "python"
MATHJAX = ROOT / "site" / "node_modules" / "mathjax" / "es5" / "tex-chtml.js"
AXE = ROOT / "site" / "node_modules" / "axe-core" / "axe.min.js"


def _need(ok: bool, what: str) -> None:
    if not ok:
        if IN_CI:
            raise RuntimeError(f"CI=true but {what}")
        pytest.skip(what)


def _build(tmp_path_factory, *args) -> tuple[Path, subprocess.CompletedProcess]:
    _need(SITE_PYTHON.exists(), "no .venv-site: run `make site` (or `make test`) to create it")
    _need(MATHJAX.exists(), "no MathJax in site/node_modules: run `npm ci --prefix site` (make site does)")
    out = tmp_path_factory.mktemp("site") / "html"
    env = dict(os.environ, SITE_REPOSITORY="example/tiktok-course")
    result = subprocess.run([str(SITE_PYTHON), str(ROOT / "tools" / "site.py"), "--out", str(out), *args], env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out, result


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The default build: the student edition."""
    return _build(tmp_path_factory)[0]


@pytest.fixture(scope="module")
def instructor_site(tmp_path_factory):
    return _build(tmp_path_factory, "--edition", "instructor")


@pytest.fixture(scope="module")
def served(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def chromium():
    _need(browser.chromium_available(), f"no Chromium at {browser.CHROMIUM}")
    with browser.browser() as b:
        yield b


class _Refs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "a" and key == "src"):
                self.refs.append((tag, a[key]))


def _parse(path: Path) -> _Refs:
    p = _Refs()
    p.feed(path.read_text(encoding="utf-8"))
    return p


PAGES = [p.stem for p in NOTEBOOKS] + ["intro", "glossary", "data", "capstone", "search"]


def test_the_site_has_every_page_in_course_order(site):
    for page in PAGES:
        assert (site / f"{page}.html").exists(), page
    index = (site / "intro.html").read_text()
    positions = [index.find(f'href="{p.stem}.html"') for p in NOTEBOOKS]
    assert all(x > 0 for x in positions) and positions == sorted(positions), "navigation in course order"
    nb = (site / "04_coins_gifts_diamonds.html").read_text()
    assert "Run this notebook yourself" in nb and "mybinder.org/v2/gh/example/tiktok-course" in nb
    assert "cdn." not in nb.lower() or "mathjax" not in nb.lower().split("cdn.", 1)[1][:80]
    assert 'src="_static/mathjax/tex-chtml.js' in nb


def test_every_image_and_internal_link_resolves(site):
    broken = []
    for page in sorted(site.glob("*.html")):
        for tag, ref in _parse(page).refs:
            url = urllib.parse.urlparse(ref)
            if url.scheme or ref.startswith(("//", "mailto:", "javascript:")):
                continue
            target = (page.parent / urllib.parse.unquote(url.path)).resolve() if url.path else page
            if not target.exists():
                broken.append(f"{page.name}: {tag} {ref}")
            elif url.fragment and target.suffix == ".html" and url.fragment not in _parse(target).ids:
                broken.append(f"{page.name}: {ref} (no such anchor)")
    assert not broken, "\n".join(broken[:40])


def test_sources_are_links(site):
    page = (site / "07_revenue_mix.html").read_text()
    sources = page.split('id="sources"', 1)[1]
    assert sources.count('href="https://') >= 5


def test_every_page_loads_without_a_console_error_and_equations_render(served, chromium):
    context = chromium.new_context(viewport={"width": 1300, "height": 900})
    problems = []
    try:
        # A few pages at a time, each loaded until its network is quiet (their quiet spells overlap).
        for start in range(0, len(PAGES), 4):
            opened = []
            for name in PAGES[start:start + 4]:
                page = context.new_page()
                errors = []
                page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.on("response", lambda r, errors=errors: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
                page.goto(f"{served}/{name}.html", wait_until="commit")
                opened.append((name, page, errors))
            for name, page, errors in opened:
                page.wait_for_load_state("networkidle")
                if errors:
                    problems.append(f"{name}: {errors[:3]}")
                if name == "07_revenue_mix":
                    page.wait_for_selector("mjx-container", timeout=15000)
                    assert page.locator("mjx-container").count() >= 10
                    assert page.locator("mjx-merror").count() == 0, "an equation failed to render"
                page.close()
    finally:
        context.close()
    assert not problems, "\n".join(problems)


AXE_RUN = """async () => {
    if (window.MathJax && MathJax.startup) await MathJax.startup.promise;  // equations set, as a reader sees them
    await new Promise(r => setTimeout(r, 100));
    const r = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
    return r.violations.map(v => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2).map(n => n.target.join(" ")).join("; ")}`);
}"""


def test_every_page_meets_wcag_2_1_aa_as_axe_core_checks_it(served, chromium):
    """Universities must publish course material that meets WCAG 2.1 AA: axe-core (npm, site/node_modules) checks
    every page for the A and AA rules of WCAG 2.0 and 2.1 — contrast, names, keyboard access to what scrolls."""
    _need(AXE.exists(), "no axe-core in site/node_modules: run `npm ci --prefix site` (make site does)")
    axe = AXE.read_text()
    context = chromium.new_context(viewport={"width": 1300, "height": 900})
    problems = []
    try:
        page = context.new_page()
        for name in [*PAGES, "genindex"]:
            page.goto(f"{served}/{name}.html", wait_until="networkidle")
            page.add_script_tag(content=axe)
            problems += [f"{name}: {v}" for v in page.evaluate(AXE_RUN)]
        # the check can fail: an image without a text alternative is found
        page.evaluate("() => document.querySelector('main').appendChild(document.createElement('img'))")
        assert any(v.startswith("image-alt") for v in page.evaluate(AXE_RUN))
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_revealing_outputs_are_hidden_until_opened(served, chromium):
    page = chromium.new_page()
    page.goto(f"{served}/04_coins_gifts_diamonds.html", wait_until="networkidle")
    reveal = page.locator(".tag_reveal details").first
    assert reveal.count() and not reveal.evaluate("d => d.open")
    reveal.locator("summary").first.click()
    assert reveal.evaluate("d => d.open")
    page.close()


# ------------------------------------------------------------------- the student edition gives nothing away
def _words(text: str) -> list[str]:
    """Text as a reader of the page meets it: tags dropped, entities decoded, words lowered (an identifier such
    as as_bad_as_filed stays one word)."""
    return re.findall(r"[a-z0-9_]+", html.unescape(re.sub(r"<[^>]+>", " ", text)).lower())


def _grams(text: str, n: int = 8) -> set[str]:
    w = _words(text)
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def _built_text(site: Path) -> str:
    """Every text file of a built site (pages, search index, page sources), as words."""
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".txt", ".ipynb", ".md", ".json")
             and "_static" not in p.parts]
    return " ".join(" ".join(_words(p.read_text(errors="replace"))) for p in files)


def _secrets() -> tuple[dict[str, list[str]], str]:
    """What graded work asks for — solution code, model answers, rubrics — by where it comes from, and the
    public text of the course (lessons, outputs, reference pages) that a secret may legitimately repeat."""
    from helpers.exercises import REGISTRY

    secrets, public = {}, []
    for path in NOTEBOOKS:
        for i, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if "solution" in cell.metadata.get("tags", []):
                body = cell.source.split("### BEGIN SOLUTION")[-1].split("### END SOLUTION")[0]
                secrets[f"{path.name}, cell {i}"] = [body.replace("*Model answer.*", "")]
            else:
                public.append(cell.source)
                public += [json.dumps(o.get("data", {})) + o.get("text", "") for o in cell.get("outputs", [])]
    for ex_id, ex in REGISTRY.items():
        if ex.rubric:
            secrets[f"the rubric of {ex_id}"] = [ex.rubric]
        if ex.covers or ex.follow_up:  # the self-study copy's "a good answer covers", kept from graded work too
            secrets[f"what a good answer to {ex_id} covers"] = [*ex.covers, *ex.follow_up]
    for doc in ("docs/glossary.md", "docs/capstone.md", "data/README.md", "README.md"):
        public.append((ROOT / doc).read_text())
    return secrets, " ".join(" ".join(_words(t)) for t in public)


def _leaks(site: Path) -> list[str]:
    from helpers.exercises import REGISTRY

    from tests.test_exercises import _display_strings, _occurs

    text = _built_text(site)
    secrets, public = _secrets()
    found = []
    for where, bodies in secrets.items():
        hits = [g for body in bodies for g in sorted(_grams(body)) if g in text and g not in public]
        found += [f"{where}: '{hits[0]}'"] if hits else []
    found += [f"{i}'s check says Right" for i in REGISTRY if f"exercise {i.replace('.', ' ')} right" in text]
    for ex in REGISTRY.values():  # an answer in its own unit's format, on its own notebook's page
        if ex.numeric and not ex.options:
            page = next((site / f"{p.stem}.html" for p in NOTEBOOKS if p.name.startswith(ex.id[:2])), None)
            shown = html.unescape(re.sub(r"<[^>]+>", " ", page.read_text()))
            found += [f"{ex.id}'s answer {s}" for s in _display_strings(ex)
                      if (any(u in s for u in "$%×") or "times" in s) and _occurs(s, shown)]
    linked = any("instructors.html" in p.read_text(errors="replace") for p in site.glob("*.html"))
    if (site / "instructors.html").exists() or linked:
        found.append("the instructor guide")
    return found


def test_the_student_edition_holds_no_solution_model_answer_or_rubric(site):
    found = _leaks(site)
    assert not found, "\n".join(found[:30])
    page = (site / "04_coins_gifts_diamonds.html").read_text()
    assert "YOUR CODE HERE" in page, "answer cells show the student's starting point"


def test_the_instructor_edition_has_them_and_warns(instructor_site):
    out, result = instructor_site
    found = _leaks(out)
    assert any("the rubric of" in f for f in found) and any("cell" in f for f in found), found[:5]
    assert "the instructor guide" in found and any("check says Right" in f for f in found)
    assert "never publish it openly" in result.stderr
    assert "instructor edition" in (out / "intro.html").read_text()
    page = (out / "04_coins_gifts_diamonds.html").read_text()
    solution = page.split("BEGIN SOLUTION", 1)[0].rsplit("<details", 1)[1]
    assert " open" not in solution.split(">", 1)[0], "a solution is collapsed until opened"
    assert "Model answer" in page


def test_search_finds_a_course_term(served, chromium):
    page = chromium.new_page()
    page.goto(f"{served}/search.html?q=elasticity", wait_until="networkidle")
    results = page.locator("#search-results li a")
    results.first.wait_for(timeout=15000)
    assert any("in_feed" in (results.nth(i).get_attribute("href") or "") for i in range(results.count()))
    page.close()


@pytest.mark.parametrize("name", ["intro", "04_coins_gifts_diamonds", "07_revenue_mix", "glossary"])
def test_pages_read_on_a_phone(served, chromium, name):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(f"{served}/{name}.html", wait_until="networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"{name} is {width}px wide on a 390px screen: something overflows"
    font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p') || document.body).fontSize)")
    assert font >= 14
    context.close()
