"""The rules' built-in vocabularies and severities, and how a site's conf.py values
for them are read (``settings.py`` declares the settings and calls the parsers here).

Term lists are plain phrases (no regular expressions): matched case-insensitively,
on word boundaries, with any run of spaces or hyphens between words, so
"self harm" also finds "self-harm". Site values are merged over the defaults.
"""

from __future__ import annotations

import difflib
from typing import Any


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


Parsed = tuple[Any, list[str]]


def parse_severities(value: Any, _: dict[str, Any]) -> Parsed:
    """Every rule's severity: the site's choice where it is valid, else the default."""
    chosen, problems = dict(RULES), []
    for rule, severity in sorted(_mapping(value).items(), key=str):
        if rule not in RULES:
            close = difflib.get_close_matches(str(rule), sorted(RULES), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"unknown rule {rule!r}{hint}; rules: {', '.join(sorted(RULES))}")
        elif severity not in SEVERITIES:
            problems.append(f"{rule!r}: severity {severity!r} must be one of "
                            f"{', '.join(SEVERITIES)}")
        else:
            chosen[rule] = severity
    return chosen, problems


def parse_max_grade(value: Any, _: dict[str, Any]) -> Parsed:
    if not isinstance(value, bool) and isinstance(value, (int, float)) and 1 <= value <= 20:
        return value, []
    return DEFAULT_MAX_GRADE, ["must be a school grade from 1 to 20, e.g. 10"]


def parse_crisis_terms(value: Any, _: dict[str, Any]) -> Parsed:
    """The site's extra crisis words (the built-in ones are patterns in ``crisis``)."""
    terms = _strings(value)
    problems = [] if len(terms) == len(_sequence(value)) else [
        "must be a list of words or phrases"]
    return sorted(set(terms)), problems


def _phrases(builtin: dict[str, str]):
    def parse(value: Any, _: dict[str, Any]) -> Parsed:
        given = _mapping(value)
        kept = _string_map(given)
        problems = [] if len(kept) == len(given) else [
            "must map each phrase to the text to suggest (both strings)"]
        return {**builtin, **kept}, problems
    return parse


parse_safe_language = _phrases(SAFE_LANGUAGE)
parse_claim_phrases = _phrases(CLAIM_PHRASES)


def parse_jargon(value: Any, parsed: dict[str, Any]) -> Parsed:
    from .policy.jargon import JARGON
    return _phrases(JARGON)(value, parsed)


def parse_topic_disclaimers(value: Any, parsed: dict[str, Any]) -> Parsed:
    """Valid topics ``{topic: {terms, kind, subject, min_mentions}}``; the disclaimer
    kinds come from the settings parsed before."""
    kinds = parsed["disclaimers"]
    topics, problems = {}, []
    for topic, entry in sorted(_mapping(value).items(), key=str):
        if not isinstance(entry, dict) or not _strings(entry.get("terms")):
            problems.append(f"{topic!r} needs {{'terms': [words], 'kind': disclaimer kind}}")
            continue
        if entry.get("kind") not in kinds:
            problems.append(f"{topic!r}: unknown kind {entry.get('kind')!r}; known kinds: "
                            f"{', '.join(sorted(kinds))}")
            continue
        places = entry.get("subject", SUBJECT_PLACES)
        if not isinstance(places, (list, tuple)) or any(p not in SUBJECT_PLACES for p in places):
            problems.append(f"{topic!r}: 'subject' must list places from "
                            f"{', '.join(SUBJECT_PLACES)}")
            places = SUBJECT_PLACES
        mentions = entry.get("min_mentions", MIN_MENTIONS)
        if not isinstance(mentions, int) or isinstance(mentions, bool) or mentions < 0:
            problems.append(f"{topic!r}: 'min_mentions' must be a whole number, e.g. 3 "
                            "(0: mentions alone never make it a subject)")
            mentions = MIN_MENTIONS
        topics[topic] = {"terms": tuple(_strings(entry.get("terms"))), "kind": entry["kind"],
                         "subject": tuple(places), "min_mentions": mentions}
    return topics, problems


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
