"""Removes website files that a clean build would not write.

Sphinx never deletes the page of a deleted document, and nothing deletes the
generated page of a topic or tag that no article uses any more. Both would stay
published (and findable by a crawler) after an incremental build. This module
deletes them at ``build-finished``: deleted documents and generated pages that
went away are what ``freshness.py`` saw this build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import freshness
from .registry import SITE_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def remove_stale_outputs(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    state, outdir = freshness.build(app), Path(app.outdir)
    deleted_docs = state.removed - app.env.found_docs
    # A generated page that became a document (a site's own get-help.md) stays.
    gone = state.gone - app.env.found_docs
    stale = [Path(app.builder.get_outfilename(name)) for name in gone | deleted_docs]
    # The copies of deleted sources that html_copy_source puts in _sources/.
    stale += [outdir / "_sources" / f"{docname}{suffix}{app.config.html_sourcelink_suffix}"
              for docname in deleted_docs for suffix in app.config.source_suffix]
    for path in sorted(stale):
        if path.is_file() and path.is_relative_to(outdir):
            path.unlink()


def setup_outputs(app: Sphinx) -> None:
    app.connect("build-finished", remove_stale_outputs)
