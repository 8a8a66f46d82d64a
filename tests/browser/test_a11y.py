"""What readers get, in Chromium: WCAG 2.2 AA (axe-core), keyboard use, crisis help,
console and links, print, HTML validity and screenshots, on one build of the real site.

axe-core and the Nu HTML checker come from npm (package-lock.json; ``npm ci --omit=dev``
puts them in node_modules/). Without them the tests skip, or fail in CI
(HEALTHDOCS_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
import tools
from helpers import copy_project
from sphinx.testing.util import SphinxTestApp

PROJECT = Path(__file__).parent.parent.parent
SCREENSHOTS = PROJECT / "_build" / "screenshots"

ARTICLE = "articles/treatment-resistant-depression.html"
SEARCH = "search.html?q=ketamine"
CARE_ARTICLE = "articles/ketamine-for-depression.html"  # has when-to-get-help cards
PAGES = {  # one of each page type a reader can land on
    "home": "index.html",
    "topic": "topics/depression.html",
    "topics-index": "topics/index.html",
    "tag": "tags/ketamine.html",
    "tags-index": "tags/index.html",
    "article": ARTICLE,
    "care-article": CARE_ARTICLE,
    "search": SEARCH,
    "glossary": "glossary.html",
    "genindex": "genindex.html",
    "help": "get-help.html",
    "404": "404.html",
}
THEMES = ["light", "dark"]
VIEWPORTS = {"mobile": {"width": 375, "height": 667}, "desktop": {"width": 1280, "height": 800}}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir) -> Iterator[Path]:
    """The project, built once. Every article shows every box the site adds (banner,
    disclaimers, review line, report link, Stay informed, cards)."""
    srcdir = copy_project(Path(sphinx_test_tempdir) / "browser-a11y")
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    app.build()
    yield Path(app.outdir)
    app.cleanup()


class Reader:
    """A page in its own context (theme, viewport) that records what went wrong."""

    def __init__(self, browser, base: str, theme: str = "light", viewport: str = "desktop",
                 **options) -> None:
        self.base = base
        self.context = browser.new_context(viewport=VIEWPORTS[viewport], **options)
        # furo reads the reader's choice from localStorage before the first paint.
        self.context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
        self.page = self.context.new_page()
        self.theme = theme
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        # ERR_ABORTED: the page itself cancelled it (e.g. a search fetch when Enter
        # navigates away); server errors still show as HTTP statuses below.
        self.page.on("requestfailed", lambda r: self.problems.append(
            f"request failed: {r.url} {r.failure}") if "ERR_ABORTED" not in r.failure else None)
        self.page.on("response", lambda r: self.problems.append(f"HTTP {r.status}: {r.url}")
                     if r.status >= 400 else None)

    def open(self, path: str):
        response = self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")
        if path.startswith("search.html?q="):
            self.page.wait_for_function(
                "document.querySelector('#search-status').textContent.match(/found/)")
        assert self.page.evaluate("document.body.dataset.theme") == self.theme
        return response

    def axe(self, context: object = None, rules: list[str] | None = None) -> dict:
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            self.page.add_script_tag(path=str(tools.AXE))
        options = ({"runOnly": {"type": "rule", "values": rules}} if rules else
                   {"runOnly": {"type": "tag", "values": WCAG_AA}})
        return self.page.evaluate("([context, options]) => axe.run(context || document, options)",
                                  [context, options])

    def close(self) -> None:
        self.context.close()


@contextlib.contextmanager
def reader(browser, base: str, **kwargs) -> Iterator[Reader]:
    tools.npm_tool(tools.AXE)
    r = Reader(browser, base, **kwargs)
    try:
        yield r
    finally:
        r.close()
    assert r.problems == []


def describe(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {n['target']} {n['failureSummary']}"
            for v in violations for n in v["nodes"]]


# --- axe-core: WCAG 2.0/2.1/2.2 A and AA --------------------------------------------------

@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("theme", THEMES)
def test_every_page_type_has_no_wcag_violation(browser, http_url, theme, viewport):
    """Also: no console error, failed request or HTTP error on any of them."""
    with reader(browser, http_url, theme=theme, viewport=viewport) as r:
        found = {}
        for name, path in PAGES.items():
            response = r.open(path)
            assert response.status == (404 if name == "404" else 200) or name == "404"
            violations = r.axe()["violations"]
            if violations:
                found[name] = describe(violations)
        assert found == {}


@pytest.mark.parametrize("theme", THEMES)
def test_open_search_dropdown_has_no_wcag_violation(browser, http_url, theme):
    with reader(browser, http_url, theme=theme) as r:
        r.open("index.html")
        r.page.locator("input.sidebar-search").fill("ketamine")
        r.page.locator("form.hd-search [role=listbox]").wait_for(state="visible")
        r.page.keyboard.press("ArrowDown")
        assert describe(r.axe()["violations"]) == []


COMPONENTS = {
    ARTICLE: [".hd-crisis", ".hd-disclaimer--educational", ".hd-disclaimer--compounded-ketamine",
              ".hd-stay-informed", ".hd-review", ".hd-related .hd-card"],
    # Cards with date and reading time.
    "tags/ketamine.html": [".hd-cards .hd-card"],
    "index.html": [".hd-cards .hd-card", ".hd-get-help--sidebar"],
    CARE_ARTICLE: [".hd-care--soon", ".hd-care--today", ".hd-care--now"],
    "get-help.html": [".hd-crisis"],
    "404.html": [".hd-crisis"],
}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("path", COMPONENTS)
def test_component_colour_contrast_is_measured_and_passes(browser, http_url, theme, path):
    """axe leaves text it cannot measure as "incomplete"; every text node in each box
    must be measured and pass (4.5:1, 3:1 large)."""
    with reader(browser, http_url, theme=theme) as r:
        r.open(path)
        # furo makes body exactly as tall as the viewport (html, body {height: 100%}).
        # On a scrolled page, axe cannot resolve the background of text that straddles
        # body's bottom edge ("partially obscured"), so the viewport is made as tall as
        # the page: nothing scrolls and body holds every box.
        height = r.page.evaluate("document.documentElement.scrollHeight")
        r.page.set_viewport_size({"width": VIEWPORTS["desktop"]["width"], "height": height})
        for selector in COMPONENTS[path]:
            boxes = r.page.locator(selector).count()
            assert boxes >= 1, selector
            result = r.axe({"include": [[selector]]}, ["color-contrast"])
            assert describe(result["violations"]) == []
            assert describe(result["incomplete"]) == [], selector
            measured = sum(len(rule["nodes"]) for rule in result["passes"])
            assert measured >= boxes, selector  # text measured in every box


# --- crisis help ----------------------------------------------------------------------

@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_crisis_links_are_named_and_big_enough(browser, http_url, viewport):
    with reader(browser, http_url, viewport=viewport) as r:
        r.open(ARTICLE)
        banner = r.page.get_by_role("region", name="Help is available now", exact=True)
        assert banner.count() == 1
        for name, href in (("Call 988", "tel:988"), ("Text 988", "sms:988")):
            link = banner.get_by_role("link", name=name, exact=True)
            assert link.count() == 1, name
            assert link.get_attribute("href") == href
            link.scroll_into_view_if_needed()
            box = link.bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24, (name, box)


# --- crisis help on every page (issue 14) -----------------------------------------------

def _reader_pages(site: Path) -> list[str]:
    """Every built page except redirect stubs."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))


