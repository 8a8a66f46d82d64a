"""The site model: every article's record, the questions asked of them, and the
addresses of the pages generated from them.

* ``article.py``: :class:`Article`, the complete record of one article;
* ``frontmatter.py``: the one place front matter is decoded and validated;
* ``pages.py``: reading a page (its source lines, title checks, its record);
* ``domain.py``: where records and directive uses live (merged under ``-j``);
* ``queries.py``: order, topics, tags and their labels;
* ``urls.py``: page names of generated pages, and the website builders.

Everything else reads articles through :func:`articles`, never the source.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..util import warn
from .article import Article
from .domain import HealthDomain, get_domain
from .pages import ReplacedMystWarnings, keep_source, record_page, source_lines
from .queries import (category_intro, category_rank, categories, is_article, prevailing,
                      sorted_articles, spellings_by_slug, tag_label, tags)
from .urls import (HELP_PAGE, SITE_BUILDERS, feed_url, hub_page, tag_page, tags_index,
                   topics_index)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["HELP_PAGE", "SITE_BUILDERS", "Article", "articles", "categories", "category_intro",
           "feed_url", "hub_page", "is_article", "sorted_articles", "source_lines", "tag_label",
           "tag_page", "tags", "tags_index", "topics_index"]


def articles(env: BuildEnvironment) -> Mapping[str, Article]:
    """docname -> Article, for every article read so far."""
    return get_domain(env).articles


def spelling_collisions(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: two spellings of a category or tag that would make the
    same generated page. Each article with the minority spelling gets a warning at its
    front-matter line naming the spelling in use and the files using it."""
    records = articles(env).values()
    fields = (("category", category_rank(env.config), lambda a: [a.category] if a.category else []),
              ("tags", {}, lambda a: list(a.tags)))
    for key, rank, values in fields:
        groups = spellings_by_slug((name, a) for a in records for name in values(a))
        for _, spellings in sorted(groups.items()):
            if len(spellings) < 2:
                continue
            winner = prevailing(spellings, rank)
            users = sorted(env.doc2path(a.docname, False).as_posix() for a in spellings[winner])
            shown = ", ".join(users[:3]) + (f" and {len(users) - 3} more" if len(users) > 3 else "")
            page = (hub_page if key == "category" else tag_page)(env.config, winner)
            for name, losers in sorted(spellings.items()):
                for article in ([] if name == winner else sorted(losers, key=lambda a: a.docname)):
                    warn(f"front matter '{key}': {name!r} and {winner!r} ({shown}) make the same "
                         f"page {page}.html; write {winner!r}, the spelling already in use",
                         (article.docname, article.line(key)), "frontmatter")


def setup_registry(app: Sphinx) -> None:
    # MyST logs its warnings through this logger (myst_parser/warnings_.py).
    myst = logging.getLogger("sphinx.myst_parser.warnings_")
    if not any(isinstance(f, ReplacedMystWarnings) for f in myst.filters):
        myst.addFilter(ReplacedMystWarnings())
    app.add_domain(HealthDomain)
    app.connect("source-read", keep_source)
    app.connect("env-check-consistency", spelling_collisions)
