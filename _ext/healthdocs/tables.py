"""Wide tables on phones: a named, keyboard-scrollable region with a visible cue.

furo wraps each table in ``div.table-wrapper`` that scrolls sideways when the
table is wider than the screen, but nothing shows that it scrolls, and a
keyboard cannot scroll it (WCAG 2.1.1; axe ``scrollable-region-focusable``).
After furo's post-transform (priority 500) the wrapper becomes a
``scroll_region``: the same ``div`` with ``tabindex="0"``, ``role="region"``
and a name ("Table: <caption or section title>"). ``static/healthdocs.css``
draws the cue: a shadow at the edge that has more table behind it, which
goes away when scrolled to that edge. HTML builders only, like furo's wrapper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from .nodes import scroll_region

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator



def visit_scroll_region(self: HTML5Translator, node: scroll_region) -> None:
    self.body.append(self.starttag(node, "div", CLASS="docutils container", tabindex="0",
                                   role="region", **{"aria-label": node["label"]}))


def depart_scroll_region(self: HTML5Translator, node: scroll_region) -> None:
    self.body.append("</div>\n")


def _name(table: nodes.table) -> str:
    caption = next((c for c in table.children if isinstance(c, nodes.title)), None)
    if caption is not None:
        return caption.astext()
    section = table.parent
    while section is not None and not isinstance(section, nodes.section):
        section = section.parent
    if section is not None and section.children and isinstance(section[0], nodes.title):
        return section[0].astext()
    return ""


class NameTableScrollers(SphinxPostTransform):
    default_priority = 510  # after furo's WrapTableAndMathInAContainerTransform (500)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        used: dict[str, int] = {}
        for wrapper in list(self.document.findall(nodes.container)):
            if "table-wrapper" not in wrapper["classes"] or isinstance(wrapper, scroll_region):
                continue
            table = next(iter(wrapper.findall(nodes.table)), None)
            name = " ".join(f"Table: {_name(table)}".split()).rstrip(":") if table else "Table"
            used[name] = used.get(name, 0) + 1
            label = name if used[name] == 1 else f"{name} ({used[name]})"
            region = scroll_region("", *wrapper.children)
            region.update_all_atts(wrapper)
            region["label"] = label
            region["classes"].append("hd-scroll")
            wrapper.replace_self(region)


def setup_tables(app: Sphinx) -> None:
    app.add_node(scroll_region, html=(visit_scroll_region, depart_scroll_region))
    app.add_post_transform(NameTableScrollers)
