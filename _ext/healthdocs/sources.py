"""The end of a page: references under its Sources heading, then the closing items.

MyST collects footnote definitions at the end of the document, after every
section and behind a rule, so the "Sources" heading held only what came after
it in the source (the review line, the related cards) and the references
followed with no heading. At ``doctree-read`` this module

* moves the footnotes into the page's Sources section (a section titled
  "Sources" or "References", any case), after what the author wrote there,
  and drops MyST's rule: the heading now introduces them;
* moves the related-cards placeholders an author wrote under that heading to
  just after the section.

The closing items of an article (review line, report link, Stay informed box)
go through :func:`insert_closing`, so every builder gets the same order with
standard nodes: Sources, review line, report link, Stay informed, related cards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .nodes import related_articles

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Section titles (case-folded) that hold a page's references.
SOURCES_TITLES = frozenset({"sources", "references"})
#: Attribute (not rendered) of what :func:`insert_closing` placed, so the next item goes after it.
CLOSING = "hd_closing"


def sources_section(doctree: nodes.document) -> nodes.section | None:
    """The page's last section titled "Sources" or "References", or None."""
    found = None
    for section in doctree.findall(nodes.section):
        title = section[0] if section.children else None
        if isinstance(title, nodes.title) and title.astext().strip().casefold() in SOURCES_TITLES:
            found = section
    return found


def place_sources(app: Sphinx, doctree: nodes.document) -> None:
    """After reading (``__init__._after_reading``), before the closing items are placed:
    references under the heading."""
    section = sources_section(doctree)
    if section is None:
        return
    # Cards written under the heading belong after the sources, not among them.
    after = section.parent.index(section) + 1
    for placeholder in list(section.findall(related_articles)):
        placeholder.parent.remove(placeholder)
        section.parent.insert(after, placeholder)
        after += 1
    notes = [n for n in doctree.children if isinstance(n, nodes.footnote)]
    if not notes:
        return
    for node in list(doctree.children):
        if isinstance(node, nodes.transition) and "footnotes" in node["classes"]:
            doctree.remove(node)  # MyST's rule above the notes: the heading replaces it
    # After the author's own text under the heading, before any subsection.
    position = next((i for i, child in enumerate(section.children)
                     if isinstance(child, nodes.section)), len(section.children))
    for note in notes:
        doctree.remove(note)
    section[position:position] = notes


def insert_closing(doctree: nodes.document, node: nodes.Element) -> None:
    """Add one closing item to an article, after those already placed.

    Closing items follow the Sources section and come before the related cards
    (as a sibling of the section: "after the sources", not "one of them"). With
    no Sources section they go before the first related cards, else at the end.
    """
    node[CLOSING] = True
    section = sources_section(doctree)
    placeholder = next(iter(doctree.findall(related_articles)), None)
    if section is not None:
        parent = section.parent
        index = parent.index(section) + 1
        while (index < len(parent) and isinstance(parent[index], nodes.Element)
               and parent[index].get(CLOSING)):
            index += 1
        parent.insert(index, node)
    elif placeholder is not None:
        placeholder.parent.insert(placeholder.parent.index(placeholder), node)
    else:
        container: nodes.Element = doctree
        while container.children and isinstance(container[-1], nodes.section):
            container = container[-1]
        container += node
