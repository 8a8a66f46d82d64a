"""Links to the site's own pages (about us, corrections, accessibility, privacy) in
the footer of every page.

``healthdocs_footer_links`` lists ``(title, docname)`` pairs; a docname may end
in ``#anchor`` for a section of a page. ``templates/page.html`` renders them in
furo's footer block, before furo's own footer. Only pages that exist are
linked; a configured page (or section) the site does not have is a warning
located at conf.py, so a link never leads nowhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .config import warn_setting
from .listings import SITE_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment



def _entries(config: Config) -> list[tuple[str, str, str]]:
    """(title, docname, anchor) of each well-formed setting entry."""
    entries = []
    for entry in config.healthdocs_footer_links or []:
        if (isinstance(entry, (list, tuple)) and len(entry) == 2
                and all(isinstance(part, str) and part.strip() for part in entry)):
            docname, _, anchor = entry[1].strip().lstrip("/").partition("#")
            entries.append((entry[0].strip(), docname, anchor))
    return entries


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
    for title, docname, anchor in _entries(app.config):
        if _missing(app.env, docname, anchor) is None:
            here = docname == pagename and not anchor
            url = pathto(docname) if not anchor else (
                f"#{anchor}" if docname == pagename else f"{pathto(docname)}#{anchor}")
            links.append((title, url, here))
    context["hd_footer_links"] = links


def _signature(env: BuildEnvironment) -> tuple[Any, ...]:
    return tuple((entry, _missing(env, *entry[1:]) is None) for entry in _entries(env.config))


def rewrite_all_if_links_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: a footer page (or section) appeared or went away since the
    last build, so every page's footer changes (and, with every page rewritten, the
    generated ones too). The last build's links are kept on the environment: by
    ``env-get-outdated`` Sphinx has already listed the new set of pages."""
    before = getattr(env, "healthdocs_footer_seen", None)
    env.healthdocs_footer_seen = now = _signature(env)  # type: ignore[attr-defined]
    return sorted(env.found_docs) if before is not None and before != now else []


def warn_missing(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: each configured link that has nowhere to go."""
    for title, docname, anchor in _entries(env.config):
        missing = _missing(env, docname, anchor)
        if missing is not None:
            warn_setting(app.confdir, "healthdocs_footer_links",
                         f"{title!r}: {missing}, so the footer leaves it out; add the page "
                         "or remove the entry")


def _configure(app: Sphinx, config: Config) -> None:
    # templates/page.html, which renders the links, is put on the path by gethelp.py.
    if len(_entries(config)) != len(config.healthdocs_footer_links or []):
        warn_setting(app.confdir, "healthdocs_footer_links",
                     "must be a list of (title, docname) pairs, e.g. [('About us', 'about')]")


def setup_footer(app: Sphinx) -> None:
    app.add_config_value("healthdocs_footer_links", [], "html", types=frozenset({list, tuple}),
                         description="Footer links to the site's pages: [(title, docname)].")
    app.connect("config-inited", _configure)
    app.connect("html-page-context", footer_context)
    app.connect("env-check-consistency", warn_missing)
    app.connect("env-get-updated", rewrite_all_if_links_changed)
