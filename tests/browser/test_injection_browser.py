"""Hostile front matter and settings, in Chromium: pages, dropdown and search page
show the text as text and run nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import build_root, serve


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir) -> Iterator[Path]:
    app = build_root(sphinx_test_tempdir, "hostile", "browser-hostile")
    yield Path(app.outdir)
    app.cleanup()


@pytest.fixture
def watched(tab):
    """The ``tab`` fixture, also failing on any dialog an injected script would open."""
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    assert dialogs == []


def test_article_runs_no_injected_script(watched, site):
    with serve(site) as base:
        watched.goto(base + "articles/evil.html")
        watched.wait_for_load_state("load")
        assert watched.locator("h1").inner_text().startswith('Title <script>alert(')
        assert watched.evaluate("document.querySelectorAll('article script').length") == 0


def test_search_page_and_dropdown_show_hostile_text_as_text(watched, site):
    with serve(site) as base:
        watched.goto(base + "search.html?q=desc")
        results = watched.locator("#search-results li")
        results.first.wait_for()
        assert "alert(" in watched.locator("#search-results").inner_text()
        assert watched.evaluate("document.querySelectorAll('#search-results script, "
                                "#search-results [onmouseover]').length") == 0
        watched.goto(base + "index.html")
        box = watched.locator("input[data-hd-search=dropdown]")
        box.click()
        box.fill("title")  # one input event: no results for a partly typed word
        listbox = watched.locator("[role=listbox]").first
        watched.wait_for_function("document.querySelector('[role=listbox]')"
                                  " && document.querySelector('[role=listbox]').innerText"
                                  ".includes('alert(')")
        assert "alert(" in listbox.inner_text()
        assert watched.evaluate("document.querySelectorAll('[role=listbox] script, "
                                "[role=listbox] [onmouseover]').length") == 0
