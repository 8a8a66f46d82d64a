"""The editors' report: ``health-report.json`` and a sortable ``health-report.html``.

Written at ``build-finished`` from what the environment stored while reading
(write-time data is not merged back from ``-j`` workers), into ``reports/``
next to the output folder: outside the published site, so it is in no
navigation, sitemap or search index. The content depends only on the sources
and the build's date (``healthdocs.review.today``, pinned by
``SOURCE_DATE_EPOCH``), which decides "overdue".
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..registry import articles, sorted_articles
from ..review import due_date, today
from .readability import METRIC, SMOG
from .runner import Glossary, late_findings
from ..vocabulary import RULES
from ..settings import settings
from ..templates import render_standalone
from .store import get_policy_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

JSON_NAME = "health-report.json"
HTML_NAME = "health-report.html"


def report_dir(app: Sphinx) -> Path:
    return Path(app.outdir).parent / "reports"


def report_data(app: Sphinx) -> dict[str, Any]:
    env, config = app.env, app.config
    limit = settings(config).max_grade
    policies = get_policy_domain(env).articles
    now = today()
    glossary = Glossary.of(env)
    rows = []
    for article in sorted_articles(articles(env).values()):
        policy = policies.get(article.docname)
        if policy is None:  # read before the policy existed; the next full read adds it
            continue
        due = due_date(config, article)
        findings = (*policy.findings, *late_findings(env, policy, glossary))
        rows.append({
            "docname": article.docname,
            "title": article.title,
            "source": os.path.relpath(env.doc2path(article.docname), app.srcdir).replace(os.sep, "/"),
            "words": article.words,
            "minutes": article.minutes,
            "grade": policy.grade,
            "smog": policy.smog,
            "sources": policy.sources,
            "reviewed": article.reviewed or None,
            "due": due.isoformat() if due else None,
            "overdue": bool(due and due < now),
            "crisis_banner": policy.crisis_banner,
            "disclaimers": list(policy.disclaimers),
            "inserted_disclaimers": list(policy.inserted_disclaimers),
            "findings": [
                {"rule": f.rule, "severity": f.severity, "line": f.line, "message": f.message,
                 "waived": f.waived or None}
                for f in sorted(findings, key=lambda f: (f.line, f.rule, f.message))
            ],
        })
    open_findings = [f for row in rows for f in row["findings"] if not f["waived"]]
    graded = [row["grade"] for row in rows if row["grade"] is not None]
    per_rule = {rule: {
        "severity": settings(config).policy[rule],
        "open": sum(f["rule"] == rule for f in open_findings),
        "waived": sum(f["rule"] == rule and bool(f["waived"]) for row in rows for f in row["findings"]),
        "articles": sum(any(f["rule"] == rule and not f["waived"] for f in row["findings"])
                        for row in rows),
    } for rule in RULES}
    return {
        "metric": METRIC,
        "smog_metric": SMOG,
        "max_grade": limit,
        "as_of": now.isoformat(),
        "rules": {rule: settings(config).policy[rule] for rule in RULES},
        "totals": {
            "articles": len(rows),
            "findings": len(open_findings),
            "errors": sum(f["severity"] == "error" for f in open_findings),
            "warnings": sum(f["severity"] == "warning" for f in open_findings),
            "waived": sum(bool(f["waived"]) for row in rows for f in row["findings"]),
            "articles_with_findings": sum(any(not f["waived"] for f in row["findings"])
                                          for row in rows),
            "overdue": sum(row["overdue"] for row in rows),
            "not_reviewed": sum(row["reviewed"] is None for row in rows),
            "above_max_grade": sum(g > limit for g in graded),
            "mean_grade": round(sum(graded) / len(graded), 1) if graded else None,
            "by_rule": {rule: counts["open"] for rule, counts in per_rule.items()},
            "sources": sum(row["sources"] for row in rows),
            "articles_without_sources": sum(row["sources"] == 0 for row in rows),
        },
        "rules_totals": per_rule,
        "articles": rows,
    }


def write_reports(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None:
        return
    data = report_data(app)
    folder = report_dir(app)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / JSON_NAME).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    (folder / HTML_NAME).write_text(render_html(app, data, _page_links(app, folder)), encoding="utf-8")
    logger.info("editors' report: %s", folder / HTML_NAME)


def fail_on_errors(app: Sphinx, exception: Exception | None) -> None:
    """A finding at severity ``error`` fails the build, also when the page was
    not re-read this time (its warning was printed when it was read)."""
    if exception is not None:
        return
    glossary = Glossary.of(app.env)
    errors = sorted((d, f.line, f.rule) for d, p in get_policy_domain(app.env).articles.items()
                    for f in (*p.findings, *late_findings(app.env, p, glossary))
                    if f.severity == "error" and not f.waived)
    if errors:
        app.statuscode = 1
        logger.info("healthdocs policy: %d finding(s) at severity 'error' (%s); "
                    "see the editors' report", len(errors),
                    ", ".join(f"{app.env.doc2path(d).name}:{line} {rule}"
                              for d, line, rule in errors))


def _page_links(app: Sphinx, folder: Path) -> dict[str, str]:
    if app.builder.format != "html":
        return {}
    links = {}
    for docname in articles(app.env):
        target = Path(app.outdir, app.builder.get_target_uri(docname).split("#")[0] or "index.html")
        if target.is_dir():
            target = target / "index.html"
        links[docname] = os.path.relpath(target, folder).replace(os.sep, "/")
    return links


def render_html(app: Sphinx, data: dict[str, Any], links: dict[str, str]) -> str:
    """``templates/healthdocs/report.html``, which a site may override."""
    totals = data["totals"]
    summary = [
        ("Articles", totals["articles"]),
        ("Open findings", totals["findings"]),
        ("Errors", totals["errors"]),
        ("Warnings", totals["warnings"]),
        ("Waived", totals["waived"]),
        ("Reviews overdue", totals["overdue"]),
        ("Never reviewed", totals["not_reviewed"]),
        (f"Above grade {data['max_grade']}", totals["above_max_grade"]),
        ("Mean grade", "–" if totals["mean_grade"] is None else totals["mean_grade"]),
        ("Sources cited", totals["sources"]),
        ("Articles with no sources", totals["articles_without_sources"]),
    ]
    columns = [("Article", "text"), ("Words", "number"), ("Reading time", "number"),
               ("Grade", "number"), ("SMOG", "number"), ("Sources", "number"),
               ("Reviewed", "text"), ("Review due", "text"),
               ("Crisis banner", "text"), ("Disclaimers", "text"), ("Findings", "number")]
    disclaimer_lines = {row["docname"]: ", ".join(
        kind + (" (inserted)" if kind in row["inserted_disclaimers"] else "")
        for kind in row["disclaimers"]) or "none" for row in data["articles"]}
    return render_standalone(app.confdir, app.config, "report.html", data=data, links=links,
                             summary=summary, columns=columns, disclaimer_lines=disclaimer_lines)
