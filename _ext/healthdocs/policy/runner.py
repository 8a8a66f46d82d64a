"""Runs every rule on each article as it is read, applies waivers and severities,
emits one located warning per finding, and stores the results for the report.

``doctree-read`` at priority 700: after ``record_article`` (600) has built the
article's record and ``insert_review_line`` (650) has placed the review line,
so boxes inserted here land before that line.
"""

from __future__ import annotations

import difflib
import json
import logging
from typing import TYPE_CHECKING

from ..articles import get_domain
from ..util import WARNING_TYPE, front_matter_line, logger, warn
from . import claims, crisis, disclaimers, images, language, readability, review
from .context import Context
from .prose import blocks
from .settings import RULES, severity
from .store import ArticlePolicy, Finding, get_policy_domain

if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from sphinx.application import Sphinx

#: Rule id and check, in this order: each check returns (line, message) pairs.
CHECKS: list[tuple[str, Callable[[Context], list[tuple[int, str]]]]] = [
    (crisis.RULE, crisis.check),
    (language.RULE, language.check),
    (disclaimers.REQUIRED, disclaimers.check_required),
    (disclaimers.KIND_REQUIRED, disclaimers.check_kinds),
    (claims.RULE, claims.check),
    (review.RULE, review.check),
    (readability.RULE, readability.check),
    (images.RULE, images.check),
]


def check_article(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.current_document.docname
    article = get_domain(env).articles.get(docname)
    if article is None:
        return
    ctx = Context(env, docname, doctree, article, blocks(doctree), env.doc2path(docname))
    waivers = _waivers(app, docname)
    readability.measure(ctx)
    findings: list[Finding] = []
    active = [rule for rule, _ in CHECKS if severity(app.config, rule) != "off"]
    for rule, check in CHECKS:
        if rule in active:
            level = severity(app.config, rule)
            findings += [Finding(rule, line, message, level, waivers.get(rule, ""))
                         for line, message in check(ctx)]
    for rule in sorted(waivers):
        if rule in active and not any(f.rule == rule for f in findings):
            warn(f"policy_waivers: {rule!r} is not needed (the article passes that rule); "
                 "remove the waiver", (docname, front_matter_line(env, docname, "policy_waivers")),
                 "policy.waiver")
    for finding in findings:
        if not finding.waived:
            level = logging.ERROR if finding.severity == "error" else logging.WARNING
            logger.log(level, finding.message, location=(docname, finding.line),
                       type=WARNING_TYPE, subtype=f"policy.{finding.rule}")
    get_policy_domain(env).articles[docname] = ArticlePolicy(
        docname=docname,
        grade=ctx.grade,
        grade_words=ctx.grade_words,
        crisis_banner=ctx.crisis_banner(),
        disclaimers=tuple(ctx.disclaimer_kinds()),
        inserted_disclaimers=tuple(ctx.inserted_disclaimers),
        findings=tuple(findings),
    )


def _waivers(app: Sphinx, docname: str) -> dict[str, str]:
    """``policy_waivers: {rule: "reason"}`` (MyST hands it over as JSON text).

    A waiver needs a reason; one without is reported and does not apply.
    """
    raw = app.env.metadata.get(docname, {}).get("policy_waivers")
    if raw is None or str(raw).strip() == "":
        return {}
    location = (docname, front_matter_line(app.env, docname, "policy_waivers"))
    try:
        value = json.loads(str(raw))
    except ValueError:
        value = None
    if not isinstance(value, dict):
        warn("policy_waivers: must be a map of rule to reason, e.g. "
             "policy_waivers: {claims: \"quoting a study title\"}", location, "policy.waiver")
        return {}
    waivers = {}
    for rule, reason in sorted(value.items()):
        if rule not in RULES:
            close = difflib.get_close_matches(rule, sorted(RULES), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            warn(f"policy_waivers: unknown rule {rule!r}{hint}; rules: {', '.join(sorted(RULES))}",
                 location, "policy.waiver")
        elif not isinstance(reason, str) or not reason.strip():
            warn(f"policy_waivers: the waiver for {rule!r} has no reason, so it does not apply: "
                 f"write why, e.g. {rule}: \"quoting a source's own words\"",
                 location, "policy.waiver")
        else:
            waivers[rule] = " ".join(reason.split())
    return waivers
