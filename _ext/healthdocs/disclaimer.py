"""``disclaimer``: the site's standard disclaimer box, or a named variant.

``:::{disclaimer}`` renders ``healthdocs_disclaimer_default``; ``:kind: NAME``
picks a variant from conf.py; a body replaces the variant's text and is parsed
as the page's own markup (MyST or reStructuredText).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .boxes import make_box
from .nodes import labelled_box
from .defaults import Disclaimer
from .settings import settings
from .util import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class DisclaimerDirective(SphinxDirective):
    has_content = True
    # Not part of the syntax: accepted only to explain ":::{disclaimer} NAME".
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar = {"kind": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        variants = settings(self.config).disclaimers
        if self.arguments:
            warn(f"disclaimer: takes no argument; put the variant on the next line as "
                 f"':kind: {self.arguments[0]}'", self.get_location(), "disclaimer")
            self.options.setdefault("kind", self.arguments[0])
        kind = self.options.get("kind", settings(self.config).disclaimer_default).strip()
        if kind not in variants:
            warn(f"disclaimer: unknown kind {kind!r}; known kinds: {', '.join(sorted(variants))} "
                 "(add new kinds to healthdocs_disclaimers in conf.py)",
                 self.get_location(), "disclaimer")
            kind = settings(self.config).disclaimer_default
            if kind not in variants:
                return []
        box = disclaimer_box(self.env, kind, variants[kind], with_text=not self.content)
        self.set_source_info(box)
        if self.content:
            box += self.parse_content_to_nodes()
        return [box]


def disclaimer_box(env: BuildEnvironment, kind: str, variant: Disclaimer, *,
                   with_text: bool = True) -> labelled_box:
    """The box for ``variant``; also used where the build inserts one itself."""
    box = make_box(env, "disclaimer", kind, variant.title, "note")
    if with_text:
        box += [nodes.paragraph(text, text) for text in variant.paragraphs]
    return box


def setup_disclaimer(app: Sphinx) -> None:
    app.add_directive("disclaimer", DisclaimerDirective)
