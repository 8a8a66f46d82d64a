"""Front matter: decoded and validated once, for the registry, with located warnings.

MyST hands front matter to ``env.metadata`` as strings (lists and maps arrive as
JSON text). This module is the only place that reads it: it turns it into an
:class:`~.article.Article`, warns at the line of each field that is wrong, and
works out those lines (and why a block could not be read at all) from the page's
source as Sphinx read it, never reading the file again.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from typing import TYPE_CHECKING, Any

import yaml

from .. import schema
from ..util import for_maintainers, warn
from .article import Article
from ..settings import settings

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.environment import BuildEnvironment

#: Front-matter keys this project or Sphinx/MyST understand, with the limits below,
#: from article.schema.json (what editors validate against too). A key that is not
#: here but nearly matches one ("descripton") is reported as a probable typo.
KNOWN_FIELDS = schema.known_fields()
MAX_DESCRIPTION = schema.field("description")["maxLength"]
_ISO_DATE = schema.date_pattern()
_MONTHS = schema.field("review_interval")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


# --- the block in the source ------------------------------------------------------

def block(lines: list[str]) -> list[str] | None:
    """The lines of the front matter block (its first line is line 2), or None."""
    if not lines or lines[0].strip() != "---":
        return None
    found = []
    for line in lines[1:]:
        if line.strip() == "---":
            return found
        found.append(line)
    return None


def key_lines(lines: list[str]) -> tuple[tuple[str, int], ...]:
    """(field, line) of each top-level field in the block."""
    return tuple((match[1], number) for number, line in enumerate(block(lines) or [], start=2)
                 if (match := _KEY.match(line)))


def error(lines: list[str]) -> tuple[int, str] | None:
    """Why the block cannot be read, with the line: None if it can.

    MyST's own warning only says "Malformed YAML"; this names the line and cause.
    """
    found = block(lines)
    if found is None:
        return None
    try:
        data = yaml.safe_load("\n".join(found))
    except yaml.MarkedYAMLError as problem:
        mark = problem.context_mark or problem.problem_mark  # where the quote/list began
        line = mark.line + 2 if mark is not None else 1
        cause = " ".join(part for part in (problem.problem, problem.context) if part)
        return line, f"is not valid YAML ({cause}); check quotes, colons and indentation"
    except (yaml.YAMLError, ValueError) as problem:
        for number, line in enumerate(found, start=2):
            key, _, value = (part.strip() for part in line.partition(":"))
            if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    return number, f"'{key}': {value!r} is not a real date; write it as YYYY-MM-DD"
        return 1, f"could not be read ({problem})"
    if data is not None and not isinstance(data, dict):
        return 1, "must be 'key: value' lines (description, date, tags...), not a list or a single value"
    return None


def read_file(path: Path) -> dict[str, Any]:
    """The front matter of a file outside a build (``python -m healthdocs new``): {} when
    it has none or it cannot be read."""
    lines = path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff").splitlines()
    try:
        data = yaml.safe_load("\n".join(block(lines) or []))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


# --- fields -----------------------------------------------------------------------

def broken(env: BuildEnvironment, docname: str, lines: list[str]) -> Article | None:
    """The record of an article whose block cannot be read (warned), else None."""
    problem = error(lines)
    if problem is None:
        return None
    line, message = problem
    warn(f"front matter {message}", (docname, line), "frontmatter")
    return _record(env, docname, env.metadata.get(docname, {}), lines, front_matter_ok=False)


def decode(env: BuildEnvironment, docname: str, lines: list[str]) -> Article:
    """The article's record from its front matter, each problem a located warning."""
    meta = env.metadata.get(docname, {})
    where = dict(key_lines(lines))
    config = env.config

    def problem(key: str, message: str) -> None:
        warn(f"front matter '{key}': {message}", (docname, where.get(key, 1)), "frontmatter")

    for key in sorted(meta):
        if key not in KNOWN_FIELDS and not key.startswith(("og:", "html_")):
            close = difflib.get_close_matches(key, sorted(KNOWN_FIELDS), n=1, cutoff=0.8)
            if close:
                problem(key, f"unknown field; did you mean '{close[0]}'?")

    description = _text(meta.get("description", ""))
    if description is None:
        problem("description", "must be plain text (one or two sentences), not a list or map")
        description = ""
    elif not description:
        problem("description", "missing: add one or two sentences that summarise the article "
                "(shown in search results and on cards)")
    elif len(description) > MAX_DESCRIPTION:
        problem("description", f"{len(description)} characters is too long for a card or search "
                f"result; keep it under {MAX_DESCRIPTION}")

    date = _date(meta.get("date", ""), "date", problem)
    reviewed = _date(meta.get("reviewed", ""), "reviewed", problem)
    if date and reviewed and reviewed < date:
        problem("reviewed", f"{reviewed} is before the publication date {date}; "
                "a review cannot come before the article")

    tags = _tags(meta, settings(config).tags, problem)
    category = _category(meta, settings(config).categories, problem)

    reviewed_by = _text(meta.get("reviewed_by", "")) or ""
    reviewers = settings(config).reviewers
    if reviewed_by and reviewed_by not in reviewers:
        problem("reviewed_by", f"unknown reviewer id {reviewed_by!r}"
                f"{_suggest(reviewed_by, sorted(reviewers))}: use the id your editor gave the "
                "reviewer" + for_maintainers("reviewers are listed in healthdocs_reviewers "
                                             "in conf.py"))
        reviewed_by = ""
    review_interval = _months(meta.get("review_interval", ""), problem)

    return _record(env, docname, meta, lines, description=description, date=date,
                   reviewed=reviewed, tags=tags, category=category, reviewed_by=reviewed_by,
                   review_interval=review_interval, aliases=_aliases(meta, problem),
                   waivers=_waivers(meta, (docname, where.get("policy_waivers", 1))))


