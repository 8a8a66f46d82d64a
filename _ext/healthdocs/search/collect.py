"""Read time: section-level search records and glossary entries per page.

An ``EnvironmentCollector`` keeps them per page, so a re-read page replaces its
own data, a deleted page drops it and ``-j`` merges it. Nodes with the
``no-search`` class (crisis banner, disclaimers, related cards, review line)
and footnotes (the sources list) are skipped.

The small part (aliases, glossary entries) lives on the
environment. The page text and its words (``PageText``) go to a file per page
next to the doctrees: on the environment they were 40% of it, and with ``-j``
Sphinx pickles the whole environment back from every read chunk. Splitting the
words at read time also runs that work in the ``-j`` workers and only for
re-read pages, instead of for every page each time the index is written.
"""

from __future__ import annotations

import pickle
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector

from ..nodes import related_articles
from .text import terms

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Folder (in the doctree folder) of the per-page ``PageText`` files.
TEXT_DIR = "hdsearch"

_SKIP = (nodes.footnote, nodes.citation, nodes.footnote_reference, nodes.citation_reference,
         nodes.comment, nodes.system_message, nodes.substitution_definition, nodes.target,
         nodes.raw, nodes.image, addnodes.toctree, related_articles)


@dataclass
class SectionText:
    anchor: str
    heading: str
    body: str
    #: stem -> how often the body uses it
    body_stems: dict[str, int]
    #: stems of the heading (none for the page top: its title is indexed from the article)
    heading_stems: tuple[str, ...]


@dataclass
class PageText:
    """A page's text as search shows it and its words as the index counts them."""

    #: The first section is the top of the page (anchor "").
    sections: list[SectionText]
    #: stem -> {word as written (folded): count}, for prefix matching while typing
    surface: dict[str, dict[str, int]]


@dataclass
class PageRecords:
    """What one page contributes to search, besides its ``PageText``."""

    #: One tuple of equivalent terms per glossary entry ("TRD", "treatment-resistant depression").
    glossary: list[tuple[str, ...]] = field(default_factory=list)


def store(env: BuildEnvironment) -> dict[str, PageRecords]:
    if not hasattr(env, "healthdocs_search"):
        env.healthdocs_search = {}  # type: ignore[attr-defined]
    return env.healthdocs_search  # type: ignore[attr-defined]


def glossary_entries(env: BuildEnvironment) -> tuple[tuple[str, ...], ...]:
    """Every glossary entry's terms, in a stable order; kept until a page's records change
    (every article asks while it is written: worked out each time, a build took time in
    the square of the number of pages)."""
    cached = getattr(env, "healthdocs_glossary", None)
    if cached is None:
        cached = tuple(sorted(names for records in store(env).values()
                              for names in records.glossary))
        env.healthdocs_glossary = cached  # type: ignore[attr-defined]
    return cached


def _changed(env: BuildEnvironment) -> None:
    env.healthdocs_glossary = None  # type: ignore[attr-defined]


def text_path(doctreedir: str | Path, docname: str) -> Path:
    return Path(doctreedir) / TEXT_DIR / f"{docname}.pickle"


def load_text(doctreedir: str | Path, docname: str) -> PageText:
    with open(text_path(doctreedir, docname), "rb") as stream:
        return pickle.load(stream)


def page_text(sections: list[tuple[str, str, list[str]]]) -> PageText:
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    result = []
    for position, (anchor, heading, parts) in enumerate(sections):
        body = " ".join(" ".join(parts).split())
        body_stems: Counter[str] = Counter()
        for word, stem in terms(body):
            body_stems[stem] += 1
            surface[stem][word] += 1
        heading_stems: dict[str, None] = {}
        if position:
            for word, stem in terms(heading):
                heading_stems[stem] = None
                surface[stem][word] += 1
        result.append(SectionText(anchor, heading, body, dict(body_stems), tuple(heading_stems)))
    return PageText(result, {stem: dict(words) for stem, words in surface.items()})


class SearchCollector(EnvironmentCollector):
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        store(env).pop(docname, None)
        _changed(env)
        # Before a page is read again or after it is deleted (main process, before -j forks).
        text_path(env.doctreedir, docname).unlink(missing_ok=True)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: set[str],
                    other: BuildEnvironment) -> None:
        mine, theirs = store(env), store(other)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]
        _changed(env)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.current_document.docname
        meta = env.metadata.get(docname, {})
        if "nosearch" in meta or "no-search" in meta:
            return
        walker = _Walker()
        walker.walk(doctree)
        path = text_path(env.doctreedir, docname)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as stream:
            pickle.dump(page_text(walker.sections), stream, pickle.HIGHEST_PROTOCOL)
        store(env)[docname] = PageRecords(glossary=walker.glossary)
        _changed(env)


class _Walker:
    def __init__(self) -> None:
        self.sections: list[tuple[str, str, list[str]]] = [("", "", [])]
        self.glossary: list[tuple[str, ...]] = []

    def walk(self, node: nodes.Node) -> None:
        self.visit(node.children)

    def visit(self, children: list[nodes.Node]) -> None:
        for child in children:
            if isinstance(child, nodes.Text):
                self.sections[-1][2].append(child.astext())
            elif not isinstance(child, nodes.Element) or isinstance(child, _SKIP) or "no-search" in child.get("classes", ()):
                continue
            elif isinstance(child, nodes.section):
                self._section(child)
            elif isinstance(child, addnodes.glossary):
                self._glossary(child)
            else:
                self.walk(child)

    def _section(self, section: nodes.section) -> None:
        title = section.next_node(nodes.title)
        heading = title.astext() if title is not None else ""
        if len(self.sections) == 1 and not self.sections[0][1] and not self.sections[0][2]:
            # The page's own title section is the page top.
            self.sections[0] = ("", heading, [])
        else:
            anchor = section["ids"][0] if section["ids"] else ""
            self.sections.append((anchor, heading, []))
        if title is not None:
            self.walk(title)
            self.sections[-1][2].clear()  # indexed as the heading, not body text
        self.visit([child for child in section.children if child is not title])

    def _glossary(self, glossary: addnodes.glossary) -> None:
        for item in glossary.findall(nodes.definition_list_item):
            terms = [t for t in item.children if isinstance(t, nodes.term)]
            if not terms:
                continue
            names = tuple(t.astext() for t in terms)
            self.glossary.append(names)
            anchor = terms[0]["ids"][0] if terms[0]["ids"] else ""
            self.sections.append((anchor, " · ".join(names), []))
            for definition in item.findall(nodes.definition):
                self.walk(definition)