_HELP_LINKS = """() => [...document.querySelectorAll('a.hd-get-help')]
  .filter(a => a.checkVisibility({visibilityProperty: true, opacityProperty: true}))
  .map(a => {
    const b = a.getBoundingClientRect();
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    return {href: a.getAttribute('href'), url: a.href, text: a.textContent, left: b.left,
            right: b.right, top: b.top, bottom: b.bottom, width: b.width, height: b.height,
            onTop: hit === a || a.contains(hit), role: a.getAttribute('role')};
  })"""


@pytest.mark.parametrize("width, height", [(320, 568), (375, 667), (1280, 800)])
def test_get_help_link_is_visible_on_every_page_without_opening_a_menu(
        browser, http_url, site, width, height):
    """On every page (articles, topics, tags, indexes, search, glossary, 404, help):
    one "Get help now" link on the first screen, uncovered, at least 24x24 px."""
    pages = _reader_pages(site)
    assert len(pages) >= 20
    wrong = {}
    with reader(browser, http_url, viewport="desktop" if width > 1000 else "mobile") as r:
        r.page.set_viewport_size({"width": width, "height": height})
        for path in pages:
            r.open(path)
            links = r.page.evaluate(_HELP_LINKS)
            if len(links) != 1:
                wrong[path] = f"{len(links)} visible links"
                continue
            link = links[0]
            problems = [name for name, bad in (
                ("text", link["text"] != "Get help now"),
                ("target", not (link["url"].endswith("/get-help.html") or link["href"] == "#")),
                ("off screen", link["left"] < 0 or link["right"] > width or link["top"] < 0
                 or link["bottom"] > height),
                ("covered", not link["onTop"]),
                ("small", link["width"] < 24 or link["height"] < 24),
                ("role", link["role"] is not None)) if bad]
            if problems:
                wrong[path] = problems
    assert wrong == {}


