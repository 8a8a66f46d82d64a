"""Generated pages: one per topic and per tag, and an index of each.

They are ``html-collect-pages`` pages made from the registry (nothing is written
into the source tree), rendered by ``templates/healthdocs/generated.html`` inside
the theme's page. Each is a view (``freshness.py``): a rebuild writes only the
pages whose cards or entries changed (about 40 pages hold every article's card at
1,000 articles, so writing them all made every rebuild as costly as 40 articles).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from . import freshness
from .cards import CARD_FIELDS, card_grid, card_key
from .navigation import breadcrumbs
from .registry import (SITE_BUILDERS, Article, articles, categories, category_intro, hub_page,
                       tag_label, tag_page, tags, tags_index, topics_index)
from .templates import render
from .util import slugify

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

VIEW = "generated-pages"


@dataclass(frozen=True)
class Page:
    """Everything one generated page is made from."""

    name: str
    title: str
    intro: tuple[str, ...]
    description: str
    trail: tuple[tuple[str, str], ...]  # (pagename, title) of the pages above it
    cards: tuple[Article, ...] = ()
    show_category: bool = False
    entries: tuple[tuple[str, str, int], ...] | None = None  # (name, pagename, count)
    category: str = ""

    def key(self) -> Hashable:
        """What the page shows: cards by what a card shows, so an edit of an article
        elsewhere leaves it alone."""
        cards = tuple(card_key(a, show_meta=True, show_category=self.show_category)
                      for a in self.cards)
        return (self.title, self.intro, self.description, self.trail, cards, self.entries,
                self.category)


def count(number: int) -> str:
    return f"{number} article{'s' if number != 1 else ''}"


def pages(env: BuildEnvironment) -> Iterator[Page]:
    """Every generated topic and tag page, and their two indexes."""
    config, registry = env.config, articles(env)
    home = (config.root_doc, "Home")
    all_categories, all_tags = categories(config, registry), tags(registry)
    yield Page(topics_index(config), "All topics", (f"{len(all_categories)} topics.",),
               "Every topic on this site, with the number of articles in each.", (home,),
               entries=tuple((name, hub_page(config, name), len(arts))
                             for name, arts in all_categories))
    for name, listed in all_categories:
        yield Page(hub_page(config, name), name,
                   (*category_intro(config, name), count(len(listed)) + "."),
                   f"{name}: {count(len(listed))} for patients and families.",
                   (home, (topics_index(config), "All topics")), cards=tuple(listed),
                   category=name)
    labelled = sorted(((tag_label(config, name), name, arts) for name, arts in all_tags),
                      key=lambda item: (item[0].casefold(), item[0], item[1]))
    yield Page(tags_index(config), "All tags", (f"{len(all_tags)} tags.",),
               "Every tag on this site, with the number of articles for each.", (home,),
               entries=tuple((label, tag_page(config, name), len(arts))
                             for label, name, arts in labelled))
    for label, name, listed in labelled:
        yield Page(tag_page(config, name), f"Tagged “{label}”", (count(len(listed)) + ".",),
                   f"Articles tagged {label}: {count(len(listed))}.",
                   (home, (tags_index(config), "All tags")), cards=tuple(listed),
                   show_category=True)


def view(env: BuildEnvironment, only: Iterable[str] | None) -> dict[str, Hashable]:
    return {page.name: page.key() for page in pages(env)}


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the pages whose content changed, or whose file is missing."""
    builder = app.builder
    if builder.name not in SITE_BUILDERS:
        return
    for page in pages(app.env):
        if freshness.should_write(app, VIEW, page.name, Path(builder.get_outfilename(page.name))):
            yield page.name, _context(app, page), "page.html"


def _context(app: Sphinx, page: Page) -> dict[str, Any]:
    builder = app.builder
    cards = None
    if page.entries is None:
        # The cards sit right under the page's h1: h2 headings, no skipped level.
        grid = card_grid(builder, page.name, page.cards, show_meta=True,
                         show_category=page.show_category, heading_level=2)
        cards = builder.render_partial(grid)["fragment"]
    entries = None if page.entries is None else [
        (builder.get_relative_uri(page.name, target), name, count(number))
        for name, target, number in page.entries]
    body = render(app, "generated.html",
                  breadcrumbs=breadcrumbs(app, page.name, list(page.trail), page.title),
                  page={"title": page.title, "anchor": slugify(page.title), "intro": page.intro,
                        "cards": cards, "entries": entries})
    # hd_trail: the visible breadcrumbs, for the BreadcrumbList JSON-LD (seo.py).
    return {"title": escape(page.title), "body": body, "hd_category": page.category,
            "hd_description": page.description, "hd_trail": [*page.trail, (page.name, page.title)]}


def setup_hubs(app: Sphinx) -> None:
    freshness.declare(app, freshness.View(
        VIEW, view, reads=CARD_FIELDS | {"category", "tags"}, outputs=True))
    app.connect("html-collect-pages", collect_pages)
