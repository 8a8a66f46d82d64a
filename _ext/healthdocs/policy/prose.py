"""What the rules read: an article's own text, each block with its source line.

Boxes the site adds (crisis banner, disclaimers, review line, related cards:
all carry ``no-search``), code blocks, raw markup, comments and the source
list (footnotes and citations, which quote titles verbatim) are not the
author's prose and are skipped. Footnote markers are dropped from the text
("hours.[^x]" reads "hours.", not "hours.1") but their places are kept, and
so are the places of inline code, links and bare web addresses: rules need
them to tell a cited sentence, or a phrase that is only mentioned, from the
author's own claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from ..nodes import COMPONENT

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

#: Blocks whose text the rules read.
BLOCKS = (nodes.paragraph, nodes.title, nodes.rubric, nodes.caption, nodes.term, nodes.line)
#: Subtrees that are not the article's prose.
SKIPPED = (nodes.footnote, nodes.citation, nodes.literal_block, nodes.doctest_block,
           nodes.raw, nodes.comment, nodes.docinfo, nodes.substitution_definition, nodes.target,
           nodes.system_message)  # a parser's own message ("Malformed YAML") is not prose
INLINE_SKIPPED = (nodes.footnote_reference, nodes.citation_reference)
LISTS = (nodes.bullet_list, nodes.enumerated_list, nodes.definition_list)

_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){1,3}$|\b(?:al|vs|Dr|Mr|Mrs|Ms|St|e\.g|i\.e|etc)\.$")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:org|com|gov|net|edu|uk)(?:/\S*)?", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    target: str
    kind: str  # "external", "term" (a glossary link) or "internal"


@dataclass(frozen=True)
class Block:
    text: str
    line: int
    kind: str  # "paragraph", "title", ...
    in_table: bool
    #: Position in the document (page order), comparable with ``order_of``.
    order: int = 0
    #: Paragraphs of one list, and the paragraph that introduces it, share a group.
    group: int = 0
    #: Character ranges of inline code and of web addresses.
    code: tuple[tuple[int, int], ...] = ()
    urls: tuple[tuple[int, int], ...] = ()
    links: tuple[Link, ...] = ()
    #: Where footnote or citation markers stood, and the id of the note each points to.
    notes: tuple[tuple[int, str], ...] = ()
    #: For a table cell: the text of its column's heading.
    header: str = ""
    #: A list item (or a paragraph in one).
    in_list: bool = False
    #: The table a cell belongs to (its position in page order), 0 outside tables.
    table: int = 0
    #: The document title (first heading).
    is_title: bool = False


_SPACE = re.compile(r"(\s+)")


class _Text:
    """Builds a block's text with runs of white space collapsed, keeping offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.space = False

    def add(self, text: str) -> None:
        for token in _SPACE.split(text):
            if not token:
                continue
            if token.isspace():
                self.space = bool(self.length)
                continue
            if self.space:
                self.parts.append(" ")
                self.length += 1
                self.space = False
            self.parts.append(token)
            self.length += len(token)

    def here(self) -> int:
        """Where the next word will start."""
        return self.length + (1 if self.space and self.length else 0)

    def text(self) -> str:
        return "".join(self.parts)


def is_skipped(node: nodes.Node) -> bool:
    """Inside a site-added box, code, raw markup or the source list."""
    while node is not None:
        if isinstance(node, SKIPPED):
            return True
        if isinstance(node, nodes.Element) and "no-search" in node.get("classes", ()):
            return True
        node = node.parent
    return False


@dataclass
class Outline:
    """The nodes the rules look up, in page order (found in the same walk as the blocks,
    so no rule walks the document again)."""

    title: nodes.title | None = None  # the first title: the article's
    sections: list[nodes.section] = field(default_factory=list)
    #: Nodes by ``hd_component`` (``nodes.component``): boxes, the review line.
    components: dict[str, list[nodes.Element]] = field(default_factory=dict)
    footnotes: list[nodes.footnote] = field(default_factory=list)
    citations: list[nodes.citation] = field(default_factory=list)
    images: list[nodes.image] = field(default_factory=list)


@dataclass
class Page:
    """One walk of a doctree: every node's position, the prose blocks, the outline."""

    order: dict[int, int]
    blocks: list[Block]
    outline: Outline


def read(doctree: nodes.document) -> Page:
    walk = _Walk(prose=True)
    walk.visit(doctree, False, None, None, None)
    return Page(walk.order, _join_list_intros(walk.found, walk.intro_of), walk.outline)


def outline(doctree: nodes.document) -> Outline:
    """The outline alone (again after a rule inserted a box)."""
    walk = _Walk(prose=False)
    walk.visit(doctree, False, None, None, None)
    return walk.outline


