"""What the rules read: an article's own text, each block with its source line.

Boxes the site adds (crisis banner, disclaimers, review line, related cards:
all carry ``no-search``), code, raw markup, comments and the source list
(footnotes and citations, which quote titles verbatim) are not the author's
prose and are skipped. Footnote markers are dropped from the text ("hours.[^x]"
reads "hours.", not "hours.1").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

#: Blocks whose text the rules read.
BLOCKS = (nodes.paragraph, nodes.title, nodes.rubric, nodes.caption, nodes.term, nodes.line)
#: Subtrees that are not the article's prose.
SKIPPED = (nodes.footnote, nodes.citation, nodes.literal_block, nodes.doctest_block,
           nodes.raw, nodes.comment, nodes.docinfo, nodes.substitution_definition, nodes.target)
INLINE_SKIPPED = (nodes.footnote_reference, nodes.citation_reference)

_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){1,3}$|\b(?:al|vs|Dr|Mr|Mrs|Ms|St|e\.g|i\.e|etc)\.$")


@dataclass(frozen=True)
class Block:
    text: str
    line: int
    kind: str  # "paragraph", "title", ...
    in_table: bool


def is_skipped(node: nodes.Node) -> bool:
    """Inside a site-added box, code, raw markup or the source list."""
    while node is not None:
        if isinstance(node, SKIPPED):
            return True
        if isinstance(node, nodes.Element) and "no-search" in node.get("classes", ()):
            return True
        node = node.parent
    return False


def blocks(doctree: nodes.document) -> list[Block]:
    found = []
    for node in doctree.findall(lambda n: isinstance(n, BLOCKS)):
        if is_skipped(node):
            continue
        text = " ".join(_text(node).split())
        if text:
            found.append(Block(text, node_line(node), type(node).__name__,
                               _inside(node, nodes.table)))
    return found


def node_line(node: nodes.Node) -> int:
    """The node's source line, else its nearest ancestor's (images have none)."""
    while node is not None:
        if getattr(node, "line", None):
            return node.line
        node = node.parent
    return 1


def sentences(text: str) -> list[str]:
    """Split on sentence ends, but not after "U.S.", "e.g." or "et al."."""
    pieces = re.split(r"(?<=[.!?])\s+(?=[\"“(\[]?[A-Z0-9])", text)
    merged: list[str] = []
    for piece in pieces:
        if merged and _ABBREVIATION.search(merged[-1]):
            merged[-1] += " " + piece
        else:
            merged.append(piece)
    return merged


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

    def _possible(self, text: str) -> bool:
        folded = text.casefold()
        return any(anchor in folded for anchor in self.anchors)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self._possible(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self._possible(text) else iter(())


@lru_cache(maxsize=256)
def phrase_pattern(phrases: tuple[str, ...]) -> Phrases:
    return Phrases(phrases)


def fold(phrase: str) -> str:
    """The key a ``phrase_pattern`` match and its configured phrase share."""
    return " ".join(w for w in re.split(r"[\s\-–]+", phrase.casefold()) if w)


def find_line(source: Path, start: int, block: Block, match: re.Match[str]) -> int:
    """Line of ``match`` (found in ``block.text``) in the source file.

    Blocks know the line they start on; a phrase can sit lines further down (a
    wrapped paragraph, a table row). The phrase is looked for again in the
    source from the block's line on (the same occurrence, counting earlier
    ones); if markup splits it, the block's own line is the answer.
    """
    lines = _source_lines(source)
    words = [re.escape(w) for w in re.findall(r"\w+", match.group(0))]
    if not words or not 1 <= start <= len(lines):
        return start
    loose = re.compile(r"\W+".join(words), re.IGNORECASE)
    nth = len(loose.findall(block.text[:match.start()]))
    window = "\n".join(lines[start - 1:start - 1 + 200])
    for index, found in enumerate(loose.finditer(window)):
        if index == nth:
            return start + window.count("\n", 0, found.start())
    return start


def _source_lines(source: Path) -> list[str]:
    try:
        return source.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _inside(node: nodes.Node, kind: type[nodes.Node]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kind):
            return True
        parent = parent.parent
    return False


def _text(node: nodes.Node) -> str:
    return "".join(_pieces(node))


def _pieces(node: nodes.Node) -> Iterable[str]:
    if isinstance(node, nodes.Text):
        yield str(node)
    elif isinstance(node, nodes.image):
        return  # alt text is checked by its own rule
    elif not isinstance(node, INLINE_SKIPPED):
        for child in node.children:
            yield from _pieces(child)


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
