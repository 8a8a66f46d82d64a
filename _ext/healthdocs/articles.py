"""The article registry: front matter decoded and validated once per read.

MyST hands front matter to ``env.metadata`` as strings (lists arrive as JSON
text). ``record_article`` turns that into one immutable :class:`Article` per
page under ``healthdocs_articles_dir`` and keeps it in :class:`HealthDomain`, so
parallel reads merge it and a re-read or deleted page drops it. Everything
downstream (cards, hubs, metadata) reads the registry, never the source.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains import Domain

from . import schema
from .util import for_maintainers, front_matter_error, front_matter_line, source_lines, warn

if TYPE_CHECKING:
    from collections.abc import Iterable, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Front-matter keys this project or Sphinx/MyST understand, with the limits
#: below, from article.schema.json (what editors validate against too).
#: A key that is not here but nearly matches one ("descripton") is reported as
#: a probable typo.
KNOWN_FIELDS = schema.known_fields()

MAX_DESCRIPTION = schema.field("description")["maxLength"]
_ISO_DATE = schema.date_pattern()
_MONTHS = schema.field("review_interval")
_HEADING = re.compile(r"^(#{1,6})\s+\S")


@dataclass(frozen=True)
class Article:
    """What the rest of the site knows about one article."""

    docname: str
    title: str
    description: str
    date: str  # ISO date or ""
    reviewed: str  # ISO date or ""
    tags: tuple[str, ...]
    category: str  # "" when the article has none
    words: int
    minutes: int
    reviewed_by: str = ""  # an id in healthdocs_reviewers, or ""
    review_interval: int = 0  # months until the next review; 0: the site default
    #: False when the front matter could not be read (already reported with its line
    #: and cause): checks of its fields then say nothing more until it is fixed.
    front_matter_ok: bool = True


class HealthDomain(Domain):
    """Per-document storage; ``clear_doc``/``merge_domaindata`` keep ``-j`` and
    incremental builds consistent (the ``sphinx.ext.todo`` pattern)."""

    name = "healthdocs"
    label = "Health content"
    #: articles: docname -> Article; related: docname -> uses of related-articles;
    #: listings: docname -> the options of each article-list on that page.
    initial_data: dict[str, Any] = {"articles": {}, "related": {}, "listings": {}}
    data_version = 3

    #: Registry as it stood before this build read anything (see ``snapshot``).
    before: dict[str, Article] | None = None

    @property
    def articles(self) -> dict[str, Article]:
        return self.data.setdefault("articles", {})

    @property
    def related(self) -> dict[str, list[Any]]:
        return self.data.setdefault("related", {})

    @property
    def listings(self) -> dict[str, list[dict[str, Any]]]:
        return self.data.setdefault("listings", {})

    def clear_doc(self, docname: str) -> None:
        for key in self.initial_data:
            self.data.setdefault(key, {}).pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self.initial_data:
            other = otherdata.get(key, {})
            mine = self.data.setdefault(key, {})
            for docname in docnames:
                if docname in other:
                    mine[docname] = other[docname]

    def resolve_any_xref(self, *args: Any) -> list[Any]:
        return []


def get_domain(env: BuildEnvironment) -> HealthDomain:
    return env.domains["healthdocs"]  # type: ignore[return-value]


def is_article(env: BuildEnvironment, docname: str) -> bool:
    folder = env.config.healthdocs_articles_dir.strip("/")
    return docname.startswith(f"{folder}/")


def sorted_articles(articles: Iterable[Article]) -> list[Article]:
    """Newest first, then by docname: the one order every listing uses."""
    by_name = sorted(articles, key=lambda a: a.docname)
    return sorted(by_name, key=lambda a: a.date, reverse=True)


def snapshot(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str],
             removed: Set[str]) -> list[str]:
    """Remember the registry before this build purges or re-reads anything."""
    domain = get_domain(env)
    domain.before = dict(domain.articles)
    return []


def changed_articles(env: BuildEnvironment) -> set[str]:
    """Articles added, removed or with a different record since ``snapshot``."""
    domain = get_domain(env)
    before, now = domain.before or {}, domain.articles
    return {d for d in before.keys() | now.keys() if before.get(d) != now.get(d)}


def record_article(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: validate the page's front matter and title, store its record.

    Broken front matter is reported on every page (in place of MyST's bare
    "Malformed YAML"); the rest only for articles.
    """
    env = app.env
    docname = env.current_document.docname
    meta = env.metadata.get(docname, {})
    broken = _broken_front_matter(env, docname, meta)
    if not is_article(env, docname):
        level, line = _first_heading(env, docname)
        if level > 1:
            warn("page has no title: add one line '# Title' above its first heading",
                 (docname, line), "title")
        return
    _check_title(env, docname, doctree)
    article = (_record(env, docname, meta, description="", front_matter_ok=False) if broken
               else _decode(env, docname, meta))
    get_domain(env).articles[docname] = article


