"""The glossary for readers: an A-Z jump list, and articles linked to their terms.

* Every ``glossary`` on an HTML page gets a list of the letters its entries
  start with, each a link to the first entry of that letter (``hd-az``).
* In articles, the first use of each glossary entry (any of its terms, whole
  words, any case for the first letter, an optional plural "s") becomes a
  ``:term:`` cross-reference: Sphinx's own resolver turns it into a link to the
  entry in every builder. Headings, links, code, boxes (admonitions, the
  crisis banner and disclaimers), footnotes, sphinx-design components and what
  the site adds (``no-search``: meta line, review line, cards) are left alone.
  ``healthdocs_glossary_links = False`` turns it off.
* The terms come from the search collector's glossary records (one tuple of
  names per entry, every glossary in the project); when they change, every
  article is rewritten, so an incremental build links what a clean one does.

Why not sphinx-tippy (hover previews): it loads tippy.js and Popper from
unpkg.com by default (our CSP allows only 'self', and the privacy page promises
no third-party requests), names its per-page scripts with a random uuid4 (two
builds would differ), keeps per-page data from ``html-page-context`` on the
environment (lost from ``-j`` writers), fetches DOI and Wikipedia data over the
network at build time (our sources are full of DOIs), and adds about 45 KB of
script to pages held to a +6 KB budget. Hover tips are also out of reach on
phones; a link works everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import freshness
from .registry import is_article
from .search.collect import glossary_entries
from .settings import settings
from .nodes import glossary_letters

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

#: Where a term is not linked (headings, links, code, boxes, sources, captions...).
_NOT_HERE = (nodes.title, nodes.subtitle, nodes.rubric, nodes.reference, addnodes.pending_xref,
             nodes.literal, nodes.FixedTextElement, nodes.Admonition, nodes.footnote,
             nodes.citation, nodes.footnote_reference, nodes.citation_reference, nodes.term,
             nodes.math, nodes.raw, nodes.Invisible, nodes.abbreviation, nodes.caption,
             nodes.sidebar, nodes.topic, nodes.field_name, nodes.option_string, nodes.image)

@lru_cache(maxsize=4)
def term_pattern(entries: tuple[tuple[str, ...], ...]) -> re.Pattern[str] | None:
    """One pattern for every term: whole words, first letter in any case, plural "s".

    Longer terms come first, so "NMDA receptor" wins over "NMDA".
    """
    names = sorted({name for names in entries for name in names if name.strip()},
                   key=lambda name: (-len(name), name))
    if not names:
        return None

    def one(name: str) -> str:
        first, rest = name[0], name[1:]
        head = f"[{re.escape(first.upper())}{re.escape(first.lower())}]" if first.isalpha() \
            else re.escape(first)
        return head + r"\s+".join(re.escape(word) for word in rest.split(" "))

    return re.compile(r"(?<![\w-])(" + "|".join(one(n) for n in names) + r")s?(?![\w-])")


def _key(text: str) -> str:
    """How a matched term is looked up: first letter folded, spaces single."""
    text = " ".join(text.split())
    return text[:1].lower() + text[1:]


def _linkable(text: nodes.Text) -> bool:
    in_paragraph = False
    node = text.parent
    while node is not None:
        if isinstance(node, _NOT_HERE):
            return False
        classes = node.get("classes", ()) if isinstance(node, nodes.Element) else ()
        if "no-search" in classes or any(c.startswith("sd-") for c in classes):
            return False
        in_paragraph = in_paragraph or isinstance(node, nodes.paragraph)
        node = node.parent
    return in_paragraph


def _join_text(document: nodes.document) -> None:
    """One Text node per run of text, so a term broken over two source lines (MyST
    keeps each line's text apart) is found as a whole."""
    for element in document.findall(nodes.TextElement):
        children = element.children
        index = 0
        while index < len(children) - 1:
            if isinstance(children[index], nodes.Text) and isinstance(children[index + 1],
                                                                       nodes.Text):
                joined = nodes.Text(children[index] + children[index + 1])
                element.remove(children[index + 1])
                element.replace(children[index], joined)
            else:
                index += 1


class LinkGlossaryTerms(SphinxPostTransform):
    """First use of each glossary entry in an article: a ``:term:`` reference."""

    # Before Sphinx resolves references (10), which then resolves these too.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        env = self.env
        docname = env.current_document.docname
        if not settings(env.config).glossary_links or not is_article(env.config, docname):
            return
        entries = glossary_entries(env)
        pattern = term_pattern(entries)
        if pattern is None:
            return
        entry_of = {_key(name): names for names in entries for name in names}
        _join_text(self.document)
        linked: set[tuple[str, ...]] = set()
        for text in list(self.document.findall(nodes.Text)):
            if len(linked) == len(entries):
                break
            if _linkable(text):
                self._link(text, pattern, entry_of, linked, docname)

    def _link(self, text: nodes.Text, pattern: re.Pattern[str],
              entry_of: dict[str, tuple[str, ...]], linked: set[tuple[str, ...]],
              docname: str) -> None:
        value, start, parts = str(text), 0, []
        for match in pattern.finditer(value):
            entry = entry_of.get(_key(match.group(1)))
            if entry is None or entry in linked:
                continue
            linked.add(entry)
            target = next(n for n in entry if _key(n) == _key(match.group(1)))
            parts.append(nodes.Text(value[start:match.start()]))
            xref = addnodes.pending_xref("", refdomain="std", reftype="term", reftarget=target,
                                         refexplicit=True, refwarn=True, refdoc=docname)
            xref += nodes.inline(match.group(0), match.group(0),
                                 classes=["xref", "std", "std-term", "hd-term"])
            parts.append(xref)
            start = match.end()
        if parts:
            parts.append(nodes.Text(value[start:]))
            text.parent.replace(text, [p for p in parts if not isinstance(p, nodes.Text) or p])


# --- A-Z jump list ---------------------------------------------------------------


def visit_letters(self: HTML5Translator, node: glossary_letters) -> None:
    self.body.append(self.starttag(node, "nav", CLASS="hd-az",
                                   **{"aria-label": "Glossary: jump to a letter"}))


def depart_letters(self: HTML5Translator, node: glossary_letters) -> None:
    self.body.append("</nav>\n")


def _letter(term: str) -> str:
    first = unicodedata.normalize("NFKD", term.strip())[:1].upper()
    return first if "A" <= first <= "Z" else "#"


class GlossaryJumpList(SphinxPostTransform):
    """Letters before each glossary, each linking to its first entry."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for glossary in list(self.document.findall(addnodes.glossary)):
            first: dict[str, str] = {}
            for item in glossary.findall(nodes.definition_list_item):
                term = next((t for t in item.children if isinstance(t, nodes.term)), None)
                if term is not None and term["ids"]:
                    first.setdefault(_letter(term.astext()), term["ids"][0])
            if len(first) < 2:
                continue
            letters = nodes.bullet_list(classes=["hd-az__letters"])
            for letter in sorted(first, key=lambda x: (x == "#", x)):
                link = nodes.reference(letter, letter, refid=first[letter], internal=True)
                letters += nodes.list_item("", nodes.paragraph("", "", link))
            glossary.parent.insert(glossary.parent.index(glossary), glossary_letters("", letters))


# --- rebuilds ---------------------------------------------------------------------

def view(env: BuildEnvironment, only: Iterable[str] | None) -> dict[str, Hashable]:
    """Every article shows links to the glossary's terms (when the site links them)."""
    entries = glossary_entries(env) if settings(env.config).glossary_links else ()
    return {d: entries for d in (env.found_docs if only is None else only)
            if is_article(env.config, d)}


def setup_glossary(app: Sphinx) -> None:
    app.add_node(glossary_letters, html=(visit_letters, depart_letters))
    app.add_post_transform(LinkGlossaryTerms)
    app.add_post_transform(GlossaryJumpList)
    freshness.declare(app, freshness.View("glossary-terms", view))
