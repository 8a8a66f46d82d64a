"""What every rule gets: the article, its prose blocks, and ways to place a finding
and to insert a box exactly where the directives' boxes would go.

The doctree is walked once (``prose.read``) for the blocks, every node's position
and the outline the rules look up (title, boxes, footnotes, images); a rule that
inserts a box makes the outline be found again, never the blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..nodes import component, labelled_box, related_articles, variant
from ..sources import sources_section
from .prose import find_line, node_line, outline, read

if TYPE_CHECKING:
    import re
    from collections.abc import Callable

    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ..registry import Article
    from .prose import Block, Outline, Page


@dataclass
class Context:
    env: BuildEnvironment
    docname: str
    doctree: nodes.document
    article: Article
    lines: list[str]  # the source as Sphinx read it
    #: Filled by the rules, read by the runner for the report.
    inserted_banner: bool = False
    inserted_disclaimers: list[str] = field(default_factory=list)
    grade: float | None = None
    grade_words: int = 0
    smog: float | None = None
    _page: Page | None = field(default=None, repr=False)
    _outline: Outline | None = field(default=None, repr=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def config(self) -> Config:
        return self.env.config

    @property
    def page(self) -> Page:
        if self._page is None:
            self._page = read(self.doctree)
            self._outline = self._page.outline
        return self._page

    @property
    def blocks(self) -> list[Block]:
        return self.page.blocks

    @property
    def outline(self) -> Outline:
        """Title, sections, boxes, notes and images as the document is now."""
        if self._outline is None:
            # Not read yet, or a rule inserted a box since.
            self._outline = self.page.outline if self._page is None else outline(self.doctree)
        return self._outline

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per article (results several rules read)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def crisis_banner(self) -> str:
        if self.inserted_banner:
            return "inserted"
        return "directive" if self.boxes("crisis") else "none"

    def line_of(self, block: Block, match: re.Match[str] | tuple[int, int]) -> int:
        return find_line(self.lines, block.line, block, match)

    def line_of_node(self, node: nodes.Node) -> int:
        return node_line(node)

    def order_of(self, node: nodes.Node) -> int:
        """Position in page order, comparable with ``Block.order`` (as first read)."""
        return self.page.order.get(id(node), 0)

    def title_line(self) -> int:
        title = self.outline.title
        return node_line(title) if title is not None else 1

    def boxes(self, name: str) -> list[labelled_box]:
        return [box for box in self.outline.components.get(name, ())
                if isinstance(box, labelled_box)]

    def disclaimer_kinds(self) -> list[str]:
        return [variant(box) for box in self.boxes("disclaimer")]

    def insert_at_top(self, box: nodes.Element) -> None:
        """Right after the article's title, where readers look first."""
        sections = self.outline.sections
        if not sections:
            self.doctree.insert(0, box)
        else:
            section = sections[0]
            section.insert(1 if section.children and isinstance(section[0], nodes.title) else 0,
                           box)
        self._outline = None

    def append(self, box: nodes.Element) -> None:
        """At the end of the content: before the Sources section (where the outline puts
        disclaimers), else before the review line and related cards."""
        anchor = sources_section(self.doctree) or next(
            (n for n in self.doctree.findall(nodes.Element)
             if component(n) == "review" or isinstance(n, related_articles)), None)
        if anchor is not None:
            anchor.parent.insert(anchor.parent.index(anchor), box)
        else:
            container: nodes.Element = self.doctree
            while container.children and isinstance(container[-1], nodes.section):
                container = container[-1]
            container += box
        self._outline = None
