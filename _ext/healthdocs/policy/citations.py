"""``citation-required``: statistics and study results carry their source.

A sentence with a statistic (a percentage, "1 in 3", "twice as likely",
"half of patients", "21 million adults", "per 100,000") or a study result
("a 2019 study found", "researchers reported", "studies show") needs a
footnote in that sentence or the next (a link to the source in the sentence
also counts). A table's figures count as cited when a cell or the caption of
that table cites. An article with such sentences and a missing or empty
``## Sources`` section (also "References") is one more finding.

Doses, times, ages, dates and phone numbers are not statistics.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from .prose import sentence_spans

if TYPE_CHECKING:
    from .context import Context
    from .prose import Block

RULE = "citation-required"

_NUM = r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)"
_GROUP = (r"(?:people|persons|patients|adults|children|kids|teens|teenagers|adolescents|youth|"
          r"Americans|participants|users|women|men|veterans|those|survivors|smokers|students|"
          r"workers|cases|deaths|individuals|mothers|parents|older\s+adults|seniors|"
          r"(?:the\s+)?(?:U\.S\.|US|UK)\s+(?:adults|population))")
STATISTIC = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:%|percent\b|per\s*cent\b|percentage\s+points?\b)"
    rf"|\b{_NUM}\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"a\s+hundred|hundred|thousand)\b"
    r"|\b(?:twice|three\s+times|four\s+times|five\s+times|ten\s+times|\d+(?:\.\d+)?\s*(?:times|-fold|fold))\s+"
    r"(?:as\s+(?:likely|common|many|often|much|high|fast)|more\s+(?:likely|common|often)|"
    r"less\s+(?:likely|common|often)|higher|lower|the\s+(?:risk|rate|odds|chance))\b"
    r"|\b(?:doubles?|doubled|doubling|triples?|tripled|halves|halved|quadrupled)\s+(?:the\s+|their\s+|your\s+)?"
    r"(?:risk|rate|odds|chance|likelihood|number)s?\b"
    r"|\b(?:risk|rates?|odds|chances?|numbers?)\s+(?:\w+\s+){0,6}(?:doubled|tripled|halved)\b"
    rf"|\b(?:half|a\s+third|one[\s-]third|two[\s-]thirds|a\s+quarter|one[\s-]quarter|three[\s-]quarters|"
    rf"a\s+fifth|one[\s-]fifth|a\s+tenth)\s+of\s+(?:all\s+)?(?:the\s+)?(?:\w+\s+)?{_GROUP}"
    r"|\b\d+(?:[.,]\d+)?\s*(?:million|billion)\b"
    rf"|\b\d{{1,3}}(?:,\d{{3}})+\s+(?:\w+\s+)?{_GROUP}"
    r"|\bper\s+100(?:,000|\s+000|,?000)?\b",
    re.IGNORECASE)
_STUDY = (r"(?:study|studies|trial|trials|meta-?analys[ie]s|(?:systematic\s+)?reviews?|surveys?|"
          r"analysis|analyses|research|experiments?|reports?|data|figures|statistics)")
_FOUND = (r"(?:found|finds|find|showed|shows|show|shown|suggests?|suggested|reported|reports|"
          r"concluded|demonstrated|demonstrates|revealed|reveals|indicates?|indicated|proved|proves|"
          r"confirmed|linked|observed|prove)")
STUDY_RESULT = re.compile(
    rf"\b{_STUDY}\s+(?:\w+[\s,]+){{0,6}}?{_FOUND}\b"
    rf"|\b(?:researchers|scientists|investigators|doctors\s+in\s+(?:a|the)\s+{_STUDY})\s+(?:\w+\s+){{0,4}}?"
    rf"(?:found|find|showed|reported|discovered|concluded|observed|saw)\b"
    rf"|\bin\s+(?:a|one|the|this|that|another)\s+(?:(?:\d{{4}}|recent|large|small|new|clinical|"
    rf"randomi[sz]ed|controlled|landmark|major|pivotal|published)\s+)*(?:study|trial|meta-?analysis|"
    rf"review|survey)\b"
    rf"|\baccording\s+to\s+(?:a|one|the|this|that|recent|new)\s+(?:\w+\s+)?{_STUDY}\b",
    re.IGNORECASE)
_ASKED = re.compile(r"\b(?:what|whether|how|if)\s+(?:the\s+)?$", re.IGNORECASE)
_NOT_STAT = re.compile(r"^\W*(?:ask|talk|find\s+out|check|if\s+you|when\s+you)\b", re.IGNORECASE)
_SOURCES = re.compile(r"^(?:sources?|references?|bibliography|citations?|works\s+cited|"
                      r"sources\s+and\s+(?:references|further\s+reading)|further\s+reading)$",
                      re.IGNORECASE)


def claims_in(block: Block, start: int, end: int) -> re.Match[str] | None:
    """The first statistic or study result in the sentence, if any."""
    sentence = block.text[start:end]
    if _NOT_STAT.match(sentence) or sentence.rstrip("”\"’') ").endswith("?"):
        return None
    for pattern in (STATISTIC, STUDY_RESULT):
        for match in pattern.finditer(sentence):
            at = start + match.start()
            if any(s <= at < e for s, e in (*block.code, *block.urls)):
                continue
            # "what the research shows", "whether studies find": a question, not a result.
            if pattern is STUDY_RESULT and _ASKED.search(sentence[:match.start()]):
                continue
            return match
    return None


def check(ctx: Context) -> list[tuple[int, str]]:
    findings = []
    paragraphs = [b for b in ctx.blocks if b.kind != "title"]
    cited_tables = {b.table for b in paragraphs if b.table and (b.notes or _links(b))}
    # A list whose introducing paragraph cites ("... fell with each step:[^x]").
    list_groups = {b.group for b in paragraphs if b.in_list}
    cited_lists = {b.group for b in paragraphs
                   if not b.in_list and b.notes and b.group in list_groups}
    # "Trials so far have found:" followed by a list whose items cite.
    citing_items = {b.group for b in paragraphs if b.in_list and b.notes}
    first = None
    for index, block in enumerate(paragraphs):
        # No statistic or study result in the block, none in its sentences (they end at spaces).
        if not STATISTIC.search(block.text) and not STUDY_RESULT.search(block.text):
            continue
        spans = sentence_spans(block.text)
        for number, (start, end) in enumerate(spans):
            match = claims_in(block, start, end)
            if match is None:
                continue
            first = first or (block, start + match.start(), start + match.end())
            if _cited(block, spans, number) or (block.table and block.table in cited_tables) \
                    or (block.in_list and block.group in cited_lists) \
                    or (not block.in_list and block.text.rstrip().endswith(":")
                        and number == len(spans) - 1 and block.group in citing_items):
                continue
            if number == len(spans) - 1 and index + 1 < len(paragraphs):
                following = paragraphs[index + 1]
                if not block.in_list and not following.in_list and \
                        _cited(following, sentence_spans(following.text)[:1], 0):
                    continue
            kind = "statistic" if STATISTIC.search(match.group(0)) else "study result"
            findings.append((ctx.line_of(block, (start + match.start(), start + match.end())),
                             f"{match.group(0)!r} is a {kind} with no source: put a footnote right "
                             "after the sentence ('...[^source]') and define it under '## Sources'"))
    if first is not None and not _has_sources(ctx):
        block, begin, finish = first
        findings.append((ctx.line_of(block, (begin, finish)),
                         "the article gives statistics or study results but its '## Sources' section "
                         "is missing or empty: add '## Sources' at the end with a footnote for each "
                         "source ('[^name]: Author. Title. Publisher, year. <https://...>')"))
    return findings


def _links(block: Block) -> bool:
    return any(link.kind == "external" for link in block.links)


def _cited(block: Block, spans: list[tuple[int, int]], number: int) -> bool:
    for start, end in spans[number:number + 2]:
        if any(start <= offset <= end + 1 for offset, _ in block.notes):
            return True
        if any(link.kind == "external" and start <= link.start < end for link in block.links):
            return True
    return False


def _has_sources(ctx: Context) -> bool:
    if ctx.outline.footnotes or ctx.outline.citations:
        return True
    for section in ctx.outline.sections:
        title = section.next_node(nodes.title)
        if title is not None and _SOURCES.match(title.astext().strip()):
            return any(not isinstance(child, nodes.title) and child.astext().strip()
                       for child in section.children)
    return False
