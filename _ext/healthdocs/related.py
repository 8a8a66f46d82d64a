"""``related-articles``: cards for other articles, titles and summaries always current.

The directive checks its targets at read time (every problem has its line) and
leaves a placeholder; ``doctree-resolved`` fills it from the article registry,
so cards show the target's title and description as they are now. Sphinx does
not know a page shows another page's data: ``env-get-outdated`` re-reads a page
whose missing target was added or whose target was removed (to warn or show the
card), and the page's view (``freshness.py``: the cards it shows) rewrites it when
an article it shows, or would now pick by tags, has changed.
"""

from __future__ import annotations

import difflib
import posixpath
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from myst_parser.mocking import MockState
from sphinx.util import docname_join
from sphinx.util.docutils import SphinxDirective

from . import freshness
from .cards import CARD_FIELDS, card_grid, card_key
from .registry import Article, articles, get_domain, is_article
from .util import warn
from .settings import settings
from .nodes import related_articles

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

DEFAULT_TITLE = "Related articles"
#: Related cards show topic, date and reading time, as listed cards do.
CARD_OPTIONS = {"show_meta": True, "show_category": True}



def _did_you_mean(env: BuildEnvironment, docname: str, target: str) -> str:
    """The closest article names, written as the author would write them here."""
    folder = docname.rpartition("/")[0]
    names = {(d.removeprefix(folder + "/") if folder and d.startswith(folder + "/") else "/" + d): d
             for d in env.found_docs if is_article(env.config, d) and d != docname}
    wanted = target.removeprefix(folder + "/") if folder else target
    close = difflib.get_close_matches(wanted, sorted(names), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


class RelatedArticlesDirective(SphinxDirective):
    has_content = True
    option_spec: ClassVar = {
        "limit": directives.positive_int,
        "title": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        env = self.env
        docname = env.current_document.docname
        lines = [(index, line.strip()) for index, line in enumerate(self.content) if line.strip()]
        targets: list[str] = []
        missing: list[str] = []
        for index, text in lines:
            location = (docname, self._line(index))
            target = self._target(docname, text)
            if target == docname:
                warn(f"related-articles: {text!r} is this article itself; list other articles",
                     location, "related")
            elif target in targets:
                warn(f"related-articles: {text!r} is listed twice; the second is skipped",
                     location, "related")
            elif target not in env.found_docs:
                warn(f"related-articles: no article {text!r}{_did_you_mean(env, docname, target)}; "
                     "write another article's file name without '.md', one per line",
                     location, "related")
                missing.append(target)
            elif not is_article(env.config, target):
                warn(f"related-articles: {target!r} is not an article (only pages in "
                     f"{settings(env.config).articles_dir}/ have a description for a card)",
                     location, "related")
            else:
                targets.append(target)
        auto = not lines
        if auto and not is_article(env.config, docname):
            warn("related-articles: with no body, cards are picked by this page's tags, "
                 "but only articles have tags; list the targets one per line",
                 self.get_location(), "related")
        limit = self.options.get("limit", settings(env.config).related_limit)
        node = related_articles(docname=docname, targets=targets, auto=auto, limit=limit,
                                title=self.options.get("title", DEFAULT_TITLE))
        self.set_source_info(node)
        get_domain(env).related.setdefault(docname, []).append(
            {"targets": tuple(targets), "missing": tuple(missing), "auto": auto, "limit": limit})
        return [node]

    def _line(self, index: int) -> int:
        if isinstance(self.state, MockState):
            # MyST counts the content offset from the directive's opening line.
            return self.lineno + self.content_offset + 1 + index
        return self.content_offset + index + 1

    def _target(self, docname: str, text: str) -> str:
        root, ext = posixpath.splitext(text)
        if ext in self.config.source_suffix:
            text = root
        if text.startswith("/"):
            return posixpath.normpath(text).lstrip("/")
        return docname_join(docname, text)


def pick_by_tags(env: BuildEnvironment, docname: str, limit: int) -> list[Article]:
    """Up to ``limit`` articles sharing the most tags with ``docname``.

    Ties go to the same category, then the newest, then the docname, so the
    choice never depends on read order.
    """
    own = articles(env).get(docname)
    if own is None or not own.tags:
        return []
    tags = set(own.tags)
    tagged = get_domain(env).tagged()
    sharing = {a.docname: a for tag in tags for a in tagged.get(tag, ())}
    sharing.pop(docname, None)
    candidates = sorted(sharing.values(), key=lambda a: a.docname)
    candidates.sort(key=lambda a: a.date, reverse=True)
    candidates.sort(key=lambda a: (-len(tags & set(a.tags)), a.category != own.category))
    return candidates[:limit]


def _shown(env: BuildEnvironment, docname: str, use: dict[str, Any]) -> list[str]:
    if use["auto"]:
        return [a.docname for a in pick_by_tags(env, docname, use["limit"])]
    return [t for t in use["targets"] if t in articles(env)]


def resolve_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each placeholder with its cards (or nothing)."""
    registry = articles(app.env)
    for node in list(doctree.findall(related_articles)):
        shown = _shown(app.env, node["docname"], node)
        if not shown:
            node.parent.remove(node)
            continue
        heading = nodes.rubric(node["title"], node["title"], classes=["hd-related__title"])
        heading["heading-level"] = 2
        grid = card_grid(app.builder, docname, [registry[d] for d in shown], **CARD_OPTIONS)
        # Other articles' titles and summaries must not make this page match a search.
        node.replace_self(nodes.container("", heading, grid, classes=["hd-related", "no-search"]))


def reread_referrers(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str],
                     removed: Set[str]) -> list[str]:
    """``env-get-outdated``: pages whose missing target appeared or target vanished."""
    return sorted(
        docname for docname, uses in get_domain(env).related.items()
        if any(added.intersection(u["missing"]) or removed.intersection(u["targets"])
               for u in uses)
    )


def view(env: BuildEnvironment, only: Iterable[str] | None) -> dict[str, Hashable]:
    """The cards each page with related-articles shows."""
    registry, uses = articles(env), get_domain(env).related
    pages = uses if only is None else [d for d in only if d in uses]
    return {docname: tuple(tuple(card_key(registry[d], **CARD_OPTIONS)
                                 for d in _shown(env, docname, use))
                           for use in uses[docname])
            for docname in pages}


def setup_related(app: Sphinx) -> None:
    app.add_node(related_articles)
    app.add_directive("related-articles", RelatedArticlesDirective)
    app.connect("doctree-resolved", resolve_placeholders)
    app.connect("env-get-outdated", reread_referrers)
    # Tag-picked cards also read the tags (and category and date, for ties).
    freshness.declare(app, freshness.View("related", view, reads=CARD_FIELDS | {"tags"}))
