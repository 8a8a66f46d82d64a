"""``crisis-required``: an article that mentions suicide or self-harm shows a crisis banner.

With ``healthdocs_crisis_auto`` the build inserts the site's banner (the very box
the ``crisis-banner`` directive makes) after the title instead of warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import crisis_regions
from ..crisis import crisis_box
from .prose import iter_matches, phrase_pattern
from .settings import crisis_terms

if TYPE_CHECKING:
    from .context import Context

RULE = "crisis-required"


def check(ctx: Context) -> list[tuple[int, str]]:
    if ctx.boxes("crisis"):
        return []
    pattern = phrase_pattern(tuple(crisis_terms(ctx.config)))
    block, match = next(iter_matches(pattern, ctx.blocks), (None, None))
    if block is None:
        return []
    if ctx.config.healthdocs_crisis_auto:
        code = ctx.config.healthdocs_crisis_region
        regions = crisis_regions(ctx.config)
        if code in regions:  # an unknown region is already a healthdocs.config warning
            ctx.insert_at_top(crisis_box(ctx.env, code, regions[code]))
            ctx.inserted_banner = True
            return []
    return [(ctx.line_of(block, match),
             f"the article mentions {match.group(0)!r} but shows no crisis banner: add "
             "':::{crisis-banner}' and ':::' on the lines after the opening paragraph "
             "(or set healthdocs_crisis_auto = True in conf.py)")]
