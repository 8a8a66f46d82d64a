"""Author-written sphinx-design components still work where its files are loaded, and our
own cards lay out and click through without them (tests/test_design.py: which page
loads what)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import build_root

DESIGN_FILES = re.compile(r"/_static/(sphinx-design\.min\.css|design-tabs\.js)")


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir) -> Iterator[Path]:
    app = build_root(sphinx_test_tempdir, "design", "browser-design")
    yield Path(app.outdir)
    app.cleanup()


def test_author_tab_sets_switch_and_stay_in_sync(tab, http_url):
    tab.goto(http_url + "articles/tabs.html")
    first, second = tab.locator(".sd-tab-set").all()
    assert first.get_by_text("Spray text in the first set.").is_visible()
    assert not first.get_by_text("Infusion text in the first set.").is_visible()
    first.get_by_text("Infusion", exact=True).click()
    assert first.get_by_text("Infusion text in the first set.").is_visible()
    assert not first.get_by_text("Spray text in the first set.").is_visible()
    # design-tabs.js moves the other set of the same sync group along.
    assert second.get_by_text("Infusion text in the second set.").is_visible()


def test_author_grid_is_laid_out_in_columns(tab, http_url):
    tab.set_viewport_size({"width": 1280, "height": 800})
    tab.goto(http_url + "articles/grid.html")
    cards = tab.locator(".sd-card")
    assert cards.count() == 2
    first, second = (cards.nth(i).bounding_box() for i in range(2))
    assert first["y"] == second["y"] and second["x"] > first["x"] + first["width"]


@pytest.mark.parametrize(("viewport", "columns"), [((375, 667), 1), ((1280, 800), 2)])
def test_our_cards_need_no_sphinx_design_file(browser, http_url, viewport, columns):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(http_url + "articles/cards.html")
    page.wait_for_load_state("load")
    assert [url for url in requested if DESIGN_FILES.search(url)] == []
    cards = page.locator(".hd-card")
    boxes = [cards.nth(i).bounding_box() for i in range(cards.count())]
    assert len(boxes) == 2
    assert len({box["y"] for box in boxes}) == 2 // columns  # side by side, or stacked
    # The whole card is the link: a click on its text opens the article.
    text = page.locator(".hd-card__description").first.bounding_box()
    page.mouse.click(text["x"] + text["width"] / 2, text["y"] + text["height"] / 2)
    page.wait_for_url(re.compile(r"/articles/(tabs|grid)\.html$"))
    context.close()
