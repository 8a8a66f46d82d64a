"""``alt-text``: every image says in words what it shows (WCAG 1.1.1)."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from .prose import is_skipped, node_line

if TYPE_CHECKING:
    from .context import Context

RULE = "alt-text"


def check(ctx: Context) -> list[tuple[int, str]]:
    findings = []
    for image in ctx.outline.images:
        if is_skipped(image) or str(image.get("alt", "")).strip():
            continue
        # Sphinx made the path relative to the source folder; authors write it
        # relative to the page.
        uri = posixpath.relpath(image.get("uri", ""), posixpath.dirname(ctx.docname) or ".")
        findings.append((node_line(image),
                         f"image {uri!r} has no alt text: describe what it shows, e.g. "
                         f"![A nurse checks a patient's blood pressure]({uri})"))
    return findings
