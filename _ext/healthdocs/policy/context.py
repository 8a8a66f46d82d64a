"""What every rule gets: the article, its prose blocks, and ways to place a finding
and to insert a box exactly where the directives' boxes would go."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes

from ..nodes import component, labelled_box, marked, related_articles, variant
from ..sources import sources_section
from .prose import Block, find_line, node_line, order_index

if TYPE_CHECKING:
    import re

    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ..registry import Article


@dataclass
class Context:
    env: BuildEnvironment
    docname: str
    doctree: nodes.document
    article: Article
    blocks: list[Block]
    lines: list[str]  # the source as Sphinx read it
    #: Filled by the rules, read by the runner for the report.
    inserted_banner: bool = False
    inserted_disclaimers: list[str] = field(default_factory=list)
    grade: float | None = None
    grade_words: int = 0
    smog: float | None = None
    _order: dict[int, int] | None = None

    @property
    def config(self) -> Config:
        return self.env.config

    def crisis_banner(self) -> str:
        if self.inserted_banner:
            return "inserted"
        return "directive" if self.boxes("crisis") else "none"

    def line_of(self, block: Block, match: re.Match[str] | tuple[int, int]) -> int:
        return find_line(self.lines, block.line, block, match)

    def line_of_node(self, node: nodes.Node) -> int:
        return node_line(node)

    def order_of(self, node: nodes.Node) -> int:
        """Position in page order, comparable with ``Block.order``."""
        if self._order is None:
            self._order = order_index(self.doctree)
        return self._order.get(id(node), 0)

    def title_line(self) -> int:
        title = next(iter(self.doctree.findall(nodes.title)), None)
        return node_line(title) if title is not None else 1

    def boxes(self, name: str) -> list[labelled_box]:
        return [box for box in marked(self.doctree, name) if isinstance(box, labelled_box)]

    def disclaimer_kinds(self) -> list[str]:
        return [variant(box) for box in self.boxes("disclaimer")]

    def insert_at_top(self, box: nodes.Element) -> None:
        """Right after the article's title, where readers look first."""
        section = next(iter(self.doctree.findall(nodes.section)), None)
        if section is None:
            self.doctree.insert(0, box)
        else:
            section.insert(1 if section.children and isinstance(section[0], nodes.title) else 0,
                           box)

    def append(self, box: nodes.Element) -> None:
        """At the end of the content: before the Sources section (where the outline puts
        disclaimers), else before the review line and related cards."""
        anchor = sources_section(self.doctree) or next(
            (n for n in self.doctree.findall(nodes.Element)
             if component(n) == "review" or isinstance(n, related_articles)), None)
        if anchor is not None:
            anchor.parent.insert(anchor.parent.index(anchor), box)
            return
        container: nodes.Element = self.doctree
        while container.children and isinstance(container[-1], nodes.section):
            container = container[-1]
        container += box
