"""Patient-friendly site search: as-you-type, typo- and abbreviation-aware, small downloads.

Replaces Sphinx's own ``searchindex.js`` for the html and dirhtml builders
(see ``index.py`` for the files and ``static/hdsearch.js`` for the client) and
overrides furo's search page and sidebar box (``templates/furo/``). Queries
that suggest a crisis show the site region's crisis lines first (``crisis.tsv``).
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..registry import SITE_BUILDERS
from ..settings import settings
from .collect import SearchCollector
from .index import search_page_data, write_index
from .shards import stemmer_file

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

HERE = Path(__file__).parent


CLIENT = "hdsearch.js"
LOADER = "hdsearch-loader.js"


def _builder_inited(app: Sphinx) -> None:
    if app.builder.name not in SITE_BUILDERS:
        return
    # Our index replaces Sphinx's (which also stops its search page: we render ours).
    app.builder.search = False
    app.config.html_static_path = [*app.config.html_static_path, str(HERE / "static")]
    app.add_css_file("hdsearch.css")
    # Every page gets only the loader, which fetches the client (and the index head and
    # stemmer, all at once) when a search box or the header's search button is used.
    # The client's version in its URL (as Sphinx adds to the files it links) keeps
    # browsers from running a cached old client against a new index.
    app.add_js_file(LOADER, defer="defer", **{"data-client": _client_version()})


def search_page_client(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree: object) -> None:
    """The search page carries the client inline (search.html), so no loader."""
    if pagename != "search" or app.builder.name not in SITE_BUILDERS:
        return
    # In place: the builder's list, restored before each page (see design.py).
    scripts = context["script_files"]
    scripts[:] = [js for js in scripts if js.filename != f"_static/{LOADER}"]


def _client_version() -> str:
    return f"{CLIENT}?v={zlib.crc32((HERE / 'static' / CLIENT).read_bytes()):08x}"


def _inline_json(data: Any) -> str:
    """JSON for a ``<script type="application/json">`` block: nothing in it can end the block."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def _inline_code() -> str:
    """The stemmer and the client, for a ``<script>`` block of the search page."""
    code = stemmer_file() + "\n" + (HERE / "static" / CLIENT).read_text(encoding="utf-8")
    if "</script" in code.lower() or "<!--" in code:
        raise ValueError("the search client cannot be inlined: it contains '</script' or '<!--'")
    return code


def _search_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The search page, with the index head, every page's title, the stemmer and the client
    inline: its first results wait only for the page's styles and the query's shards."""
    if app.builder.name in SITE_BUILDERS:
        parsed = settings(app.config)
        region = parsed.crisis_resources[parsed.crisis_region]
        data = search_page_data(app)
        yield "search", {"title": "Search", "hd_crisis": region, "hd_search_data": data,
                         "hd_search_json": _inline_json, "hd_search_code": _inline_code()}, "search.html"


def setup_search(app: Sphinx) -> None:
    app.add_env_collector(SearchCollector)
    app.connect("builder-inited", _builder_inited)
    app.connect("html-collect-pages", _search_page)
    app.connect("build-finished", write_index)
