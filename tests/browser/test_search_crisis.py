"""Crisis-aware search (issue 14, item 1), in Chromium on the real site: which queries show
the crisis lines, and that they come first, in a labelled region, in the dropdown and on
the search page, with and without JavaScript, light and dark."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import serve

PROJECT = Path(__file__).resolve().parents[2]
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

#: Queries that must show crisis help: phrases and words, lower and upper case,
#: misspelt, alone and among other words.
CRISIS = [
    "suicide", "Suicide", "SUICIDAL THOUGHTS", "suicidal", "suicde", "sucide", "suiside",
    "suicidal ideation ketamine", "ketamine for suicidal thoughts", "i want to kill myself",
    "kill myself", "killing myself", "kill my self", "want to kill myslef", "i want to die",
    "i just want to die", "wanna die", "wanting to die", "end my life", "how to end my life",
    "no reason to live", "i have no reason to live anymore", "nothing to live for",
    "dont want to live", "don't want to be alive", "better off dead", "self harm", "self-harm",
    "selfharm", "self harming", "hurting myself", "hurt myself", "cutting myself", "cutting",
    "overdose", "overdosed on my pills", "antidepressant overdose", "ketamine overdose",
    "crisis", "crisis line", "mental health crisis", "suicide hotline", "hotline", "helpline",
    "988", "call 988", "988 lifeline", "help line", "kms", "i feel like a burden to everyone",
]

#: Ordinary health queries that must not: some share a word or a few letters with a
#: crisis term ("cutting down", "midlife crisis", "end of life", "overdue", "hot").
ORDINARY = [
    "ketamine side effects", "midlife", "midlife crisis", "cutting down alcohol",
    "cutting back on antidepressants", "cutting pills in half", "how ketamine works",
    "depression treatment", "treatment resistant depression", "esketamine nasal spray",
    "spravato cost", "is ketamine addictive", "ptsd nightmares", "serotonin",
    "ssri side effects", "end of life care", "life expectancy with depression",
    "living with depression", "is ketamine worth trying", "review overdue", "opioid crisis",
    "identity crisis", "self care for depression", "self esteem", "harm reduction",
    "painkillers and ketamine", "blood pressure", "hot flashes", "how long does ketamine last",
    "how to cut my ssri dose", "overdue bills stress", "ketamine infusion cost",
    "what is dissociation", "bladder problems ketamine", "glutamate", "postpartum depression",
    "lifestyle changes for depression", "ketamine for ptsd veterans",
    "how many sessions of spravato", "die", "killer headache",
]


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir):
    """The project, built once."""
    srcdir = Path(sphinx_test_tempdir) / "browser-search-crisis"
    shutil.rmtree(srcdir, ignore_errors=True)
    shutil.copytree(PROJECT, srcdir, ignore=shutil.ignore_patterns(
        ".venv*", "_build", ".git", "tests", "__pycache__", ".pytest_cache", "node_modules",
        ".hypothesis", "benchmarks", "docs"))
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    app.build()
    yield Path(app.outdir)
    app.cleanup()


def _verdicts(tab, url: str, queries: list[str]) -> dict[str, bool]:
    tab.goto(url + "search.html")
    tab.wait_for_function("!!window.HDSearch")
    found = tab.evaluate("async qs => { const out = []; for (const q of qs) "
                         "out.push(await HDSearch.crisis(q)); return out; }", queries)
    return dict(zip(queries, found))


def test_crisis_queries_show_help(tab, http_url):
    assert len(CRISIS) >= 40
    verdicts = _verdicts(tab, http_url, CRISIS)
    assert [q for q, shown in verdicts.items() if not shown] == []


def test_ordinary_queries_do_not(tab, http_url):
    assert len(ORDINARY) >= 40
    verdicts = _verdicts(tab, http_url, ORDINARY)
    assert [q for q, shown in verdicts.items() if shown] == []


def _region(page, scope: str):
    box = page.locator(f"{scope} section.hd-search-crisis")
    box.wait_for()
    assert box.get_attribute("role") == "region"
    label = box.get_attribute("aria-labelledby")
    assert page.locator(f"#{label}").inner_text() == "Help is available now"
    assert page.locator(f"{scope} [role=alert]").count() == 0
    hrefs = box.locator("a.hd-action").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert hrefs == ["tel:988", "sms:988", "https://988lifeline.org/chat/", "tel:911"]
    return box


def _axe(page) -> list[str]:
    if not AXE.exists():
        pytest.skip("node_modules/axe-core missing: run `npm ci --omit=dev`")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("o => axe.run(document, o)", {"runOnly": {"type": "tag", "values": WCAG_AA}})
    return [f"{v['id']}: {n['target']}" for v in result["violations"] for n in v["nodes"]]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_search_page_shows_help_first_then_results(browser, http_url, theme):
    context = browser.new_context()
    context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    page = context.new_page()
    page.goto(http_url + "search.html?q=suicidal%20thoughts%20ketamine")
    page.wait_for_function("document.querySelector('#search-status').textContent.match(/found/)")
    box = _region(page, "#hd-search-crisis")
    first_result = page.locator("#search-results li").first
    assert box.bounding_box()["y"] < first_result.bounding_box()["y"]
    # In document order too: help, then the status line, then the results.
    assert page.evaluate("""() => {
        const help = document.querySelector('#hd-search-crisis'), list = document.querySelector('#search-results');
        return !!(help.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    assert _axe(page) == []
    context.close()


def test_search_page_never_ends_in_a_bare_no_results(tab, http_url):
    tab.goto(http_url + "search.html?q=kms")
    tab.wait_for_function("document.querySelector('#search-status').textContent.match(/found/)")
    _region(tab, "#hd-search-crisis")
    assert tab.locator("#search-status").inner_text().startswith("Help is shown first.")
    # An ordinary query shows no help, and the help goes when the query changes.
    tab.fill("#hd-search-q", "ketamine side effects")
    tab.wait_for_function("document.querySelector('#search-status').textContent.includes('side effects')")
    assert tab.locator("#hd-search-crisis section").count() == 0


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_dropdown_shows_help_first_on_every_keystroke(browser, http_url, theme):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    page = context.new_page()
    page.goto(http_url + "articles/how-ketamine-works.html")
    box = page.locator("input.sidebar-search")
    box.click()
    page.keyboard.type("want to die")
    help_box = _region(page, "form.hd-search")
    listbox = page.locator("form.hd-search [role=listbox]")
    listbox.wait_for()
    assert help_box.bounding_box()["y"] < listbox.bounding_box()["y"]
    # Tab goes from the box to the crisis lines, not away.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "tel:988"
    assert _axe(page) == []
    box.fill("ketamine")
    page.locator("form.hd-search [role=option]").first.wait_for()
    page.wait_for_function("!document.querySelector('form.hd-search section.hd-search-crisis')")
    context.close()


def test_help_shows_from_file_urls(tab, site):
    tab.goto((site / "search.html").as_uri() + "?q=hotline")
    tab.wait_for_function("document.querySelector('#search-status').textContent.match(/found/)")
    _region(tab, "#hd-search-crisis")


def test_without_javascript_the_search_page_lists_the_crisis_lines(browser, http_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(http_url + "search.html?q=suicide")
    box = page.locator("noscript section.hd-crisis, section.hd-crisis").first
    assert box.get_attribute("role") == "region"
    hrefs = box.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert "tel:988" in hrefs and "sms:988" in hrefs and "tel:911" in hrefs
    context.close()


@pytest.fixture(scope="module")
def http_url(site):
    with serve(site) as url:
        yield url
