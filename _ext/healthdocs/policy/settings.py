"""The policy's ``conf.py`` settings: rule severities, term lists, auto-insertion.

Term lists are plain phrases (no regular expressions): matched case-insensitively,
on word boundaries, with any run of spaces or hyphens between words, so
"self harm" also finds "self-harm". Site values are merged over the defaults.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import _conf_location, disclaimer_variants
from ..util import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Rule ids and their default severity. A missing crisis banner fails the
#: build even without ``-W``: it is the one finding that can put a reader at risk.
RULES: dict[str, str] = {
    "crisis-required": "error",
    "crisis-position": "warning",
    "safe-language": "warning",
    "disclaimer-required": "warning",
    "disclaimer-kind-required": "warning",
    "claims": "warning",
    "regulatory": "warning",
    "citation-required": "warning",
    "review": "warning",
    "reading-grade": "warning",
    "jargon": "warning",
    "abbreviation": "warning",
    "alt-text": "warning",
}
SEVERITIES = ("warning", "error", "off")

DEFAULT_MAX_GRADE = 10

#: Safe-messaging phrases (ReportingOnSuicide.org, Action Alliance) -> what to write.
SAFE_LANGUAGE: dict[str, str] = {
    "committed suicide": "died by suicide",
    "commit suicide": "die by suicide",
    "commits suicide": "dies by suicide",
    "committing suicide": "dying by suicide",
    "completed suicide": "died by suicide",
    "successful suicide": "died by suicide",
    "successful suicide attempt": "died by suicide",
    "failed suicide attempt": "suicide attempt",
    "unsuccessful suicide attempt": "suicide attempt",
    "failed attempt at suicide": "suicide attempt",
    "unsuccessful attempt at suicide": "suicide attempt",
    "suicide epidemic": "rising suicide rates",
    "epidemic of suicide": "rising suicide rates",
    "epidemic of suicides": "rising suicide rates",
    "suicide victim": "person who died by suicide",
    "suicide victims": "people who died by suicide",
    "completed suicides": "deaths by suicide",
    "successful suicides": "deaths by suicide",
    "failed suicide attempts": "suicide attempts",
    "unsuccessful suicide attempts": "suicide attempts",
    "successful suicide attempts": "deaths by suicide",
    "failed attempts at suicide": "suicide attempts",
    "unsuccessful attempts at suicide": "suicide attempts",
}

_NO_GUARANTEE = ("no treatment works for everyone: say what studies found, for example "
                 "'in one trial, about half of the people improved', and cite the study")
_SIDE_EFFECTS = "every medicine can have side effects: name the common ones and how often they happen"
_SAFETY = "say what the risks are and who should not take it"

#: Absolute treatment claims (FTC Health Products Compliance Guidance) -> advice.
CLAIM_PHRASES: dict[str, str] = {
    "guaranteed": _NO_GUARANTEE,
    "guarantee": _NO_GUARANTEE,
    "guarantees": _NO_GUARANTEE,
    "100% effective": _NO_GUARANTEE,
    "100 percent effective": _NO_GUARANTEE,
    "works for everyone": _NO_GUARANTEE,
    "miracle cure": _NO_GUARANTEE,
    "wonder drug": _NO_GUARANTEE,
    "no side effects": _SIDE_EFFECTS,
    "without side effects": _SIDE_EFFECTS,
    "free of side effects": _SIDE_EFFECTS,
    "side-effect free": _SIDE_EFFECTS,
    "completely safe": _SAFETY,
    "totally safe": _SAFETY,
    "perfectly safe": _SAFETY,
    "risk-free": _SAFETY,
    "clinically proven": _NO_GUARANTEE,
    "scientifically proven": _NO_GUARANTEE,
    "proven cure": _NO_GUARANTEE,
    "proven to work": _NO_GUARANTEE,
    "permanent cure": _NO_GUARANTEE,
}

#: Conditions a "cure" claim is flagged for.
CURE_CONDITIONS = ("depression", "anxiety", "ptsd", "post-traumatic stress disorder",
                   "bipolar disorder", "ocd", "addiction", "mental illness", "trauma")

#: Topic -> the words that mean an article discusses it, and the disclaimer kind it
#: needs. "ketamine" on word boundaries does not match "esketamine": an article only
#: about Spravato does not need the compounded-ketamine box.
TOPIC_DISCLAIMERS: dict[str, dict[str, Any]] = {
    "ketamine": {"terms": ["ketamine"], "kind": "compounded-ketamine"},
}
#: Where a topic's words make it a subject of the article (not a passing mention).
SUBJECT_PLACES = ("title", "description", "category", "tags", "headings")
MIN_MENTIONS = 3


def register(app: Sphinx) -> None:
    add = app.add_config_value
    add("healthdocs_policy", {}, "env", types=frozenset({dict}),
        description="Rule severities {rule: 'warning' | 'error' | 'off'} over the defaults.")
    add("healthdocs_crisis_terms", [], "env", types=frozenset({list, tuple}),
        description="Extra words that make an article need a crisis banner.")
    add("healthdocs_jargon", {}, "env", types=frozenset({dict}),
        description="Extra words readers often misread {word: plain explanation to offer}.")
    add("healthdocs_abbreviations_in_article", True, "env", types=frozenset({bool}),
        description="An abbreviation spelt out in the article ('Full Name (ABBR)') needs no "
                    "glossary entry.")
    add("healthdocs_regulatory", {}, "env", types=frozenset({dict}),
        description="Extra or replaced rows of the regulatory registry {id: row}.")
    add("healthdocs_safe_language", {}, "env", types=frozenset({dict}),
        description="Extra or replaced safe-messaging phrases {phrase: wording to use instead}.")
    add("healthdocs_claim_phrases", {}, "env", types=frozenset({dict}),
        description="Extra or replaced treatment-claim phrases {phrase: advice}.")
    add("healthdocs_topic_disclaimers", TOPIC_DISCLAIMERS, "env", types=frozenset({dict}),
        description="Topics {name: {'terms': [...], 'kind': disclaimer kind, 'subject': "
                    "[places], 'min_mentions': N}} an article about the topic must carry.")
    add("healthdocs_crisis_auto", False, "env", types=frozenset({bool}),
        description="Insert a crisis banner at the top of articles that need one, instead of warning.")
    add("healthdocs_disclaimer_auto", False, "env", types=frozenset({bool}),
        description="Append the default disclaimer (and required kinds) where missing, "
                    "instead of warning.")
    add("healthdocs_max_grade", DEFAULT_MAX_GRADE, "env", types=frozenset({int, float}),
        description="Highest Flesch-Kincaid grade an article's prose may have.")
    app.connect("config-inited", validate)


def severity(config: Config, rule: str) -> str:
    chosen = _mapping(config.healthdocs_policy).get(rule, RULES[rule])
    return chosen if chosen in SEVERITIES else RULES[rule]


def max_grade(config: Config) -> float:
    """The configured limit, or the default when it is not a grade (already warned)."""
    grade = config.healthdocs_max_grade
    valid = not isinstance(grade, bool) and isinstance(grade, (int, float)) and 1 <= grade <= 20
    return grade if valid else DEFAULT_MAX_GRADE


def crisis_terms(config: Config) -> list[str]:
    """The site's extra crisis words (the built-in ones are patterns in ``crisis``)."""
    return sorted(set(_strings(config.healthdocs_crisis_terms)))


