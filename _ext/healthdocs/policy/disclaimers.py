"""``disclaimer-required`` and ``disclaimer-kind-required``.

Every article shows the site's default disclaimer (``healthdocs_disclaimer_default``,
"educational": not medical advice), whatever topic-specific kinds it also
shows. A topic's kind is required where the topic is a *subject* of the
article, not where it is named in passing: its words are in the title, the
description, the category or tags, a heading, or in at least ``min_mentions``
sentences of the text (default 3). Each topic in
``healthdocs_topic_disclaimers`` may set ``subject`` (which of those places
count) and ``min_mentions``. With ``healthdocs_disclaimer_auto`` the build
appends the missing boxes (the very boxes the ``disclaimer`` directive makes)
instead of warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..disclaimer import disclaimer_box
from .prose import phrase_pattern, sentence_spans
from ..settings import settings

if TYPE_CHECKING:
    from .context import Context

REQUIRED = "disclaimer-required"
KIND_REQUIRED = "disclaimer-kind-required"


def _insert(ctx: Context, kind: str) -> bool:
    variants = settings(ctx.config).disclaimers
    if not settings(ctx.config).disclaimer_auto or kind not in variants:
        return False
    ctx.append(disclaimer_box(ctx.env, kind, variants[kind]))
    ctx.inserted_disclaimers.append(kind)
    return True


def check_required(ctx: Context) -> list[tuple[int, str]]:
    default = settings(ctx.config).disclaimer_default
    shown = ctx.disclaimer_kinds()
    if default in shown or _insert(ctx, default):
        return []
    if shown:
        problem = (f"the article shows only the {', '.join(repr(k) for k in shown)} disclaimer, "
                   f"not the general '{default}' one every article needs")
    else:
        problem = "the article has no disclaimer"
    return [(ctx.title_line(),
             f"{problem}: add ':::{{disclaimer}}' and ':::' before '## Sources' "
             "(or set healthdocs_disclaimer_auto = True in conf.py)")]


def subject_reason(ctx: Context, terms: tuple[str, ...], places: tuple[str, ...],
                   min_mentions: int) -> tuple[str, int]:
    """Why the topic is a subject of the article, and the line to point at
    (``("", 0)`` when it is only mentioned in passing)."""
    pattern = phrase_pattern(terms)
    article = ctx.article
    for place, value in (("title", article.title), ("description", article.description),
                         ("category", article.category), ("tags", " ".join(article.tags))):
        if place in places and pattern.search(value):
            return f"in the {place}", ctx.title_line()
    if "headings" in places:
        for block in ctx.blocks:
            if block.kind == "title" and pattern.search(block.text):
                return f"in the heading {block.text!r}", block.line
    if min_mentions:
        hits = [(block, start) for block in ctx.blocks if block.kind != "title"
                for start, end in sentence_spans(block.text)
                if pattern.search(block.text[start:end])]
        if len(hits) >= min_mentions:
            block, start = hits[0]
            match = pattern.pattern.search(block.text, start)
            return f"in {len(hits)} sentences", ctx.line_of(block, match) if match else block.line
    return "", 0


def check_kinds(ctx: Context) -> list[tuple[int, str]]:
    findings = []
    for topic, spec in settings(ctx.config).topic_disclaimers.items():
        kind = spec["kind"]
        if kind in ctx.disclaimer_kinds():
            continue
        reason, line = subject_reason(ctx, spec["terms"], spec["subject"], spec["min_mentions"])
        if not reason or _insert(ctx, kind):
            continue
        findings.append((line,
                         f"{topic} is a subject of the article ({reason}) but the article has no "
                         f"'{kind}' disclaimer: add ':::{{disclaimer}}', ':kind: {kind}' and "
                         "':::' before '## Sources'"))
    return findings
