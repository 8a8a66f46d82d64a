"""What a reader gets from search, in a real browser: dropdown, search page, file://."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from healthdocs.search.text import stem
from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent.parent / "roots"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir):
    """One build of the search test root for the whole module."""
    srcdir = sphinx_test_tempdir / "browser-search"
    if srcdir.exists():
        shutil.rmtree(srcdir)
    shutil.copytree(ROOTS / "test-search", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    app.build()
    yield Path(app.outdir)
    app.cleanup()


def results(tab, url: str) -> list[str]:
    """hrefs of the first link of each result on a search page, relative to the site."""
    tab.goto(url)
    # Found, and every result's deep link and snippet filled in (the list is busy till then).
    tab.wait_for_function("document.querySelector('#search-status').textContent.match(/found/)"
                          " && !document.querySelector('#search-results [aria-busy]')")
    hrefs = tab.eval_on_selector_all("#search-results li", "lis => lis.map(li => li.querySelector('a').href)")
    base = url.split("search.html")[0]
    return [h.removeprefix(base) for h in hrefs]


def test_dropdown_works_with_keyboard_only(tab, http_url):
    tab.goto(http_url + "index.html")
    for _ in range(20):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.matches('input.sidebar-search')"):
            break
    else:
        pytest.fail("the sidebar search box cannot be reached with Tab")
    box = tab.locator("input.sidebar-search")
    listbox = tab.locator("form.hd-search [role=listbox]")
    # Focus fetched the client, which makes the box a combobox when it arrives.
    tab.wait_for_function("document.activeElement.getAttribute('role') === 'combobox'")
    assert box.get_attribute("aria-controls") == listbox.get_attribute("id")
    tab.keyboard.type("seratonin")  # a typo
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.locator("[role=option]")
    first = options.nth(0)
    assert first.locator(".hd-search__title").inner_text() == "Serotonin and mood"
    assert first.locator(".hd-search__title mark").inner_text() == "Serotonin"
    assert "chemical messenger" in first.locator(".hd-search__snippet").inner_text()
    assert first.locator(".hd-search__category").inner_text() == "Medicines"

    tab.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")

    tab.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert not listbox.is_visible()
    assert box.get_attribute("aria-activedescendant") is None

    tab.keyboard.press("ArrowDown")  # opens again on the first result
    assert listbox.is_visible()
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/articles/serotonin\.html$"))


CLIENT = re.compile(r"/_static/hdsearch\.js(\?|$)")


def test_client_loads_on_first_focus_and_searches_what_was_typed_meanwhile(tab, http_url):
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    held: list = []  # the client's download, answered when the test says so
    tab.route(CLIENT, lambda route: held.append(route))
    tab.goto(http_url + "articles/serotonin.html")
    tab.wait_for_load_state("networkidle")
    assert [url for url in requested if "hdsearch-loader.js" in url]
    assert [url for url in requested if CLIENT.search(url)] == []
    assert tab.evaluate("typeof HDSearch") == "undefined"

    box = tab.locator("input.sidebar-search")
    with tab.expect_request(CLIENT):
        box.focus()
    tab.keyboard.type("seratonin")  # while the client is still on its way
    tab.wait_for_function("() => true")  # lets the route handler run
    assert len(held) == 1 and tab.evaluate("typeof HDSearch") == "undefined"
    held[0].continue_()
    title = tab.locator("form.hd-search [role=option] .hd-search__title").first
    title.wait_for()
    assert title.inner_text() == "Serotonin and mood"
    assert box.input_value() == "seratonin"
    assert len([url for url in requested if CLIENT.search(url)]) == 1


def test_search_page_needs_only_its_shards_before_the_first_results(browser, http_url):
    """The client, stemmer, index head and titles come inline with the page: the first
    results show with only the query's postings shards (fetched); title and snippet files
    (held back here) follow."""
    context = browser.new_context()
    page = context.new_page()
    requested: list[tuple[str, str]] = []
    page.on("request", lambda request: requested.append((request.url, request.resource_type)))
    held: list = []
    page.route(re.compile(r"/_static/hdsearch/[td]/"), lambda route: held.append(route))
    page.goto(f"{http_url}search.html?q=TRD", wait_until="commit")
    first = page.locator("#search-results li .hd-search-result__title").first
    first.wait_for()
    assert first.get_attribute("href").endswith("articles/resistant.html")
    files = [(url.split("/_static/")[-1], kind) for url, kind in requested if "/_static/hdsearch" in url
             and ".css" not in url]
    shards = [(url, kind) for url, kind in files if not re.match(r"hdsearch/[td]/", url)]
    assert shards and all(re.fullmatch(r"hdsearch/p/\d+\.js", url) and kind == "fetch"
                          for url, kind in shards), files
    for route in held:
        route.continue_()
    context.close()


def test_a_treatment_not_working_finds_treatment_resistance(tab, http_url):
    """The serotonin page's "How SSRIs work" is not an answer to "not working" (intents.tsv,
    `resistance`): the section on why medicines fall short is."""
    assert results(tab, f"{http_url}search.html?q=medicines+not+working")[0] == \
        "articles/resistant.html#why-medicines-fall-short"
    assert results(tab, f"{http_url}search.html?q=medicines+working")[0].startswith("articles/serotonin.html")


def test_words_that_only_ask_are_not_searched(tab, http_url):
    """"how much" asks about cost (intents.tsv, `ask`): a page is not found for saying
    "much", as it is when "much" is one of the words searched."""
    def pages(query: str) -> list[str]:
        return [url.split("#")[0] for url in results(tab, f"{http_url}search.html?q={query}")]

    asked = pages("how+much+is+esketamine")
    assert asked[0] == "articles/nasal-spray.html" and "articles/getting-help.html" not in asked
    assert "articles/getting-help.html" in pages("much+esketamine")


def test_without_javascript_the_box_submits_to_the_search_page(browser, http_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(http_url + "articles/serotonin.html")
    page.locator("input.sidebar-search").fill("ketamine")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\.html\?q=ketamine$"))
    assert "Search needs JavaScript" in page.locator("article").inner_text()
    context.close()


def test_dropdown_enter_without_choice_opens_search_page(tab, http_url):
    tab.goto(http_url + "articles/serotonin.html")
    tab.locator("input.sidebar-search").focus()
    tab.keyboard.type("TRD")
    tab.locator("form.hd-search [role=listbox]").wait_for(state="visible")
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"/search\.html\?q=TRD$"))
    assert tab.locator("#search-results li").first.locator("a").first.get_attribute("href") \
        .endswith("articles/resistant.html")


@pytest.mark.parametrize(("query", "expected"), [
    ("seratonin", "articles/serotonin.html"),  # typo
    ("TRD", "articles/resistant.html"),  # glossary alias
    ("Spravato", "articles/nasal-spray.html"),  # glossary alias
    ("nose spray ketamine", "articles/nasal-spray.html"),  # front matter alias
    ("how long does a session last", "articles/nasal-spray.html#how-long-a-session-lasts"),
    ("resistent depresion", "articles/resistant.html"),  # two typos
    ("esket", "articles/nasal-spray.html"),  # a word being typed
])
def test_search_page_ranks_the_right_article_first(tab, http_url, query, expected):
    hrefs = results(tab, f"{http_url}search.html?q={query}")
    assert hrefs[0] == expected, hrefs
    item = tab.locator("#search-results li").first
    assert item.locator("mark").count() >= 1  # matched words highlighted
    assert tab.input_value("#hd-search-q") == query


@pytest.mark.parametrize("viewport", [(412, 823), (1280, 800)])
def test_search_page_does_not_move_when_results_arrive(browser, http_url, viewport):
    """No layout shift while filters, status and results fill in after the first paint
    (as over a real network), on Lighthouse's mobile screen (412x823) and a desktop."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.add_init_script("window.__shift = 0; new PerformanceObserver(list => list.getEntries()"
                         ".forEach(e => { if (!e.hadRecentInput) window.__shift += e.value; }))"
                         ".observe({type: 'layout-shift', buffered: true});")
    held: list = []  # index files asked for before the first paint

    def index_file(route) -> None:
        if painted:
            route.continue_()
        else:
            held.append(route)

    painted = False
    page.route(re.compile(r"/_static/hdsearch/"), index_file)
    page.goto(f"{http_url}search.html?q=medicines", wait_until="commit")  # 5 results
    page.wait_for_function("performance.getEntriesByType('paint').length > 0")
    painted = True
    for route in held:
        route.continue_()
    page.wait_for_function("document.querySelector('#search-status').textContent.match(/found/)")
    page.wait_for_timeout(300)  # layout-shift entries are reported after the frame
    assert page.evaluate("window.__shift") < 0.005
    context.close()


