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
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..registry import articles, sorted_articles
from ..review import due_date, today
from .readability import METRIC, SMOG
from .runner import late_findings
from ..vocabulary import RULES
from ..settings import settings
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
    rows = []
    for article in sorted_articles(articles(env).values()):
        policy = policies.get(article.docname)
        if policy is None:  # read before the policy existed; the next full read adds it
            continue
        due = due_date(config, article)
        findings = (*policy.findings, *late_findings(env, policy))
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
    (folder / HTML_NAME).write_text(render_html(data, _page_links(app, folder)), encoding="utf-8")
    logger.info("editors' report: %s", folder / HTML_NAME)


def fail_on_errors(app: Sphinx, exception: Exception | None) -> None:
    """A finding at severity ``error`` fails the build, also when the page was
    not re-read this time (its warning was printed when it was read)."""
    if exception is not None:
        return
    errors = sorted((d, f.line, f.rule) for d, p in get_policy_domain(app.env).articles.items()
                    for f in (*p.findings, *late_findings(app.env, p))
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


def render_html(data: dict[str, Any], links: dict[str, str]) -> str:
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
    by_rule = "".join(
        f'<tr><th scope="row"><code>{escape(rule)}</code></th><td>{escape(c["severity"])}</td>'
        f'<td>{c["open"]}</td><td>{c["waived"]}</td><td>{c["articles"]}</td></tr>'
        for rule, c in data["rules_totals"].items())
    rows = "".join(_row(row, links.get(row["docname"])) for row in data["articles"])
    columns = [("Article", "text"), ("Words", "number"), ("Reading time", "number"),
               ("Grade", "number"), ("SMOG", "number"), ("Sources", "number"),
               ("Reviewed", "text"), ("Review due", "text"),
               ("Crisis banner", "text"), ("Disclaimers", "text"), ("Findings", "number")]
    head = "".join(
        f'<th scope="col" aria-sort="none"><button type="button" data-type="{kind}">'
        f"{escape(name)}</button></th>" for name, kind in columns)
    cards = "".join(f'<div class="total"><dt>{escape(label)}</dt><dd>{escape(str(value))}</dd></div>'
                    for label, value in summary)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Health content report</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<h1>Health content report</h1>
<p>Checks as of {escape(data['as_of'])}. Reading grade: {escape(data['metric'])}, limit
{escape(str(data['max_grade']))}; beside it the {escape(data['smog_metric'])} (meaningful from
30 sentences). Sources: footnotes cited. Click a column heading to sort.</p>
<h2>Totals</h2>
<dl class="totals">{cards}</dl>
<h3>Findings by rule</h3>
<table id="rules">
<thead><tr><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col">Open</th>
<th scope="col">Waived</th><th scope="col">Articles</th></tr></thead>
<tbody>{by_rule}</tbody>
</table>
<h2>Articles</h2>
<table id="articles">
<thead><tr>{head}</tr></thead>
<tbody>{rows}</tbody>
</table>
</main>
<script>{_JS}</script>
</body>
</html>
"""


def _row(row: dict[str, Any], link: str | None) -> str:
    title = escape(row["title"])
    name = f'<a href="{escape(link)}">{title}</a>' if link else title
    findings = "".join(
        f'<li class="{"waived" if f["waived"] else escape(f["severity"])}">'
        f'<code>{escape(row["source"])}:{f["line"]}</code> <strong>{escape(f["rule"])}</strong>'
        f'{" (waived: " + escape(f["waived"]) + ")" if f["waived"] else " (" + escape(f["severity"]) + ")"}'
        f": {escape(f['message'])}</li>" for f in row["findings"])
    open_count = sum(not f["waived"] for f in row["findings"])
    disclaimers = ", ".join(
        escape(kind) + (" (inserted)" if kind in row["inserted_disclaimers"] else "")
        for kind in row["disclaimers"]) or "none"
    grade = "–" if row["grade"] is None else str(row["grade"])
    smog = "–" if row["smog"] is None else str(row["smog"])
    due = row["due"] or "–"
    due_cell = f'<td data-sort="{escape(due)}"{" class=overdue" if row["overdue"] else ""}>' \
               f'{escape(due)}{" (overdue)" if row["overdue"] else ""}</td>'
    return (
        "<tr>"
        f'<th scope="row" data-sort="{title}">{name}<br><small>{escape(row["source"])}</small></th>'
        f'<td data-sort="{row["words"]}">{row["words"]}</td>'
        f'<td data-sort="{row["minutes"]}">{row["minutes"]} min</td>'
        f'<td data-sort="{"" if row["grade"] is None else row["grade"]}">{grade}</td>'
        f'<td data-sort="{"" if row["smog"] is None else row["smog"]}">{smog}</td>'
        f'<td data-sort="{row["sources"]}">{row["sources"]}</td>'
        f'<td data-sort="{escape(row["reviewed"] or "")}">{escape(row["reviewed"] or "never")}</td>'
        f"{due_cell}"
        f'<td data-sort="{escape(row["crisis_banner"])}">{escape(row["crisis_banner"])}</td>'
        f'<td data-sort="{disclaimers}">{disclaimers}</td>'
        f'<td data-sort="{open_count}">{open_count}'
        f'{"<ul class=findings>" + findings + "</ul>" if findings else ""}</td>'
        "</tr>"
    )


_CSS = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
main { padding: 1rem 2rem; }
.totals { display: flex; flex-wrap: wrap; gap: .75rem; padding: 0; }
.total { border: 1px solid #767676; border-radius: 6px; padding: .5rem 1rem; min-width: 8rem; }
.total dt { font-size: .875rem; } .total dd { margin: 0; font-size: 1.5rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; }
#rules { width: auto; margin-bottom: 1.5rem; }
th, td { border-bottom: 1px solid #ccc; padding: .5rem; text-align: left; vertical-align: top; }
thead th button { font: inherit; font-weight: 700; background: none; border: 0; padding: 0;
  cursor: pointer; text-decoration: underline; color: inherit; }
th[aria-sort=ascending] button::after { content: " ▲"; }
th[aria-sort=descending] button::after { content: " ▼"; }
.findings { margin: .25rem 0 0; padding-left: 1.25rem; }
.error, .overdue { color: #b00020; } .waived { color: #555; }
@media (prefers-color-scheme: dark) {
  body { color: #eee; background: #131416; } .waived { color: #aaa; }
  .error, .overdue { color: #ff8a80; } th, td { border-color: #444; }
}
"""

_JS = """
document.querySelectorAll('#articles thead button').forEach(function (button, column) {
  button.addEventListener('click', function () {
    var th = button.parentElement, table = document.getElementById('articles');
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('thead th').forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var numeric = button.dataset.type === 'number';
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    rows.sort(function (a, b) {
      var x = a.cells[column].dataset.sort, y = b.cells[column].dataset.sort;
      var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
  });
});
"""
