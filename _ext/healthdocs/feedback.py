"""The "Report a problem with this page" link on every article, after its review line.

Where it leads is the site's choice: ``healthdocs_report_url``, a ``mailto:`` or
``https:`` address in which ``{url}`` and ``{title}`` become the page's address
(from ``html_baseurl``) and title, URL-encoded; without one, the site's
corrections page (``healthdocs_report_page``, default ``corrections``). With
neither, articles have no link (a configured page that does not exist is a
warning at conf.py).

The link is a placeholder at read time and a plain reference at write time,
when the builder knows the page's address: every builder gets a working link
(the website's address in PDF, plain text and man pages).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from docutils import nodes

from . import freshness
from .nodes import mark, report_link
from .registry import SITE_BUILDERS, articles, is_article
from .settings import settings, warn_setting
from .sources import insert_closing

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

LINK_TEXT = "Report a problem with this page"
#: Output formats whose links do not show where they lead.
PLAIN_FORMATS = frozenset({"text", "man"})



def insert_report_link(app: Sphinx, doctree: nodes.document) -> None:
    """After reading: after the review line, before the Stay informed box."""
    docname = app.env.current_document.docname
    if is_article(app.env.config, docname):
        insert_closing(doctree, mark(nodes.paragraph("", "", report_link(),
                                                     classes=["hd-report", "no-search"]),
                                     "report"))


def _page_address(app: Sphinx, docname: str) -> str:
    base = app.config.html_baseurl.rstrip("/")
    target = (app.builder.get_target_uri(docname) if app.builder.name in SITE_BUILDERS
              else f"{docname}.html")
    return f"{base}/{target}" if base else target


def _target(app: Sphinx, docname: str) -> str | None:
    config = app.config
    url = settings(config).report_url
    if url:
        article = articles(app.env).get(docname)
        title = article.title if article else docname
        return (url.replace("{url}", quote(_page_address(app, docname), safe=""))
                .replace("{title}", quote(title, safe="")))
    page = settings(config).report_page
    if not page or page not in app.env.found_docs:
        return None
    if app.builder.format == "html":
        return app.builder.get_relative_uri(docname, page)
    # PDF, plain text, man pages: the website's page, when the site has an address.
    return _page_address(app, page) if config.html_baseurl else None


def resolve_report_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(report_link)):
        target = _target(app, docname)
        paragraph = placeholder.parent
        if target is None:
            paragraph.parent.remove(paragraph)
            continue
        internal = not target.startswith(("mailto:", "https://", "http://"))
        placeholder.replace_self(nodes.reference(LINK_TEXT, LINK_TEXT, refuri=target,
                                                 internal=internal))
        if app.builder.format in PLAIN_FORMATS:  # their links show no address
            paragraph += nodes.Text(f": {target}")


def view(env: BuildEnvironment, only: Iterable[str] | None) -> dict[str, Hashable]:
    """Every article shows the link only while the report page exists."""
    found = settings(env.config).report_page in env.found_docs
    return {d: found for d in (env.found_docs if only is None else only)
            if is_article(env.config, d)}


def warn_missing_page(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: a report page the site named but does not have."""
    config = env.config
    page = settings(config).report_page
    named = "healthdocs_report_page" in config._raw_config or \
        "healthdocs_report_page" in config.overrides
    if settings(config).report_url or not page or page in env.found_docs or not named:
        return
    warn_setting(app.confdir, "healthdocs_report_page",
                 f"no page {page!r}, so articles have no '{LINK_TEXT}' link; "
                 f"add {page}.md or set healthdocs_report_url")


def setup_feedback(app: Sphinx) -> None:
    app.add_node(report_link)
    app.connect("doctree-resolved", resolve_report_links)
    app.connect("env-check-consistency", warn_missing_page)
    freshness.declare(app, freshness.View("report-link", view))