def test_banner_and_disclaimer_text_are_not_found(tab, http_url):
    # "988" is in every crisis banner, but only getting-help says it in its own words.
    assert results(tab, f"{http_url}search.html?q=988") == ["articles/getting-help.html"]
    # resistant.md shows the compounded-ketamine disclaimer ("not FDA approved").
    hrefs = results(tab, f"{http_url}search.html?q=not FDA approved")
    assert "articles/resistant.html" not in [h.split("#")[0] for h in hrefs]
    assert hrefs[0] == "articles/nasal-spray.html#approval"


def test_filters_and_shareable_url(tab, http_url):
    hrefs = results(tab, f"{http_url}search.html?q=medicines&category=Depression")
    assert hrefs and {h.split("#")[0] for h in hrefs} <= {"articles/resistant.html",
                                                         "articles/getting-help.html"}
    assert tab.input_value("select[name=category]") == "Depression"
    tab.select_option("select[name=category]", "")
    tab.select_option("select[name=tag]", "serotonin")
    tab.wait_for_function("location.search.includes('tag=serotonin')")
    tab.wait_for_function("document.querySelectorAll('#search-results li').length === 1")
    assert "q=medicines" in tab.evaluate("location.search")
    assert "articles/serotonin.html" in tab.locator("#search-results li a").first.get_attribute("href")


