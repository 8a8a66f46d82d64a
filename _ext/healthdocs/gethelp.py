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

from .boxes import box_node
from .config import CrisisRegion, crisis_regions, crisis_summary
from .crisis import resource_list
from .listings import SITE_BUILDERS, needs_writing

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

TEMPLATES = Path(__file__).parent / "templates"
PAGENAME = "get-help"
TITLE = "Get help now"


def _furo_templates(app: Sphinx) -> None:
    """``builder-inited``: our copy of furo's page template, for builders using furo
    only (EPUB's theme has a page.html of its own, which the copy must not replace)."""
    theme = getattr(app.builder, "theme", None)
    if theme is None or theme.name != "furo" or app.builder.templates is None:
        return
    # A new list: the default one may be shared by every Sphinx app in the process.
    app.config.templates_path = [str(TEMPLATES), *app.config.templates_path]
    app.builder.templates.init(app.builder, theme)


def _site_region(config: Config) -> CrisisRegion | None:
    return crisis_regions(config).get(config.healthdocs_crisis_region)


def _box(label_id: str, title: str, region: CrisisRegion, code: str, level: int,
         intro: bool) -> nodes.Element:
    box = box_node(label_id, "crisis", title, "region", [f"hd-crisis--{code.lower()}"])
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
        code = app.config.healthdocs_crisis_region
        context["body"] += _render(app.builder, _box("hd-crisis-404", region.title, region,
                                                     code, 2, intro=True))


def help_page_body(builder: Builder, config: Config) -> str:
    """The site region's lines first, then every other region's, A-Z by name."""
    regions = crisis_regions(config)
    site = config.healthdocs_crisis_region
    region = regions[site]
    html = (f'<section class="hd-get-help-page" id="get-help-now"><h1>{TITLE}</h1>'
            + _render(builder, _box("hd-help-site", region.name, region, site, 2, intro=True)))
    others = sorted((code for code in regions if code != site),
                    key=lambda code: (regions[code].name.casefold(), code))
    if others:
        html += '<h2 id="other-countries">Other countries</h2>'
        html += "".join(_render(builder, _box(f"hd-help-{code.lower()}", regions[code].name,
                                              regions[code], code, 3, intro=False))
                        for code in others)
    return html + "</section>"


def collect_help_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the help page, when its content changed."""
    builder = app.builder
    if builder.name not in SITE_BUILDERS or PAGENAME in app.env.found_docs:
        return
    region = _site_region(app.config)
    if region is None:
        return
    body = help_page_body(builder, app.config)
    if needs_writing(app, PAGENAME, body):
        yield PAGENAME, {"title": TITLE, "body": body,
                         "hd_description": f"Crisis lines you can call or text now. "
                                           f"{crisis_summary(region)}"}, "page.html"


def setup_gethelp(app: Sphinx) -> None:
    app.connect("builder-inited", _furo_templates)
    app.connect("html-page-context", page_context)
    app.connect("html-collect-pages", collect_help_page)
