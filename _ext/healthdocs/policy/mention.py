"""Mention is not use: words the article quotes, shows as code, or introduces as
wording to avoid are not the article's own words.

A phrase is *mentioned* (not used) when it sits in quotation marks, inline
code or a web address; when a few words before it say it is wording to avoid
("instead of", "rather than", "avoid", "the phrase", "words like", ", not");
when the words after it call it outdated or stigmatising; or when it is in a
table column headed like "Instead of" / "Avoid". Claims are also mentioned
when the sentence reports someone else's promise ("some clinics claim ...",
"a common myth is that ...") or asks a question.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .prose import sentence_spans

if TYPE_CHECKING:
    from .prose import Block

_WORDS = r"(?:phrases?|words?|terms?|expressions?|language|wording|labels?|headlines?|sayings?)"
#: Introduces the wording that follows; up to three words may come between.
_INTRO = re.compile(
    r"(?:\binstead\s+of|\brather\s+than|\bin\s+place\s+of|\breplac(?:e|es|ed|ing)"
    r"|\bavoid(?:s|ed|ing)?(?:\s+(?:saying|writing|using|the\s+\w+))?"
    r"|\b(?:never|do\s+not|don['’]t|stop|not)\s+(?:say|write|use|saying|writing|using)"
    rf"|\b(?:the|a|an|such)\s+(?:\w+\s+)?{_WORDS}|\b{_WORDS}\s+(?:such\s+as|like|including)"
    r"|\bso[\s-]called|\bcalled\s+it|\bcalling\s+it|\bmyths?(?:\s+(?:is|are))?(?:\s+that)?"
    r"|\bto\s+avoid|\bout(?:dated|moded)\s+(?:\w+\s+)?(?:phrase|term|word|wording|language))"
    r"(?:[\s“”\"‘’'—–:-]+[\w’'-]+){0,3}[\s“”\"‘’'—–:(-]*$",
    re.IGNORECASE)
#: "Write X, not Y": Y is the wording to avoid.
_CONTRAST = re.compile(r"[,;—–]\s*(?:and\s+)?not\s+[“\"‘']?$", re.IGNORECASE)
_AFTER = re.compile(
    r"^[”\"’']?\s*(?:\((?:avoid|outdated|don['’]t|do\s+not)|(?:is|are|was|were|sounds?|can\s+sound)\s+"
    r"(?:now\s+)?(?:(?:seen|considered|regarded|thought\s+of)\s+as\s+)?"
    r"(?:(?:an?|the)\s+)?(?:outdated|old[\s-]fashioned|stigmati[sz]ing|harmful|offensive|hurtful|"
    r"misleading|inaccurate|blaming|judgmental|judgemental|(?:an?\s+)?(?:phrase|term|expression)\s+to\s+avoid))",
    re.IGNORECASE)
#: Someone else's claim, reported: "Some clinics claim that ...", "a myth".
_REPORTED = re.compile(
    r"\b(?:claim(?:s|ed|ing)?|promis(?:e|es|ed|ing)|advertis(?:e|es|ed|ing|ements?)|ads?|marketed|"
    r"marketing|touted|tout(?:s|ing)?|billed|hype[ds]?|myths?|misconceptions?|falsely|false\s+claims?|"
    r"misleading|beware|wary|red\s+flags?|sales\s+pitch|too\s+good\s+to\s+be\s+true|"
    r"(?:read|reading|heard|hear|hearing|learn|learning|search|searching|look|looking|"
    r"information|articles?|news)\s+(?:about|for|up|on))\b",
    re.IGNORECASE)
_HEADER = re.compile(r"\b(?:instead\s+of|avoid|don['’]t|do\s+not|never|not\s+this|outdated|"
                     r"harmful|stigmati[sz]ing|problematic|unsafe|myths?|claims?\s+to\s+avoid)\b",
                     re.IGNORECASE)
_OPEN_CLOSE = {"“": "”", "‘": "’", "«": "»", '"': '"'}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Ranges between paired quotation marks. A "’" followed by a letter is an
    apostrophe ("don’t"), not a closing quote; a lone straight "'" is only a
    quote when it opens after a space and closes before one."""
    return list(_quote_spans(text))


@lru_cache(maxsize=4096)
def _quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    index = 0
    while index < len(text):
        char = text[index]
        close = _OPEN_CLOSE.get(char)
        if char == "'" and (index == 0 or not text[index - 1].isalnum()):
            close = "'"
        if close is None:
            index += 1
            continue
        end = index + 1
        while end < len(text):
            if text[end] == close and (close not in "’'" or end + 1 == len(text)
                                       or not text[end + 1].isalpha()):
                break
            end += 1
        if end < len(text) and end - index < 400:
            spans.append((index + 1, end))
            index = end + 1
        else:
            index += 1
    return tuple(spans)


def _within(spans: tuple[tuple[int, int], ...] | list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def sentence_of(text: str, start: int) -> tuple[int, int]:
    for s, e in sentence_spans(text):
        if s <= start < max(e, s + 1):
            return s, e
    return 0, len(text)


def is_mention(block: Block, start: int, end: int, *, claim: bool = False) -> bool:
    """Whether ``block.text[start:end]`` is quoted, code, or introduced as wording
    to avoid. ``claim``: also a reported claim or a question."""
    text = block.text
    if _within(block.code, start, end) or _within(block.urls, start, end):
        return True
    # The title of another page, as link text: "read Ketamine for depression".
    if any(link.kind != "external" and link.start <= start and end <= link.end
           for link in block.links):
        return True
    if _within(_quote_spans(text), start, end):
        return True
    if block.header and _HEADER.search(block.header):
        return True
    s, e = sentence_of(text, start)
    before = text[s:start]
    if _INTRO.search(before[-120:]) or _CONTRAST.search(before):
        return True
    if _AFTER.match(text[end:end + 80]):
        return True
    if claim:
        if _REPORTED.search(before) or text[s:e].rstrip("”\"’') ").endswith("?"):
            return True
    return False