@pytest.mark.parametrize("theme", THEMES)
def test_every_articles_banner_starts_its_first_action_on_the_first_phone_screen(
        browser, http_url, site, theme):
    """375x667: the banner's first action link ends within the first 667 px."""
    articles = [p for p in _reader_pages(site) if p.startswith("articles/")]
    bottoms = {}
    with reader(browser, http_url, theme=theme, viewport="mobile") as r:
        for path in articles:
            r.open(path)
            assert r.page.evaluate("scrollY") == 0
            box = r.page.evaluate("""() => {
              const a = document.querySelector('.hd-crisis a.hd-action');
              return a && a.getBoundingClientRect().toJSON(); }""")
            if box is not None:
                bottoms[path] = round(box["bottom"])
    assert len(bottoms) >= 4, bottoms  # every article that has a banner
    assert {path: y for path, y in bottoms.items() if y > VIEWPORTS["mobile"]["height"]} == {}


def test_search_tag_filter_shows_readable_labels(browser, http_url):
    with reader(browser, http_url) as r:
        r.open(SEARCH)
        options = r.page.eval_on_selector_all(
            "select[name=tag] option", "os => os.map(o => [o.value, o.textContent])")
        assert ["fda", "FDA"] in options
        assert ["treatment-resistant-depression", "Treatment-resistant depression"] in options


def test_show_more_results_are_busy_until_their_links_and_snippets_are_in(browser, http_url):
    """The search page's list is aria-busy while results wait for their deep links and
    snippets, for the first ten and again for the ten "Show more results" adds; then every
    result has its snippet."""
    with reader(browser, http_url) as r:
        r.page.goto(http_url + "search.html?q=depression")
        done = ("document.querySelector('#search-status').textContent.match(/found/)"
                " && !document.querySelector('#search-results [aria-busy]')")
        r.page.wait_for_function(done)
        results = r.page.locator("#search-results li.hd-search-result")
        assert results.count() == 10
        held, holding = [], [True]  # the next ten's snippets wait till the list is seen busy

        def snippet_file(route) -> None:
            if holding[0]:
                held.append(route)
            else:
                route.continue_()

        r.page.route(re.compile(r"/_static/hdsearch/d/"), snippet_file)
        r.page.locator("button.hd-search-more").click()
        r.page.wait_for_function("document.querySelectorAll('#search-results li').length > 10")
        r.page.wait_for_function("() => document.querySelector('#search-results ul')"
                                 ".getAttribute('aria-busy') === 'true'")
        for _ in range(50):  # their snippet files are asked for after the next paint
            if held:
                break
            r.page.wait_for_timeout(100)
        assert held
        holding[0] = False
        for route in held:
            route.continue_()
        r.page.wait_for_function(done)
        snippets = r.page.eval_on_selector_all(
            "#search-results .hd-search-result__snippet", "ps => ps.map(p => p.textContent.trim())")
        assert len(snippets) > 10 and all(snippets), snippets


# --- phones: wide tables, footnote markers --------------------------------------------