def test_search_works_from_file_url(tab, site):
    assert results(tab, (site / "search.html").as_uri() + "?q=TRD")[0] == "articles/resistant.html"
    tab.goto((site / "articles" / "serotonin.html").as_uri())
    tab.locator("input.sidebar-search").fill("spravato")
    option = tab.locator("form.hd-search [role=option]").first
    option.wait_for()
    assert option.locator(".hd-search__title").inner_text() == "Esketamine nasal spray"


def test_browser_stems_words_like_the_build(tab, http_url):
    words = ["depression", "antidepressants", "treatments", "resistant", "serotonin",
             "ketamine", "addictive", "lasting", "sessions", "inflammation", "988"]
    tab.goto(http_url + "index.html")
    tab.locator("input.sidebar-search").focus()  # loads the client
    tab.wait_for_function("window.HDSearch")
    browser_stems = tab.evaluate("ws => Promise.all(ws.map(w => HDSearch.stem(w)))", words)
    assert browser_stems == [stem(w) for w in words]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_dropdown_uses_theme_colours(tab, http_url, theme):
    tab.goto(http_url + "index.html")
    tab.evaluate(f"document.body.dataset.theme = '{theme}'")
    tab.locator("input.sidebar-search").fill("ketamine")
    listbox = tab.locator("form.hd-search [role=listbox]")
    listbox.wait_for(state="visible")
    colours = listbox.evaluate("""l => [getComputedStyle(l).backgroundColor,
        getComputedStyle(l.querySelector('.hd-search__title')).color]""")
    expected = {"light": "rgb(255, 255, 255)", "dark": "rgb(19, 20, 22)"}[theme]
    assert colours[0] == expected
    assert colours[1] != colours[0]


# --- issue 17: typo deep links, titles before snippets, the phone search button ------------

@pytest.mark.parametrize(("query", "typo"), [
    ("how long does a session last", "how long does a sesion last"),
    ("esketamine approval", "esketamin aproval"),
])
def test_typo_keeps_the_section_deep_link(tab, http_url, query, typo):
    tab.goto(http_url + "search.html")
    tab.wait_for_function("!!window.HDSearch")
    exact, typed = tab.evaluate("qs => Promise.all(qs.map(q => HDSearch.query(q, {}, 1)))", [query, typo])
    assert "#" in exact[0]["url"]
    assert typed[0]["url"] == exact[0]["url"]


@pytest.mark.parametrize("where", ["page", "dropdown"])
def test_titles_show_before_snippets(browser, http_url, where):
    """Page files (snippets) held back: titles, sections and deep links are already shown."""
    context = browser.new_context()
    page = context.new_page()
    held: list = []
    page.route(re.compile(r"/_static/hdsearch/d/"), lambda route: held.append(route))
    if where == "page":
        page.goto(http_url + "search.html?q=session", wait_until="domcontentloaded")
        item = page.locator("#search-results li").first
        title, snippet = item.locator(".hd-search-result__title"), item.locator(".hd-search-result__snippet")
    else:
        page.goto(http_url + "index.html")
        page.locator("input.sidebar-search").fill("session")
        item = page.locator("form.hd-search [role=option]").first
        title, snippet = item.locator(".hd-search__title"), item.locator(".hd-search__snippet")
    title.wait_for()
    assert title.inner_text() == "Esketamine nasal spray"
    section = item.locator(".hd-search-result__section" if where == "page" else ".hd-search__section")
    section.get_by_text("How long a session lasts").wait_for()
    assert (title.get_attribute("href") or item.get_attribute("href")).endswith(
        "articles/nasal-spray.html#how-long-a-session-lasts")
    assert snippet.inner_text() == "" and held
    for route in held:
        route.continue_()
    page.route(re.compile(r"/_static/hdsearch/d/"), lambda route: route.continue_())
    page.wait_for_function("s => document.querySelector(s).textContent.length > 0",
                           arg=".hd-search-result__snippet" if where == "page" else ".hd-search__snippet")
    assert "two hours" in snippet.inner_text()
    context.close()


