"""``safe-language``: suicide safe-messaging wording (ReportingOnSuicide.org,
Action Alliance framework): "died by suicide", never "committed suicide".

Wording that is only mentioned (quoted, in code, or introduced as wording to
avoid: "say 'died by suicide' instead of committed suicide") is not a finding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .mention import is_mention
from .prose import fold, iter_matches, phrase_pattern
from ..settings import settings

if TYPE_CHECKING:
    from .context import Context

RULE = "safe-language"


def check(ctx: Context) -> list[tuple[int, str]]:
    phrases = settings(ctx.config).safe_language
    by_folded = {fold(p): s for p, s in phrases.items()}
    pattern = phrase_pattern(tuple(phrases))
    findings = []
    for block, match in iter_matches(pattern, ctx.blocks):
        if is_mention(block, match.start(), match.end()):
            continue  # quoted, or introduced as wording to avoid ("instead of ...")
        findings.append((ctx.line_of(block, match),
                         f"{match.group(0)!r} is not safe-messaging language: write "
                         f"{by_folded[fold(match.group(0))]!r} instead"))
    return findings
