"""The labelled box that disclaimers, crisis banners and care cards render as.

A box is an admonition (first child a ``title``), so text, man, texinfo and
gettext treat it as one with no extra code. HTML gets the markup screen
readers need: a named landmark (``role`` + ``aria-labelledby``) whose label is a
real heading, at the level below the enclosing section. Boxes of the site's own
words carry the ``no-search`` class, which our search and content checks skip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import texescape

from .nodes import labelled_box, mark
from .util import slugify

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator


def make_box(env, component: str, variant: str, title: str, role: str, *,
             searchable: bool = False) -> labelled_box:
    """A box with a heading id unique within its document (``hd-<component>-<n>``).

    Boxes hold the site's own words and are left out of search and the content
    checks (``no-search``) unless ``searchable`` (a box of the author's text).
    """
    number = env.new_serialno(f"hd-{component}")
    return box_node(f"hd-{component}-{number}", component, variant, title, role,
                    searchable=searchable)


def box_node(label_id: str, component: str, variant: str, title: str, role: str, *,
             searchable: bool = False) -> labelled_box:
    """A box whose heading has the id ``label_id`` (unique on its page). Its classes
    (``hd-box hd-<component> hd-<component>--<variant>``) are for the stylesheet."""
    classes = ["hd-box", f"hd-{component}", *([] if searchable else ["no-search"])]
    if variant:
        classes.append(f"hd-{component}--{slugify(variant)}")
    box = labelled_box(role=role, label_id=label_id, classes=classes)
    box += nodes.title(title, title)
    return mark(box, component, variant)


def _heading_level(node: nodes.Element) -> int:
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(max(depth + 1, 2), 6)


def visit_box_html(self: HTML5Translator, node: labelled_box) -> None:
    tag = "section" if node["role"] == "region" else "div"
    self.body.append(self.starttag(node, tag, ROLE=node["role"],
                                   **{"aria-labelledby": node["label_id"]}))
    title = node[0]
    level = node.get("heading_level") or _heading_level(node)
    self.body.append(f'<h{level} class="hd-box__title" id="{node["label_id"]}">'
                     f"{self.encode(title.astext())}</h{level}>\n")
    node.remove(title)  # rendered above; sphinx.ext.todo pops its title the same way


def depart_box_html(self: HTML5Translator, node: labelled_box) -> None:
    self.body.append("</section>\n" if node["role"] == "region" else "</div>\n")


def visit_box_latex(self: LaTeXTranslator, node: labelled_box) -> None:
    title = texescape.escape(node[0].astext(), self.config.latex_engine)
    self.body.append("\n\\begin{sphinxadmonition}{note}{" + title + "}")
    self.no_latex_floats += 1
    node.remove(node[0])


def depart_box_latex(self: LaTeXTranslator, node: labelled_box) -> None:
    self.body.append("\\end{sphinxadmonition}\n")
    self.no_latex_floats -= 1


def _visit_admonition(self, node: labelled_box) -> None:
    self.visit_admonition(node)


def _depart_admonition(self, node: labelled_box) -> None:
    self.depart_admonition(node)


def setup_boxes(app: Sphinx) -> None:
    app.add_node(
        labelled_box,
        html=(visit_box_html, depart_box_html),
        latex=(visit_box_latex, depart_box_latex),
        text=(_visit_admonition, _depart_admonition),
        man=(_visit_admonition, _depart_admonition),
        texinfo=(_visit_admonition, _depart_admonition),
    )
