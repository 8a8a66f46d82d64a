"""sphinx-design's stylesheet and tab script only on the pages that use sphinx-design.

How the pages work in a browser: tests/browser/test_design_browser.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import assert_same_as_clean_build, copy_root, page, warnings, write_source

# page: (sphinx-design's stylesheet, its tab script)
EXPECTED = {
    "articles/cards": (False, False),  # only our related cards
    "articles/tabs": (True, True),
    "articles/grid": (True, False),  # an author's grid, no tabs
    "articles/icon": (True, False),  # an SVG icon: no node class, its HTML has one
    "topics/care": (False, False),  # a generated page (no doctree) full of our cards
    "index": (False, False),
    "search": (False, False),
}


def _assets(app, docname: str) -> tuple[bool, bool]:
    soup = page(app, docname)
    styles = [link["href"].split("?")[0] for link in soup.find_all("link", rel="stylesheet")]
    scripts = [script["src"].split("?")[0] for script in soup.find_all("script", src=True)]
    return (any(s.endswith("_static/sphinx-design.min.css") for s in styles),
            any(s.endswith("_static/design-tabs.js") for s in scripts))


@pytest.mark.parametrize("parallel", [1, 2])
def test_sphinx_design_files_only_on_pages_that_use_it(make_app, rootdir, sphinx_test_tempdir,
                                                       parallel):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, f"design-j{parallel}", "design")
    app = make_app("html", srcdir=srcdir, freshenv=True, parallel=parallel)
    app.build()
    assert warnings(app) == []
    assert {name: _assets(app, name) for name in EXPECTED} == EXPECTED
    # Our cards carry no sphinx-design class: nothing on the page needs its files.
    cards = page(app, "articles/cards")
    assert len(cards.select(".hd-related .hd-cards > .hd-card")) == 2
    assert cards.select("[class*='sd-']") == []
    # Still copied, for the pages that do use them.
    static = Path(app.outdir) / "_static"
    assert (static / "sphinx-design.min.css").is_file()
    assert (static / "design-tabs.js").is_file()


def test_rebuild_follows_components_moving_between_pages(make_app, rootdir,
                                                         sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "design-incremental", "design")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    tabs, cards = srcdir / "articles" / "tabs.md", srcdir / "articles" / "cards.md"
    text = tabs.read_text(encoding="utf-8")
    tab_sets = text[text.index("::::{tab-set}"):]
    write_source(tabs, text.replace(tab_sets, "No tabs any more.\n"))
    write_source(cards, cards.read_text(encoding="utf-8") + "\n" + tab_sets)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert _assets(app, "articles/cards") == (True, True)
    assert _assets(app, "articles/tabs") == (False, False)
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)
