"""The data files shipped with search, read once: lay vocabulary, question intents, crisis terms.

Each is a TSV file next to this module (``vocabulary.tsv``, ``intents.tsv``,
``crisis.tsv``; their first lines say what the columns mean). Lines starting
with ``#`` are comments; the first other line names the columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..settings import settings
from .text import stem, word_groups, words

if TYPE_CHECKING:
    from sphinx.config import Config

HERE = Path(__file__).parent
CRISIS_MODES = ("any", "alone", "not")


@dataclass(frozen=True)
class LayTerm:
    term: str
    target: str
    kind: str
    source: str


def _rows(name: str, columns: int) -> list[list[str]]:
    lines = [line for line in (HERE / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    rows = [line.split("\t") for line in lines[1:]]
    for row in rows:
        if len(row) != columns or not all(cell.strip() for cell in row):
            raise ValueError(f"{name}: expected {columns} tab-separated cells: {row!r}")
    return rows


@lru_cache(maxsize=1)
def lay_vocabulary() -> tuple[LayTerm, ...]:
    return tuple(LayTerm(*row) for row in _rows("vocabulary.tsv", 4))


@lru_cache(maxsize=1)
def intents() -> tuple[tuple[str, str, str], ...]:
    """(intent, where, words) rows; ``where`` is query, ask, heading or body."""
    return tuple((a, b, c) for a, b, c in _rows("intents.tsv", 3))


@lru_cache(maxsize=1)
def builtin_crisis_terms() -> tuple[tuple[str, str], ...]:
    """(phrase, mode) rows."""
    return tuple((phrase, mode) for phrase, mode, _source in _rows("crisis.tsv", 3))


def crisis_terms(config: Config) -> list[tuple[str, str]]:
    """The built-in crisis terms and the site's ``healthdocs_search_crisis_terms`` (mode ``any``)."""
    return [*builtin_crisis_terms(), *((p, "any") for p in settings(config).search_crisis_terms)]


def pattern(text: str) -> list[str]:
    """A query pattern: every word's stem, stopwords kept, ``*`` kept as a wildcard."""
    return ["*" if part == "*" else stem(w) for part in text.split()
            for w in ([part] if part == "*" else words(part))]


def crisis_phrase(text: str) -> list[list[str]]:
    """[[word, stem], ...] of a crisis phrase, stopwords kept (they matter: "kill myself")."""
    return [[w, stem(w)] for group in word_groups(text) for w in group[:1]]