def blocks(doctree: nodes.document) -> list[Block]:
    return read(doctree).blocks


class _Walk:
    """Visits every node once, in page order (as ``findall()`` lists them), carrying
    what the blocks need from their ancestors: whether a subtree is skipped, and the
    outermost list and table around it."""

    def __init__(self, *, prose: bool) -> None:
        self.prose = prose
        self.order: dict[int, int] = {}
        self.found: list[Block] = []
        self.outline = Outline()
        #: Paragraph introducing a list (its position) -> the list's position.
        self.intro_of: dict[int, int] = {}

    def visit(self, node: nodes.Node, skipped: bool, outer_list: nodes.Element | None,
              outer_table: nodes.Element | None, previous: nodes.Node | None) -> None:
        order = self.order
        order[id(node)] = len(order)
        if not isinstance(node, nodes.Element):
            return
        self._note(node)
        skipped = skipped or isinstance(node, SKIPPED) or "no-search" in node.get("classes", ())
        if self.prose:
            if isinstance(node, BLOCKS) and not skipped:
                self._block(node, outer_list, outer_table)
            if outer_list is None and isinstance(node, LISTS) and \
                    isinstance(previous, nodes.paragraph):
                self.intro_of[order.get(id(previous), -1)] = order[id(node)]
        if outer_list is None and isinstance(node, LISTS):
            outer_list = node
        if outer_table is None and isinstance(node, nodes.table):
            outer_table = node
        before = None
        for child in node.children:
            self.visit(child, skipped, outer_list, outer_table, before)
            before = child

    def _note(self, node: nodes.Element) -> None:
        found = self.outline
        if isinstance(node, nodes.title):
            if found.title is None:
                found.title = node
        elif isinstance(node, nodes.section):
            found.sections.append(node)
        elif isinstance(node, nodes.footnote):
            found.footnotes.append(node)
        elif isinstance(node, nodes.citation):
            found.citations.append(node)
        elif isinstance(node, nodes.image):
            found.images.append(node)
        name = node.get(COMPONENT)
        if name:
            found.components.setdefault(name, []).append(node)

    def _block(self, node: nodes.Element, outer_list: nodes.Element | None,
               outer_table: nodes.Element | None) -> None:
        builder = _Text()
        spans: dict[str, list] = {"code": [], "links": [], "notes": []}
        _collect(node, builder, spans)
        text = builder.text()
        if not text:
            return
        urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
        urls += [(link.start, link.end) for link in spans["links"]
                 if _URL.fullmatch(text[link.start:link.end])]
        order = self.order
        self.found.append(Block(
            text, node_line(node), type(node).__name__, outer_table is not None,
            order=order[id(node)],
            group=order[id(outer_list if outer_list is not None else node)],
            code=tuple(spans["code"]), urls=tuple(sorted(set(urls))), links=tuple(spans["links"]),
            notes=tuple(spans["notes"]),
            header=_column_header(node),
            in_list=outer_list is not None, is_title=node is self.outline.title,
            table=order[id(outer_table)] if outer_table is not None else 0,
        ))


def _join_list_intros(found: list[Block], intro_of: dict[int, int]) -> list[Block]:
    """A paragraph right before a list ("Options include:") joins the list's group."""
    if not intro_of:
        return found
    return [replace(b, group=intro_of[b.group]) if b.group in intro_of else b for b in found]


def _collect(node: nodes.Node, builder: _Text, spans: dict[str, list]) -> None:
    for child in node.children:
        if isinstance(child, nodes.Text):
            builder.add(str(child))
        elif isinstance(child, nodes.image):
            continue  # alt text is checked by its own rule
        elif isinstance(child, INLINE_SKIPPED):
            spans["notes"].append((builder.length, str(child.get("refid", ""))))
        elif isinstance(child, nodes.literal):
            start = builder.here()
            builder.add(child.astext())
            spans["code"].append((start, builder.length))
        elif isinstance(child, (nodes.reference, addnodes.pending_xref)):
            start = builder.here()
            _collect(child, builder, spans)
            spans["links"].append(Link(start, builder.length, *_target(child)))
        elif isinstance(child, nodes.Element):
            _collect(child, builder, spans)


def _target(node: nodes.Element) -> tuple[str, str]:
    if isinstance(node, addnodes.pending_xref):
        kind = "term" if node.get("reftype") == "term" else "internal"
        return str(node.get("reftarget", "")), kind
    uri = str(node.get("refuri", "") or node.get("refid", ""))
    if "term-" in uri or "glossary" in uri:
        return uri, "term"
    return uri, "external" if re.match(r"(?:https?:|mailto:|//)", uri) else "internal"