TABLE_ARTICLE = "articles/ketamine-vs-ssris.html"
#: Grey levels of a screenshot strip, decoded by the browser (no imaging library here).
_STRIP_LEVELS = """async ([png, x, width]) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + png;
  await image.decode();
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(x, 0, width, image.height).data;
  const levels = [];
  for (let i = 0; i < data.length; i += 4) levels.push((data[i] + data[i + 1] + data[i + 2]) / 3);
  return levels;
}"""


def _cue(r, region) -> tuple[float, float]:
    """How much darker the table's left and right 8 px are with the cue than without."""
    import base64

    def strips() -> tuple[list[float], list[float]]:
        png = base64.b64encode(region.screenshot()).decode()
        width = int(region.bounding_box()["width"])
        return (r.page.evaluate(_STRIP_LEVELS, [png, 0, 8]),
                r.page.evaluate(_STRIP_LEVELS, [png, width - 8, 8]))

    left, right = strips()
    region.evaluate("e => e.style.setProperty('background', 'none', 'important')")
    plain_left, plain_right = strips()
    region.evaluate("e => e.style.removeProperty('background')")
    darker = lambda cue, plain: sum(p - c for c, p in zip(cue, plain, strict=True)) / len(cue)
    return darker(left, plain_left), darker(right, plain_right)


@pytest.mark.parametrize("theme", THEMES)
def test_wide_table_scrolls_with_a_visible_cue_and_the_keyboard(browser, http_url, theme):
    with reader(browser, http_url, theme=theme, viewport="mobile") as r:
        r.page.set_viewport_size({"width": 320, "height": 568})  # WCAG's reflow width
        r.open(TABLE_ARTICLE)
        region = r.page.get_by_role("region", name="Table: How each one is given")
        assert region.count() == 1
        region.evaluate("e => e.scrollIntoView({block: 'center', behavior: 'instant'})")
        assert region.evaluate("e => e.scrollWidth > e.clientWidth + 20")  # it is cut off
        left, right = _cue(r, region)
        # A shadow on the side with more table (light: darker; dark: lighter), none on the other.
        sign = 1 if theme == "light" else -1
        assert sign * right > 3 and abs(left) < 1, (left, right)
        # Keyboard: Tab reaches it (it has a focus ring), arrows scroll it.
        region.focus()
        assert region.evaluate("e => e === document.activeElement && e.matches(':focus-visible')"
                               " || getComputedStyle(e).outlineStyle !== 'none'")
        for _ in range(30):
            r.page.keyboard.press("ArrowRight")
        r.page.wait_for_function(
            "e => e.scrollLeft + e.clientWidth >= e.scrollWidth - 1", arg=region.element_handle())
        left, right = _cue(r, region)
        assert sign * left > 3 and abs(right) < 1, (left, right)


