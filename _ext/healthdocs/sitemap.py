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

from .articles import Article, get_domain
from .gethelp import PAGENAME as HELP_PAGENAME
from .listings import SITE_BUILDERS, categories, hub_pagename, tag_pagename, tags

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: Pages a search engine should not list: utility pages and the 404 page.
SKIPPED = frozenset({"search", "genindex", "py-modindex", "404"})


def _lastmod(articles: list[Article]) -> str:
    return max((max(a.date, a.reviewed) for a in articles), default="")


def sitemap_entries(app: Sphinx) -> list[tuple[str, str]]:
    """(page name, lastmod) for every page worth listing, sorted by name."""
    env = app.env
    articles = get_domain(env).articles
    pages: dict[str, str] = {}
    for docname in env.found_docs:
        if docname in SKIPPED or env.metadata.get(docname, {}).get("nosearch") is not None:
            continue
        article = articles.get(docname)
        pages[docname] = _lastmod([article]) if article else ""
    pages[env.config.root_doc] = _lastmod(list(articles.values()))
    for name, listed in categories(env):
        pages[hub_pagename(env, name)] = _lastmod(listed)
    for name, listed in tags(env):
        pages[tag_pagename(env, name)] = _lastmod(listed)
    pages.setdefault(HELP_PAGENAME, "")  # generated, unless the site wrote its own
    return sorted(pages.items())


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    base = app.config.html_baseurl
    if not base:
        logger.info("healthdocs: no html_baseurl, so no sitemap.xml (it needs absolute URLs)")
        return
    base = base.rstrip("/") + "/"
    urlset = ET.Element("urlset", xmlns=NAMESPACE)
    for pagename, lastmod in sitemap_entries(app):
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = base + app.builder.get_target_uri(pagename)
        if lastmod:
            ET.SubElement(url, "lastmod").text = lastmod
    ET.indent(urlset)
    outdir = Path(app.outdir)
    ET.ElementTree(urlset).write(outdir / "sitemap.xml", encoding="utf-8", xml_declaration=True)
    robots = outdir / "robots.txt"
    if not any(Path(app.confdir, extra, "robots.txt").exists()
               for extra in app.config.html_extra_path):
        robots.write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n",
                          encoding="utf-8")


def setup_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", write_sitemap)
