"""Get help now: a link in every page's header, and the page it leads to.

A reader in crisis may land on any page (a topic, a tag, search, the 404 page),
and most have no crisis banner. So every page of the website gets a "Get help
now" link right after the skip link (``templates/page.html`` places it; this
module gives it its address and its printed form), leading to a generated page,
``get-help``, that lists the site region's crisis lines as tap-to-call and
tap-to-text links, then the other regions the site knows. The 404 page gets the
site region's banner.

A site that writes its own ``get-help`` page keeps it: the header links there
and nothing is generated.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from . import freshness
from .boxes import box_node
from .crisis import resource_list
from .defaults import CrisisRegion, crisis_summary
from .registry import HELP_PAGE as PAGENAME
from .registry import SITE_BUILDERS
from .settings import settings
from .templates import render

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

TITLE = "Get help now"


def _site_region(config: Config) -> CrisisRegion | None:
    return settings(config).crisis_resources.get(settings(config).crisis_region)


def _box(label_id: str, title: str, region: CrisisRegion, code: str, level: int,
         intro: bool) -> nodes.Element:
    box = box_node(label_id, "crisis", code, title, "region")
    box["heading_level"] = level
    if intro and region.intro:
        box += nodes.paragraph(region.intro, region.intro)
    box += resource_list(region)
    return box


def _render(builder: Builder, node: nodes.Node) -> str:
    return builder.render_partial(node)["fragment"]


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    """``html-page-context``: the header link's address and printed text; the 404
    page's crisis lines as links (after sphinx-notfound-page made its links absolute)."""
    if app.builder.name not in SITE_BUILDERS:
        return
    region = _site_region(app.config)
    if region is None:
        return
    context["hd_get_help_url"] = context["pathto"](PAGENAME)
    context["hd_get_help_current"] = pagename == PAGENAME
    context["hd_get_help_print"] = crisis_summary(region)
    if pagename == getattr(app.config, "notfound_pagename", None) and "body" in context:
        code = settings(app.config).crisis_region
        context["body"] += _render(app.builder, _box("hd-crisis-404", region.title, region,
                                                     code, 2, intro=True))


def help_page_body(app: Sphinx) -> str:
    """The site region's lines first, then every other region's, A-Z by name."""
    builder, config = app.builder, app.config
    regions = settings(config).crisis_resources
    site = settings(config).crisis_region
    others = sorted((code for code in regions if code != site),
                    key=lambda code: (regions[code].name.casefold(), code))
    return render(app, "help.html", title=TITLE,
                  site_box=_render(builder, _box("hd-help-site", regions[site].name,
                                                 regions[site], site, 2, intro=True)),
                  other_boxes=[_render(builder, _box(f"hd-help-{code.lower()}",
                                                     regions[code].name, regions[code], code,
                                                     3, intro=False)) for code in others])


def view(env: BuildEnvironment, only: Iterable[str] | None) -> dict[str, Hashable]:
    """The help page shows the site's crisis regions (unless the site writes its own)."""
    if PAGENAME in env.found_docs:
        return {}
    return {PAGENAME: (settings(env.config).crisis_region,
                       tuple(sorted(settings(env.config).crisis_resources.items())))}


def collect_help_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the help page, when its content changed."""
    builder = app.builder
    if builder.name not in SITE_BUILDERS or PAGENAME in app.env.found_docs:
        return
    region = _site_region(app.config)
    if region is None or not freshness.should_write(
            app, "help-page", PAGENAME, Path(builder.get_outfilename(PAGENAME))):
        return
    yield PAGENAME, {"title": TITLE, "body": help_page_body(app),
                     "hd_description": f"Crisis lines you can call or text now. "
                                       f"{crisis_summary(region)}"}, "page.html"


def setup_gethelp(app: Sphinx) -> None:
    freshness.declare(app, freshness.View("help-page", view, outputs=True))
    app.connect("html-collect-pages", collect_help_page)
