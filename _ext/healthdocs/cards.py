"""Article cards in a responsive grid, built from standard docutils nodes.

Containers carry sphinx-design's grid and card classes, so its CSS lays them
out (1 column on phones, 2 on tablets, 3 on desktops) and every other builder
sees plain paragraphs. The link sits on the card's heading, a real ``<h3>``
(rubric with ``heading-level``); sphinx-design's stretched-link class makes the
whole card clickable without wrapping it in ``<a>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri

from .util import format_date

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.builders import Builder

    from .articles import Article


def card_grid(builder: Builder, fromdocname: str, articles: Iterable[Article], *,
              show_meta: bool = False, show_category: bool = False,
              heading_level: int = 3) -> nodes.container:
    """A grid of cards linking from ``fromdocname`` to each article."""
    row = nodes.container(classes=["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2",
                                   "sd-row-cols-md-3", "sd-g-3"])
    for article in articles:
        row += _card(builder, fromdocname, article, show_meta, show_category, heading_level)
    return nodes.container("", row, classes=["sd-container-fluid", "sd-sphinx-override",
                                             "sd-mb-4", "hd-cards"])


def card_key(article: Article | None, *, show_meta: bool = False,
             show_category: bool = False) -> tuple[str, ...] | None:
    """Everything a card made with these options shows; equal keys, equal cards.

    Rebuilds compare keys from before and after reading, so a page is
    rewritten when a card on it would change, and only then.
    """
    if article is None:
        return None
    key = (article.docname, article.title, article.description)
    if show_meta:
        key += (article.date, str(article.minutes), article.category if show_category else "")
    return key


def article_uri(builder: Builder, fromdocname: str, docname: str) -> str | None:
    """The relative link, or None for builders without one (LaTeX, text)."""
    try:
        return builder.get_relative_uri(fromdocname, docname)
    except NoUri:
        return None


def _card(builder: Builder, fromdocname: str, article: Article, show_meta: bool,
          show_category: bool, heading_level: int) -> nodes.container:
    heading = nodes.rubric(classes=["sd-card-title", "hd-card__title"])
    heading["heading-level"] = heading_level
    uri = article_uri(builder, fromdocname, article.docname)
    if uri is None:
        heading += nodes.Text(article.title)
    else:
        heading += nodes.reference(article.title, article.title, refuri=uri, internal=True,
                                   classes=["sd-stretched-link", "hd-card__link"])
    body = nodes.container("", heading, classes=["sd-card-body"])
    if article.description:
        body += nodes.paragraph(article.description, article.description,
                                classes=["sd-card-text", "hd-card__description"])
    if show_meta:
        body += nodes.paragraph("", meta_text(article, show_category), classes=["hd-card__meta"])
    card = nodes.container("", body, classes=["sd-card", "sd-sphinx-override", "sd-w-100",
                                              "sd-shadow-sm", "hd-card"])
    return nodes.container("", card, classes=["sd-col", "sd-d-flex-row"])


def meta_text(article: Article, show_category: bool = False) -> str:
    """``20 November 2026 · 6 min read`` (category first when asked)."""
    parts = [f"{article.minutes} min read"]
    if article.date:
        parts.insert(0, format_date(article.date))
    if show_category and article.category:
        parts.insert(0, article.category)
    return " · ".join(parts)
