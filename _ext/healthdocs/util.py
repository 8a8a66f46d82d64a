"""Small helpers shared by the components: located warnings, slugs, source lines."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

import yaml
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


def for_maintainers(hint: str) -> str:
    """A note for whoever looks after conf.py, set apart from what the author types."""
    return f". Site maintainers: {hint}"


def slugify(text: str) -> str:
    """A URL-safe, lower-case slug ("Ketamine therapy" -> "ketamine-therapy")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "item"


def source_lines(env: BuildEnvironment, docname: str) -> list[str]:
    """The page's source as lines (a byte-order mark dropped); [] if it cannot be read."""
    try:
        text = env.doc2path(docname).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return text.lstrip("\ufeff").splitlines()


def _front_matter(env: BuildEnvironment, docname: str) -> list[str] | None:
    """The lines of the page's front matter block (first line is line 2), or None."""
    lines = source_lines(env, docname)
    if not lines or lines[0].strip() != "---":
        return None
    block = []
    for line in lines[1:]:
        if line.strip() == "---":
            return block
        block.append(line)
    return None


def front_matter_error(env: BuildEnvironment, docname: str) -> tuple[int, str] | None:
    """Why MyST could not read the front matter, with the line: None if it could.

    MyST's own warning only says "Malformed YAML"; this names the line and cause.
    """
    block = _front_matter(env, docname)
    if block is None:
        return None
    try:
        data = yaml.safe_load("\n".join(block))
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark  # where the quote/list began
        line = mark.line + 2 if mark is not None else 1
        cause = " ".join(part for part in (error.problem, error.context) if part)
        return line, f"is not valid YAML ({cause}); check quotes, colons and indentation"
    except (yaml.YAMLError, ValueError) as error:
        for number, line in enumerate(block, start=2):
            key, _, value = (part.strip() for part in line.partition(":"))
            if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    return number, f"'{key}': {value!r} is not a real date; write it as YYYY-MM-DD"
        return 1, f"could not be read ({error})"
    if data is not None and not isinstance(data, dict):
        return 1, "must be 'key: value' lines (description, date, tags...), not a list or a single value"
    return None


def front_matter_line(env: BuildEnvironment, docname: str, key: str) -> int:
    """Line of ``key:`` in the document's front matter, or 1 if it is not there.

    MyST gives front-matter fields no useful line, so the source is read again;
    this only happens when there is a warning to place.
    """
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for number, line in enumerate(_front_matter(env, docname) or [], start=2):
        if pattern.match(line):
            return number
    return 1


def format_date(value: dt.date | str) -> str:
    """``15 January 2026``: the same in every locale (strftime's %B is not)."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"