_LINES = """p => {
  const lineHeight = parseFloat(getComputedStyle(p).lineHeight);
  const lines = p.getBoundingClientRect().height / lineHeight;
  return {lineHeight, lines};
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_footnote_markers_are_24px_targets_and_keep_the_line_height(browser, http_url, viewport):
    with reader(browser, http_url, viewport=viewport) as r:
        r.open(ARTICLE)
        markers = r.page.locator("article p a.footnote-reference")
        assert markers.count() >= 8
        checked = 0
        for index in range(markers.count()):
            marker = markers.nth(index)
            # A marker right next to another shares its area with it; check the lone ones.
            if marker.evaluate("a => [a.previousSibling, a.nextSibling].some(s => s && "
                               "s.nodeType === 1 && s.matches('a.footnote-reference'))"):
                continue
            # Mid-screen: clear of furo's sticky header and inside the viewport.
            marker.evaluate("a => a.scrollIntoView({block: 'center', behavior: 'instant'})")
            box = marker.bounding_box()
            assert box["width"] < 24 and box["height"] < 24  # small to see...
            cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            for dx, dy in ((-11.5, -11.5), (11.5, -11.5), (-11.5, 11.5), (11.5, 11.5)):
                hit = r.page.evaluate(
                    "([x, y]) => { const e = document.elementFromPoint(x, y);"
                    " return e && e.closest('a.footnote-reference')?.getAttribute('href'); }",
                    [cx + dx, cy + dy])
                assert hit == marker.get_attribute("href"), (index, dx, dy)  # ...big to tap
            paragraph = marker.evaluate_handle("a => a.closest('p')")
            lines = r.page.evaluate(_LINES, paragraph)
            assert abs(lines["lines"] - round(lines["lines"])) < 0.05, lines  # no taller line
            checked += 1
        assert checked >= 5


# --- keyboard -------------------------------------------------------------------------

# Everything a keyboard user should reach, in document order, and what the focused
# element looks like; sticky/fixed boxes that could cover it (furo's mobile header).
_TABBABLE = """() => [...document.querySelectorAll(
  'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea, [tabindex]')]
  .filter(e => e.tabIndex >= 0 && e.checkVisibility({visibilityProperty: true}))"""
_FOCUS_STATE = """async () => {
  // Wait for smooth scrolling and drawer transitions to finish.
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
  for (let last = -1, same = 0; same < 3; ) {
    await new Promise(r => requestAnimationFrame(r));
    same = scrollY === last ? same + 1 : 0; last = scrollY;
  }
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  let ring = false;
  for (let n = e; n && n !== document.body; n = n.parentElement) {
    const s = getComputedStyle(n);  // the element, or a :focus-within ancestor (cards)
    if ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none') {
      ring = true; break;
    }
  }
  const r = e.getBoundingClientRect();
  let covered = null;
  for (const s of document.querySelectorAll('.mobile-header, .sidebar-drawer, .toc-drawer, .hd-search__list')) {
    const st = getComputedStyle(s);
    if (!['sticky', 'fixed'].includes(st.position) || st.display === 'none' || s.contains(e)) continue;
    const b = s.getBoundingClientRect();
    const overlap = Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top) > 1 &&
                    Math.min(r.right, b.right) - Math.max(r.left, b.left) > 1;
    if (overlap && elementFromPoint(r) !== e) covered = s.className;
  }
  function elementFromPoint(r) {
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 4));
    return hit && (hit === e || e.contains(hit)) ? e : hit;
  }
  return {index: window.__tabbable.indexOf(e), label: e.outerHTML.slice(0, 120), ring,
          onScreen: r.width > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
          covered};
}"""


def _walk(page, key: str) -> list[dict]:
    page.evaluate(f"window.__tabbable = ({_TABBABLE})()")
    total = page.evaluate("window.__tabbable.length")
    stops: list[dict] = []
    for _ in range(total + 5):
        page.keyboard.press(key)
        state = page.evaluate(_FOCUS_STATE)
        if state is None or (stops and state["index"] == stops[0]["index"]):
            break
        stops.append(state)
    return stops


KEYBOARD_PAGES = ["index.html", ARTICLE, SEARCH, "glossary.html", "404.html", "get-help.html"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", KEYBOARD_PAGES)
def test_tab_reaches_everything_in_order_with_visible_focus(browser, http_url, path, viewport):
    with reader(browser, http_url, viewport=viewport) as r:
        r.open(path)
        stops = _walk(r.page, "Tab")
        total = r.page.evaluate("window.__tabbable.length")
        # Every link and control, once each, in document order (no tabindex tricks).
        assert [s["index"] for s in stops] == list(range(total)), [s["label"] for s in stops]
        # The skip link, then "Get help now" (the header's on phones, the sidebar's on desktop).
        assert 'class="skip-to-content' in stops[0]["label"]
        assert 'class="hd-get-help' in stops[1]["label"]
        assert [s["label"] for s in stops if not s["ring"]] == []
        assert [s["label"] for s in stops if not s["onScreen"]] == []
        assert [(s["label"], s["covered"]) for s in stops if s["covered"]] == []


def test_shift_tab_back_up_the_article_is_never_under_the_sticky_header(browser, http_url):
    """Going backwards lands focus at the top edge, where furo's header sits."""
    with reader(browser, http_url, viewport="mobile") as r:
        r.open(ARTICLE)
        r.page.keyboard.press("End")
        stops = _walk(r.page, "Shift+Tab")
        assert len(stops) > 50
        assert [(s["label"], s["covered"]) for s in stops if s["covered"] or not s["onScreen"]] == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_search_dropdown_with_the_keyboard_only(browser, http_url, viewport):
    with reader(browser, http_url, viewport=viewport) as r:
        r.open(ARTICLE)
        box = r.page.locator("input.sidebar-search")
        for _ in range(10):
            r.page.keyboard.press("Tab")
            if box.evaluate("e => e === document.activeElement"):
                break
        else:
            pytest.fail("Tab never reaches the search box")
        r.page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
        assert box.bounding_box()["x"] >= 0  # on screen: the drawer slid in
        r.page.keyboard.type("ketamine")
        listbox = r.page.locator("form.hd-search [role=listbox]")
        # Results for the whole word, not for a prefix typed on the way (debounced).
        listbox.get_by_text("results for \u201cketamine\u201d").wait_for()
        r.page.keyboard.press("ArrowDown")
        r.page.keyboard.press("ArrowDown")
        chosen = r.page.locator("form.hd-search [role=option][aria-selected=true]")
        assert chosen.count() == 1
        assert box.get_attribute("aria-activedescendant") == chosen.get_attribute("id")
        outline = chosen.evaluate("a => getComputedStyle(a).outlineStyle")
        assert outline != "none"  # the active option is visibly marked
        r.page.keyboard.press("Escape")
        assert not listbox.is_visible()
        assert box.evaluate("e => e === document.activeElement")
        r.page.keyboard.press("ArrowDown")  # opens again on the first result
        href = chosen.evaluate("a => a.href")
        r.page.keyboard.press("Enter")
        r.page.wait_for_url(href)


