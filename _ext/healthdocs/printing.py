"""What a printed page says at its top: where it came from and when it was reviewed.

A printout outlives the page, so it should say where to find the current
version and how current it was: the page's address (from ``html_baseurl``)
and, on a reviewed article, its review line. The line is in every page's HTML
and shown only in print (``static/healthdocs.css``); screens, screen readers
and the search index never see it (it is not in the doctree).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import escape

from .registry import SITE_BUILDERS, articles
from .review import review_line

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def add_print_header(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                     doctree: Any) -> None:
    """``html-page-context``, after the breadcrumbs (navigation.py): first in the body."""
    if app.builder.name not in SITE_BUILDERS or "body" not in context:
        return
    parts = []
    if app.config.html_baseurl:
        address = app.config.html_baseurl.rstrip("/") + "/" + app.builder.get_target_uri(pagename)
        parts.append(str(escape(address)))
    article = articles(app.env).get(pagename)
    if article is not None and article.reviewed:
        parts.append(str(escape(review_line(app.config, article).astext())))
    if parts:
        context["body"] = (f'<p class="hd-print-header">{" · ".join(parts)}</p>\n'
                           + context["body"])