def _column_header(node: nodes.Node) -> str:
    entry = node.parent
    while entry is not None and not isinstance(entry, nodes.entry):
        entry = entry.parent
    if entry is None or not isinstance(entry.parent, nodes.row):
        return ""
    row = entry.parent
    group = row.parent
    if isinstance(group, nodes.thead):
        return ""
    tgroup = group.parent if group is not None else None
    thead = next((c for c in (tgroup.children if tgroup is not None else ()) if isinstance(c, nodes.thead)),
                 None)
    if thead is None or not thead.children:
        return ""
    heads = [c for c in thead.children[0].children if isinstance(c, nodes.entry)]
    index = row.index(entry)
    return " ".join(heads[index].astext().split()) if index < len(heads) else ""


def node_line(node: nodes.Node) -> int:
    """The node's source line, else its nearest ancestor's (images have none)."""
    while node is not None:
        if getattr(node, "line", None):
            return node.line
        node = node.parent
    return 1


@lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence: split after . ! ? before a capital, a digit
    or an opening quote, but not after "U.S.", "e.g." or "et al.".

    Cached: most rules read every block sentence by sentence.
    """
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        piece = text[start:end].rstrip()
        if _ABBREVIATION.search(piece):
            continue
        spans.append((start, len(piece) + start))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(spans)


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


class Phrases:
    """Many phrases as one pattern: whole words ("ketamine" is not found in
    "esketamine", but is in "S-ketamine"), any case, spaces or hyphens between
    words; the longest phrase wins where two start at the same place.

    Before the regular expression runs, a plain substring test on each phrase's
    longest word rules out most text: it is many times faster on long pages.
    """

    def __init__(self, phrases: tuple[str, ...]) -> None:
        parts, anchors = [], set()
        for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
            words = [w for w in re.split(r"[\s\-–]+", phrase.strip()) if w]
            if words:
                parts.append(r"[\s\-–]+".join(re.escape(w) for w in words))
                anchors.add(max(words, key=len).casefold())
        body = "|".join(parts) or r"(?!x)x"
        self.pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
        self.anchors = tuple(sorted(anchors))

    def possible(self, text: str) -> bool:
        """Whether ``text`` (or any part of it) may hold a phrase."""
        folded = text.casefold()
        return any(anchor in folded for anchor in self.anchors)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.possible(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.possible(text) else iter(())


@lru_cache(maxsize=256)
def phrase_pattern(phrases: tuple[str, ...]) -> Phrases:
    return Phrases(phrases)


def fold(phrase: str) -> str:
    """The key a ``phrase_pattern`` match and its configured phrase share."""
    return " ".join(w for w in re.split(r"[\s\-–]+", phrase.casefold()) if w)


def find_line(lines: list[str], start: int, block: Block,
              match: re.Match[str] | tuple[int, int]) -> int:
    """Line of ``match`` (found in ``block.text``) in the source file.

    Blocks know the line they start on; a phrase can sit lines further down (a
    wrapped paragraph, a table row). The phrase is looked for again in the
    source from the block's line on (the same occurrence, counting earlier
    ones); if markup splits it, the block's own line is the answer.
    """
    begin, end = match.span() if isinstance(match, re.Match) else match
    words = [re.escape(w) for w in re.findall(r"\w+", block.text[begin:end])][:6]
    if not words or not 1 <= start <= len(lines):
        return start
    loose = re.compile(r"\W+".join(words), re.IGNORECASE)
    nth = len(loose.findall(block.text[:begin]))
    window = "\n".join(lines[start - 1:start - 1 + 200])
    for index, found in enumerate(loose.finditer(window)):
        if index == nth:
            return start + window.count("\n", 0, found.start())
    return start


def grade_text(doctree_blocks: Iterable[Block]) -> str:
    """Body paragraphs and list items, one sentence-closed line each.

    List items rarely end with a full stop; closing each block keeps a list
    from being read as one long sentence. Tables are left out (cells are
    fragments, not sentences), and so are headings.
    """
    return "\n".join(_closed(b.text) for b in doctree_blocks
                     if b.kind == "paragraph" and not b.in_table)


def _closed(text: str) -> str:
    closed = text.rstrip("\"'”’)]").endswith((".", "!", "?"))
    return text if closed else text.rstrip(":;,") + "."


def iter_matches(pattern: Phrases, doctree_blocks: Iterable[Block]
                 ) -> Iterator[tuple[Block, re.Match[str]]]:
    for block in doctree_blocks:
        for match in pattern.finditer(block.text):
            yield block, match
