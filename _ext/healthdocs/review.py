"""Review dates, the NHS "Page last reviewed / Next review due" pattern.

Every reviewed article shows one line after its Sources section, before its
related cards (``sources.insert_closing``): "Last reviewed: 15 January 2026 ·
Next review due: 15 January 2027", plus the reviewer from ``healthdocs_reviewers`` when front matter names one.
The line depends only on the sources, never on the clock; a review that is
overdue today (or at ``SOURCE_DATE_EPOCH``) is a warning, checked on every
build for every article, so an incremental build cannot miss it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from typing import TYPE_CHECKING

from docutils import nodes

from .nodes import mark
from .registry import Article, articles
from .settings import is_safe_url, settings
from .sources import insert_closing
from .util import format_date, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def add_months(start: dt.date, months: int) -> dt.date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def due_date(config: Config, article: Article) -> dt.date | None:
    if not article.reviewed:
        return None
    months = article.review_interval or settings(config).review_interval
    return add_months(dt.date.fromisoformat(article.reviewed), months)


def today() -> dt.date:
    """The build's date: ``SOURCE_DATE_EPOCH`` when set, so CI can pin it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def reviewer(config: Config, article: Article) -> dict[str, str] | None:
    reviewers = settings(config).reviewers
    entry = reviewers.get(article.reviewed_by) if article.reviewed_by else None
    return entry if isinstance(entry, dict) and isinstance(entry.get("name"), str) else None


def review_line(config: Config, article: Article) -> nodes.paragraph:
    due = due_date(config, article)
    assert due is not None
    text = (f"Last reviewed: {format_date(dt.date.fromisoformat(article.reviewed))}"
            f" · Next review due: {format_date(due)}")
    line = mark(nodes.paragraph("", text, classes=["hd-review", "no-search"]), "review")
    person = reviewer(config, article)
    if person is not None:
        line += nodes.Text(" · Reviewed by ")
        url = str(person.get("url", ""))
        if url and is_safe_url(url):
            line += nodes.reference(person["name"], person["name"], refuri=url)
        else:
            line += nodes.Text(person["name"])
        if person.get("credentials"):
            line += nodes.Text(f", {person['credentials']}")
    return line


def insert_review_line(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: the first closing item, after the Sources section."""
    docname = app.env.current_document.docname
    article = articles(app.env).get(docname)
    if article is None or not article.reviewed:
        return
    insert_closing(doctree, review_line(app.config, article))


def warn_overdue(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: runs after every read, over every article."""
    now = today()
    for docname, article in sorted(articles(env).items()):
        due = due_date(env.config, article)
        if due is not None and due < now:
            warn(f"review overdue: last reviewed {article.reviewed}, next review was due "
                 f"{due.isoformat()}; review the article, then update 'reviewed'",
                 (docname, article.line("reviewed")), "review-overdue")


def setup_review(app: Sphinx) -> None:
    app.connect("env-check-consistency", warn_overdue)