def _broken_front_matter(env: BuildEnvironment, docname: str, meta: dict[str, Any]) -> bool:
    """Report front matter MyST could not read (it then gives no fields at all)."""
    if set(meta) - {"wordcount"}:
        return False
    error = front_matter_error(env, docname)
    if error is None:
        return False
    line, message = error
    warn(f"front matter {message}", (docname, line), "frontmatter")
    return True


def _check_title(env: BuildEnvironment, docname: str, doctree: nodes.document) -> None:
    top = [n for n in doctree.children if isinstance(n, nodes.section)]
    level, line = _first_heading(env, docname)
    if not top or level > 1:
        # MyST makes a first '##' heading the title; authors meant a section.
        warn("article has no title: add one line '# Title' (one '#') at the top, above the "
             "first '##' section", (docname, line), "title")
    for extra in top[1:]:
        warn(f"article has more than one '# ' title ({extra[0].astext()!r}): "
             "use '## ' for section headings", (docname, extra.line or extra[0].line), "title")


def _first_heading(env: BuildEnvironment, docname: str) -> tuple[int, int]:
    """(level, line) of the page's first Markdown heading; (0, 1) when it has none."""
    lines = source_lines(env, docname)
    start = 0
    if lines and lines[0].strip() == "---":  # front matter: its "# " lines are comments
        start = next((i + 1 for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
    fence = ""
    for number, line in enumerate(lines[start:], start=start + 1):
        stripped = line.lstrip()
        if not fence and stripped.startswith(("```", "~~~", ":::")):
            fence = stripped[:3]
        elif fence and stripped.startswith(fence):
            fence = ""
        elif not fence and (match := _HEADING.match(line)):
            return len(match[1]), number
    return 0, 1


def _decode(env: BuildEnvironment, docname: str, meta: dict[str, Any]) -> Article:
    config = env.config

    def problem(key: str, message: str) -> None:
        warn(f"front matter '{key}': {message}", (docname, front_matter_line(env, docname, key)),
             "frontmatter")

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

    tags = _tags(meta, config.healthdocs_tags, problem)
    category = _category(meta, config.healthdocs_categories, problem)

    reviewed_by = _text(meta.get("reviewed_by", "")) or ""
    reviewers = config.healthdocs_reviewers if isinstance(config.healthdocs_reviewers, dict) else {}
    if reviewed_by and reviewed_by not in reviewers:
        problem("reviewed_by", f"unknown reviewer id {reviewed_by!r}"
                f"{_suggest(reviewed_by, sorted(reviewers))}: use the id your editor gave the "
                "reviewer" + for_maintainers("reviewers are listed in healthdocs_reviewers "
                                             "in conf.py"))
        reviewed_by = ""
    review_interval = _months(meta.get("review_interval", ""), problem)

    return _record(env, docname, meta, description=description, date=date, reviewed=reviewed,
                   tags=tags, category=category, reviewed_by=reviewed_by,
                   review_interval=review_interval)


def _record(env: BuildEnvironment, docname: str, meta: dict[str, Any], **fields: Any) -> Article:
    """The record with title and reading time filled in; front matter fields as given."""
    title_node = env.titles.get(docname)
    wordcount = meta.get("wordcount")
    words = wordcount.get("words", 0) if isinstance(wordcount, dict) else 0
    minutes = wordcount.get("minutes", 0) if isinstance(wordcount, dict) else 0
    defaults: dict[str, Any] = {"description": "", "date": "", "reviewed": "", "tags": (),
                                "category": ""}
    return Article(docname=docname,
                   title=title_node.astext() if title_node is not None else docname,
                   words=int(words), minutes=max(1, int(minutes)), **{**defaults, **fields})


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


class _ReplacedMystWarnings(logging.Filter):
    """Drops the two MyST warnings ``record_article`` reports better: "Malformed YAML"
    (ours names the line and the cause) and "Document headings start at H2" (ours
    says to add a '# Title'). Both would otherwise reach authors twice."""

    def filter(self, record: logging.LogRecord) -> bool:
        subtype = getattr(record, "subtype", "")
        if getattr(record, "type", "") != "myst":
            return True
        return not (subtype == "topmatter" or (
            subtype == "header" and str(record.msg).startswith("Document headings start at H")))


def setup_articles(app: Sphinx) -> None:
    # MyST logs its warnings through this logger (myst_parser/warnings_.py).
    myst = logging.getLogger("sphinx.myst_parser.warnings_")
    if not any(isinstance(f, _ReplacedMystWarnings) for f in myst.filters):
        myst.addFilter(_ReplacedMystWarnings())
    app.add_domain(HealthDomain)
    # After Sphinx's own collectors (priority 500) have stored title and metadata.
    app.connect("doctree-read", record_article, priority=600)
    app.connect("env-get-outdated", snapshot, priority=100)
