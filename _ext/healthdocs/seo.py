"""``<meta name="description">`` from the article's own front-matter summary.

Without it, search engines and link previews take the first text on the page,
which on a health site is often a crisis banner or a disclaimer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import escape

from .articles import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def add_meta_description(app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: Any) -> None:
    if app.builder.format != "html":
        return
    article = get_domain(app.env).articles.get(pagename)
    description = article.description if article else context.get("hd_description", "")
    if description:
        context["metatags"] = (context.get("metatags", "")
                               + f'<meta name="description" content="{escape(description)}" />\n')


def setup_seo(app: Sphinx) -> None:
    app.connect("html-page-context", add_meta_description)
