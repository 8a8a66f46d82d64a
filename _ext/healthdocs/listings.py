"""``article-list``: the newest articles as cards, filtered, or one section per topic.

The directive leaves a placeholder that ``doctree-resolved`` fills from the
registry, so a list is never older than the articles it shows; its view
(``freshness.py``: the cards each list shows) rewrites the page when that changes,
and only then: a description edit does not rewrite a "latest three" list that does
not show that article. The generated topic and tag pages are in ``hubs.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from . import freshness
from .cards import CARD_FIELDS, article_uri, card_grid, card_key
from .hubs import count
from .registry import (SITE_BUILDERS, Article, articles, categories, get_domain, hub_page,
                       sorted_articles)
from .util import slugify
from .nodes import article_list

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Mapping

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment



class ArticleListDirective(SphinxDirective):
    """Newest articles as cards, optionally filtered, or one section per category."""

    option_spec: ClassVar = {
        "limit": directives.positive_int,
        "category": directives.unchanged_required,
        "tag": directives.unchanged_required,
        "group-by": lambda value: directives.choice(value, ("category",)),
    }

    def run(self) -> list[nodes.Node]:
        node = article_list(limit=self.options.get("limit", 0),
                            category=self.options.get("category", ""),
                            tag=self.options.get("tag", ""),
                            group_by=self.options.get("group-by", ""))
        self.set_source_info(node)
        get_domain(self.env).listings.setdefault(self.env.current_document.docname, []).append(
            {key: node[key] for key in ("limit", "category", "tag", "group_by")})
        return [node]


def _heading_level(node: nodes.Element) -> int:
    parent, depth = node.parent, 0
    while parent is not None:
        depth += isinstance(parent, nodes.section)
        parent = parent.parent
    return min(max(depth + 1, 2), 5)


def _selected(node: article_list | dict[str, Any], registry: Mapping[str, Article]) -> list[Article]:
    articles = sorted_articles(registry.values())
    # By slug, as the generated pages group them (spelling slips included).
    if node["category"]:
        wanted = slugify(node["category"])
        articles = [a for a in articles if a.category and slugify(a.category) == wanted]
    if node["tag"]:
        wanted = slugify(node["tag"])
        articles = [a for a in articles if any(slugify(t) == wanted for t in a.tags)]
    return articles[: node["limit"]] if node["limit"] else articles


def resolve_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: fill each article-list from the registry."""
    env, builder = app.env, app.builder
    for node in list(doctree.findall(article_list)):
        level = _heading_level(node)
        if node["group_by"] == "category":
            result = nodes.container(classes=["hd-listing", "hd-listing--by-category"])
            for name, listed in categories(env.config, articles(env)):
                result += _group_heading(builder, env, docname, name, listed, level)
                result += card_grid(builder, docname, listed, show_meta=True,
                                    heading_level=min(level + 1, 6))
        else:
            result = nodes.container("", card_grid(builder, docname, _selected(node, articles(env)),
                                                   show_meta=True,
                                                   show_category=True, heading_level=level),
                                     classes=["hd-listing"])
        node.replace_self(result)


def _group_heading(builder: Builder, env: BuildEnvironment, docname: str, name: str,
                   articles: list[Article], level: int) -> nodes.rubric:
    heading = nodes.rubric(classes=["hd-listing__group"])
    heading["heading-level"] = level
    uri = (article_uri(builder, docname, hub_page(env.config, name))
           if builder.name in SITE_BUILDERS else None)
    heading += (nodes.reference(name, name, refuri=uri, internal=True) if uri
                else nodes.Text(name))
    heading += nodes.inline("", f" ({count(len(articles))})", classes=["hd-listing__count"])
    return heading


def _shown(env: BuildEnvironment, use: dict[str, Any],
           registry: Mapping[str, Article]) -> Hashable:
    """What one article-list displays, as comparable card keys."""
    if use["group_by"] == "category":
        return tuple((name, tuple(card_key(a, show_meta=True) for a in listed))
                     for name, listed in categories(env.config, registry))
    return tuple(card_key(a, show_meta=True, show_category=True)
                 for a in _selected(use, registry))


def view(env: BuildEnvironment, only: Iterable[str] | None) -> dict[str, Hashable]:
    """The cards each page with article-lists shows."""
    registry, uses = articles(env), get_domain(env).listings
    pages = uses if only is None else [d for d in only if d in uses]
    return {docname: tuple(_shown(env, use, registry) for use in uses[docname])
            for docname in pages}


def setup_listings(app: Sphinx) -> None:
    app.add_node(article_list)
    app.add_directive("article-list", ArticleListDirective)
    app.connect("doctree-resolved", resolve_listings)
    freshness.declare(app, freshness.View("listings", view,
                                          reads=CARD_FIELDS | {"category", "tags"}))
