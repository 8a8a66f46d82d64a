"""Every ``healthdocs_*`` setting: typed registration, built-in texts, validation.

Disclaimer variants and crisis regions are merged over built-in defaults, so a
site adds or retunes one entry without copying the rest. Bad entries are
reported once, at ``config-inited``, with the line in conf.py, and then left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .util import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Schemes a link in configuration or front matter may use; anything else
#: (``javascript:``, ``data:``) would let a config value run script.
SAFE_URL_SCHEMES = ("http://", "https://", "mailto:", "tel:", "sms:")

#: ``{crisis}`` in a disclaimer's text becomes the site region's crisis lines in words
#: (``crisis_summary``), so the default disclaimer names 988 and 911 on a US site and
#: Samaritans and 999 on a UK one.
CRISIS_PLACEHOLDER = "{crisis}"

BUILTIN_DISCLAIMERS: dict[str, dict[str, str]] = {
    "educational": {
        "title": "This article is for general education",
        "text": (
            "It is not medical advice, and it cannot diagnose or treat any condition. "
            "Your own clinician knows your health history: talk with them before you "
            "start, stop or change any treatment.\n\n"
            f"Need help now? {CRISIS_PLACEHOLDER}"
        ),
    },
    "compounded-ketamine": {
        "title": "Compounded ketamine is not FDA approved",
        "text": (
            "Ketamine mixed by a compounding pharmacy (such as lozenges, tablets or nasal "
            "sprays made for one patient) is not approved by the U.S. Food and Drug "
            "Administration for depression, anxiety, PTSD or any other mental health "
            "condition, or for chronic pain. The FDA has not checked how safe it is, how well it "
            "works, or its quality.\n\n"
            "Results differ from person to person. Ask a qualified clinician about the "
            "risks and the approved options before you start any treatment."
        ),
    },
}

BUILTIN_CRISIS_REGIONS: dict[str, dict[str, Any]] = {
    "US": {
        "name": "United States",
        "title": "Help is available now",
        "intro": (
            "If you or someone you know is struggling or thinking about suicide, "
            "you can reach someone right now."
        ),
        "resources": [
            {
                "name": "988 Suicide & Crisis Lifeline",
                "note": "free, confidential, 24 hours a day",
                "actions": [
                    {"label": "Call 988", "url": "tel:988"},
                    {"label": "Text 988", "url": "sms:988"},
                    {"label": "Chat at 988lifeline.org", "url": "https://988lifeline.org/chat/"},
                ],
            },
            {
                "name": "In an emergency",
                "note": "if someone is in immediate danger",
                "actions": [{"label": "Call 911", "url": "tel:911"}],
            },
        ],
    },
    "CA": {
        "name": "Canada",
        "title": "Help is available now",
        "intro": "If you or someone you know is thinking about suicide, you can reach someone right now.",
        "resources": [
            {
                "name": "9-8-8 Suicide Crisis Helpline",
                "note": "24 hours a day, in English and French",
                "actions": [
                    {"label": "Call 9-8-8", "url": "tel:988"},
                    {"label": "Text 9-8-8", "url": "sms:988"},
                ],
            },
            {
                "name": "In an emergency",
                "note": "if someone is in immediate danger",
                "actions": [{"label": "Call 911", "url": "tel:911"}],
            },
        ],
    },
    "UK": {
        "name": "United Kingdom",
        "title": "Help is available now",
        "intro": "If you are struggling or thinking about suicide, you can talk to someone right now.",
        "resources": [
            {
                "name": "Samaritans",
                "note": "free, 24 hours a day",
                "actions": [
                    {"label": "Call 116 123", "url": "tel:116123"},
                    {"label": "Email jo@samaritans.org", "url": "mailto:jo@samaritans.org"},
                ],
            },
            {
                "name": "In an emergency",
                "note": "if someone is in immediate danger",
                "actions": [{"label": "Call 999", "url": "tel:999"}],
            },
        ],
    },
    "AU": {
        "name": "Australia",
        "title": "Help is available now",
        "intro": "If you are struggling or thinking about suicide, you can talk to someone right now.",
        "resources": [
            {
                "name": "Lifeline",
                "note": "24 hours a day",
                "actions": [
                    {"label": "Call 13 11 14", "url": "tel:131114"},
                    {"label": "Text 0477 13 11 14", "url": "sms:0477131114"},
                ],
            },
            {
                "name": "In an emergency",
                "note": "if someone is in immediate danger",
                "actions": [{"label": "Call 000", "url": "tel:000"}],
            },
        ],
    },
}


@dataclass(frozen=True)
class Action:
    label: str
    url: str


@dataclass(frozen=True)
class Resource:
    name: str
    note: str
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class CrisisRegion:
    name: str  # the country or area, for the help page ("United Kingdom")
    title: str
    intro: str
    resources: tuple[Resource, ...]


@dataclass(frozen=True)
class Disclaimer:
    title: str
    paragraphs: tuple[str, ...]


def register(app: Sphinx) -> None:
    """Register every setting with its type, rebuild scope and help text."""
    add = app.add_config_value
    add("healthdocs_articles_dir", "articles", "env", types=frozenset({str}),
        description="Folder (relative to the source dir) whose documents are articles.")
    add("healthdocs_categories", None, "env", types=frozenset({list, tuple, type(None)}),
        description="Allowed article categories, in display order; None allows any.")
    add("healthdocs_category_order", [], "html", types=frozenset({list, tuple}),
        description="Sidebar order of categories (default: healthdocs_categories, then A-Z).")
    add("healthdocs_tags", None, "env", types=frozenset({list, tuple, type(None)}),
        description="Allowed article tags; None allows any.")
    add("healthdocs_disclaimers", {}, "env", types=frozenset({dict}),
        description="Disclaimer variants {kind: {title, text}} merged over the built-ins.")
    add("healthdocs_disclaimer_default", "educational", "env", types=frozenset({str}),
        description="Variant rendered by a disclaimer directive without :kind:.")
    add("healthdocs_crisis_region", "US", "env", types=frozenset({str}),
        description="Crisis resources shown by default: US, CA, UK, AU or a configured region.")
    add("healthdocs_crisis_resources", {}, "env", types=frozenset({dict}),
        description="Crisis regions {code: {title, intro, resources}} merged over the built-ins.")
    add("healthdocs_related_limit", 3, "env", types=frozenset({int}),
        description="Cards a related-articles directive with no body picks by shared tags.")
    add("healthdocs_review_interval", 12, "env", types=frozenset({int}),
        description="Months from the last review to the next one (front matter review_interval overrides).")
    add("healthdocs_reviewers", {}, "env", types=frozenset({dict}),
        description="Clinical reviewers {id: {name, credentials, url}} named by reviewed_by.")
    add("healthdocs_hub_dir", "topics", "html", types=frozenset({str}),
        description="Output folder of the generated category hub pages.")
    app.connect("config-inited", validate_config)


def validate_config(app: Sphinx, config: Config) -> None:
    """Report every bad setting once, located at its line in conf.py."""
    for name, problem in _problems(config):
        warn_setting(app.confdir, name, problem)


def warn_setting(confdir: str | Path, name: str, problem: str) -> None:
    """One warning about a setting, located at its line in conf.py."""
    warn(f"conf.py: {name}: {problem}", _conf_location(Path(confdir, "conf.py"), name), "config")


def report_url_problem(url: object) -> str | None:
    """Why ``healthdocs_report_url`` cannot be used, or None."""
    if not isinstance(url, str) or not url.startswith(("mailto:", "https://")):
        return (f"{url!r} must start with mailto: or https://, e.g. "
                "'mailto:editors@example.org?subject=Problem%20with%20{url}'")
    unknown = sorted(set(re.findall(r"\{(\w*)\}", url)) - {"url", "title"})
    if unknown:
        return f"unknown placeholder {{{unknown[0]}}}: write {{url}} or {{title}}"
    return None


def disclaimer_variants(config: Config) -> dict[str, Disclaimer]:
    """Built-in variants overlaid with the site's, bad entries left out."""
    return _disclaimers(config)[0]


