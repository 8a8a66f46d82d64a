"""``crisis-banner``: crisis lines a reader can use at once (call, text, chat).

Resources come from ``healthdocs_crisis_resources`` merged over the built-in
regions (US, CA, UK, AU); ``:region:`` overrides the site-wide
``healthdocs_crisis_region``. A body adds text after the resources. The box is
a named region (not ``role="alert"``: it is not an event) and every action is a
``tel:``/``sms:``/web link whose visible text is its accessible name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .boxes import make_box
from .nodes import labelled_box
from .defaults import CrisisRegion
from .settings import settings
from .util import for_maintainers, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class CrisisBannerDirective(SphinxDirective):
    has_content = True
    # Not part of the syntax: accepted only to explain ":::{crisis-banner} UK".
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar = {"region": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        regions = settings(self.config).crisis_resources
        if self.arguments:
            warn(f"crisis-banner: takes no argument; put the region on the next line as "
                 f"':region: {self.arguments[0]}'", self.get_location(), "crisis")
            self.options.setdefault("region", self.arguments[0])
        code = self.options.get("region", settings(self.config).crisis_region).strip()
        if code not in regions:
            upper = code.upper()
            if upper not in regions:
                warn(f"crisis-banner: unknown region {code!r}; known regions: "
                     f"{', '.join(sorted(regions))}"
                     + for_maintainers("add regions to healthdocs_crisis_resources in conf.py"),
                     self.get_location(), "crisis")
                upper = settings(self.config).crisis_region
                if upper not in regions:
                    return []
            code = upper
        box = crisis_box(self.env, code, regions[code])
        self.set_source_info(box)
        if self.content:
            box += self.parse_content_to_nodes()
        return [box]


def crisis_box(env: BuildEnvironment, code: str, region: CrisisRegion) -> labelled_box:
    """The banner for ``region``; also used where the build inserts one itself."""
    box = make_box(env, "crisis", code, region.title, "region")
    if region.intro:
        box += nodes.paragraph(region.intro, region.intro)
    box += resource_list(region)
    return box


def resource_list(region: CrisisRegion) -> nodes.bullet_list:
    """Each line's name and note, then its actions as links (buttons on screen)."""
    items = nodes.bullet_list(classes=["hd-crisis__resources"])
    for resource in region.resources:
        para = nodes.paragraph()
        para += nodes.strong(resource.name, resource.name)
        if resource.note:
            para += nodes.Text(f" ({resource.note})")
        para += nodes.Text(": ")
        for index, action in enumerate(resource.actions):
            if index:  # plain-text separator; screens lay the actions out as buttons
                para += nodes.inline(" · ", " · ", classes=["hd-sep"])
            para += nodes.reference(action.label, action.label, refuri=action.url,
                                    classes=["hd-action"])
        items += nodes.list_item("", para)
    return items


def setup_crisis(app: Sphinx) -> None:
    app.add_directive("crisis-banner", CrisisBannerDirective)
