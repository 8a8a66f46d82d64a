"""Read time: section-level search records, glossary entries and abbreviations per page.

An ``EnvironmentCollector`` keeps them per page, so a re-read page replaces its
own data, a deleted page drops it and ``-j`` merges it. Nodes with the
``no-search`` class (crisis banner, disclaimers, related cards, review line)
and footnotes (the sources list) are skipped.

The small part (aliases, glossary entries, abbreviations) lives on the
environment. The page text and its words (``PageText``) go to a file per page
next to the doctrees: on the environment they were 40% of it, and with ``-j``
Sphinx pickles the whole environment back from every read chunk. Splitting the
words at read time also runs that work in the ``-j`` workers and only for
re-read pages, instead of for every page each time the index is written.
"""

from __future__ import annotations

import json
import pickle
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector

from ..articles import is_article
from ..related import related_articles
from ..util import front_matter_line, warn
from .text import terms

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Folder (in the doctree folder) of the per-page ``PageText`` files.
TEXT_DIR = "hdsearch"

#: 2-6 capital letters standing alone, an optional plural "s" ("SSRIs").
ABBREVIATION = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2,6})s?(?![A-Za-z0-9])")

_SKIP = (nodes.footnote, nodes.citation, nodes.footnote_reference, nodes.citation_reference,
         nodes.comment, nodes.system_message, nodes.substitution_definition, nodes.target,
         nodes.raw, nodes.image, addnodes.toctree, related_articles)
_NO_ABBREVIATION_CHECK = (nodes.literal, nodes.literal_block, nodes.math, nodes.math_block)


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

    aliases: tuple[str, ...] = ()
    #: One tuple of equivalent terms per glossary entry ("TRD", "treatment-resistant depression").
    glossary: list[tuple[str, ...]] = field(default_factory=list)
    #: abbreviation -> first line it is used on (articles only)
    abbreviations: dict[str, int] = field(default_factory=dict)


def store(env: BuildEnvironment) -> dict[str, PageRecords]:
    if not hasattr(env, "healthdocs_search"):
        env.healthdocs_search = {}  # type: ignore[attr-defined]
    return env.healthdocs_search  # type: ignore[attr-defined]


def text_path(doctreedir: str | Path, docname: str) -> Path:
    return Path(doctreedir) / TEXT_DIR / f"{docname}.pickle"


def load_text(doctreedir: str | Path, docname: str) -> PageText:
    with open(text_path(doctreedir, docname), "rb") as stream:
        return pickle.load(stream)


def _page_text(sections: list[tuple[str, str, list[str]]]) -> PageText:
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
        # Before a page is read again or after it is deleted (main process, before -j forks).
        text_path(env.doctreedir, docname).unlink(missing_ok=True)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: set[str],
                    other: BuildEnvironment) -> None:
        mine, theirs = store(env), store(other)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.current_document.docname
        meta = env.metadata.get(docname, {})
        if "nosearch" in meta or "no-search" in meta:
            return
        walker = _Walker(check_abbreviations=is_article(env, docname))
        walker.walk(doctree)
        path = text_path(env.doctreedir, docname)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as stream:
            pickle.dump(_page_text(walker.sections), stream, pickle.HIGHEST_PROTOCOL)
        store(env)[docname] = PageRecords(
            aliases=_aliases(env, docname, meta.get("aliases")),
            glossary=walker.glossary,
            abbreviations=walker.abbreviations,
        )


class _Walker:
    def __init__(self, check_abbreviations: bool) -> None:
        self.check = check_abbreviations
        self.sections: list[tuple[str, str, list[str]]] = [("", "", [])]
        self.glossary: list[tuple[str, ...]] = []
        self.abbreviations: dict[str, int] = {}

    def walk(self, node: nodes.Node, check: bool = True) -> None:
        self.visit(node.children, check)

    def visit(self, children: list[nodes.Node], check: bool = True) -> None:
        for child in children:
            if isinstance(child, nodes.Text):
                self._text(child, check)
            elif not isinstance(child, nodes.Element) or isinstance(child, _SKIP) or "no-search" in child.get("classes", ()):
                continue
            elif isinstance(child, nodes.section):
                self._section(child)
            elif isinstance(child, addnodes.glossary):
                self._glossary(child)
            else:
                self.walk(child, check and not isinstance(child, _NO_ABBREVIATION_CHECK))

    def _text(self, text: nodes.Text, check: bool) -> None:
        value = text.astext()
        self.sections[-1][2].append(value)
        if check and self.check:
            for match in ABBREVIATION.finditer(value):
                self.abbreviations.setdefault(match.group(1), _line(text))

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
            self.walk(title)  # headings are checked for abbreviations too
            self.sections[-1][2].clear()  # ...but are indexed as the heading, not body text
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


def _line(node: nodes.Node) -> int:
    while node is not None:
        if getattr(node, "line", None):
            return node.line
        node = node.parent
    return 1


def _aliases(env: BuildEnvironment, docname: str, raw: Any) -> tuple[str, ...]:
    """Front matter ``aliases``: a list of words or phrases readers may search for."""
    if raw is None or not str(raw).strip():
        return ()
    text = str(raw).strip()
    try:
        values = json.loads(text) if text.startswith("[") else None
    except ValueError:
        values = None
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        warn(f"front matter 'aliases': must be a list of words or phrases, e.g. aliases: [{text}]",
             (docname, front_matter_line(env, docname, "aliases")), "frontmatter")
        return ()
    return tuple(dict.fromkeys(" ".join(v.split()) for v in values))


def known_abbreviations(env: BuildEnvironment) -> set[str]:
    """Abbreviations a glossary entry explains: the capitalised words of its terms."""
    known: set[str] = set()
    for records in store(env).values():
        for names in records.glossary:
            for name in names:
                known.update(ABBREVIATION.findall(name))
    return known


def check_abbreviations(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: every abbreviation an article uses has a glossary entry."""
    if not env.config.healthdocs_search_check_abbreviations:
        return
    known = known_abbreviations(env)
    for docname, records in sorted(store(env).items()):
        for abbreviation, line in sorted(records.abbreviations.items()):
            if abbreviation not in known:
                warn(f"abbreviation {abbreviation!r} has no glossary entry: add a term "
                     f"'{abbreviation}' with its full name and a plain definition to the "
                     "glossary, so readers can look it up and search finds it",
                     (docname, line), "abbreviation")
