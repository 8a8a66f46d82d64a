"""``review``: every article records its last clinical review.

An overdue review is ``healthdocs.review-overdue`` from ``healthdocs.review``
(checked on every build, not only when the page is re-read); this rule only
reports a missing date, so no article is warned about twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from .context import Context

RULE = "review"


def check(ctx: Context) -> list[tuple[int, str]]:
    # A 'reviewed' that is there but malformed, or front matter that could not be
    # read at all, is already a front-matter warning.
    if (ctx.article.reviewed or not ctx.article.front_matter_ok
            or "reviewed" in dict(ctx.article.lines)):
        return []
    line = ctx.article.line("date")
    return [(line, "no 'reviewed' date in the front matter: after a clinical review of the "
                   "whole article, add 'reviewed: YYYY-MM-DD'")]
