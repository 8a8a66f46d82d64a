"""Small helpers shared by the components: located warnings, slugs, dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from sphinx.util import logging

logger = logging.getLogger("healthdocs")

WARNING_TYPE = "healthdocs"


def warn(message: str, location: object, subtype: str) -> None:
    """Emit one author-facing warning that ``suppress_warnings`` can silence.

    ``location`` is a ``(docname, line)`` tuple, a node with source info, or a
    ``"path:line"`` string; the message says what is wrong and what to write.
    """
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=subtype)


def for_maintainers(hint: str) -> str:
    """A note for whoever looks after conf.py, set apart from what the author types."""
    return f". Site maintainers: {hint}"


def slugify(text: str) -> str:
    """A URL-safe, lower-case slug ("Ketamine therapy" -> "ketamine-therapy")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "item"


def format_date(value: dt.date | str) -> str:
    """``15 January 2026``: the same in every locale (strftime's %B is not)."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"