# --- every page: console, requests, links and #anchors -------------------------------------

def test_crawl_every_page_links_and_anchors_resolve(browser, http_url, site):
    """Every built page loads with no console error or failed request; every same-site
    link (also those scripts add) leads to a page that exists, and to its #anchor."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    redirects = {p for p in pages
                 if 'http-equiv="refresh"' in (site / p).read_text(encoding="utf-8")}
    ids: dict[str, set[str]] = {}
    links: dict[str, set[str]] = {}
    with reader(browser, http_url) as r:
        for path in pages:
            if path in redirects:
                r.page.goto(http_url + path)
                r.page.wait_for_load_state("load")
                assert not r.page.url.endswith(path), f"{path} does not redirect"
                continue
            r.open(path)
            ids[path] = set(r.page.eval_on_selector_all(
                "[id], a[name]", "els => els.map(e => e.id || e.getAttribute('name'))"))
            links[path] = set(r.page.eval_on_selector_all(
                "a[href], link[href]", "els => els.map(e => e.href)"))
        r.open(SEARCH)  # result links are made by script
        links[SEARCH] = set(r.page.eval_on_selector_all("#search-results a", "e => e.map(a => a.href)"))
        assert links[SEARCH]
    broken = []
    for source, hrefs in sorted(links.items()):
        for href in sorted(hrefs):
            if not href.startswith(http_url):
                continue
            url, fragment = urldefrag(href)
            target = unquote(urlsplit(url).path).removeprefix(urlsplit(http_url).path)
            if target == "" or target.endswith("/"):
                target += "index.html"
            if not (site / target).is_file():
                broken.append(f"{source}: {href} (no such file)")
            elif fragment and target.endswith(".html") and target not in redirects \
                    and unquote(fragment) not in ids.get(target, set()):
                broken.append(f"{source}: {href} (no #{fragment})")
    assert broken == []
    assert len(ids) >= 20


# --- print -------------------------------------------------------------------------------

def test_print_keeps_safety_boxes_and_drops_navigation(browser, http_url, site):
    with reader(browser, http_url) as r:
        r.open(ARTICLE)
        r.page.emulate_media(media="print")
        for kept in (".hd-crisis", ".hd-disclaimer--educational",
                     ".hd-disclaimer--compounded-ketamine", ".hd-review", ".hd-get-help-print"):
            assert r.page.locator(kept).is_visible(), kept
        # The header link becomes the crisis lines in words at the top of the page.
        printed = r.page.locator(".hd-get-help-print")
        assert printed.inner_text().startswith("Get help now: 988 Suicide & Crisis Lifeline")
        assert printed.bounding_box()["y"] < r.page.locator("h1").bounding_box()["y"]
        for dropped in (".sidebar-drawer", ".toc-drawer", ".mobile-header", ".hd-breadcrumbs",
                        ".hd-related", ".back-to-top", ".related-pages", ".hd-get-help"):
            for element in r.page.locator(dropped).all():
                assert not element.is_visible(), dropped
        # Phone and text links print as their words ("Call 988"), not "Call 988(tel:988)";
        # the chat link adds its web address after a space.
        for href in ("tel:988", "sms:988"):
            after = r.page.locator(f".hd-crisis a[href='{href}']").evaluate(
                "a => getComputedStyle(a, '::after').content")
            assert after in ("none", "normal"), (href, after)
        chat = r.page.locator(".hd-crisis a[href^='https://988lifeline.org']")
        assert chat.evaluate("a => getComputedStyle(a, '::after').content") in (
            '"(" attr(href) ")"', '"(https://988lifeline.org/chat/)"')
        assert chat.evaluate("a => parseFloat(getComputedStyle(a, '::after').marginLeft)") > 2
        # The page's address and review line come first; the theme credit is left out.
        header = r.page.locator(".hd-print-header")
        assert header.is_visible()
        assert header.inner_text().startswith("https://example.org/articles/")
        assert "Last reviewed:" in header.inner_text()
        first = r.page.evaluate("""() => [...document.querySelectorAll('article *')]
            .find(e => e.checkVisibility() && e.getBoundingClientRect().height > 0).className""")
        assert first == "hd-print-header"
        bottom = r.page.locator(".bottom-of-page").inner_text()
        assert "Copyright" in bottom and "Made with" not in bottom and "Furo" not in bottom
        for dropped in (".hd-footer-links", ".hd-report", ".hd-stay-informed"):
            assert not r.page.locator(dropped).is_visible(), dropped
        pdf = r.page.pdf(format="A4")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / "article-print.pdf").write_bytes(pdf)
        assert pdf.startswith(b"%PDF-")
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 2


def test_print_keeps_the_care_cards_with_their_levels(browser, http_url):
    with reader(browser, http_url) as r:
        r.open(CARE_ARTICLE)
        r.page.emulate_media(media="print")
        cards = r.page.locator(".hd-care")
        assert cards.count() == 3
        widths = []
        for card in cards.all():
            assert card.is_visible()
            assert card.locator(".hd-box__title").inner_text().split(" – ")[0] in (
                "Not urgent", "Urgent", "Emergency")
            widths.append(card.evaluate("e => parseFloat(getComputedStyle(e).borderLeftWidth)"))
        assert widths == sorted(widths) and widths[0] < widths[-1]  # heavier as the level rises
        # The emergency card's actions print as their words, which name the number
        # ("Call 911"), without the raw "tel:" address after them.
        call = r.page.locator(".hd-care--now a[href='tel:911']")
        assert call.inner_text() == "Call 911"
        assert call.evaluate("a => getComputedStyle(a, '::after').content") == "none"


# --- HTML validity -----------------------------------------------------------------------

def test_built_pages_are_valid_html(site):
    """Nu HTML checker over every page: no errors (furo's own markup included)."""
    vnu, java = tools.npm_tool(tools.VNU), tools.java()
    pages = sorted(str(p) for p in site.rglob("*.html"))
    result = subprocess.run([java, "-jar", str(vnu), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{Path(urlsplit(m.get('url', '')).path).relative_to(site)}:{m.get('lastLine')}: "
              f"{m['message']}" for m in messages if m["type"] in ("error", "non-document-error")]
    assert errors == []
    assert len(pages) >= 20


# --- screenshots ---------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("theme", THEMES)
def test_article_screenshots(browser, http_url, theme, viewport):
    """_build/screenshots/article-<theme>-<viewport>.png: the first screen of an article."""
    with reader(browser, http_url, theme=theme, viewport=viewport) as r:
        r.open(ARTICLE)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"article-{theme}-{viewport}.png"
        path.write_bytes(r.page.screenshot())
        width = int.from_bytes(path.read_bytes()[16:20], "big")  # PNG IHDR
        assert width == VIEWPORTS[viewport]["width"]
        background = r.page.evaluate("getComputedStyle(document.body).backgroundColor")
        channels = [int(c) for c in re.findall(r"\d+", background)[:3]]
        assert (sum(channels) > 600) == (theme == "light"), background
