"""Patient-friendly site search: as-you-type, typo- and abbreviation-aware, small downloads.

Replaces Sphinx's own ``searchindex.js`` for the html and dirhtml builders
(see ``index.py`` for the files and ``static/hdsearch.js`` for the client) and
overrides furo's search page and sidebar box with the templates here. Queries
that suggest a crisis show the site region's crisis lines first (``crisis.tsv``).
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import _conf_location, crisis_regions
from ..util import warn
from .collect import SearchCollector
from .index import INDEX_DIR, SEARCH_BUILDERS, shard_starts, write_index
from .text import STOPWORDS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config

HERE = Path(__file__).parent


def _templates(app: Sphinx, config: Config) -> None:
    # A new list: the default one may be shared by every Sphinx app in the process.
    config.templates_path = [str(HERE / "templates"), *config.templates_path]


def _check_crisis_terms(app: Sphinx, config: Config) -> None:
    value = config.healthdocs_search_crisis_terms
    if not (isinstance(value, (list, tuple)) and all(isinstance(v, str) and v.strip() for v in value)):
        warn("conf.py: healthdocs_search_crisis_terms: must be a list of words or phrases, "
             'e.g. ["want to disappear", "no way out"]; the built-in crisis terms still apply',
             _conf_location(Path(app.confdir, "conf.py"), "healthdocs_search_crisis_terms"), "config")


CLIENT = "hdsearch.js"
LOADER = "hdsearch-loader.js"


def _builder_inited(app: Sphinx) -> None:
    if app.builder.name not in SEARCH_BUILDERS:
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


def _search_page_client(app: Sphinx, pagename: str, templatename: str,
                        context: dict[str, Any], doctree: object) -> None:
    """The search page shows results at once: its head links the client, the index head,
    the stemmer and the page titles (search.html), so no loader."""
    if pagename != "search" or app.builder.name not in SEARCH_BUILDERS:
        return
    # In place: the builder's list, restored before each page (see design.py).
    scripts = context["script_files"]
    scripts[:] = [js for js in scripts if js.filename != f"_static/{LOADER}"]
    context["hd_client"] = _client_version()


def _client_version() -> str:
    return f"{CLIENT}?v={zlib.crc32((HERE / 'static' / CLIENT).read_bytes()):08x}"


def _search_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if app.builder.name in SEARCH_BUILDERS:
        config = app.config
        regions = crisis_regions(config)
        region = regions.get(config.healthdocs_crisis_region) or regions["US"]
        prefetch = {"shards": shard_starts(app), "stopwords": sorted(STOPWORDS)}
        yield "search", {"title": "Search", "hd_crisis": region, "hd_prefetch": prefetch}, "search.html"


def setup_search(app: Sphinx) -> None:
    app.add_config_value("healthdocs_search_crisis_terms", [], "html", types=frozenset({list, tuple}),
                         description="Words and phrases added to the built-in crisis terms of search.")
    app.add_env_collector(SearchCollector)
    app.connect("config-inited", _templates)
    app.connect("config-inited", _check_crisis_terms)
    app.connect("builder-inited", _builder_inited)
    app.connect("html-collect-pages", _search_page)
    app.connect("html-page-context", _search_page_client)
    app.connect("build-finished", write_index)
