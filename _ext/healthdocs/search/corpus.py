"""Indexing, step 1 (collect): everything the index is made from, out of Sphinx.

Each page's text (the ``PageText`` the collector saved when the page was read),
its fields from the registry (title, description, topic, tags, aliases), the
glossary's groups of equivalent terms, the surface forms of every stem, the tag
labels and the site region's crisis lines. The later steps (``score``,
``shards``) take a ``Corpus`` and need no Sphinx objects, so they can be
tested on a corpus written by hand.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..registry import articles, tag_label
from ..settings import settings
from .collect import PageText, load_text, store
from .data import crisis_phrase, crisis_terms
from .text import stems, terms

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: A glossary entry's names, each as stems: (("esketamin",), ("spravato",)).
AliasGroup = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Page:
    docname: str
    url: str
    title: str
    text: PageText
    description: str = ""
    category: str = ""
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    #: Articles; other pages (home, glossary) rank below them on equal terms.
    is_article: bool = True

    @property
    def alias_text(self) -> str:
        return " ; ".join(self.aliases)

    @property
    def topics_text(self) -> str:
        return " ; ".join((self.category, *self.tags))


@dataclass
class Corpus:
    #: In docname order; a page's number in the index is its position here.
    pages: list[Page]
    alias_groups: set[AliasGroup]
    #: stem -> {word as written (folded): count}, over every field of every page
    surface: dict[str, Counter[str]]
    #: tag -> what the tag filter shows
    tag_labels: dict[str, str]
    #: crisis terms as the client matches them, and the site region's lines
    crisis: dict[str, Any]


def collect(app: Sphinx) -> Corpus:
    env = app.env
    records = store(env)
    registry = articles(env)
    pages = []
    glossaries = []
    for docname in sorted(d for d in records if d in env.all_docs):
        article = registry.get(docname)
        text = load_text(env.doctreedir, docname)
        glossaries += records[docname].glossary
        if article:
            pages.append(Page(docname, app.builder.get_target_uri(docname), article.title, text,
                              article.description, article.category, tuple(article.tags),
                              tuple(article.aliases)))
        else:
            node = env.titles.get(docname)
            pages.append(Page(docname, app.builder.get_target_uri(docname),
                              node.astext() if node else docname, text, is_article=False))
    tags = sorted({t for page in pages for t in page.tags})
    return Corpus(pages, alias_groups(glossaries), surface_forms(pages),
                  {t: tag_label(env.config, t) for t in tags}, crisis(app))


def alias_groups(glossary_entries: list[tuple[str, ...]]) -> set[AliasGroup]:
    """Glossary entries with two or more names (as stems): the client reads each name as
    any of the others, and patients' words for one apply to all."""
    groups = set()
    for names in glossary_entries:
        phrases = {stems(name) for name in names}
        phrases.discard(())
        if len(phrases) > 1:
            groups.add(tuple(sorted(phrases)))
    return groups


def surface_forms(pages: list[Page]) -> dict[str, Counter[str]]:
    """How each stem is written on the site (for prefix and typo matching while typing)."""
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for page in pages:
        for stem, words in page.text.surface.items():
            surface[stem].update(words)
        for value in (page.description, page.topics_text, page.title, page.alias_text):
            for word, stem in terms(value):
                surface[stem][word] += 1
    return surface


def crisis(app: Sphinx) -> dict[str, Any]:
    """Crisis terms as the client matches them, and the site region's lines (as on its banner)."""
    parsed = settings(app.config)
    region = parsed.crisis_resources[parsed.crisis_region]
    return {
        "terms": [[mode, crisis_phrase(phrase)] for phrase, mode in crisis_terms(app.config)],
        "title": region.title,
        "intro": region.intro,
        "resources": [{"name": r.name, "note": r.note,
                       "actions": [[a.label, a.url] for a in r.actions]} for r in region.resources],
    }