def safe_language(config: Config) -> dict[str, str]:
    return {**SAFE_LANGUAGE, **_string_map(config.healthdocs_safe_language)}


def claim_phrases(config: Config) -> dict[str, str]:
    return {**CLAIM_PHRASES, **_string_map(config.healthdocs_claim_phrases)}


def topic_disclaimers(config: Config) -> dict[str, dict[str, Any]]:
    """Valid topics only: ``{topic: {terms, kind, subject, min_mentions}}``."""
    kinds = disclaimer_variants(config)
    topics = {}
    for topic, entry in sorted(_mapping(config.healthdocs_topic_disclaimers).items()):
        if isinstance(entry, dict) and entry.get("kind") in kinds:
            terms = tuple(_strings(entry.get("terms")))
            places = entry.get("subject", SUBJECT_PLACES)
            places = tuple(p for p in _strings(places) if p in SUBJECT_PLACES) \
                if isinstance(places, (list, tuple)) else SUBJECT_PLACES
            mentions = entry.get("min_mentions", MIN_MENTIONS)
            if not isinstance(mentions, int) or isinstance(mentions, bool) or mentions < 0:
                mentions = MIN_MENTIONS
            if terms:
                topics[topic] = {"terms": terms, "kind": entry["kind"], "subject": places,
                                 "min_mentions": mentions}
    return topics


