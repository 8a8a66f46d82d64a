"""Runs every rule on each article as it is read, applies waivers and severities,
emits one located warning per finding, and stores the results for the report.

Run from the ``doctree-read`` pipeline (``healthdocs/__init__.py``), last: after
the article's record is built and the site's closing items are placed, so boxes
inserted here land before them.
"""

from __future__ import annotations

import difflib
import logging
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes

from ..registry import Article, articles, source_lines
from ..util import WARNING_TYPE, logger, warn
from . import (
    abbreviations,
    citations,
    claims,
    crisis,
    disclaimers,
    images,
    jargon,
    language,
    readability,
    regulatory,
    review,
)
from .context import Context
from ..vocabulary import RULES
from ..settings import settings
from .store import ArticlePolicy, Finding, get_policy_domain

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Rule id and check, in this order: each check returns (line, message) pairs.
CHECKS: list[tuple[str, Callable[[Context], list[tuple[int, str]]]]] = [
    (crisis.RULE, crisis.check),
    (crisis.POSITION, crisis.check_position),
    (language.RULE, language.check),
    (disclaimers.REQUIRED, disclaimers.check_required),
    (disclaimers.KIND_REQUIRED, disclaimers.check_kinds),
    (claims.RULE, claims.check),
    (regulatory.RULE, regulatory.check),
    (citations.RULE, citations.check),
    (review.RULE, review.check),
    (readability.RULE, readability.check),
    (images.RULE, images.check),
]
#: Rules checked once every page is read (they need other pages: the glossary).
LATE = (abbreviations.RULE, jargon.RULE)


def check_article(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.current_document.docname
    article = articles(env).get(docname)
    if article is None:
        return
    ctx = Context(env, docname, doctree, article, source_lines(env))
    waivers = _waivers(article)
    readability.measure(ctx)
    findings: list[Finding] = []
    active = [rule for rule, _ in CHECKS if settings(app.config).policy[rule] != "off"]
    for rule, check in CHECKS:
        if rule in active:
            level = settings(app.config).policy[rule]
            findings += [Finding(rule, line, message, level, waivers.get(rule, ""))
                         for line, message in check(ctx)]
    for rule in sorted(waivers):
        if rule in active and rule not in LATE and not any(f.rule == rule for f in findings):
            warn(f"policy_waivers: {rule!r} is not needed (the article passes that rule); "
                 "remove the waiver", (docname, article.line("policy_waivers")),
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
        smog=ctx.smog,
        crisis_banner=ctx.crisis_banner(),
        disclaimers=tuple(ctx.disclaimer_kinds()),
        inserted_disclaimers=tuple(ctx.inserted_disclaimers),
        findings=tuple(findings),
        sources=len(ctx.outline.footnotes) + len(ctx.outline.citations),
        abbreviations=abbreviations.collect(ctx),
        jargon=jargon.collect(ctx) if settings(app.config).policy[jargon.RULE] != "off" else (),
        waivers=tuple(sorted(waivers.items())),
    )


class Glossary(NamedTuple):
    """What the site's glossaries explain, worked out once per pass over the articles
    (walking the standard domain per article made a 1,000-article no-change build 6x slower)."""

    terms: frozenset[str]          # every term, case-folded
    abbreviations: frozenset[str]  # the words of every term

    @classmethod
    def of(cls, env: BuildEnvironment) -> Glossary:
        names = {name for name, _, objtype, _, _, _ in
                 env.domains.standard_domain.get_objects() if objtype == "term"}
        return cls(frozenset(n.casefold() for n in names), abbreviations.known(names))


def late_findings(env: BuildEnvironment, policy: ArticlePolicy,
                  glossary: Glossary) -> list[Finding]:
    """Findings that need every page read (abbreviations and words readers misread,
    against the glossaries)."""
    waivers = dict(policy.waivers)
    found = []
    for rule, results in (
            (abbreviations.RULE, lambda: abbreviations.findings(env, policy.abbreviations,
                                                                glossary.abbreviations)),
            (jargon.RULE, lambda: jargon.findings(env, policy.jargon, glossary.terms))):
        if settings(env.config).policy[rule] == "off":
            continue
        level = settings(env.config).policy[rule]
        found += [Finding(rule, line, message, level, waivers.get(rule, ""))
                  for line, message in results()]
    return found


def check_late(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: warn about late findings, for every article, every build."""
    glossary = Glossary.of(env)
    for docname, policy in sorted(get_policy_domain(env).articles.items()):
        found = late_findings(env, policy, glossary)
        for finding in found:
            if not finding.waived:
                level = logging.ERROR if finding.severity == "error" else logging.WARNING
                logger.log(level, finding.message, location=(docname, finding.line),
                           type=WARNING_TYPE, subtype=f"policy.{finding.rule}")
        waived = dict(policy.waivers)
        for rule in LATE:
            if rule in waived and not any(f.rule == rule for f in found) and \
                    settings(env.config).policy[rule] != "off":
                warn(f"policy_waivers: {rule!r} is not needed (the article passes that "
                     "rule); remove the waiver",
                     (docname, articles(env).get(docname).line("policy_waivers")),
                     "policy.waiver")


def _waivers(article: Article) -> dict[str, str]:
    """The article's ``policy_waivers`` that apply: a waiver needs a known rule and a
    reason; one without is reported and does not apply."""
    location = (article.docname, article.line("policy_waivers"))
    waivers = {}
    for rule, reason in article.waivers:
        if rule not in RULES:
            close = difflib.get_close_matches(rule, sorted(RULES), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            warn(f"policy_waivers: unknown rule {rule!r}{hint}; rules: {', '.join(sorted(RULES))}",
                 location, "policy.waiver")
        elif not reason:
            warn(f"policy_waivers: the waiver for {rule!r} has no reason, so it does not apply: "
                 f"write why, e.g. {rule}: \"quoting a source's own words\"",
                 location, "policy.waiver")
        else:
            waivers[rule] = reason
    return waivers
