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

from .articles import get_domain, is_article
from .config import report_url_problem, warn_setting
from .listings import SITE_BUILDERS
from .sources import insert_closing

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

LINK_TEXT = "Report a problem with this page"
#: Output formats whose links do not show where they lead.
PLAIN_FORMATS = frozenset({"text", "man"})


class report_link(nodes.General, nodes.Element):
    """Placeholder replaced in ``doctree-resolved``; never reaches a writer."""


def insert_report_link(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: after the review line (650), before the Stay informed box."""
    docname = app.env.current_document.docname
    if is_article(app.env, docname):
        insert_closing(doctree, nodes.paragraph("", "", report_link(),
                                                classes=["hd-report", "no-search"]))


def _page_address(app: Sphinx, docname: str) -> str:
    base = app.config.html_baseurl.rstrip("/")
    target = (app.builder.get_target_uri(docname) if app.builder.name in SITE_BUILDERS
              else f"{docname}.html")
    return f"{base}/{target}" if base else target


def _target(app: Sphinx, docname: str) -> str | None:
    config = app.config
    url = config.healthdocs_report_url
    if url and report_url_problem(url) is None:
        article = get_domain(app.env).articles.get(docname)
        title = article.title if article else docname
        return (url.replace("{url}", quote(_page_address(app, docname), safe=""))
                .replace("{title}", quote(title, safe="")))
    page = config.healthdocs_report_page
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


def _has_page(env: BuildEnvironment) -> bool:
    return env.config.healthdocs_report_page in env.found_docs


def rewrite_articles_if_page_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the report page was added or deleted since the last build
    (remembered on the environment), so every article's link appears or goes."""
    before = getattr(env, "healthdocs_report_page_found", None)
    env.healthdocs_report_page_found = now = _has_page(env)  # type: ignore[attr-defined]
    if before is None or before == now:
        return []
    return sorted(d for d in env.found_docs if is_article(env, d))


def warn_missing_page(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: a report page the site named but does not have."""
    config = env.config
    page = config.healthdocs_report_page
    named = "healthdocs_report_page" in config._raw_config or \
        "healthdocs_report_page" in config.overrides
    url = config.healthdocs_report_url
    if (url and report_url_problem(url) is None) or not page or page in env.found_docs \
            or not named:
        return
    warn_setting(app.confdir, "healthdocs_report_page",
                 f"no page {page!r}, so articles have no '{LINK_TEXT}' link; "
                 f"add {page}.md or set healthdocs_report_url")


def setup_feedback(app: Sphinx) -> None:
    app.add_config_value("healthdocs_report_url", "", "env", types=frozenset({str}),
                         description="Where 'Report a problem with this page' leads: mailto: "
                         "or https:, with {url} and {title} placeholders.")
    app.add_config_value("healthdocs_report_page", "corrections", "env", types=frozenset({str}),
                         description="Page the report link leads to when no URL is set.")
    app.add_node(report_link)
    # After the review line (650), before the Stay informed box (660).
    app.connect("doctree-read", insert_report_link, priority=655)
    app.connect("doctree-resolved", resolve_report_links)
    app.connect("env-check-consistency", warn_missing_page)
    app.connect("env-get-updated", rewrite_articles_if_page_changed)
