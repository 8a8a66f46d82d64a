"""Reading a page: its source lines, its title, and its article record.

``source-read`` keeps the page's source as Sphinx read it for the time the page is
being read, so warnings and checks find their lines without opening the file again;
``doctree-read`` then checks the title and front matter and stores the record.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from docutils import nodes

from ..util import warn
from . import frontmatter
from .domain import get_domain
from .queries import is_article

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_SOURCE = "healthdocs_source_lines"
_HEADING = re.compile(r"^(#{1,6})\s+\S")


def keep_source(app: Sphinx, docname: str, content: list[str]) -> None:
    """``source-read``: the page's lines, for as long as it is being read."""
    app.env.current_document[_SOURCE] = content[0].lstrip("\ufeff").splitlines()


def source_lines(env: BuildEnvironment) -> list[str]:
    """The lines of the page being read (empty outside reading)."""
    return env.current_document.get(_SOURCE) or []


def record_page(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: front matter that cannot be read is reported on every page (in
    place of MyST's bare "Malformed YAML"); the title and record only for articles."""
    env = app.env
    docname = env.current_document.docname
    lines = source_lines(env)
    unread = not set(env.metadata.get(docname, {})) - {"wordcount"}
    article = frontmatter.broken(env, docname, lines) if unread else None
    if not is_article(env.config, docname):
        level, line = first_heading(lines)
        if level > 1:
            warn("page has no title: add one line '# Title' above its first heading",
                 (docname, line), "title")
        return
    _check_title(docname, doctree, lines)
    get_domain(env).add_article(docname, article or frontmatter.decode(env, docname, lines))


def _check_title(docname: str, doctree: nodes.document, lines: list[str]) -> None:
    top = [n for n in doctree.children if isinstance(n, nodes.section)]
    level, line = first_heading(lines)
    if not top or level > 1:
        # MyST makes a first '##' heading the title; authors meant a section.
        warn("article has no title: add one line '# Title' (one '#') at the top, above the "
             "first '##' section", (docname, line), "title")
    for extra in top[1:]:
        warn(f"article has more than one '# ' title ({extra[0].astext()!r}): "
             "use '## ' for section headings", (docname, extra.line or extra[0].line), "title")


def first_heading(lines: list[str]) -> tuple[int, int]:
    """(level, line) of the page's first Markdown heading; (0, 1) when it has none."""
    block = frontmatter.block(lines)
    start = len(block) + 2 if block is not None else 0  # its "# " lines are YAML comments
    fence = ""
    for number, line in enumerate(lines[start:], start=start + 1):
        stripped = line.lstrip()
        if not fence and stripped.startswith(("```", "~~~", ":::")):
            fence = stripped[:3]
        elif fence and stripped.startswith(fence):
            fence = ""
        elif not fence and (match := _HEADING.match(line)):
            return len(match[1]), number
    return 0, 1


class ReplacedMystWarnings(logging.Filter):
    """Drops the two MyST warnings ``record_page`` reports better: "Malformed YAML"
    (ours names the line and the cause) and "Document headings start at H2" (ours
    says to add a '# Title'). Both would otherwise reach authors twice."""

    def filter(self, record: logging.LogRecord) -> bool:
        subtype = getattr(record, "subtype", "")
        if getattr(record, "type", "") != "myst":
            return True
        return not (subtype == "topmatter" or (
            subtype == "header" and str(record.msg).startswith("Document headings start at H")))