def crisis_regions(config: Config) -> dict[str, CrisisRegion]:
    """Built-in regions overlaid with the site's, bad entries left out."""
    return _regions(config)[0]


def crisis_summary(region: CrisisRegion) -> str:
    """The region's lines in one plain sentence per resource, for text that cannot
    hold buttons: "988 Suicide & Crisis Lifeline: call 988, text 988 or chat at
    988lifeline.org. In an emergency: call 911."
    """
    def verb(label: str) -> str:  # "Call 988" -> "call 988"; "SMS 88" stays
        return label[0].lower() + label[1:] if label[1:2].islower() else label

    sentences = []
    for resource in region.resources:
        actions = [verb(action.label) for action in resource.actions]
        listed = (", ".join(actions[:-1]) + " or " + actions[-1]) if len(actions) > 1 else actions[0]
        sentences.append(f"{resource.name}: {listed}.")
    return " ".join(sentences)


def is_safe_url(url: str) -> bool:
    return url.lower().startswith(SAFE_URL_SCHEMES)


def _problems(config: Config) -> list[tuple[str, str]]:
    problems = []
    problems += [("healthdocs_disclaimers", p) for p in _disclaimers(config)[1]]
    problems += [("healthdocs_crisis_resources", p) for p in _regions(config)[1]]
    if config.healthdocs_disclaimer_default not in disclaimer_variants(config):
        problems.append(("healthdocs_disclaimer_default",
                         f"unknown kind {config.healthdocs_disclaimer_default!r}; "
                         f"known kinds: {', '.join(sorted(disclaimer_variants(config)))}"))
    if config.healthdocs_crisis_region not in crisis_regions(config):
        problems.append(("healthdocs_crisis_region",
                         f"unknown region {config.healthdocs_crisis_region!r}; "
                         f"known regions: {', '.join(sorted(crisis_regions(config)))}"))
    newsletter = getattr(config, "healthdocs_newsletter_url", "")
    if newsletter and not (isinstance(newsletter, str) and newsletter.startswith(("https://", "http://"))):
        problems.append(("healthdocs_newsletter_url", f"{newsletter!r} must be an http(s) URL"))
    report_url = getattr(config, "healthdocs_report_url", "")
    if report_url and report_url_problem(report_url):
        problems.append(("healthdocs_report_url", report_url_problem(report_url)))
    for name, what in (("healthdocs_tag_labels", "{tag: label}"),
                       ("healthdocs_category_intros", "{category: text}")):
        value = getattr(config, name, {})
        if isinstance(value, dict) and not all(isinstance(k, str) and isinstance(v, str)
                                               and v.strip() for k, v in value.items()):
            problems.append((name, f"must map text to non-empty text: {what}"))
    stay = getattr(config, "healthdocs_stay_informed", "")
    if stay not in ("", "articles"):
        problems.append(("healthdocs_stay_informed",
                         f"{stay!r} is not a choice: write 'articles' (or '' for none)"))
    for name in ("healthdocs_categories", "healthdocs_tags"):
        values = getattr(config, name)
        if values is not None and not (isinstance(values, (list, tuple)) and all(isinstance(v, str) and v.strip() for v in values)):
            problems.append((name, "must be a list of non-empty strings, or None"))
    for reviewer_id, reviewer in sorted(_mapping(config.healthdocs_reviewers).items()):
        if not isinstance(reviewer, dict) or not isinstance(reviewer.get("name"), str):
            problems.append(("healthdocs_reviewers", f"{reviewer_id!r} needs at least a 'name'"))
        elif reviewer.get("url") and not is_safe_url(str(reviewer["url"])):
            problems.append(("healthdocs_reviewers", f"{reviewer_id!r}: URL {reviewer['url']!r} "
                             f"must start with one of {', '.join(SAFE_URL_SCHEMES)}"))
    if not isinstance(config.healthdocs_review_interval, int) or not 1 <= config.healthdocs_review_interval <= 60:
        problems.append(("healthdocs_review_interval", "must be a number of months from 1 to 60"))
    if not isinstance(config.healthdocs_related_limit, int) or config.healthdocs_related_limit < 1:
        problems.append(("healthdocs_related_limit", "must be 1 or more"))
    return problems


