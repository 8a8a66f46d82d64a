"""``when-to-get-help``: care cards that tell a reader how soon to get help.

The NHS pattern (non-urgent, urgent, emergency), one box per level::

    :::{when-to-get-help} today
    - You feel faint or very dizzy hours after the session.
    :::

``soon``: talk to your care team; ``today``: call your clinician or urgent care;
``now``: an emergency, and the box adds the site region's crisis and emergency
lines as tap-to-call links. The heading names the level in words ("Urgent"), so
colour is never the only signal. The body is the author's text: it is searched
and checked like the rest of the article; the heading and the added lines are
not (``no-search``), like the other boxes the site adds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .boxes import make_box
from .settings import settings
from .crisis import resource_list
from .util import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class Level(NamedTuple):
    label: str   # the level in words, always shown
    action: str  # what to do, shown after it unless the author gives a :title:


LEVELS = {
    "soon": Level("Not urgent", "talk to your care team soon if:"),
    "today": Level("Urgent", "call your clinician or an urgent care service today if:"),
    "now": Level("Emergency", "get help now if:"),
}


class WhenToGetHelpDirective(SphinxDirective):
    has_content = True
    # Checked in run(), so a missing level gets our message, not docutils' own.
    optional_arguments = 1
    option_spec: ClassVar = {"title": directives.unchanged_required,
                             "region": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        level = self.arguments[0].strip().lower() if self.arguments else ""
        if level not in LEVELS:
            got = f"level {self.arguments[0]!r}" if self.arguments else "no level"
            warn(f"when-to-get-help: {got}; write the level after the name: "
                 f"':::{{when-to-get-help}} soon', 'today' or 'now'",
                 self.get_location(), "care")
            return []
        if not self.content:
            warn(f"when-to-get-help {level}: the box is empty; write what the reader may notice "
                 "between the two ':::' lines, e.g. a list ('- You feel faint.')",
                 self.get_location(), "care")
            return []
        label, action = LEVELS[level]
        title = f"{label} – {self.options.get('title', action)}"
        box = make_box(self.env, "care", level, title, "region", searchable=True)
        box[0]["classes"].append("no-search")  # the heading is the site's words
        self.set_source_info(box)
        box += self.parse_content_to_nodes()
        if level == "now":
            box += self._lines()
        return [box]

    def _lines(self) -> list[nodes.Node]:
        """The site region's crisis and emergency lines (or ``:region:``'s)."""
        regions = settings(self.config).crisis_resources
        code = self.options.get("region", settings(self.config).crisis_region).strip()
        if code not in regions and code.upper() in regions:
            code = code.upper()
        if code not in regions:
            warn(f"when-to-get-help: unknown region {code!r}; known regions: "
                 f"{', '.join(sorted(regions))} (add regions to healthdocs_crisis_resources)",
                 self.get_location(), "care")
            code = settings(self.config).crisis_region
            if code not in regions:
                return []
        lines = resource_list(regions[code])
        lines["classes"].append("no-search")
        return [lines]


def setup_care(app: Sphinx) -> None:
    app.add_directive("when-to-get-help", WhenToGetHelpDirective)