def _record(env: BuildEnvironment, docname: str, meta: dict[str, Any], lines: list[str],
            **fields: Any) -> Article:
    """The record with title and reading time filled in; front matter fields as given."""
    title_node = env.titles.get(docname)
    wordcount = meta.get("wordcount")
    words = wordcount.get("words", 0) if isinstance(wordcount, dict) else 0
    minutes = wordcount.get("minutes", 0) if isinstance(wordcount, dict) else 0
    defaults: dict[str, Any] = {"description": "", "date": "", "reviewed": "", "tags": (),
                                "category": ""}
    return Article(docname=docname,
                   title=title_node.astext() if title_node is not None else docname,
                   words=int(words), minutes=max(1, int(minutes)), lines=key_lines(lines),
                   **{**defaults, **fields})


def _text(value: Any) -> str | None:
    """A front-matter string, or None when MyST serialised a list or map."""
    text = str(value).strip()
    if text[:1] in "[{" and _json(text) is not None:
        return None
    return " ".join(text.split())


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _date(value: Any, key: str, problem: Any) -> str:
    text = str(value).strip()
    if not text:
        return ""
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        problem(key, f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-01-15")
        return ""


def _months(value: Any, problem: Any) -> int:
    text = str(value).strip()
    if not text:
        return 0
    low, high = _MONTHS["minimum"], _MONTHS["maximum"]
    if not text.isdigit() or not low <= int(text) <= high:
        problem("review_interval", f"{text!r} is not a number of months from {low} to {high}, e.g. 6")
        return 0
    return int(text)


def _tags(meta: dict[str, Any], allowed: list[str] | None, problem: Any) -> tuple[str, ...]:
    raw = meta.get("tags")
    if raw is None or str(raw).strip() == "":
        return ()
    values = _json(str(raw)) if str(raw).lstrip().startswith("[") else None
    if not isinstance(values, list):
        problem("tags", f"must be a list, e.g. tags: [{raw}]")
        return ()
    tags: list[str] = []
    for value in values:
        if not isinstance(value, str) or not value.strip():
            problem("tags", f"{json.dumps(value)} is not a tag: each tag is a short word or phrase")
            continue
        tag = value.strip()
        if allowed is not None and tag not in allowed:
            problem("tags", f"unknown tag {tag!r}{_suggest(tag, allowed)}: use one of the "
                    "site's tags" + for_maintainers("add a new tag to healthdocs_tags in conf.py"))
            continue
        if tag not in tags:
            tags.append(tag)
    return tuple(tags)


def _category(meta: dict[str, Any], allowed: list[str] | None, problem: Any) -> str:
    raw = meta.get("category")
    if raw is None or str(raw).strip() == "":
        if allowed:
            problem("category", f"missing: choose one of {', '.join(allowed)}")
        return ""
    category = _text(raw)
    if category is None:
        problem("category", "must be one category name, not a list or map")
        return ""
    if allowed is not None and category not in allowed:
        problem("category", f"unknown category {category!r}{_suggest(category, allowed)}; "
                f"known categories: {', '.join(allowed)}")
        return ""
    return category


def _suggest(value: str, choices: list[str]) -> str:
    by_folded = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(value.casefold(), sorted(by_folded), n=1, cutoff=0.6)
    return f" (did you mean {by_folded[close[0]]!r}?)" if close else ""




def _aliases(meta: dict[str, Any], problem: Any) -> tuple[str, ...]:
    """``aliases``: a list of words or phrases readers may search for."""
    raw = meta.get("aliases")
    if raw is None or not str(raw).strip():
        return ()
    text = str(raw).strip()
    values = _json(text) if text.startswith("[") else None
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        problem("aliases", f"must be a list of words or phrases, e.g. aliases: [{text}]")
        return ()
    return tuple(dict.fromkeys(" ".join(v.split()) for v in values))


def _waivers(meta: dict[str, Any], location: tuple[str, int]) -> tuple[tuple[str, str], ...]:
    """``policy_waivers: {rule: "reason"}`` as written; the policy rules judge each."""
    raw = meta.get("policy_waivers")
    if raw is None or str(raw).strip() == "":
        return ()
    value = _json(str(raw))
    if not isinstance(value, dict):
        warn("policy_waivers: must be a map of rule to reason, e.g. "
             "policy_waivers: {claims: \"quoting a study title\"}", location, "policy.waiver")
        return ()
    return tuple(sorted((str(rule), " ".join(reason.split()) if isinstance(reason, str) else "")
                        for rule, reason in value.items()))
