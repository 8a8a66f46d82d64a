"""Questions the site asks of its articles: in what order, under which topics and
tags, with what labels. Spellings that make the same page ("Ketamine therapy",
"Ketamine Therapy") are one topic or tag under the spelling most articles use."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..util import slugify
from ..settings import settings

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from sphinx.config import Config

    from .article import Article


def is_article(config: Config, docname: str) -> bool:
    return docname.startswith(f"{settings(config).articles_dir.strip('/')}/")


def sorted_articles(articles: Iterable[Article]) -> list[Article]:
    """Newest first, then by docname: the one order every listing uses."""
    by_name = sorted(articles, key=lambda a: a.docname)
    return sorted(by_name, key=lambda a: a.date, reverse=True)


def categories(config: Config,
               articles: Mapping[str, Article]) -> list[tuple[str, list[Article]]]:
    """Categories in use with their articles: configured order first, then A-Z."""
    rank = category_rank(config)
    named = [(prevailing(spellings, rank), [a for arts in spellings.values() for a in arts])
             for spellings in spellings_by_slug(
                 (a.category, a) for a in articles.values() if a.category).values()]
    named.sort(key=lambda item: (rank.get(item[0], len(rank)), item[0].casefold()))
    return [(name, sorted_articles(arts)) for name, arts in named]


def tags(articles: Mapping[str, Article]) -> list[tuple[str, list[Article]]]:
    """Tags in use (A-Z) with their articles."""
    named = [(prevailing(spellings, {}), [a for arts in spellings.values() for a in arts])
             for spellings in spellings_by_slug(
                 (tag, a) for a in articles.values() for tag in a.tags).values()]
    return sorted(((name, sorted_articles(arts)) for name, arts in named),
                  key=lambda item: (item[0].casefold(), item[0]))


def category_rank(config: Config) -> dict[str, int]:
    order = list(settings(config).category_order or settings(config).categories or [])
    return {name: index for index, name in enumerate(order)}


def spellings_by_slug(pairs: Iterable[tuple[str, Article]]) -> dict[str, dict[str, list[Article]]]:
    """slug -> spelling -> articles using that spelling."""
    groups: dict[str, dict[str, list[Article]]] = {}
    for name, article in pairs:
        groups.setdefault(slugify(name), {}).setdefault(name, []).append(article)
    return groups


def prevailing(spellings: Mapping[str, list[Article]], rank: Mapping[str, int]) -> str:
    """The spelling most articles use; ties go to the configured order, then A-Z."""
    return min(spellings, key=lambda name: (-len(spellings[name]), rank.get(name, len(rank)),
                                            name))


def tag_label(config: Config, tag: str) -> str:
    """What readers see for a tag; its slug stays the page's address.

    ``healthdocs_tag_labels`` maps a tag as written, or its slug, to a label
    ("fda": "FDA"); otherwise hyphens become spaces and the first letter a capital.
    """
    labels = settings(config).tag_labels
    for key in (tag, slugify(tag)):
        label = labels.get(key)
        if isinstance(label, str) and label.strip():
            return " ".join(label.split())
    text = " ".join(tag.replace("-", " ").split())
    return text[:1].upper() + text[1:]


def category_intro(config: Config, category: str) -> tuple[str, ...]:
    """The paragraphs of ``healthdocs_category_intros`` for a topic (matched by slug)."""
    intros = settings(config).category_intros
    wanted = slugify(category)
    text = next((value for key, value in sorted(intros.items(), key=lambda kv: str(kv[0]))
                 if isinstance(key, str) and slugify(key) == wanted and isinstance(value, str)),
                "")
    return tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip())
