"""The site kept in memory between saves: one Sphinx application, rebuilt in place.

``sphinx-build`` (and sphinx-autobuild, which runs it per save) starts a new
process for every rebuild: import the extensions, load textstat's word list,
unpickle the environment, read, write, pickle the environment again, run every
end-of-build step. Here the application and its environment stay loaded, and a
save goes through Sphinx's own incremental steps (``Builder.read`` re-reads what
changed; ``env-get-updated`` handlers name the other pages whose view changed)
in two phases: the edited pages first, so the browser can reload at once, then
every other page that changed, the generated pages, the static files and the
``build-finished`` steps (feed, sitemap, search index, editors' report). The
environment is never pickled: the next ``make serve`` starts from scratch.

A change to ``conf.py``, the extension's code or a template cannot be applied
to a loaded application; :meth:`SiteWorker.classify` reports it and the server
starts a new worker (a fresh process: new imports, a clean build).
"""

from __future__ import annotations

import io
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging
from sphinx.util.build_phase import BuildPhase
from sphinx.util.parallel import SerialTasks

from ..problems import Problem, take_problems

if TYPE_CHECKING:
    from collections.abc import Iterable


@dataclass
class Outcome:
    """What one rebuild did, in the order the server needs it."""

    edited: list[str] = field(default_factory=list)  # pages written in phase 1
    others: list[str] = field(default_factory=list)  # pages written in phase 2
    restart: bool = False  # conf.py, extension code or templates changed
    seconds_edited: float = 0.0
    seconds_total: float = 0.0
    error: str = ""


