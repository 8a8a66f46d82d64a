"""Removes website files that a clean build would not write.

Sphinx never deletes the page of a deleted document, and nothing deletes the
generated page of a topic or tag that no article uses any more. Both would
stay published (and findable by a crawler) after an incremental build. This
module deletes them at ``build-finished``: deleted documents are known from
``env-get-outdated``; generated pages are listed in a manifest in the output
folder and compared with the ones this build wrote.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from .listings import SITE_BUILDERS, generated_pagenames

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

MANIFEST = ".healthdocs-pages"

_removed: weakref.WeakKeyDictionary[BuildEnvironment, set[str]] = weakref.WeakKeyDictionary()


def remember_removed(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str],
                     removed: Set[str]) -> list[str]:
    _removed.setdefault(env, set()).update(removed)
    return []


def remove_stale_outputs(app: Sphinx, exception: Exception | None) -> None:
    removed = _removed.pop(app.env, set())
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    outdir = Path(app.outdir)
    manifest = outdir / MANIFEST
    current = generated_pagenames(app.env)
    previous = set(manifest.read_text(encoding="utf-8").split()) if manifest.exists() else set()
    deleted_docs = removed - app.env.found_docs
    stale = [Path(app.builder.get_output_path(name)) for name in (previous - current) | deleted_docs]
    # The copies of deleted sources that html_copy_source puts in _sources/.
    stale += [outdir / "_sources" / f"{docname}{suffix}{app.config.html_sourcelink_suffix}"
              for docname in deleted_docs for suffix in app.config.source_suffix]
    for path in sorted(stale):
        if path.is_file() and path.is_relative_to(outdir):
            path.unlink()
    manifest.write_text("\n".join(sorted(current)) + "\n", encoding="utf-8")


def setup_outputs(app: Sphinx) -> None:
    app.connect("env-get-outdated", remember_removed)
    app.connect("build-finished", remove_stale_outputs)
