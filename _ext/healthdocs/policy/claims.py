"""``claims``: absolute or unsupported treatment claims (FTC Health Products
Compliance Guidance; FDA: ketamine is approved as an anaesthetic only).

Read sentence by sentence. A claim that is denied in the words just before it
("is not guaranteed", "does not cure depression", "are not FDA approved") is
the careful wording this rule asks for, and passes. "FDA-approved" is flagged
in a sentence about ketamine unless the sentence names esketamine or Spravato
(the approved product) or anaesthesia (the approved use).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .prose import fold, phrase_pattern, sentences
from .settings import CURE_CONDITIONS, claim_phrases

if TYPE_CHECKING:
    from .context import Context

RULE = "claims"

_NEGATION = re.compile(r"\b(?:not|no|never|cannot|without|nor|neither|none)\b|n't\b", re.IGNORECASE)
_CURE = re.compile(r"\bcur(?:e|es|ed|ing)\b", re.IGNORECASE)
_APPROVED = re.compile(
    r"\bFDA[\s\-–]+approv\w*"
    r"|\bapprov\w*\s+by\s+the\s+(?:U\.\s?S\.\s+)?(?:FDA|Food\s+and\s+Drug\s+Administration)"
    r"|\b(?:FDA|Food\s+and\s+Drug\s+Administration)(?:\s+\(FDA\))?\s+(?:has\s+|have\s+)?approv\w*",
    re.IGNORECASE)
_KETAMINE = re.compile(r"(?<!\w)ketamine(?!\w)", re.IGNORECASE)
_APPROVED_USE = re.compile(r"esketamine|spravato|an(?:a)?esthe", re.IGNORECASE)

_CURE_ADVICE = ("no treatment is shown to cure these conditions: write 'may ease symptoms' "
                "or say how many people improved in a named study")
_FDA_ADVICE = ("ketamine is FDA approved only as an anesthetic; for depression only "
               "esketamine (Spravato) is: name it, or write 'is not FDA approved for depression'")


def check(ctx: Context) -> list[tuple[int, str]]:
    phrases = claim_phrases(ctx.config)
    advice = {fold(p): a for p, a in phrases.items()}
    pattern = phrase_pattern(tuple(phrases))
    conditions = phrase_pattern(CURE_CONDITIONS)
    findings = []
    for block in ctx.blocks:
        # Most blocks claim nothing: splitting only the rest into sentences keeps
        # long articles cheap.
        folded = block.text.casefold()
        if not (pattern.search(block.text) or "cur" in folded or "approv" in folded):
            continue
        for start, sentence in _spans(block.text):
            claims = [(m, f"{m.group(0)!r} is an absolute claim: {advice[fold(m.group(0))]}")
                      for m in pattern.finditer(sentence)]
            if conditions.search(sentence):
                claims += [(m, f"{m.group(0)!r} promises a cure: {_CURE_ADVICE}")
                           for m in _CURE.finditer(sentence)]
            if _KETAMINE.search(sentence) and not _APPROVED_USE.search(sentence):
                claims += [(m, f"{m.group(0)!r} next to ketamine: {_FDA_ADVICE}")
                           for m in _APPROVED.finditer(sentence)]
            for match, message in claims:
                if not _denied(sentence, match):
                    # The match is in the sentence; find_line wants it in the block.
                    in_block = re.compile(re.escape(match.group(0))).search(
                        block.text, start + match.start())
                    findings.append((ctx.line_of(block, in_block), message))
    return findings


def _spans(text: str) -> list[tuple[int, str]]:
    spans, cursor = [], 0
    for sentence in sentences(text):
        start = text.find(sentence, cursor)
        spans.append((max(start, 0), sentence))
        cursor = max(start, 0) + len(sentence)
    return spans


def _denied(sentence: str, match: re.Match[str]) -> bool:
    """A negation among the five words before the claim, in the same clause."""
    before = re.split(r"[,;:()]", sentence[:match.start()])[-1]
    return bool(_NEGATION.search(" ".join(before.split()[-5:])))

