"""Read time: section-level search records, glossary entries and abbreviations per page.

Stored on the environment by an ``EnvironmentCollector`` so a re-read page
replaces its own data, a deleted page drops it and ``-j`` merges it. Nodes with
the ``no-search`` class (crisis banner, disclaimers, related cards, review
line) and footnotes (the sources list) are skipped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector

from ..articles import is_article
from ..related import related_articles
from ..util import front_matter_line, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: 2-6 capital letters standing alone, an optional plural "s" ("SSRIs").
ABBREVIATION = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2,6})s?(?![A-Za-z0-9])")

_SKIP = (nodes.footnote, nodes.citation, nodes.footnote_reference, nodes.citation_reference,
         nodes.comment, nodes.system_message, nodes.substitution_definition, nodes.target,
         nodes.raw, nodes.image, addnodes.toctree, related_articles)
_NO_ABBREVIATION_CHECK = (nodes.literal, nodes.literal_block, nodes.math, nodes.math_block)


@dataclass
class PageRecords:
    """What one page contributes to search."""

    #: (anchor, heading, text); the first is the top of the page (anchor "").
    sections: list[tuple[str, str, str]] = field(default_factory=list)
    aliases: tuple[str, ...] = ()
    #: One tuple of equivalent terms per glossary entry ("TRD", "treatment-resistant depression").
    glossary: list[tuple[str, ...]] = field(default_factory=list)
    #: abbreviation -> first line it is used on (articles only)
    abbreviations: dict[str, int] = field(default_factory=dict)


def store(env: BuildEnvironment) -> dict[str, PageRecords]:
    if not hasattr(env, "healthdocs_search"):
        env.healthdocs_search = {}  # type: ignore[attr-defined]
    return env.healthdocs_search  # type: ignore[attr-defined]


class SearchCollector(EnvironmentCollector):
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        store(env).pop(docname, None)

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
        store(env)[docname] = PageRecords(
            sections=[(anchor, heading, " ".join(" ".join(parts).split()))
                      for anchor, heading, parts in walker.sections],
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
