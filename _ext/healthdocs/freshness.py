"""One way every page stays fresh: views of the registry, compared build to build.

Stock Sphinx rewrites a page when its own source changed. Our pages also show
other articles: related cards, article lists, the topic sidebar, the footer's
links, glossary links; the generated topic, tag and help pages, the feed and the
sitemap show nothing else. Each of those declares a :class:`View`: for every page
that shows it, a hashable value of what the page shows, computed from the
registry. One ``env-get-updated`` handler computes every view after reading,
compares it with the last build's (kept in the environment, so ``-j`` and the
preview's in-memory rebuilds see the same store), and

* returns the documents whose value changed, for Sphinx to rewrite;
* remembers which generated outputs changed, for their writers to ask
  :func:`should_write` (which also says yes when the file is missing, when
  Sphinx rewrites every page this build, or when the last build did not finish
  writing: the output folder keeps a digest of the outputs' views as written).

Adding a field to a card means changing what its view returns, nowhere else.
A view that reads article fields names them (``reads``): when no article changed
in those fields, only the pages read again this build are recomputed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .registry import articles

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable, Mapping, Set

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .registry import Article

#: In the output folder: a digest of the outputs' views, written when a build finishes.
FINISHED = ".healthdocs-outputs"


@dataclass(frozen=True)
class View:
    """What a set of pages shows of other articles.

    ``shows(env, pages)`` returns {page: value} for the given pages, or for every
    page that shows this view when ``pages`` is None. ``reads`` names the Article
    fields the values depend on; None means "recompute every build" (for views of
    cheap, non-article state, such as which pages exist). ``outputs``: the pages
    are generated files (``html-collect-pages``, feed, sitemap), not documents.
    """

    name: str
    shows: Callable[[BuildEnvironment, Iterable[str] | None], Mapping[str, Hashable]]
    reads: frozenset[str] | None = None
    outputs: bool = False


@dataclass
class Store:
    """Kept on the environment (pickled with it)."""

    articles: dict[str, Article] = field(default_factory=dict)
    values: dict[str, dict[str, Hashable]] = field(default_factory=dict)


@dataclass
class Build:
    """This build's own facts (never pickled): held on the application."""

    reread: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    #: Generated outputs the last build had and this one does not (a topic no article
    #: uses any more): outputs.py deletes their files.
    gone: set[str] = field(default_factory=set)
    written: set[str] = field(default_factory=set)
    #: view -> generated outputs whose value changed this build.
    changed: dict[str, set[str]] = field(default_factory=dict)
    #: Whether the last build wrote every output its views asked for.
    finished: bool = False


def declare(app: Sphinx, view: View) -> None:
    """Register a view (components call this from their ``setup_*``)."""
    views(app)[view.name] = view


def views(app: Sphinx) -> dict[str, View]:
    if not isinstance(getattr(app, "_healthdocs_views", None), dict):
        app._healthdocs_views = {}  # type: ignore[attr-defined]
    return app._healthdocs_views  # type: ignore[attr-defined]


def store(env: BuildEnvironment) -> Store:
    if not isinstance(getattr(env, "healthdocs_store", None), Store):
        env.healthdocs_store = Store()  # type: ignore[attr-defined]
    return env.healthdocs_store  # type: ignore[attr-defined]


def build(app: Sphinx) -> Build:
    if not isinstance(getattr(app, "_healthdocs_build", None), Build):
        app._healthdocs_build = Build()  # type: ignore[attr-defined]
    return app._healthdocs_build  # type: ignore[attr-defined]


def value(env: BuildEnvironment, name: str, page: str) -> Hashable:
    """The value a page showed when last computed (None: not known)."""
    return store(env).values.get(name, {}).get(page)


# --- events -----------------------------------------------------------------------

def _start(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str],
           removed: Set[str]) -> list[str]:
    """``env-get-outdated``, first: a new build begins."""
    app._healthdocs_build = Build(removed=set(removed))  # type: ignore[attr-defined]
    return []


def _reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``, last: every page read again this build."""
    build(app).reread.update(docnames)


def compare(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: recompute the views, return the documents to rewrite."""
    kept, now = store(env), dict(articles(env))
    state = build(app)
    state.finished = _finished_digest(app) == _digest(app, kept)
    changed_articles = [d for d in kept.articles.keys() | now.keys()
                        if kept.articles.get(d) != now.get(d)]
    rewrite: set[str] = set()
    for view in views(app).values():
        old = kept.values.get(view.name, {})
        if view.reads is None or _touches(view.reads, changed_articles, kept.articles, now):
            new = dict(view.shows(env, None))
        else:  # only the pages read again can show something new
            new = {page: v for page, v in old.items() if page not in state.removed}
            new.update(view.shows(env, state.reread))
        different = {page for page in new.keys() | old.keys() if new.get(page) != old.get(page)}
        kept.values[view.name] = new
        if view.outputs:
            state.changed[view.name] = different
            state.gone |= old.keys() - new.keys()
        else:
            rewrite |= different & env.found_docs
    kept.articles = now
    return sorted(rewrite - state.reread)


def _touches(fields: frozenset[str], changed: list[str], before: Mapping[str, Article],
             now: Mapping[str, Article]) -> bool:
    for docname in changed:
        old, new = before.get(docname), now.get(docname)
        if old is None or new is None:
            return True
        if any(getattr(old, name) != getattr(new, name) for name in fields):
            return True
    return False


def _written(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` (the main process, also with ``-j``): pages written now."""
    build(app).written.add(docname)


def should_write(app: Sphinx, name: str, page: str, path: Path) -> bool:
    """Whether the generated output ``page`` of view ``name`` (file ``path``) must be
    written this build."""
    state = build(app)
    return (page in state.changed.get(name, {page}) or not state.finished
            or not path.is_file() or app.env.found_docs <= state.written)


def _digest(app: Sphinx, kept: Store) -> str:
    outputs = sorted(name for name, view in views(app).items() if view.outputs)
    text = repr([(name, sorted(kept.values.get(name, {}).items())) for name in outputs])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _finished_digest(app: Sphinx) -> str:
    try:
        return (Path(app.outdir) / FINISHED).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def _finished(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: every output this build's views asked for is written."""
    if exception is None and Path(app.outdir).is_dir():
        text = _digest(app, store(app.env)) + "\n"
        (Path(app.outdir) / FINISHED).write_text(text, encoding="utf-8")


def setup_freshness(app: Sphinx) -> None:
    app.connect("env-get-outdated", _start, priority=1)
    app.connect("env-before-read-docs", _reading, priority=999)
    app.connect("env-get-updated", compare)
    app.connect("doctree-resolved", _written)
    app.connect("build-finished", _finished, priority=950)