def jargon(config: Config) -> dict[str, str]:
    from .jargon import JARGON
    return {**JARGON, **_string_map(config.healthdocs_jargon)}


def validate(app: Sphinx, config: Config) -> None:
    """Report bad policy settings once, at their line in conf.py."""
    conf_py = Path(app.confdir, "conf.py")
    for name, problem in _problems(config):
        warn(f"conf.py: {name}: {problem}", _conf_location(conf_py, name), "config")


def _problems(config: Config) -> list[tuple[str, str]]:
    problems = []
    for rule, value in sorted(_mapping(config.healthdocs_policy).items(), key=str):
        if rule not in RULES:
            close = difflib.get_close_matches(str(rule), sorted(RULES), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(("healthdocs_policy", f"unknown rule {rule!r}{hint}; "
                             f"rules: {', '.join(sorted(RULES))}"))
        elif value not in SEVERITIES:
            problems.append(("healthdocs_policy", f"{rule!r}: severity {value!r} must be one of "
                             f"{', '.join(SEVERITIES)}"))
    if len(_strings(config.healthdocs_crisis_terms)) != len(_sequence(config.healthdocs_crisis_terms)):
        problems.append(("healthdocs_crisis_terms", "must be a list of words or phrases"))
    for name in ("healthdocs_safe_language", "healthdocs_claim_phrases", "healthdocs_jargon"):
        value = _mapping(getattr(config, name))
        if len(_string_map(value)) != len(value):
            problems.append((name, "must map each phrase to the text to suggest (both strings)"))
    kinds = disclaimer_variants(config)
    for topic, entry in sorted(_mapping(config.healthdocs_topic_disclaimers).items(), key=str):
        if not isinstance(entry, dict) or not _strings(entry.get("terms")):
            problems.append(("healthdocs_topic_disclaimers",
                             f"{topic!r} needs {{'terms': [words], 'kind': disclaimer kind}}"))
        elif entry.get("kind") not in kinds:
            problems.append(("healthdocs_topic_disclaimers",
                             f"{topic!r}: unknown kind {entry.get('kind')!r}; known kinds: "
                             f"{', '.join(sorted(kinds))}"))
        else:
            unknown = [p for p in _sequence(entry.get("subject", [])) if p not in SUBJECT_PLACES]
            if unknown or not isinstance(entry.get("subject", []), (list, tuple)):
                problems.append(("healthdocs_topic_disclaimers",
                                 f"{topic!r}: 'subject' must list places from "
                                 f"{', '.join(SUBJECT_PLACES)}"))
            mentions = entry.get("min_mentions", MIN_MENTIONS)
            if not isinstance(mentions, int) or isinstance(mentions, bool) or mentions < 0:
                problems.append(("healthdocs_topic_disclaimers",
                                 f"{topic!r}: 'min_mentions' must be a whole number, e.g. 3 "
                                 "(0: mentions alone never make it a subject)"))
    if max_grade(config) != config.healthdocs_max_grade:
        problems.append(("healthdocs_max_grade", "must be a school grade from 1 to 20, e.g. 10"))
    return problems


def _mapping(value: object) -> dict[Any, Any]:
    # Sphinx reports a wrongly typed setting itself; treat it as empty here.
    return value if isinstance(value, dict) else {}


def _sequence(value: object) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else []


def _strings(value: object) -> list[str]:
    return [v.strip() for v in _sequence(value) if isinstance(v, str) and v.strip()]


def _string_map(value: object) -> dict[str, str]:
    return {k.strip(): v.strip() for k, v in _mapping(value).items()
            if isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip()}
