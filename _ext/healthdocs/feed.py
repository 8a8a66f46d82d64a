"""Atom feed of the newest articles, and the "Stay informed" box that points to it.

The feed is written with feedgen at ``build-finished`` from the registry (so it
is complete under ``-j``); every date comes from front matter in UTC, never
from the clock, so two builds give the same file. It needs ``html_baseurl``:
feed readers require absolute links. The box links the feed and, when
configured, a newsletter sign-up page: plain links, no third-party scripts.
It closes every article with ``healthdocs_stay_informed = "articles"``, and
every page with ``healthdocs_stay_informed_footer`` (once: not a second time
on a page that has one).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from feedgen.feed import FeedGenerator
from markupsafe import escape
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from . import freshness
from .boxes import make_box
from .nodes import feed_link, labelled_box, marked
from .registry import (SITE_BUILDERS, Article, articles, feed_url, is_article, sorted_articles,
                       tag_label)
from .settings import is_safe_url, settings
from .sources import insert_closing

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

BOX_TITLE = "Stay informed"
#: The feed's page in its view (the file name is a setting).
FILE, VIEW = "feed", "feed"


def _timestamp(iso_date: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(iso_date), dt.time(), tzinfo=dt.timezone.utc)


def latest(env: BuildEnvironment) -> list[Article]:
    """The articles the feed lists: the newest dated ones."""
    dated = [a for a in sorted_articles(articles(env).values()) if a.date]
    return dated[: settings(env.config).feed_length]


def view(env: BuildEnvironment, only: Iterable[str] | None) -> dict[str, Hashable]:
    return {FILE: tuple(latest(env))}


def build_feed(app: Sphinx) -> bytes:
    config, builder = app.config, app.builder
    base = config.html_baseurl.rstrip("/") + "/"
    latest_articles = latest(app.env)
    feed = FeedGenerator()
    feed.id(base)
    feed.title(config.html_title or config.project)
    feed.subtitle(settings(config).feed_subtitle or config.html_title or config.project)
    feed.link(href=base, rel="alternate")
    feed.link(href=feed_url(config), rel="self")
    feed.language(config.language or "en")
    feed.updated(_timestamp(max((a.updated for a in latest_articles), default="1970-01-01")))
    # feedgen prepends entries, so add oldest first to keep the newest on top.
    for article in reversed(latest_articles):
        url = base + builder.get_target_uri(article.docname)
        entry = feed.add_entry()
        entry.id(url)
        entry.title(article.title)
        entry.link(href=url, rel="alternate")
        entry.summary(article.description or article.title)
        entry.published(_timestamp(article.date))
        entry.updated(_timestamp(article.updated))
        if article.category:
            entry.category(term=article.category)
        for tag in article.tags:
            entry.category(term=tag, label=tag_label(config, tag))
    return feed.atom_str(pretty=True)


def write_feed(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    if not app.config.html_baseurl:
        logger.info("healthdocs: no html_baseurl, so no Atom feed (feed links must be absolute)")
        return
    path = Path(app.outdir, settings(app.config).feed_filename)
    if freshness.should_write(app, VIEW, FILE, path):
        path.write_bytes(build_feed(app))


def feed_link_tag(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: Any) -> None:
    """``<link rel="alternate">`` in every page's head, so browsers find the feed."""
    if app.builder.name not in SITE_BUILDERS or not app.config.html_baseurl:
        return
    title = escape(app.config.html_title or app.config.project)
    context["metatags"] = context.get("metatags", "") + (
        f'<link rel="alternate" type="application/atom+xml" title="{title}" '
        f'href="{escape(feed_url(app.config))}" />\n')
    if (settings(app.config).stay_informed_footer and "body" in context
            and not (doctree and _boxes(doctree))):
        context["body"] += _box_html(app, pagename)



def stay_informed_box(env: Any, config: Config) -> labelled_box:
    box = make_box(env, "stay-informed", "", BOX_TITLE, "note")
    para = nodes.paragraph("", "Get new and updated articles in your feed reader: ")
    para += feed_link("Subscribe to the feed", "Subscribe to the feed")
    para += nodes.Text(".")
    box += para
    newsletter = settings(config).newsletter_url
    if newsletter and is_safe_url(newsletter):
        signup = nodes.paragraph("", "Or get them by email: ")
        signup += nodes.reference("Sign up for the newsletter", "Sign up for the newsletter",
                                  refuri=newsletter)
        signup += nodes.Text(".")
        box += signup
    return box


def _boxes(doctree: nodes.Node) -> list[nodes.Element]:
    return marked(doctree, "stay-informed")


def insert_on_articles(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: with ``healthdocs_stay_informed = "articles"``, the box closes
    each article (after the review line and report link, before the related cards)
    unless the author placed one."""
    env = app.env
    if (settings(app.config).stay_informed == "articles"
            and is_article(env.config, env.current_document.docname) and not _boxes(doctree)):
        insert_closing(doctree, stay_informed_box(env, app.config))


class StayInformedDirective(SphinxDirective):
    option_spec: ClassVar = {}

    def run(self) -> list[nodes.Node]:
        box = stay_informed_box(self.env, self.config)
        self.set_source_info(box)
        return [box]


def resolve_feed_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point feed links at the feed (website builders) or leave plain text."""
    for link in list(doctree.findall(feed_link)):
        if app.builder.name in SITE_BUILDERS and app.config.html_baseurl:
            link["refuri"] = _relative_feed_uri(app.builder, docname, app.config)
        else:
            link.replace_self(nodes.Text(link.astext()))


def _relative_feed_uri(builder: Builder, pagename: str, config: Config) -> str:
    return relative_uri(builder.get_target_uri(pagename), settings(config).feed_filename)


def _box_html(app: Sphinx, pagename: str) -> str:
    box = stay_informed_box(app.env, app.config)
    box["classes"].append("hd-stay-informed--footer")
    for link in box.findall(feed_link):
        link["refuri"] = _relative_feed_uri(app.builder, pagename, app.config)
    return app.builder.render_partial(box)["fragment"]


def setup_feed(app: Sphinx) -> None:
    freshness.declare(app, freshness.View(VIEW, view, outputs=True))
    app.add_node(feed_link, html=(lambda self, node: self.visit_reference(node),
                                  lambda self, node: self.depart_reference(node)))
    app.add_directive("stay-informed", StayInformedDirective)
    app.connect("doctree-resolved", resolve_feed_links)
    app.connect("build-finished", write_feed)
