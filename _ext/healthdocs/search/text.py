"""Words as the search engine sees them; ``hdsearch.js`` mirrors these rules exactly.

Folding: NFKD, combining marks dropped, lower case, apostrophes removed
("don't" -> "dont"). Words are runs of ``[a-z0-9]``; single letters are dropped,
numbers are kept ("988"). Stopwords are Sphinx's English list (apostrophes
removed the same way) and stems come from the same Snowball English stemmer
Sphinx uses, whose JavaScript twin ships with Sphinx.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from sphinx.search._stopwords.en import ENGLISH_STOPWORDS

#: Contractions lose their apostrophe like every word; those that would then
#: hide a real word ("I'll" -> "ill", "we'll" -> "well") are left out.
_REAL_WORDS = frozenset({"ill", "well", "hell", "shell", "shed", "wed", "hed", "id"})
STOPWORDS = frozenset(word.replace("'", "") for word in ENGLISH_STOPWORDS) - _REAL_WORDS
_WORD = re.compile(r"[a-z0-9]+")
_STEMMER = snowballstemmer.stemmer("english")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.lower().replace("'", "").replace("\u2019", "")


def words(text: str) -> list[str]:
    """Folded words, single letters dropped (stopwords kept)."""
    return [w for w in _WORD.findall(fold(text)) if len(w) > 1 or w.isdigit()]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return word if word.isdigit() else _STEMMER.stemWord(word)


def terms(text: str) -> list[tuple[str, str]]:
    """(word, stem) for every word that is not a stopword."""
    return [(w, stem(w)) for w in words(text) if w not in STOPWORDS]
