"""Built-in texts: the disclaimer variants and the crisis lines of each region.

Sites add or retune entries in conf.py (``healthdocs_disclaimers``,
``healthdocs_crisis_resources``); ``settings.py`` merges theirs over these with the
functions here, which also say what is wrong with a bad entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

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


def disclaimer_variants(site: dict[Any, Any], region: CrisisRegion | None
                        ) -> tuple[dict[str, Disclaimer], list[str]]:
    """The built-in variants overlaid with the site's, bad entries left out (and said
    why); ``{crisis}`` names the crisis lines of the site's region."""
    merged: dict[str, Any] = {**BUILTIN_DISCLAIMERS, **site}
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


def crisis_regions(site: dict[Any, Any]) -> tuple[dict[str, CrisisRegion], list[str]]:
    """The built-in regions overlaid with the site's, bad entries left out (and said why)."""
    merged: dict[str, Any] = {**BUILTIN_CRISIS_REGIONS, **site}
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
            if not url.lower().startswith(SAFE_URL_SCHEMES):
                raise ValueError(f"{where}: URL {url!r} must start with one of "
                                 f"{', '.join(SAFE_URL_SCHEMES)}")
            actions.append(Action(label.strip(), url.strip()))
        if not actions:
            raise ValueError(f"{where}: resource {resource['name']!r} needs at least one action")
        note = resource.get("note", "")
        resources.append(Resource(resource["name"].strip(), note if isinstance(note, str) else "",
                                  tuple(actions)))
    return CrisisRegion(name.strip(), title.strip(), intro.strip(), tuple(resources))


