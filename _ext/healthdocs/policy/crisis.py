"""``crisis-required`` and ``crisis-position``: an article that mentions suicide or
self-harm shows a crisis banner, near its top and before the first mention.

The words are the ways people write about it, in every inflection ("ending
your life", "harming yourself", "took his own life", "better off dead",
"thoughts of death"), plus ``healthdocs_crisis_terms``. Decisions:

- A mention in quotation marks still counts: a quoted "I want to die" is the
  kind of text a reader in crisis may be reading.
- A web address does not ("nhs.uk/self-harm"): it is not wording.
- "Hurt/cut/injure yourself" after a fall or a slip ("you may fall and hurt
  yourself") is an accident, not self-harm.
- Titles of films and games ("The Suicide Squad") count: the word is on the
  page, and a banner costs little where a missed one could cost much.

With ``healthdocs_crisis_auto`` the build inserts the site's banner (the very
box the ``crisis-banner`` directive makes) after the title, before any mention.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..crisis import crisis_box
from .prose import phrase_pattern
from ..settings import settings

if TYPE_CHECKING:
    from .context import Context
    from .prose import Block

RULE = "crisis-required"
POSITION = "crisis-position"
#: "Near its top": at most this many words of the article's prose before the banner.
TOP_WORDS = 150

_SELF = r"(?:my|your|him|her|them|one|our|their)sel(?:f|ves)|themself"
_WHOSE = r"(?:one['’]s|my|your|his|her|their|our|a\s+person['’]s|someone['’]s)"
_PATTERNS = [
    r"suicid(?:e|es|al|ality|ally)",
    r"self[\s\-–]*(?:harm(?:s|ed|ing|ful\s+behaviou?rs?)?|injur(?:y|ies|e|es|ed|ing|ious)"
    r"|inflicted\s+(?:injur(?:y|ies)|harm|wounds?|cuts?)|mutilat(?:e|es|ed|ing|ion)|poisoning)",
    rf"kill(?:s|ed|ing)?\s+(?:{_SELF})",
    rf"(?:harm|harms|harmed|harming|hurt|hurts|hurting|injure|injures|injured|injuring"
    rf"|cut|cuts|cutting|burn|burns|burned|burning|poison|poisons|poisoned|poisoning)\s+(?:{_SELF})",
    rf"harm\s+to\s+(?:{_SELF})",
    rf"(?:end|ends|ended|ending)\s+(?:{_WHOSE}\s+(?:own\s+)?li(?:fe|ves)|it\s+all)",
    rf"(?:take|takes|took|taking|taken)\s+{_WHOSE}\s+(?:own\s+)?li(?:fe|ves)"
    r"(?!\s+(?:back|in|into|for|to|again|seriously)\b)",
    r"better\s+off\s+(?:dead|without\s+me)",
    r"(?:would|['’]d)\s+be\s+better\s+off\s+without\s+(?:me|you|him|her|them|us)",
    r"(?:want|wants|wanted|wanting|wish|wishes|wished|wishing|long|longing)\s+to\s+(?:die|be\s+dead)",
    r"(?:wish|wishes|wished|wishing)\s+(?:I|you|he|she|they|we)\s+(?:(?:was|were)\s+dead|"
    r"had\s+never\s+been\s+born)",
    r"(?:(?:do|does|did)n['’]t|(?:do|does|did)\s+not|not|no\s+longer)\s+(?:want|wanting|wish)\s+to\s+"
    r"(?:live|be\s+alive|go\s+on|wake\s+up)",
    r"no\s+reason\s+to\s+live|nothing\s+(?:left\s+)?to\s+live\s+for|not\s+worth\s+living",
    r"overdos(?:e|es|ed|ing)\s+on\s+purpose|(?:intentional|deliberate)\s+overdos(?:e|es)",
    r"(?:thoughts?|thinking|thinks|think)\s+(?:of|about)\s+(?:death|dying|ending\s+(?:it|\w+\s+life)"
    r"|killing|harming|hurting)",
]
TERMS = re.compile(r"(?<![\w/])(?:" + "|".join(_PATTERNS) + r")(?!\w)", re.IGNORECASE)
_ACCIDENT = re.compile(r"\b(?:fall|falls|fell|falling|trip|trips|tripped|tripping|slip|slips|slipped|"
                       r"slipping|accident\w*|lifting|exercis\w*|driving|dizzy|faint\w*|stumbl\w*|"
                       r"sports?|shaving|cooking|gym|weights|workouts?|ladders?|ice|icy)\b",
                       re.IGNORECASE)
_ACCIDENTAL_VERB = re.compile(r"^(?:hurt|injur|cut|burn)", re.IGNORECASE)


def mentions(ctx: Context) -> list[tuple[Block, int, int]]:
    """Every crisis term in the article's prose, in page order (not web addresses)."""
    return ctx.memo("crisis-mentions", lambda: _mentions(ctx))


def _mentions(ctx: Context) -> list[tuple[Block, int, int]]:
    extra = phrase_pattern(tuple(t for t in settings(ctx.config).crisis_terms))
    found = []
    for block in ctx.blocks:
        spans = [m.span() for m in TERMS.finditer(block.text)]
        spans += [m.span() for m in extra.finditer(block.text)]
        for start, end in sorted(set(spans)):
            if any(s <= start and end <= e for s, e in block.urls):
                continue
            if _ACCIDENTAL_VERB.match(block.text[start:end]) and _ACCIDENT.search(
                    " ".join(block.text[:start].split()[-10:] + block.text[end:].split()[:3])):
                continue
            found.append((block, start, end))
    return sorted(found, key=lambda f: (f[0].order, f[1]))


def check(ctx: Context) -> list[tuple[int, str]]:
    found = mentions(ctx)
    if not found or ctx.boxes("crisis"):
        return []
    block, start, end = found[0]
    if settings(ctx.config).crisis_auto:
        code = settings(ctx.config).crisis_region
        regions = settings(ctx.config).crisis_resources
        if code in regions:  # an unknown region is already a healthdocs.config warning
            ctx.insert_at_top(crisis_box(ctx.env, code, regions[code]))
            ctx.inserted_banner = True
            return []
    return [(ctx.line_of(block, (start, end)),
             f"the article mentions {block.text[start:end]!r} but shows no crisis banner: add "
             "':::{crisis-banner}' and ':::' right after the title, before this line "
             "(or set healthdocs_crisis_auto = True in conf.py)")]


def check_position(ctx: Context) -> list[tuple[int, str]]:
    """The first banner comes before the first mention (the title aside) and
    within the article's opening words."""
    banners = ctx.boxes("crisis")
    if not banners or ctx.inserted_banner:
        return []
    banner = min(banners, key=ctx.order_of)
    at = ctx.order_of(banner)
    found = [f for f in mentions(ctx) if not f[0].is_title]
    if not found:
        return []
    block, start, end = found[0]
    banner_line = ctx.line_of_node(banner)
    words_before = sum(len(b.text.split()) for b in ctx.blocks
                       if b.order < at and not b.is_title and b.kind == "paragraph")
    if block.order < at:
        line = ctx.line_of(block, (start, end))
        return [(line, f"the crisis banner (line {banner_line}) comes after the first mention of "
                       f"{block.text[start:end]!r} (line {line}): move ':::{{crisis-banner}}' up, "
                       f"right after the title, so readers see help before they read this")]
    if words_before > TOP_WORDS:
        return [(banner_line, f"the crisis banner comes after {words_before} words of the article: "
                              f"move it up, right after the title or the opening paragraph, "
                              f"so readers see it without scrolling")]
    return []
