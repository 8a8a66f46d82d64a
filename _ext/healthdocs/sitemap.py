"""``sitemap.xml`` (``<lastmod>`` from review dates) and ``robots.txt``.

sphinx-sitemap was the first choice, but its ``<lastmod>`` comes only from git
history (sphinx-last-updated-by-git): for health content the date that
matters is the clinical review, and a typo fix is not one; git dates also make
a build depend on the checkout. It also passes links through ``env.app``
(deprecated in Sphinx 9) and a multiprocessing Manager. The registry already
holds every page's dates, so the sitemap is written from it with the same
``{link}`` URL scheme (no language or version prefix).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from sphinx.util import logging

from . import freshness
from .registry import (HELP_PAGE, SITE_BUILDERS, Article, articles, categories, hub_page,
                       tag_page, tags)

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: Pages a search engine should not list: utility pages and the 404 page.
SKIPPED = frozenset({"search", "genindex", "py-modindex", "404"})


FILE, VIEW = "sitemap.xml", "sitemap"


def _lastmod(listed: Iterable[Article]) -> str:
    return max((a.updated for a in listed), default="")


def sitemap_entries(env: BuildEnvironment) -> list[tuple[str, str]]:
    """(page name, lastmod) for every page worth listing, sorted by name."""
    registry, config = articles(env), env.config
    pages: dict[str, str] = {}
    for docname in env.found_docs:
        if docname in SKIPPED or env.metadata.get(docname, {}).get("nosearch") is not None:
            continue
        article = registry.get(docname)
        pages[docname] = article.updated if article else ""
    pages[config.root_doc] = _lastmod(registry.values())
    for name, listed in categories(config, registry):
        pages[hub_page(config, name)] = _lastmod(listed)
    for name, listed in tags(registry):
        pages[tag_page(config, name)] = _lastmod(listed)
    pages.setdefault(HELP_PAGE, "")  # generated, unless the site wrote its own
    return sorted(pages.items())


def view(env: BuildEnvironment, only: Iterable[str] | None) -> dict[str, Hashable]:
    return {FILE: tuple(sitemap_entries(env))}


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    base = app.config.html_baseurl
    if not base:
        logger.info("healthdocs: no html_baseurl, so no sitemap.xml (it needs absolute URLs)")
        return
    base = base.rstrip("/") + "/"
    outdir = Path(app.outdir)
    if not freshness.should_write(app, VIEW, FILE, outdir / FILE) and (outdir / "robots.txt").exists():
        return
    urlset = ET.Element("urlset", xmlns=NAMESPACE)
    for pagename, lastmod in sitemap_entries(app.env):
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = base + app.builder.get_target_uri(pagename)
        if lastmod:
            ET.SubElement(url, "lastmod").text = lastmod
    ET.indent(urlset)
    ET.ElementTree(urlset).write(outdir / FILE, encoding="utf-8", xml_declaration=True)
    robots = outdir / "robots.txt"
    if not any(Path(app.confdir, extra, "robots.txt").exists()
               for extra in app.config.html_extra_path):
        robots.write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n",
                          encoding="utf-8")


def setup_sitemap(app: Sphinx) -> None:
    freshness.declare(app, freshness.View(VIEW, view, outputs=True))
    app.connect("build-finished", write_sitemap)
