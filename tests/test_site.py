"""The course as a website (`make site`): built offline from the committed notebooks, then read in the browser the
suite already uses — every page loads without a console error, every image and internal link resolves, equations
render, solutions are hidden until opened, search finds a course term, and pages read on a phone-width screen.

Jupyter Book lives in .venv-site and MathJax in site/node_modules, which `make test` creates; in CI (CI=true) a
missing one is a failure, elsewhere a skip that says how to get it."""

from __future__ import annotations

import functools
import html.parser
import http.server
import os
import subprocess
import threading
import urllib.parse
from pathlib import Path

import pytest

from tests import browser
from tests.conftest import NOTEBOOKS, ROOT

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SITE_PYTHON = ROOT / ".venv-site" / "bin" / "python"
MATHJAX = ROOT / "site" / "node_modules" / "mathjax" / "es5" / "tex-chtml.js"


def _need(ok: bool, what: str) -> None:
    if not ok:
        if IN_CI:
            raise RuntimeError(f"CI=true but {what}")
        pytest.skip(what)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    _need(SITE_PYTHON.exists(), "no .venv-site: run `make site` (or `make test`) to create it")
    _need(MATHJAX.exists(), "no MathJax in site/node_modules: run `npm ci --prefix site` (make site does)")
    out = tmp_path_factory.mktemp("site") / "html"
    env = dict(os.environ, SITE_REPOSITORY="example/tiktok-course")
    result = subprocess.run([str(SITE_PYTHON), str(ROOT / "tools" / "site.py"), "--out", str(out)], env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


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


PAGES = [p.stem for p in NOTEBOOKS] + ["intro", "glossary", "data", "capstone", "instructors", "search"]


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
        for name in PAGES:
            page = context.new_page()
            errors = []
            page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.on("response", lambda r, errors=errors: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
            page.goto(f"{served}/{name}.html", wait_until="networkidle")
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


def test_solutions_and_revealing_outputs_are_hidden_until_opened(served, chromium):
    page = chromium.new_page()
    page.goto(f"{served}/04_coins_gifts_diamonds.html", wait_until="networkidle")
    solution = page.locator("details", has_text="BEGIN SOLUTION").first
    assert solution.count() and not solution.evaluate("d => d.open")
    assert not page.get_by_text("BEGIN SOLUTION").first.is_visible()
    solution.locator("summary").first.click()
    assert page.get_by_text("BEGIN SOLUTION").first.is_visible()
    model = page.locator("details", has_text="Model answer").first
    assert model.count() and not model.evaluate("d => d.open")
    page.close()


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
