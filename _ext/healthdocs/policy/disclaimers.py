"""``disclaimer-required`` and ``disclaimer-kind-required``.

Every article shows a disclaimer; an article that discusses a configured topic
(default: ketamine, which "esketamine" does not match) also shows that topic's
kind. With ``healthdocs_disclaimer_auto`` the build appends the missing boxes
(the very boxes the ``disclaimer`` directive makes) instead of warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import disclaimer_variants
from ..disclaimer import disclaimer_box
from .prose import iter_matches, phrase_pattern
from .settings import topic_disclaimers

if TYPE_CHECKING:
    from .context import Context

REQUIRED = "disclaimer-required"
KIND_REQUIRED = "disclaimer-kind-required"


def _insert(ctx: Context, kind: str) -> bool:
    variants = disclaimer_variants(ctx.config)
    if not ctx.config.healthdocs_disclaimer_auto or kind not in variants:
        return False
    ctx.append(disclaimer_box(ctx.env, kind, variants[kind]))
    ctx.inserted_disclaimers.append(kind)
    return True


def check_required(ctx: Context) -> list[tuple[int, str]]:
    if ctx.disclaimer_kinds() or _insert(ctx, ctx.config.healthdocs_disclaimer_default):
        return []
    return [(ctx.title_line(),
             "the article has no disclaimer: add ':::{disclaimer}' and ':::' before "
             "'## Sources' (or set healthdocs_disclaimer_auto = True in conf.py)")]


def check_kinds(ctx: Context) -> list[tuple[int, str]]:
    findings = []
    for topic, (terms, kind) in topic_disclaimers(ctx.config).items():
        if kind in ctx.disclaimer_kinds():
            continue
        block, match = next(iter_matches(phrase_pattern(terms), ctx.blocks), (None, None))
        if block is None or _insert(ctx, kind):
            continue
        findings.append((ctx.line_of(block, match),
                         f"the article discusses {topic} ({match.group(0)!r}) but has no "
                         f"'{kind}' disclaimer: add ':::{{disclaimer}}', ':kind: {kind}' and "
                         "':::' before '## Sources'"))
    return findings
