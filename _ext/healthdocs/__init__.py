"""healthdocs: Sphinx extensions for patient-education health content.

Each component module has one ``setup_<component>(app)``; this ``setup``
calls them all. Warnings are typed ``healthdocs.<subtype>`` so a site can
silence one family with ``suppress_warnings``.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from urllib.parse import urlsplit
from typing import TYPE_CHECKING, Any

from . import design, feed, feedback, footer, gethelp, navigation, printing, review, seo, settings
from . import sources
from .policy.runner import check_article
from .registry import record_page
from .boxes import setup_boxes
from .care import setup_care
from .crisis import setup_crisis
from .csp import setup_csp
from .disclaimer import setup_disclaimer
from .encoding import setup_encoding
from .feed import setup_feed
from .feedback import setup_feedback
from .footer import setup_footer
from .forking import setup_forking
from .freshness import setup_freshness
from .gethelp import setup_gethelp
from .glossary import setup_glossary
from .hubs import setup_hubs
from .listings import setup_listings
from .navigation import setup_navigation
from .outputs import setup_outputs
from .rawhtml import setup_rawhtml
from .policy import setup_policy
from .registry import setup_registry
from .problems import setup_problems
from .related import setup_related
from .review import setup_review
from .search import search_page_client, setup_search
from .seo import setup_seo
from .sitemap import setup_sitemap
from .tables import setup_tables
from .templates import setup_templates

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

STATIC_DIR = Path(__file__).parent / "static"


def _add_static_assets(app: Sphinx) -> None:
    """Stylesheet for HTML builders only (``add_static_dir`` needs Sphinx 9.1)."""
    if app.builder.format != "html":
        return
    # A new list: appending would change Sphinx's shared default list in place.
    app.config.html_static_path = [*app.config.html_static_path, str(STATIC_DIR)]
    app.add_css_file("healthdocs.css")


def _defaults_from_baseurl(app: Sphinx, config: Config) -> None:
    """Derive other extensions' URL settings from ``html_baseurl`` unless set."""
    raw = config._raw_config  # what conf.py itself assigned
    if config.html_baseurl and not raw.get("ogp_site_url"):
        config.ogp_site_url = config.html_baseurl
    if "notfound_urls_prefix" in config and "notfound_urls_prefix" not in raw:
        # GitHub Pages project sites live under /<repo>/; the 404 page needs it.
        config.notfound_urls_prefix = (urlsplit(config.html_baseurl).path or "/").rstrip("/") + "/"


def _after_reading(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, after Sphinx's own collectors (500) stored the title and the
    front matter: each step, in this order, sees what the ones before it did."""
    record_page(app, doctree)  # the article's record (registry)
    sources.place_sources(app, doctree)  # references under the Sources heading
    review.insert_review_line(app, doctree)  # then the closing items, in reading order
    feedback.insert_report_link(app, doctree)
    feed.insert_on_articles(app, doctree)
    check_article(app, doctree)  # the checks see every box the site added


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: nodes.document | None) -> None:
    """``html-page-context``, before furo (500, which renders the sidebar we hand it) and
    sphinxext-opengraph (500, which reads the descriptions we set)."""
    for step in (navigation.page_context,  # sidebar, breadcrumbs
                 printing.add_print_header,  # first in the body, above the breadcrumbs
                 seo.add_page_metadata, gethelp.page_context, footer.footer_context,
                 feed.feed_link_tag, search_page_client,
                 design.drop_unused_assets):  # last: after every script a step added
        step(app, pagename, templatename, context, doctree)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    with contextlib.redirect_stdout(io.StringIO()):
        # Its import prints a notice when matplotlib (social cards) is missing.
        import sphinxext.opengraph  # noqa: F401
    app.setup_extension("sphinxext.opengraph")
    app.connect("config-inited", _defaults_from_baseurl)
    settings.register(app)
    setup_templates(app)
    setup_freshness(app)
    setup_encoding(app)
    setup_rawhtml(app)
    setup_registry(app)
    setup_boxes(app)
    setup_disclaimer(app)
    setup_crisis(app)
    setup_care(app)
    setup_related(app)
    setup_review(app)
    setup_policy(app)
    setup_listings(app)
    setup_hubs(app)
    setup_navigation(app)
    setup_gethelp(app)
    setup_seo(app)
    setup_feed(app)
    setup_feedback(app)
    setup_footer(app)
    setup_sitemap(app)
    setup_outputs(app)
    setup_csp(app)
    setup_search(app)
    setup_glossary(app)
    setup_tables(app)
    setup_problems(app)
    setup_forking(app)
    app.connect("doctree-read", _after_reading, priority=600)
    app.connect("html-page-context", _page_context, priority=450)
    app.connect("builder-inited", _add_static_assets)
    return {
        "version": __version__,
        # Bump when the shape of stored data changes (domains, collectors, their files).
        "env_version": 5,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
