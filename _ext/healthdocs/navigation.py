"""Site navigation that costs the same per page however many articles there are.

Furo renders the whole global toctree into every page's sidebar and parses it
again with BeautifulSoup: with every article in the toctree that is quadratic
(954 s for a 1,000-article clean build). Articles stay in the toctree, so
LaTeX, EPUB and singlehtml still include them, but on the website:

* the sidebar lists the root toctree's other pages plus one link per topic
  hub, handed to furo by replacing ``context["toctree"]`` before furo's own
  ``html-page-context`` handler (priority 500) calls it;
* articles get breadcrumbs (Home › Topic › Title), one short line under the
  title (date, reading time, topic) and their tags at the end, linking to the
  generated pages (listings.py): on a phone the title and that line leave room
  for the crisis banner on the first screen;
* furo's alphabetical previous/next footer is dropped: for articles it pointed
  at unrelated neighbours, and related cards do that job.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from docutils import nodes
from markupsafe import Markup, escape

from .articles import Article, get_domain, is_article
from .cards import article_uri, meta_text
from .related import related_articles
from .util import slugify
from .listings import (SITE_BUILDERS, breadcrumbs_for, categories, hub_pagename,
                       tag_label, tag_pagename)

if TYPE_CHECKING:
    from collections.abc import Callable, Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

_nav_before: weakref.WeakKeyDictionary[BuildEnvironment, tuple[Any, ...]] = (
    weakref.WeakKeyDictionary())
#: The sidebar's entries for the current build. Computing them scans every
#: article (and the root toctree, which lists every article), so doing it per
#: page made the write phase quadratic; ``env-updated`` (after reading, before
#: writing) drops the cache, and forked ``-j`` writers inherit or rebuild it.
_nav_entries: weakref.WeakKeyDictionary[BuildEnvironment, tuple[Any, ...]] = (
    weakref.WeakKeyDictionary())


def _other_pages(env: BuildEnvironment) -> list[tuple[str, str]]:
    """Pages the root toctree lists that are not articles (glossary, about...)."""
    root = env.config.root_doc
    return [(docname, env.titles[docname].astext())
            for docname in env.toctree_includes.get(root, [])
            if not is_article(env, docname) and docname in env.titles]


def _signature(env: BuildEnvironment) -> tuple[Any, ...]:
    """Everything the sidebar shows; when it changes every page is rewritten."""
    return (tuple(name for name, _ in categories(env)), tuple(_other_pages(env)))


def remember_nav(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str],
                 removed: Set[str]) -> list[str]:
    _nav_before[env] = _signature(env)
    return []


def rewrite_all_if_nav_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    if _nav_before.pop(env, None) == _signature(env):
        return []
    return sorted(env.found_docs)


def forget_nav(app: Sphinx, env: BuildEnvironment) -> None:
    _nav_entries.pop(env, None)


def _entries(env: BuildEnvironment) -> tuple[Any, ...]:
    """(other pages, topic hub pages) for the sidebar, computed once per build."""
    if env not in _nav_entries:
        _nav_entries[env] = (_other_pages(env),
                             [(hub_pagename(env, name), name) for name, _ in categories(env)])
    return _nav_entries[env]


def _sidebar(env: BuildEnvironment, pagename: str, current: str,
             pathto: Callable[[str], str]) -> Markup:
    def item(target: str, title: str, is_current: bool) -> str:
        classes = "toctree-l1" + (" current current-page" if target == pagename else
                                  " current" if is_current else "")
        href = escape(pathto(target))
        return f'<li class="{classes}"><a class="reference internal" href="{href}">{escape(title)}</a></li>'

    other_pages, hubs = _entries(env)
    others = [item(d, t, False) for d, t in other_pages]
    topics = [item(hub, name, bool(current) and slugify(name) == slugify(current))
              for hub, name in hubs]
    html = f"<ul>{''.join(others)}</ul>" if others else ""
    if topics:
        tags_index = f"{env.config.healthdocs_tag_dir.strip('/')}/index"
        topics.append(item(tags_index, "All tags", False))
        html += ('<p class="caption" role="heading" aria-level="2"><span class="caption-text">Topics</span></p>'
                 f"<ul>{''.join(topics)}</ul>")
    return Markup(html)


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    """``html-page-context`` (before furo): sidebar, breadcrumbs, no prev/next."""
    builder = app.builder
    if builder.name not in SITE_BUILDERS:
        return
    env = app.env
    article = get_domain(env).articles.get(pagename)
    category = context.get("hd_category") or (article.category if article else "")
    # The template's own pathto: relative links, or absolute ones on the 404 page
    # (sphinx-notfound-page replaces it at priority 400, before this handler).
    sidebar = _sidebar(env, pagename, category, context["pathto"])
    context["toctree"] = lambda **kwargs: sidebar
    context["prev"] = context["next"] = None
    if article is not None and "body" in context:
        context["body"] = breadcrumbs_for(builder, env, pagename, article) + context["body"]


def _link(builder: Builder, docname: str, text: str, target: str) -> nodes.Node:
    uri = article_uri(builder, docname, target)
    return nodes.reference(text, text, refuri=uri, internal=True) if uri else nodes.Text(text)


def article_meta_line(builder: Builder, env: BuildEnvironment, docname: str,
                      article: Article) -> nodes.paragraph:
    """``20 November 2026 · 6 min read · Topic`` with the topic linked: one line on
    a 375 px phone for a topic name of up to about 16 characters."""
    line = nodes.paragraph("", meta_text(article), classes=["hd-article-meta", "no-search"])
    if article.category:
        line += nodes.Text(" · ")
        line += _link(builder, docname, article.category, hub_pagename(env, article.category))
    return line


def article_tags_line(builder: Builder, env: BuildEnvironment, docname: str,
                      article: Article) -> nodes.paragraph:
    """``Tags: a, b`` linking to the tag pages."""
    line = nodes.paragraph("", "Tags: ", classes=["hd-article-tags", "no-search"])
    for index, tag in enumerate(article.tags):
        if index:
            line += nodes.Text(", ")
        line += _link(builder, docname, tag_label(env.config, tag), tag_pagename(env, tag))
    return line


def _closes_article(node: nodes.Node) -> bool:
    return isinstance(node, related_articles) or (
        isinstance(node, nodes.Element) and bool({"hd-review", "hd-related"} & set(node["classes"])))


def insert_article_meta(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, website only: the meta line under the title, the tags
    at the end of the article."""
    if app.builder.name not in SITE_BUILDERS:
        return
    article = get_domain(app.env).articles.get(docname)
    section = next((n for n in doctree.children if isinstance(n, nodes.section)), None)
    if article is None or section is None or not isinstance(section[0], nodes.title):
        return
    section.insert(1, article_meta_line(app.builder, app.env, docname, article))
    if not article.tags:
        return
    tags = article_tags_line(app.builder, app.env, docname, article)
    # The review line and related cards close the article: the tags go before them.
    closing = next(doctree.findall(_closes_article), None)
    if closing is not None:
        closing.parent.insert(closing.parent.index(closing), tags)
        return
    container: nodes.Element = section
    while container.children and isinstance(container[-1], nodes.section):
        container = container[-1]
    container += tags


def setup_navigation(app: Sphinx) -> None:
    app.connect("html-page-context", page_context, priority=450)
    app.connect("doctree-resolved", insert_article_meta)
    app.connect("env-get-outdated", remember_nav, priority=100)
    app.connect("env-get-updated", rewrite_all_if_nav_changed)
    app.connect("env-updated", forget_nav)
