"""Article cards in a responsive grid, built from standard docutils nodes.

The grid and cards are styled by ``static/healthdocs.css`` (1 column on phones,
2 on tablets, 3 on desktops), not by sphinx-design: its stylesheet and script
cost a first visit about 10 KB gzip, which broke the readers' budget (issue 7),
so pages whose only grid is ours no longer load them (``design.py``). Every
other builder sees plain paragraphs. The link sits on the card's heading, a
real ``<h3>`` (rubric with ``heading-level``); the link's ``::after`` covers
the card, so the whole card is clickable without wrapping it in ``<a>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri

from .util import format_date

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.builders import Builder

    from .registry import Article


def card_grid(builder: Builder, fromdocname: str, articles: Iterable[Article], *,
              show_meta: bool = False, show_category: bool = False,
              heading_level: int = 3) -> nodes.container:
    """A grid of cards linking from ``fromdocname`` to each article."""
    grid = nodes.container(classes=["hd-cards"])
    for article in articles:
        grid += _card(builder, fromdocname, article, show_meta, show_category, heading_level)
    return grid


#: The Article fields any card shows (``card_key``); views of cards read these.
CARD_FIELDS = frozenset({"title", "description", "date", "minutes", "category"})


def card_key(article: Article | None, *, show_meta: bool = False,
             show_category: bool = False) -> tuple[str, ...] | None:
    """Everything a card made with these options shows; equal keys, equal cards.

    The views of pages showing cards (``freshness.py``) are made of these keys, so
    a page is rewritten when a card on it would change, and only then.
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
    heading = nodes.rubric(classes=["hd-card__title"])
    heading["heading-level"] = heading_level
    uri = article_uri(builder, fromdocname, article.docname)
    if uri is None:
        heading += nodes.Text(article.title)
    else:
        heading += nodes.reference(article.title, article.title, refuri=uri, internal=True,
                                   classes=["hd-card__link"])
    card = nodes.container("", heading, classes=["hd-card"])
    if article.description:
        card += nodes.paragraph(article.description, article.description,
                                classes=["hd-card__description"])
    if show_meta:
        card += nodes.paragraph("", meta_text(article, show_category), classes=["hd-card__meta"])
    return card


def meta_text(article: Article, show_category: bool = False) -> str:
    """``20 November 2026 · 6 min read`` (category first when asked)."""
    parts = [f"{article.minutes} min read"]
    if article.date:
        parts.insert(0, format_date(article.date))
    if show_category and article.category:
        parts.insert(0, article.category)
    return " · ".join(parts)
