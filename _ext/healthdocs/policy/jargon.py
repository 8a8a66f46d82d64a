"""``jargon``: words patients often misread are explained where they first appear.

A built-in list (``JARGON``: word -> a plain explanation to offer; sites add
words with ``healthdocs_jargon``). At its first use in the text (headings
aside), a word counts as explained when it:

- links to the glossary (``{term}`` role, or a link to the glossary page);
- is followed by a plain parenthesis, "placebo (a dummy pill)", or set inside
  one after the plain words, "a dummy pill (placebo)";
- is followed by an explanation: ", or ...", ", meaning ...", ", which means",
  " means ...", " is when ...", " — ...", ": ...", ", a/an/the ...";
- is introduced as a name: "this is called relapse", "known as remission";
- has its plain meaning in the same sentence or the next ("ketamine drips
  slowly into a vein" for "intravenous"; ``CUES``).

Quoted and code words are mentions, not uses.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .mention import is_mention
from .prose import sentence_spans
from ..settings import settings

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .context import Context

RULE = "jargon"

JARGON: dict[str, str] = {
    "relapse": "when symptoms come back after getting better",
    "remission": "when symptoms have gone away, or almost",
    "acute": "sudden, or short-term",
    "chronic": "long-lasting",
    "oral": "taken by mouth",
    "orally": "by mouth",
    "placebo": "a dummy treatment with no medicine in it",
    "median": "the middle value: half were above it and half below",
    "controlled substance": "a medicine the law limits because it can be misused",
    "psychosis": "losing touch with what is real",
    "psychotic": "losing touch with what is real",
    "benign": "not harmful",
    "adverse": "harmful or unwanted",
    "efficacy": "how well it works",
    "contraindicated": "must not be used",
    "titration": "changing the dose step by step",
    "titrate": "change the dose step by step",
    "comorbid": "present at the same time as another condition",
    "comorbidity": "another condition at the same time",
    "prognosis": "how things are likely to go",
    "intravenous": "into a vein",
    "intravenously": "into a vein",
    "intramuscular": "into a muscle",
    "intranasal": "sprayed into the nose",
    "sublingual": "under the tongue",
    "refractory": "not helped by treatment",
    "ideation": "thoughts",
    "anhedonia": "losing interest or pleasure in things",
    "dissociation": "feeling detached from yourself or your surroundings",
    "dissociative": "making you feel detached from yourself or your surroundings",
    "augmentation": "adding a second medicine to the first",
    "hypertension": "high blood pressure",
    "compounded": "made by a pharmacy for one person, not a factory-made approved medicine",
}

#: Plain words that, in the same sentence or the next, say what the word means
#: ("... ketamine drips slowly into a vein", "Dissociation. Feeling detached ...").
CUES: dict[str, str] = {
    "relapse": r"come\s+back|comes\s+back|came\s+back|return\w*",
    "remission": r"gone\s+away|go\s+away|went\s+away|symptom[\s-]free|no\s+longer\s+have\s+symptoms",
    "acute": r"sudden\w*|short[\s-]term|short[\s-]lived",
    "chronic": r"long[\s-]lasting|long[\s-]term|lasts?\s+(?:a\s+long|for\s+months|for\s+years)",
    "oral": r"by\s+mouth|swallow\w*",
    "orally": r"by\s+mouth|swallow\w*",
    "placebo": r"dummy|fake|sugar\s+pill|no\s+(?:active\s+)?medicine|inactive",
    "median": r"middle",
    "controlled substance": r"\blaw\b|legal\w*|misus\w*|abus\w*|addict\w*",
    "psychosis": r"losing\s+touch|lose\s+touch|hearing\s+voices|hear\s+voices|seeing\s+things|"
                 r"not\s+real|hallucinat\w*",
    "psychotic": r"losing\s+touch|lose\s+touch|hearing\s+voices|not\s+real|hallucinat\w*",
    "efficacy": r"how\s+well",
    "contraindicated": r"should\s+not|must\s+not|shouldn['’]t|not\s+safe",
    "titration": r"step\s+by\s+step|slowly\s+(?:raise|increase|lower)|little\s+by\s+little",
    "titrate": r"step\s+by\s+step|slowly\s+(?:raise|increase|lower)|little\s+by\s+little",
    "intravenous": r"\bveins?\b|\bdrip\w*",
    "intravenously": r"\bveins?\b|\bdrip\w*",
    "intramuscular": r"\bmuscles?\b",
    "intranasal": r"\bnose\b|nasal\s+spray",
    "sublingual": r"under\s+the\s+tongue",
    "dissociation": r"detach\w*|disconnect\w*|outside\s+(?:of\s+)?your\s+body|unreal|dream[\s-]?like",
    "dissociative": r"detach\w*|disconnect\w*|outside\s+(?:of\s+)?your\s+body|unreal|dream[\s-]?like",
    "compounded": r"pharmac\w*|mixed\s+(?:by|in|at)",
    "hypertension": r"high\s+blood\s+pressure",
    "anhedonia": r"(?:pleasure|interest|joy)",
    "ideation": r"\bthoughts?\b|thinking",
    "refractory": r"not\s+(?:helped|respond\w*|improv\w*)|hard[\s-]to[\s-]treat",
    "augmentation": r"add\w*\s+(?:a|another|a\s+second)",
    "comorbid": r"at\s+the\s+same\s+time|as\s+well\s+as|alongside|both",
    "comorbidity": r"at\s+the\s+same\s+time|as\s+well\s+as|alongside|both",
    "prognosis": r"outlook|likely\s+to\s+(?:go|turn\s+out)",
    "benign": r"harmless|not\s+(?:harmful|cancer)",
    "adverse": r"harmful|unwanted|side\s+effects?",
}

_AFTER = re.compile(
    r"^(?:s|es|d|ed)?[”\"’']?\s*(?:\((?=[^)]*[a-z]{3})"
    r"|,?\s+(?:or|meaning|which\s+means|that\s+is|i\.e\.|also\s+called|in\s+other\s+words)\b"
    r"|\s+(?:means|meant|is\s+when|are\s+when|is\s+(?:a|an|the)\s+(?:\w+\s+){0,3}?(?:when|where|in\s+which)\b|"
    r"is\s+(?:a|an)\s+(?:word|term|name)\b|refers\s+to|describes|happens\s+when)"
    r"|\s*[—–:]\s*\w|\s+-\s+\w|,\s+(?:a|an|the|when|where)\s+\w)",
    re.IGNORECASE)
_BEFORE = re.compile(r"\b(?:called|known\s+as|named|termed|the\s+(?:word|term)|doctors\s+call\s+"
                     r"(?:this|it)|(?:is|are)\s+referred\s+to\s+as)\s+(?:an?\s+|the\s+)?[“\"‘']?$",
                     re.IGNORECASE)


def collect(ctx: Context) -> tuple[tuple[str, int, str], ...]:
    """(word, line, message) for each listed word whose first use is not explained
    in the text; :func:`findings` decides once the glossary is known."""
    return tuple((key, line, message) for key, line, message in _unexplained(ctx))


def findings(env: BuildEnvironment, collected: tuple[tuple[str, int, str], ...],
             terms: frozenset[str]) -> list[tuple[int, str]]:
    """The collected words, less those the build links to their glossary entry
    (``healthdocs_glossary_links``: the first use of every glossary term; ``terms``
    are the site's glossary terms, case-folded)."""
    linked = terms if settings(env.config).glossary_links else frozenset()
    return [(line, message) for key, line, message in collected if key.casefold() not in linked]


def _unexplained(ctx: Context) -> list[tuple[str, int, str]]:
    words = settings(ctx.config).jargon
    if not words:
        return []
    pattern = _pattern(tuple(sorted(words, key=lambda w: (-len(w), w))))
    seen: set[str] = set()
    findings = []
    for block in ctx.blocks:
        if block.kind == "title":
            continue
        for match in pattern.finditer(block.text):
            key = _key(match.group(1), words)
            if key in seen or is_mention(block, match.start(), match.end()):
                continue
            seen.add(key)
            if _explained(block, match) or _cued(block, match, key):
                continue
            word = match.group(0)
            plain = words.get(key, "")
            findings.append((key, ctx.line_of(block, match),
                             f"{word!r} is a word readers often misread: explain it where it "
                             f"first appears, e.g. '{word} ({plain})', or add it to the "
                             "glossary (the build links its first use)"))
    return findings


def _key(found: str, words: dict[str, str]) -> str:
    """The listed word an inflected form belongs to ("relapsing" -> "relapse")."""
    folded = " ".join(found.lower().replace("-", " ").split())
    return next((w for w in sorted(words, key=len, reverse=True)
                 if folded.startswith(w.lower()[:-1] if w.endswith("e") else w.lower())), folded)


@lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Each word in its inflections: relapse, relapses, relapsed, relapsing."""
    forms = []
    for word in words:
        parts = [re.escape(part) for part in word.split()]
        last = parts[-1]
        ending = (last[:-1] + "(?:e|es|ed|ing)") if word.endswith("e") else last + "(?:s|es|ed|ing)?"
        forms.append(r"[\s-]+".join([*parts[:-1], f"(?:{ending})"]))
    return re.compile(rf"\b({'|'.join(forms)})\b", re.IGNORECASE)


def _cued(block, match: re.Match[str], key: str) -> bool:
    """The plain meaning is in the same sentence or the next."""
    cue = CUES.get(key)
    if cue is None:
        return False
    spans = sentence_spans(block.text)
    index = next((i for i, (s, e) in enumerate(spans) if s <= match.start() < max(e, s + 1)), 0)
    window = " ".join(block.text[s:e] for s, e in spans[index:index + 2])
    return bool(re.search(cue, window.replace(match.group(0), " "), re.IGNORECASE))


def _explained(block, match: re.Match[str]) -> bool:
    start, end = match.span(1)
    if any(link.kind == "term" and link.start <= start and end <= link.end for link in block.links):
        return True
    text = block.text
    if _AFTER.match(text[end:end + 60]) or _BEFORE.search(text[max(0, start - 40):start]):
        return True
    # A sentence that starts with the word and says what it is: "A placebo is a dummy pill."
    if re.search(r"(?:^|[.!?:]\s+)(?:an?\s+|the\s+)?$", text[:start], re.IGNORECASE) and \
            re.match(r"(?:s|es)?\s+(?:is|are)\s+(?:an?|when|the\s+name|the\s+word)\b", text[end:],
                     re.IGNORECASE):
        return True
    # The whole of a parenthesis that follows the plain words: "a dummy pill (placebo)".
    opening, closing = text.rfind("(", 0, start), text.find(")", end)
    if opening == -1 or closing == -1 or ")" in text[opening:start]:
        return False
    inner = text[opening + 1:closing].strip().lower()
    return bool(re.fullmatch(r"(?:an?\s+|the\s+|called\s+)?" + re.escape(match.group(0).lower())
                             + r"(?:\s+(?:it|them|this))?", inner)) \
        and len(text[:opening].split()) >= 2
