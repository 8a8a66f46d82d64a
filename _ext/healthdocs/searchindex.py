"""Keeps Sphinx's own ``searchindex.js`` identical between incremental and clean builds.

When a rewritten page loses its last use of a word, Sphinx's ``IndexBuilder``
keeps the word with an empty page set and writes it as ``"word":[]``, which a
clean build never has. Pruning those entries just before the index is dumped
(``html-collect-pages`` runs first) removes the difference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def drop_empty_terms(app: Sphinx) -> list[tuple[str, dict[str, object], str]]:
    indexer = getattr(app.builder, "indexer", None)
    for mapping in (getattr(indexer, "_mapping", None), getattr(indexer, "_title_mapping", None)):
        if isinstance(mapping, dict):
            for word in [word for word, docnames in mapping.items() if not docnames]:
                del mapping[word]
    return []


def setup_searchindex(app: Sphinx) -> None:
    app.connect("html-collect-pages", drop_empty_terms)