def _disclaimers(config: Config) -> tuple[dict[str, Disclaimer], list[str]]:
    merged: dict[str, Any] = {**BUILTIN_DISCLAIMERS, **_mapping(config.healthdocs_disclaimers)}
    region = crisis_regions(config).get(config.healthdocs_crisis_region)
    crisis = (crisis_summary(region) if region else
              "use the crisis and emergency numbers for where you live.")
    variants, problems = {}, []
    for kind, entry in sorted(merged.items(), key=lambda item: str(item[0])):
        if not isinstance(kind, str) or not isinstance(entry, dict):
            problems.append(f"{kind!r} must map a kind name to {{'title': ..., 'text': ...}}")
            continue
        title, text = entry.get("title"), entry.get("text")
        if not isinstance(title, str) or not title.strip() or not isinstance(text, str) or not text.strip():
            problems.append(f"{kind!r} needs a non-empty 'title' and 'text' (strings)")
            continue
        text = text.replace(CRISIS_PLACEHOLDER, crisis)
        paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
        variants[kind] = Disclaimer(title.strip(), paragraphs)
    return variants, problems


def _regions(config: Config) -> tuple[dict[str, CrisisRegion], list[str]]:
    merged: dict[str, Any] = {**BUILTIN_CRISIS_REGIONS, **_mapping(config.healthdocs_crisis_resources)}
    regions, problems = {}, []
    for code, entry in sorted(merged.items(), key=lambda item: str(item[0])):
        try:
            regions[code] = _region(code, entry)
        except ValueError as error:
            problems.append(str(error))
    return regions, problems