@pytest.mark.parametrize("width", [320, 375])
def test_phone_search_button_opens_a_full_width_search(browser, http_url, width):
    context = browser.new_context(viewport={"width": width, "height": 667})
    page = context.new_page()
    page.goto(http_url + "articles/serotonin.html")
    button = page.locator(".mobile-header a.hd-search-button")
    assert button.is_visible()
    drawer_box = page.locator("input.sidebar-search").bounding_box()
    assert drawer_box["x"] + drawer_box["width"] <= 0  # the menu's box is off screen
    size = button.bounding_box()
    assert size["width"] >= 24 and size["height"] >= 24 and size["x"] + size["width"] <= width
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    box = page.locator("input[data-hd-search=header]")
    assert box.is_visible() and box.evaluate("e => e === document.activeElement")
    assert button.get_attribute("aria-expanded") == "true"
    page.keyboard.type("seratonin")
    listbox = page.locator("form.hd-search--header [role=listbox]")
    listbox.wait_for(state="visible")
    panel = listbox.bounding_box()
    assert panel["x"] <= 16 and panel["width"] >= width - 32  # not squeezed into the drawer
    first = listbox.locator("[role=option]").first
    assert first.locator(".hd-search__title").inner_text() == "Serotonin and mood"
    # Crisis help first in the phone box too; the open box passes axe (WCAG A/AA).
    box.fill("i want to die")
    page.locator("form.hd-search--header section.hd-search-crisis").wait_for()
    if AXE.exists():  # npm ci --omit=dev (CI has it)
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("o => axe.run(document, o)", {"runOnly": {"type": "tag", "values": WCAG_AA}})
        assert [f"{v['id']}: {n['target']}" for v in found["violations"] for n in v["nodes"]] == []
    box.fill("seratonin")
    listbox.locator(".hd-search__title").first.wait_for()
    page.keyboard.press("Escape")  # closes the dropdown...
    assert not listbox.is_visible() and box.is_visible()
    page.keyboard.press("Escape")  # ...then the search box, back to the button
    assert not box.is_visible()
    assert button.evaluate("e => e === document.activeElement")
    context.close()


def test_phone_search_button_without_javascript_goes_to_the_search_page(browser, http_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 667})
    page = context.new_page()
    page.goto(http_url + "articles/serotonin.html")
    page.locator(".mobile-header a.hd-search-button").click()
    page.wait_for_url(re.compile(r"/search\.html$"))
    context.close()


def test_phone_search_button_is_hidden_on_wide_screens(tab, http_url):
    tab.set_viewport_size({"width": 1280, "height": 800})
    tab.goto(http_url + "index.html")
    assert not tab.locator("a.hd-search-button").is_visible()
    assert tab.locator("input.sidebar-search").is_visible()


def test_search_page_shows_titles_before_their_title_files(browser, http_url):
    """The search page ranks and shows titles from every page's title (inline); each result's
    section (and its deep link) comes with the page's own title file."""
    context = browser.new_context()
    page = context.new_page()
    held: list = []
    release = []

    def hold(route) -> None:
        if release:
            route.continue_()
        else:
            held.append(route)

    page.route(re.compile(r"/_static/hdsearch/[td]/"), hold)
    page.goto(http_url + "search.html?q=session", wait_until="domcontentloaded")
    item = page.locator("#search-results li").first
    item.locator(".hd-search-result__title").wait_for()
    assert item.locator(".hd-search-result__title").inner_text() == "Esketamine nasal spray"
    assert item.locator(".hd-search-result__section").inner_text() == ""
    for _ in range(100):  # asked for once the results are painted
        if held:
            break
        page.wait_for_timeout(20)
    assert held and item.locator(".hd-search-result__section").inner_text() == ""
    release.append(True)
    for route in held:
        route.continue_()
    item.locator(".hd-search-result__section").get_by_text("How long a session lasts").wait_for()
    assert item.locator(".hd-search-result__title").get_attribute("href").endswith(
        "articles/nasal-spray.html#how-long-a-session-lasts")
    context.close()
