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
    "safe-language": "warning",
    "disclaimer-required": "warning",
    "disclaimer-kind-required": "warning",
    "claims": "warning",
    "review": "warning",
    "reading-grade": "warning",
    "alt-text": "warning",
}
SEVERITIES = ("warning", "error", "off")

DEFAULT_MAX_GRADE = 10

#: Words that make an article need a crisis banner.
CRISIS_TERMS = (
    "suicide", "suicides", "suicidal", "suicidality",
    "self-harm", "self-harming", "self-injury", "self-injuries",
    "kill myself", "killing myself", "kill themselves", "kill yourself",
    "want to die", "wanting to die", "wants to die",
    "end my life", "ending my life", "take my own life", "taking my own life",
)

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


def register(app: Sphinx) -> None:
    add = app.add_config_value
    add("healthdocs_policy", {}, "env", types=frozenset({dict}),
        description="Rule severities {rule: 'warning' | 'error' | 'off'} over the defaults.")
    add("healthdocs_crisis_terms", [], "env", types=frozenset({list, tuple}),
        description="Extra words that make an article need a crisis banner.")
    add("healthdocs_safe_language", {}, "env", types=frozenset({dict}),
        description="Extra or replaced safe-messaging phrases {phrase: wording to use instead}.")
    add("healthdocs_claim_phrases", {}, "env", types=frozenset({dict}),
        description="Extra or replaced treatment-claim phrases {phrase: advice}.")
    add("healthdocs_topic_disclaimers", TOPIC_DISCLAIMERS, "env", types=frozenset({dict}),
        description="Topics {name: {'terms': [...], 'kind': disclaimer kind}} an article "
                    "mentioning a term must carry.")
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
    return sorted({*CRISIS_TERMS, *_strings(config.healthdocs_crisis_terms)})


def safe_language(config: Config) -> dict[str, str]:
    return {**SAFE_LANGUAGE, **_string_map(config.healthdocs_safe_language)}


def claim_phrases(config: Config) -> dict[str, str]:
    return {**CLAIM_PHRASES, **_string_map(config.healthdocs_claim_phrases)}


def topic_disclaimers(config: Config) -> dict[str, tuple[tuple[str, ...], str]]:
    """Valid topics only: ``{topic: (terms, kind)}``."""
    kinds = disclaimer_variants(config)
    topics = {}
    for topic, entry in sorted(_mapping(config.healthdocs_topic_disclaimers).items()):
        if isinstance(entry, dict) and entry.get("kind") in kinds:
            terms = tuple(_strings(entry.get("terms")))
            if terms:
                topics[topic] = (terms, entry["kind"])
    return topics


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
    for name in ("healthdocs_safe_language", "healthdocs_claim_phrases"):
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
