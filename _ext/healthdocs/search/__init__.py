"""Patient-friendly site search: as-you-type, typo- and abbreviation-aware, small downloads.

Replaces Sphinx's own ``searchindex.js`` for the html and dirhtml builders
(see ``index.py`` for the files and ``static/hdsearch.js`` for the client) and
overrides furo's search page and sidebar box with the templates here.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .collect import SearchCollector
from .index import SEARCH_BUILDERS, write_index

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config

HERE = Path(__file__).parent


def _templates(app: Sphinx, config: Config) -> None:
    # A new list: the default one may be shared by every Sphinx app in the process.
    config.templates_path = [str(HERE / "templates"), *config.templates_path]


CLIENT = "hdsearch.js"
LOADER = "hdsearch-loader.js"


def _builder_inited(app: Sphinx) -> None:
    if app.builder.name not in SEARCH_BUILDERS:
        return
    # Our index replaces Sphinx's (which also stops its search page: we render ours).
    app.builder.search = False
    app.config.html_static_path = [*app.config.html_static_path, str(HERE / "static")]
    app.add_css_file("hdsearch.css")
    # Every page gets only the loader, which fetches the client when a search box is
    # used. The client's version in its URL (as Sphinx adds to the files it links)
    # keeps browsers from running a cached old client against a new index.
    version = f"{zlib.crc32((HERE / 'static' / CLIENT).read_bytes()):08x}"
    app.add_js_file(LOADER, defer="defer", **{"data-client": f"{CLIENT}?v={version}"})


def search_page_client(app: Sphinx, pagename: str, templatename: str,
                        context: dict[str, Any], doctree: object) -> None:
    """The search page shows results at once: the client itself instead of the loader."""
    if pagename != "search" or app.builder.name not in SEARCH_BUILDERS:
        return
    # In place: the builder's list, restored before each page (see design.py).
    scripts = context["script_files"]
    scripts[:] = [js for js in scripts if js.filename != f"_static/{LOADER}"]
    # The builder's own method: this page only. app.add_js_file would also register
    # the file for every page of any later build by the same application (the preview).
    app.builder.add_js_file(CLIENT, defer="defer")


def _search_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if app.builder.name in SEARCH_BUILDERS:
        yield "search", {"title": "Search"}, "search.html"


def setup_search(app: Sphinx) -> None:
    app.add_env_collector(SearchCollector)
    app.connect("config-inited", _templates)
    app.connect("builder-inited", _builder_inited)
    app.connect("html-collect-pages", _search_page)
    app.connect("build-finished", write_index)
