"""Every node class the extension adds, and how other code recognises what a node is.

Boxes, the review line and the closing items carry their meaning as attributes,
``hd_component`` ("disclaimer", "crisis", "care", "review", "stay-informed",
"report") and ``hd_variant`` (the disclaimer kind, the crisis region, the care
level), so the checks and the page layout ask :func:`component` and
:func:`variant` instead of parsing CSS class names. Placeholders are replaced in
``doctree-resolved`` and never reach a writer; the others have visitors for
every builder (``boxes.py``, ``tables.py``, ``glossary.py``, ``feed.py``).
"""

from __future__ import annotations

from docutils import nodes

COMPONENT, VARIANT = "hd_component", "hd_variant"


class labelled_box(nodes.admonition):
    """A titled box (disclaimer, crisis banner, care card, Stay informed); ``role`` is the
    ARIA role of its HTML wrapper, ``label_id`` its heading's id.

    A subclass of the generic ``admonition``, so docutils' writer transform (used by
    ``render_partial``) does not try to relabel it as a named one.
    """


class related_articles(nodes.General, nodes.Element):
    """Placeholder for the cards of a ``related-articles`` directive."""


class article_list(nodes.General, nodes.Element):
    """Placeholder for the cards of an ``article-list`` directive."""


class report_link(nodes.General, nodes.Element):
    """Placeholder for the "Report a problem with this page" link."""


class feed_link(nodes.reference):
    """A link to the feed, given its relative URL at write time (HTML only)."""


class scroll_region(nodes.container):
    """furo's table wrapper, focusable and named (``label``)."""


class glossary_letters(nodes.General, nodes.Element):
    """``<nav>`` around the glossary's letter links (HTML builders only)."""


def mark(node: nodes.Element, component: str, variant: str = "") -> nodes.Element:
    node[COMPONENT] = component
    if variant:
        node[VARIANT] = variant
    return node


def component(node: nodes.Node) -> str:
    return node.get(COMPONENT, "") if isinstance(node, nodes.Element) else ""


def variant(node: nodes.Node) -> str:
    return node.get(VARIANT, "") if isinstance(node, nodes.Element) else ""


def marked(doctree: nodes.Node, name: str) -> list[nodes.Element]:
    """Every node of one component, in document order."""
    return [n for n in doctree.findall(nodes.Element) if n.get(COMPONENT) == name]
