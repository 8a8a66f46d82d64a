"""Small helpers shared by the components: located warnings, slugs, source lines."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger("healthdocs")

WARNING_TYPE = "healthdocs"


def warn(message: str, location: object, subtype: str) -> None:
    """Emit one author-facing warning that ``suppress_warnings`` can silence.

    ``location`` is a ``(docname, line)`` tuple, a node with source info, or a
    ``"path:line"`` string; the message says what is wrong and what to write.
    """
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=subtype)


def slugify(text: str) -> str:
    """A URL-safe, lower-case slug ("Ketamine therapy" -> "ketamine-therapy")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "item"


def front_matter_line(env: BuildEnvironment, docname: str, key: str) -> int:
    """Line of ``key:`` in the document's front matter, or 1 if it is not there.

    MyST gives front-matter fields no useful line, so the source is read again;
    this only happens when there is a warning to place.
    """
    try:
        text = env.doc2path(docname).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return 1
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        if pattern.match(line):
            return number
    return 1


def format_date(value: dt.date | str) -> str:
    """``15 January 2026``: the same in every locale (strftime's %B is not)."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"