def _region(code: object, entry: object) -> CrisisRegion:
    where = f"region {code!r}"
    if not isinstance(code, str) or not isinstance(entry, dict):
        raise ValueError(f"{where} must map a region code to {{'title', 'intro', 'resources'}}")
    title, intro, name = entry.get("title"), entry.get("intro", ""), entry.get("name", code)
    if not isinstance(title, str) or not title.strip() or not isinstance(intro, str):
        raise ValueError(f"{where} needs a non-empty 'title' and a string 'intro'")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{where}: 'name' (the country or area it serves) must be a non-empty string")
    raw_resources = entry.get("resources")
    if not isinstance(raw_resources, list) or not raw_resources:
        raise ValueError(f"{where} needs a non-empty list of 'resources'")
    resources = []
    for resource in raw_resources:
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            raise ValueError(f"{where}: each resource needs a 'name' string")
        actions = []
        for action in resource.get("actions") or []:
            label = action.get("label") if isinstance(action, dict) else None
            url = action.get("url") if isinstance(action, dict) else None
            if not isinstance(label, str) or not isinstance(url, str) or not label.strip():
                raise ValueError(f"{where}: each action needs 'label' and 'url' strings")
            if not is_safe_url(url):
                raise ValueError(f"{where}: URL {url!r} must start with one of "
                                 f"{', '.join(SAFE_URL_SCHEMES)}")
            actions.append(Action(label.strip(), url.strip()))
        if not actions:
            raise ValueError(f"{where}: resource {resource['name']!r} needs at least one action")
        note = resource.get("note", "")
        resources.append(Resource(resource["name"].strip(), note if isinstance(note, str) else "",
                                  tuple(actions)))
    return CrisisRegion(name.strip(), title.strip(), intro.strip(), tuple(resources))


def _mapping(value: object) -> dict[Any, Any]:
    # Sphinx reports a wrongly typed setting itself; treat it as empty here.
    return value if isinstance(value, dict) else {}


def _conf_location(conf_py: Path, name: str) -> str:
    line = 1
    try:
        for number, text in enumerate(conf_py.read_text(encoding="utf-8").splitlines(), start=1):
            if re.match(rf"\s*{name}\s*=", text):
                line = number
                break
    except OSError:
        pass
    return f"{conf_py}:{line}"
