"""Words as the search engine sees them; ``hdsearch.js`` mirrors these rules exactly.

Folding: NFKD, combining marks dropped, lower case, apostrophes removed
("don't" -> "dont"). Words are runs of ``[a-z0-9]``; numbers are kept ("988").
A single letter (other than "a" and "I") is not a word, but it is joined to a neighbouring word that is
not a stopword ("S-ketamine" and "s ketamine" both give "sketamine", "vitamin
D" gives "vitamind"), so names built on a letter stay findable. Stopwords are
Sphinx's English list (apostrophes removed the same way) and stems come from the
same Snowball English stemmer Sphinx uses, whose JavaScript twin ships with Sphinx.
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
    if text.isascii():  # nothing to decompose (most text: a clean build's hottest loop)
        plain = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.lower().replace("'", "").replace("\u2019", "")


def _joinable(word: str | None) -> bool:
    return word is not None and len(word) > 1 and word not in STOPWORDS


def word_groups(text: str) -> list[list[str]]:
    """Folded words (stopwords kept), each in a list; a lone letter's list holds its compounds."""
    raw = _WORD.findall(fold(text))
    groups = []
    for index, word in enumerate(raw):
        if len(word) > 1 or word.isdigit():
            groups.append([word])
        elif word not in STOPWORDS:  # "a" and "i" are dropped
            before = raw[index - 1] if index else None
            after = raw[index + 1] if index + 1 < len(raw) else None
            compounds = [c for c, ok in ((f"{before}{word}", _joinable(before)),
                                         (f"{word}{after}", _joinable(after))) if ok]
            if compounds:
                groups.append(compounds)
    return groups


def words(text: str) -> list[str]:
    return [word for group in word_groups(text) for word in group]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return word if word.isdigit() else _STEMMER.stemWord(word)


def terms(text: str) -> list[tuple[str, str]]:
    """(word, stem) for every word that is not a stopword."""
    return [(w, stem(w)) for w in words(text) if w not in STOPWORDS]


def stems(text: str) -> tuple[str, ...]:
    """The stems of ``text``'s words, stopwords left out, in order."""
    return tuple(s for _, s in terms(text))
