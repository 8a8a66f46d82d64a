"""Build time: the sharded search index written next to the HTML.

Files (all under ``_static/hdsearch/``, each a script that pushes its data onto
``self.hdsearch``, so they load from file:// as well as over HTTP, and in any
order relative to the client, which lets a page start every download at once):

- ``head.js``: sections per page, categories and tags per page (filters),
  alias groups from the glossary, question intents, crisis terms and the
  site region's crisis lines, stopwords, and the first stem of each shard.
- ``p/<n>.js``: a contiguous range of the sorted vocabulary with postings
  (section id deltas and quantised BM25F impacts) and the surface forms of
  each stem (for prefix matching while typing).
- ``v/<c><n>.js``: every stem starting with character c that is n characters long
  or is written with n characters, with its surface forms, only loaded for typo
  matching.
- ``titles.js``: every page's title and URL, which the search page carries inline
  (with the head), so its first results show as soon as they are ranked (kept as
  a file so that a build with an unchanged index reads it instead of making it).
- ``t/<n>.js``: one page's title, URL, topic and section anchors and headings,
  so results show (with their deep links) before their snippets.
- ``d/<n>-<k>.js``: the text of section k of page n (and, for k=0, its
  description), loaded for the snippets of displayed results only (snippets
  never fetch pages).
- ``stemmer.js``: Sphinx's own Snowball English stemmer for the browser.

The index is made in four steps, each in its own module: ``corpus.collect`` (pages,
sections and vocabulary from the doctrees, the registry and the settings),
``score.score`` (BM25 fields, boosts, question intents, patients' words -> postings),
``shards.index_files`` (postings shards, typo lists, head, title and snippet files)
and ``write_files`` here (only the files whose text changed).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..registry import SITE_BUILDERS
from . import shards
from .corpus import collect
from .score import score

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .shards import Files

INDEX_DIR = "hdsearch"
HERE = Path(__file__).parent


def index_files(app: Sphinx) -> Files:
    """Relative path -> file text, for every index file."""
    corpus = collect(app)
    return shards.index_files(corpus, score(corpus))


def write_files(target: Path, files: Files) -> list[str]:
    """Writes the files whose text changed and deletes those no longer in the index, so an
    edit leaves most shards (and readers' cached copies of them) untouched. Returns the
    paths written."""
    for path in sorted(target.rglob("*.js")) if target.is_dir() else ():
        if path.relative_to(target).as_posix() not in files:
            path.unlink()
    written = []
    for relative, text in sorted(files.items()):
        path = target / relative
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(relative)
    return written


def _fingerprint(app: Sphinx) -> str:
    """Everything the index is made from: each page's last read, the builder, its settings,
    and the code and data files that shape it (an upgrade rewrites the index)."""
    code = [hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted((*HERE.glob("*.py"), *HERE.glob("*.tsv")))]
    data = [app.builder.name, getattr(app.builder, "config_hash", ""),
            sorted(app.env.all_docs.items()), code]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()


def _up_to_date(app: Sphinx) -> tuple[Path, Path, str, bool]:
    target = Path(app.outdir) / "_static" / INDEX_DIR
    # Kept with the doctrees, not published: it holds read times, which differ per build.
    stamp = Path(app.doctreedir) / f"{INDEX_DIR}-{app.builder.name}.fingerprint"
    fingerprint = _fingerprint(app)
    fresh = target.is_dir() and stamp.is_file() and stamp.read_text(encoding="utf-8") == fingerprint
    return target, stamp, fingerprint, fresh


def search_page_data(app: Sphinx) -> dict[str, Any]:
    """The index head and every page's title, which the search page carries inline.
    Computes the index now (``write_index`` then writes it) unless the one on disk is
    up to date."""
    target, _, _, fresh = _up_to_date(app)
    names = ("head.js", "titles.js")
    if fresh and all((target / name).is_file() for name in names):
        files = {name: (target / name).read_text(encoding="utf-8") for name in names}
    else:
        files = app._hdsearch_files = index_files(app)  # type: ignore[attr-defined]
    return {"head": shards.data(files["head.js"]), "titles": shards.data(files["titles.js"])}


def write_index(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: bring the index up to date (a clean build writes the same files).

    Skipped when no page was read again and nothing else it depends on changed:
    at 1,000 articles writing it was most of a no-change rebuild.
    """
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    files = getattr(app, "_hdsearch_files", None)
    app._hdsearch_files = None  # type: ignore[attr-defined]
    target, stamp, fingerprint, fresh = _up_to_date(app)
    if fresh and files is None:
        return
    write_files(target, files or index_files(app))
    stamp.write_text(fingerprint, encoding="utf-8")
