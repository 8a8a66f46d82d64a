"""Links to the site's own pages (about us, corrections, accessibility, privacy) in
the footer of every page.

``healthdocs_footer_links`` lists ``(title, docname)`` pairs; a docname may end
in ``#anchor`` for a section of a page. ``templates/furo/page.html`` renders them in
furo's footer block, before furo's own footer. Only pages that exist are
linked; a configured page (or section) the site does not have is a warning
located at conf.py, so a link never leads nowhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from . import freshness
from .registry import SITE_BUILDERS
from .settings import settings, warn_setting

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _missing(env: BuildEnvironment, docname: str, anchor: str) -> str | None:
    """What is missing for a link, or None when page (and section) exist."""
    if docname not in env.found_docs:
        return f"no page {docname!r}"
    toc = env.tocs.get(docname)
    if anchor and (toc is None or not any(
            ref.get("anchorname") == f"#{anchor}" for ref in toc.findall(nodes.reference))):
        return f"no section #{anchor} on page {docname!r}"
    return None


def footer_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                   doctree: Any) -> None:
    """``html-page-context``: the links as (title, relative URL, is this page)."""
    if app.builder.name not in SITE_BUILDERS:
        return
    pathto = context["pathto"]  # relative, or absolute on the 404 page
    links = []
    for title, docname, anchor in settings(app.config).footer_links:
        if _missing(app.env, docname, anchor) is None:
            here = docname == pagename and not anchor
            url = pathto(docname) if not anchor else (
                f"#{anchor}" if docname == pagename else f"{pathto(docname)}#{anchor}")
            links.append((title, url, here))
    context["hd_footer_links"] = links


def view(env: BuildEnvironment, only: Iterable[str] | None) -> dict[str, Hashable]:
    """Every page shows the links whose page (and section) exist."""
    links = tuple((entry, _missing(env, *entry[1:]) is None)
                  for entry in settings(env.config).footer_links)
    return dict.fromkeys(env.found_docs if only is None else only, links)


def warn_missing(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: each configured link that has nowhere to go."""
    for title, docname, anchor in settings(env.config).footer_links:
        missing = _missing(env, docname, anchor)
        if missing is not None:
            warn_setting(app.confdir, "healthdocs_footer_links",
                         f"{title!r}: {missing}, so the footer leaves it out; add the page "
                         "or remove the entry")


def setup_footer(app: Sphinx) -> None:
    freshness.declare(app, freshness.View("footer", view))
    app.connect("env-check-consistency", warn_missing)