class SiteWorker:
    """One Sphinx ``html`` application over ``srcdir``, rebuilt per save."""

    def __init__(self, srcdir: Path, outdir: Path, doctreedir: Path, *,
                 status: io.TextIOBase | None = None, warning: io.TextIOBase | None = None,
                 confoverrides: dict[str, object] | None = None) -> None:
        self.srcdir = srcdir.resolve()
        self.app = Sphinx(self.srcdir, self.srcdir, outdir, doctreedir, "html",
                          confoverrides=dict(confoverrides or {}), status=status,
                          warning=warning, freshenv=True, keep_going=True)
        self._restart_roots = self._code_and_templates()
        # A page's own scripts and styles stay in the builder's lists after it is
        # written, and the next build's ``prepare_writing`` takes those lists as every
        # page's: start each build from the lists as the builder made them.
        builder = self.app.builder
        self._assets = (list(builder._css_files), list(builder._js_files))
        #: phase ("read", "write", "site") -> source path -> problems (see ``_keep``).
        self._problems: dict[str, dict[str, list[Problem]]] = {}

    # --- building ---------------------------------------------------------------

    def build(self) -> Outcome:
        """The first build: everything, through the same steps as a rebuild."""
        return self.rebuild([])

    def rebuild(self, paths: Iterable[Path], on_edited: object = None) -> Outcome:
        """Apply saved files: phase 1 writes the edited pages and calls ``on_edited``
        (the server reloads the browser there), phase 2 writes the rest."""
        paths = [Path(p).resolve() for p in paths]
        outcome = Outcome()
        if any(self.classify(p) == "restart" for p in paths):
            outcome.restart = True
            return outcome
        start = time.perf_counter()
        app, builder, env = self.app, self.app.builder, self.app.env
        builder._css_files[:], builder._js_files[:] = self._assets
        # The environment keeps the doctrees it has loaded or read for writing; a page
        # read again since would be written from the old one. A new sphinx-build
        # process starts with these caches empty: so does each rebuild.
        env._pickled_doctree_cache.clear()
        env._write_doc_doctree_cache.clear()
        try:
            builder.phase = BuildPhase.READING
            with sphinx_logging.pending_warnings():
                updated = set(builder.read())
            self._keep("read", updated)
            updated |= set(env.check_dependents(app, updated))
            builder.phase = BuildPhase.CONSISTENCY_CHECK
            env.check_consistency()
            self._keep("site", None)

            edited = sorted({d for d in map(env.path2doc, map(str, paths)) if d} & env.found_docs)
            builder.finish_tasks = SerialTasks()
            builder.phase = BuildPhase.RESOLVING
            if edited:
                app.events.emit("write-started", builder)
                builder.prepare_writing(set(edited))
                builder.write_documents(set(edited))
                self._keep("write", set(edited))
            outcome.edited = edited
            outcome.seconds_edited = time.perf_counter() - start
            if callable(on_edited):
                on_edited(outcome)

            # Phase 2: what Builder.build does after reading, minus pickling the
            # environment and minus the pages phase 1 already wrote.
            others = updated - set(edited)
            everything = ["__all__"] if not paths else sorted(others)
            builder.write(everything, sorted(others), "update")
            written = (set(env.found_docs) if not paths
                       else others | self._toctree_parents(others | set(edited)))
            self._keep("write", written)
            builder.finish()
            builder.finish_tasks.join()
            app.events.emit("build-finished", None)
            self._keep("site", None, replace=False)
            outcome.others = sorted(written - set(edited))
        except Exception as error:  # noqa: BLE001 - a bug must not end the preview
            app.events.emit("build-finished", error)
            outcome.error = f"{type(error).__name__}: {error}"
        outcome.seconds_total = time.perf_counter() - start
        return outcome

    def _toctree_parents(self, docnames: set[str]) -> set[str]:
        env = self.app.env
        return {parent for docname in docnames for parent in env.files_to_rebuild.get(docname, ())
                if parent in env.found_docs}

    # --- what a saved file means -------------------------------------------------

    def classify(self, path: Path) -> str:
        """``restart`` (conf.py, extension code, templates), ``build`` (a page, a file a
        page uses, a static file) or ``ignore`` (anything a build does not read)."""
        path = Path(path).resolve()
        if any(path == root or root in path.parents for root in self._restart_roots):
            return "restart" if path.suffix != ".pyc" else "ignore"
        env = self.app.env
        if env.path2doc(str(path)) is not None:
            return "build"
        if path.suffix in self.app.config.source_suffix and self._inside_source(path):
            return "build"  # a new page (path2doc only knows found documents)
        relative = os.path.relpath(path, self.srcdir)
        if any(relative in deps for deps in env.dependencies.values()):
            return "build"
        static = [self.srcdir / p for p in self.app.config.html_static_path]
        if any(root in path.parents for root in static):
            return "build"
        return "ignore"

    def _inside_source(self, path: Path) -> bool:
        outputs = (Path(self.app.outdir).resolve(), Path(self.app.doctreedir).resolve())
        return self.srcdir in path.parents and not any(o == path or o in path.parents
                                                       for o in outputs)

    def _code_and_templates(self) -> list[Path]:
        """Files a loaded application cannot take up: conf.py, the healthdocs package
        when it lives in the project, the site's template folders."""
        import healthdocs

        roots = [self.srcdir / "conf.py"]
        package = Path(healthdocs.__file__).resolve().parent
        if self.srcdir in package.parents:
            roots.append(package)
        roots += [(self.srcdir / t).resolve() for t in self.app.config.templates_path
                  if not Path(t).is_absolute() or self.srcdir in Path(t).parents]
        return roots

    # --- problems for the preview panel -------------------------------------------

    def _keep(self, phase: str, docnames: set[str] | None, replace: bool = True) -> None:
        """File the problems logged since the last call under ``phase``: a page's
        ``read`` and ``write`` problems are replaced when that page is read or written
        again, and a page not touched keeps its own; ``site`` problems (consistency
        checks and end-of-build steps, which cover every page each build) are the
        last build's."""
        found = take_problems(self.app)
        env = self.app.env
        bucket = self._problems.setdefault(phase, {})
        if docnames is None:
            if replace:
                bucket.clear()
        else:
            for docname in docnames:
                bucket.pop(str(env.doc2path(docname)), None)
        for problem in found:
            bucket.setdefault(problem.path, []).append(problem)

    def problems_for(self, docname: str) -> list[Problem]:
        """The page's problems, for the preview panel."""
        if docname not in self.app.env.found_docs:
            return []
        path = str(self.app.env.doc2path(docname))
        return sorted({p for bucket in self._problems.values() for p in bucket.get(path, [])})
