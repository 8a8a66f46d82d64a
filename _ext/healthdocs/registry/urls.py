"""Where the generated pages live, and which builders make a website.

Topic pages, tag pages, their indexes and the help page are not source files:
their page names come from here and nowhere else, so a link to one, a sitemap
entry and the page itself always agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..util import slugify
from ..settings import settings

if TYPE_CHECKING:
    from sphinx.config import Config

#: Builders that produce the website: generated pages, sidebar, breadcrumbs, search,
#: feed, sitemap. EPUB and singlehtml are single documents with their own navigation.
SITE_BUILDERS = frozenset({"html", "dirhtml"})
#: The generated "Get help now" page (a site's own get-help.md replaces it).
HELP_PAGE = "get-help"


def hub_page(config: Config, category: str) -> str:
    return f"{settings(config).hub_dir.strip('/')}/{slugify(category)}"


def tag_page(config: Config, tag: str) -> str:
    return f"{settings(config).tag_dir.strip('/')}/{slugify(tag)}"


def topics_index(config: Config) -> str:
    return f"{settings(config).hub_dir.strip('/')}/index"


def tags_index(config: Config) -> str:
    return f"{settings(config).tag_dir.strip('/')}/index"


def feed_url(config: Config) -> str:
    return config.html_baseurl.rstrip("/") + "/" + settings(config).feed_filename
