"""Site navigation that costs the same per page however many articles there are.

Furo renders the whole global toctree into every page's sidebar and parses it
again with BeautifulSoup: with every article in the toctree that is quadratic
(954 s for a 1,000-article clean build). Articles stay in the toctree, so
LaTeX, EPUB and singlehtml still include them, but on the website:

* the sidebar lists the root toctree's other pages plus one link per category
  hub, handed to furo by replacing ``context["toctree"]`` before furo's own
  ``html-page-context`` handler (priority 500) calls it;
* each category gets a generated hub page listing its articles as cards
  (``html-collect-pages``, so hubs are rebuilt from the registry every build
  and never go stale), and articles get breadcrumbs Home › Category › Title;
* furo's alphabetical previous/next footer is dropped: for articles it pointed
  at unrelated neighbours, and related cards do that job.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from .articles import Article, get_domain, is_article, sorted_articles
from .cards import card_grid
from .util import slugify

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: Builders that produce the website (hubs, sidebar, breadcrumbs). EPUB and
#: singlehtml are single documents with their own navigation.
SITE_BUILDERS = frozenset({"html", "dirhtml"})

_nav_before: weakref.WeakKeyDictionary[BuildEnvironment, tuple[Any, ...]] = (
    weakref.WeakKeyDictionary())


def hub_pagename(env: BuildEnvironment, category: str) -> str:
    return f"{env.config.healthdocs_hub_dir.strip('/')}/{slugify(category)}"


def categories(env: BuildEnvironment) -> list[tuple[str, list[Article]]]:
    """Categories in use with their articles: configured order first, then A-Z."""
    by_category: dict[str, list[Article]] = {}
    for article in get_domain(env).articles.values():
        if article.category:
            by_category.setdefault(article.category, []).append(article)
    order = list(env.config.healthdocs_category_order or env.config.healthdocs_categories or [])
    rank = {name: index for index, name in enumerate(order)}
    names = sorted(by_category, key=lambda c: (rank.get(c, len(rank)), c.casefold()))
    return [(name, sorted_articles(by_category[name])) for name in names]


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


def _sidebar(builder: Builder, env: BuildEnvironment, pagename: str, current: str) -> Markup:
    def item(target: str, title: str, is_current: bool) -> str:
        classes = "toctree-l1" + (" current current-page" if target == pagename else
                                  " current" if is_current else "")
        href = escape(builder.get_relative_uri(pagename, target))
        return f'<li class="{classes}"><a class="reference internal" href="{href}">{escape(title)}</a></li>'

    others = [item(d, t, False) for d, t in _other_pages(env)]
    topics = [item(hub_pagename(env, name), name, name == current)
              for name, _ in categories(env)]
    html = f"<ul>{''.join(others)}</ul>" if others else ""
    if topics:
        html += ('<p class="caption" role="heading"><span class="caption-text">Topics</span></p>'
                 f"<ul>{''.join(topics)}</ul>")
    return Markup(html)


def _breadcrumbs(builder: Builder, env: BuildEnvironment, pagename: str,
                 trail: list[tuple[str, str]], here: str) -> str:
    links = "".join(
        f'<li><a href="{escape(builder.get_relative_uri(pagename, target))}">{escape(title)}</a></li>'
        for target, title in trail)
    return (f'<nav class="hd-breadcrumbs" aria-label="Breadcrumb"><ol>{links}'
            f'<li><span aria-current="page">{escape(here)}</span></li></ol></nav>\n')


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    """``html-page-context`` (before furo): sidebar, breadcrumbs, no prev/next."""
    builder = app.builder
    if builder.name not in SITE_BUILDERS:
        return
    env = app.env
    article = get_domain(env).articles.get(pagename)
    category = context.get("hd_category") or (article.category if article else "")
    sidebar = _sidebar(builder, env, pagename, category)
    context["toctree"] = lambda **kwargs: sidebar
    context["prev"] = context["next"] = None
    if article is not None and "body" in context:
        trail = [(env.config.root_doc, "Home")]
        if article.category:
            trail.append((hub_pagename(env, article.category), article.category))
        context["body"] = _breadcrumbs(builder, env, pagename, trail, article.title) + context["body"]


def collect_hubs(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: one hub page per category in use."""
    builder = app.builder
    if builder.name not in SITE_BUILDERS:
        return
    env = app.env
    for name, articles in categories(env):
        pagename = hub_pagename(env, name)
        count = f"{len(articles)} article{'s' if len(articles) != 1 else ''}"
        grid = builder.render_partial(card_grid(builder, pagename, articles, show_meta=True))
        body = (_breadcrumbs(builder, env, pagename, [(env.config.root_doc, "Home")], name)
                + f'<section class="hd-hub" id="{escape(slugify(name))}">'
                f"<h1>{escape(name)}</h1><p class=\"hd-hub__count\">{count}</p>"
                f"{grid['fragment']}</section>")
        yield pagename, {
            "title": escape(name),
            "body": body,
            "hd_category": name,
            "hd_description": f"{name}: {count} for patients and families.",
        }, "page.html"


def setup_navigation(app: Sphinx) -> None:
    app.connect("html-page-context", page_context, priority=400)
    app.connect("html-collect-pages", collect_hubs)
    app.connect("env-get-outdated", remember_nav, priority=100)
    app.connect("env-get-updated", rewrite_all_if_nav_changed)
