"""Every ``healthdocs_*`` setting: declared once, registered in a loop, validated once.

Each :class:`Setting` names its default, when a change needs a rebuild, the types
Sphinx checks, a help text, and (for values with structure) a parser that returns
the value to use and the problems found. ``config-inited`` parses every setting
once, reports each problem at its line in conf.py, and keeps the results in one
:class:`Settings` object that the rest of the extension reads through
:func:`settings` (never ``config.healthdocs_*`` itself): bad entries are left out
and a bad value falls back to its default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import defaults
from .defaults import SAFE_URL_SCHEMES
from . import vocabulary
from .util import warn

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True)
class Setting:
    """``parse(value, parsed) -> (value to use, problems)``; settings are parsed in the
    order declared, so a parser may read the ones before it in ``parsed``."""

    name: str  # without the healthdocs_ prefix
    default: Any
    rebuild: str  # "env": pages are read again; "html": only written again
    types: tuple[type, ...]
    help: str
    parse: Callable[[Any, dict[str, Any]], tuple[Any, list[str]]] | None = None


class Settings:
    """The parsed settings, as attributes named without the prefix
    (``settings(config).crisis_region``)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"no healthdocs setting {name!r}")


def is_safe_url(url: str) -> bool:
    return url.lower().startswith(SAFE_URL_SCHEMES)


# --- parsers ----------------------------------------------------------------------

def _names_or_none(value: Any, _: dict[str, Any]) -> tuple[Any, list[str]]:
    if value is None or (isinstance(value, (list, tuple))
                         and all(isinstance(v, str) and v.strip() for v in value)):
        return value, []
    return None, ["must be a list of non-empty strings, or None"]


def _months(value: Any, _: dict[str, Any]) -> tuple[Any, list[str]]:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 60:
        return value, []
    return 12, ["must be a number of months from 1 to 60"]


def _at_least_one(default: int) -> Callable[[Any, dict[str, Any]], tuple[Any, list[str]]]:
    def parse(value: Any, _: dict[str, Any]) -> tuple[Any, list[str]]:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value, []
        return default, ["must be 1 or more"]
    return parse


def _reviewers(value: Any, _: dict[str, Any]) -> tuple[Any, list[str]]:
    kept, problems = {}, []
    for reviewer_id, reviewer in sorted(_mapping(value).items(), key=lambda kv: str(kv[0])):
        if not isinstance(reviewer, dict) or not isinstance(reviewer.get("name"), str):
            problems.append(f"{reviewer_id!r} needs at least a 'name'")
        elif reviewer.get("url") and not is_safe_url(str(reviewer["url"])):
            problems.append(f"{reviewer_id!r}: URL {reviewer['url']!r} must start with one of "
                            f"{', '.join(SAFE_URL_SCHEMES)}")
        else:
            kept[reviewer_id] = reviewer
    return kept, problems


def _disclaimers(value: Any, parsed: dict[str, Any]) -> tuple[Any, list[str]]:
    return defaults.disclaimer_variants(
        _mapping(value), parsed["crisis_resources"].get(parsed["crisis_region"]))


def _disclaimer_default(value: Any, parsed: dict[str, Any]) -> tuple[Any, list[str]]:
    if value in parsed["disclaimers"]:
        return value, []
    return "educational", [f"unknown kind {value!r}; known kinds: "
                           f"{', '.join(sorted(parsed['disclaimers']))}"]


def _regions(value: Any, _: dict[str, Any]) -> tuple[Any, list[str]]:
    return defaults.crisis_regions(_mapping(value))


def _region(value: Any, parsed: dict[str, Any]) -> tuple[Any, list[str]]:
    if value in parsed["crisis_resources"]:
        return value, []
    return "US", [f"unknown region {value!r}; known regions: "
                  f"{', '.join(sorted(parsed['crisis_resources']))}"]


def _web_url(value: Any, _: dict[str, Any]) -> tuple[Any, list[str]]:
    if not value or (isinstance(value, str) and value.startswith(("https://", "http://"))):
        return value, []
    return "", [f"{value!r} must be an http(s) URL"]


def _report_url(value: Any, _: dict[str, Any]) -> tuple[Any, list[str]]:
    if not value:
        return "", []
    if not isinstance(value, str) or not value.startswith(("mailto:", "https://")):
        return "", [f"{value!r} must start with mailto: or https://, e.g. "
                    "'mailto:editors@example.org?subject=Problem%20with%20{url}'"]
    unknown = sorted(set(re.findall(r"\{(\w*)\}", value)) - {"url", "title"})
    if unknown:
        return "", [f"unknown placeholder {{{unknown[0]}}}: write {{url}} or {{title}}"]
    return value, []


def _text_map(what: str) -> Callable[[Any, dict[str, Any]], tuple[Any, list[str]]]:
    def parse(value: Any, _: dict[str, Any]) -> tuple[Any, list[str]]:
        value = _mapping(value)
        if all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()):
            return value, []
        return ({k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)
                 and v.strip()}, [f"must map text to non-empty text: {what}"])
    return parse


def _stay_informed(value: Any, _: dict[str, Any]) -> tuple[Any, list[str]]:
    if value in ("", "articles"):
        return value, []
    return "", [f"{value!r} is not a choice: write 'articles' (or '' for none)"]


def _mapping(value: object) -> dict[Any, Any]:
    # Sphinx reports a wrongly typed setting itself; treat it as empty here.
    return value if isinstance(value, dict) else {}


def _regulatory(value: Any, _: dict[str, Any]) -> tuple[Any, list[str]]:
    from .policy.products import parse_rows  # the policy package reads settings itself

    return parse_rows(value)


def _search_crisis(value: Any, _: dict[str, Any]) -> tuple[Any, list[str]]:
    """The good entries are kept: a crisis word must not be lost to a typo beside it."""
    given = list(value) if isinstance(value, (list, tuple)) else []
    kept = [v.strip() for v in given if isinstance(v, str) and v.strip()]
    if len(kept) == len(given) and isinstance(value, (list, tuple)):
        return kept, []
    return kept, ['must be a list of words or phrases, e.g. ["want to disappear", "no way out"]; '
                  "the built-in crisis terms still apply"]


def _footer_links(value: Any, _: dict[str, Any]) -> tuple[Any, list[str]]:
    """(title, docname, section anchor) of each well-formed (title, "page#section")."""
    entries = []
    for entry in value if isinstance(value, (list, tuple)) else []:
        if (isinstance(entry, (list, tuple)) and len(entry) == 2
                and all(isinstance(part, str) and part.strip() for part in entry)):
            docname, _, anchor = entry[1].strip().lstrip("/").partition("#")
            entries.append((entry[0].strip(), docname, anchor))
    problems = [] if len(entries) == len(value or []) else [
        "must be a list of (title, docname) pairs, e.g. [('About us', 'about')]"]
    return tuple(entries), problems


def _pass(value: Any, _: dict[str, Any]) -> tuple[Any, list[str]]:
    return value, []


# --- the settings -------------------------------------------------------------------

STR, INT, BOOL, DICT = (str,), (int,), (bool,), (dict,)
LIST, LIST_OR_NONE = (list, tuple), (list, tuple, type(None))

SETTINGS: tuple[Setting, ...] = (
    # Articles and their front matter
    Setting("articles_dir", "articles", "env", STR,
            "Folder (relative to the source dir) whose documents are articles."),
    Setting("categories", None, "env", LIST_OR_NONE,
            "Allowed article categories, in display order; None allows any.", _names_or_none),
    Setting("category_order", [], "html", LIST,
            "Sidebar order of categories (default: healthdocs_categories, then A-Z)."),
    Setting("tags", None, "env", LIST_OR_NONE, "Allowed article tags; None allows any.",
            _names_or_none),
    Setting("reviewers", {}, "env", DICT,
            "Clinical reviewers {id: {name, credentials, url}} named by reviewed_by.", _reviewers),
    Setting("review_interval", 12, "env", INT,
            "Months from the last review to the next one (front matter review_interval "
            "overrides).", _months),
    # Boxes (the disclaimer's last line names the crisis lines of the site's region)
    Setting("crisis_resources", {}, "env", DICT,
            "Crisis regions {code: {name, title, intro, resources}} merged over the built-ins.",
            _regions),
    Setting("crisis_region", "US", "env", STR,
            "Crisis resources shown by default: US, CA, UK, AU or a configured region.", _region),
    Setting("disclaimers", {}, "env", DICT,
            "Disclaimer variants {kind: {title, text}} merged over the built-ins.", _disclaimers),
    Setting("disclaimer_default", "educational", "env", STR,
            "Variant rendered by a disclaimer directive without :kind:.", _disclaimer_default),
    # Cards, listings and generated pages
    Setting("related_limit", 3, "env", INT,
            "Cards a related-articles directive with no body picks by shared tags.",
            _at_least_one(3)),
    Setting("hub_dir", "topics", "html", STR, "Output folder of the generated topic pages."),
    Setting("tag_dir", "tags", "html", STR, "Output folder of the generated tag pages."),
    Setting("tag_labels", {}, "html", DICT, "Readable tag labels {tag or slug: label}.",
            _text_map("{tag: label}")),
    Setting("category_intros", {}, "html", DICT,
            "Topic page introductions {category: plain text}; blank lines split paragraphs.",
            _text_map("{category: text}")),
    Setting("glossary_links", True, "env", BOOL,
            "Link the first use of each glossary term in articles."),
    Setting("search_crisis_terms", [], "html", LIST,
            "Words and phrases added to the built-in crisis terms of search.", _search_crisis),
    # Publishing
    Setting("publisher", {}, "html", DICT, "Publisher for JSON-LD: {'name': ..., 'url': ...}."),
    Setting("feed_filename", "atom.xml", "html", STR, "File name of the Atom feed at the site root."),
    Setting("feed_length", 20, "html", INT, "Number of newest articles in the feed.",
            _at_least_one(20)),
    Setting("feed_subtitle", "", "html", STR, "Feed subtitle (default: the site title)."),
    Setting("newsletter_url", "", "html", STR,
            "Newsletter sign-up page shown in the Stay informed box (http/https).", _web_url),
    Setting("stay_informed_footer", False, "html", BOOL,
            "Show the Stay informed box at the end of every page."),
    Setting("stay_informed", "", "env", STR,
            "'articles': the Stay informed box closes every article.", _stay_informed),
    Setting("report_url", "", "env", STR,
            "Where 'Report a problem with this page' leads: mailto: or https:, with {url} and "
            "{title} placeholders.", _report_url),
    Setting("report_page", "corrections", "env", STR,
            "Page the report link leads to when no URL is set."),
    Setting("footer_links", [], "html", LIST,
            "Footer links to the site's pages: [(title, docname or docname#section)].",
            _footer_links),
    # Health-content checks (policy/)
    Setting("policy", {}, "env", DICT,
            "Rule severities {rule: 'warning' | 'error' | 'off'} over the defaults.",
            vocabulary.parse_severities),
    Setting("crisis_terms", [], "env", LIST,
            "Extra words that make an article need a crisis banner.",
            vocabulary.parse_crisis_terms),
    Setting("safe_language", {}, "env", DICT,
            "Extra or replaced safe-messaging phrases {phrase: wording to use instead}.",
            vocabulary.parse_safe_language),
    Setting("claim_phrases", {}, "env", DICT,
            "Extra or replaced treatment-claim phrases {phrase: advice}.",
            vocabulary.parse_claim_phrases),
    Setting("jargon", {}, "env", DICT,
            "Extra words readers often misread {word: plain explanation to offer}.",
            vocabulary.parse_jargon),
    Setting("topic_disclaimers", vocabulary.TOPIC_DISCLAIMERS, "env", DICT,
            "Topics {name: {'terms': [...], 'kind': disclaimer kind, 'subject': [places], "
            "'min_mentions': N}} an article about the topic must carry.",
            vocabulary.parse_topic_disclaimers),
    Setting("abbreviations_in_article", True, "env", BOOL,
            "An abbreviation spelt out in the article ('Full Name (ABBR)') needs no glossary "
            "entry."),
    Setting("regulatory", {}, "env", DICT,
            "Extra or replaced rows of the regulatory registry {id: row}.", _regulatory),
    Setting("crisis_auto", False, "env", BOOL,
            "Insert a crisis banner at the top of articles that need one, instead of warning."),
    Setting("disclaimer_auto", False, "env", BOOL,
            "Append the default disclaimer (and required kinds) where missing, instead of "
            "warning."),
    Setting("max_grade", vocabulary.DEFAULT_MAX_GRADE, "env", (int, float),
            "Highest Flesch-Kincaid grade an article's prose may have.",
            vocabulary.parse_max_grade),
)


def register(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(f"healthdocs_{setting.name}", setting.default, setting.rebuild,
                             types=frozenset(setting.types), description=setting.help)
    app.connect("config-inited", validate, priority=100)


def validate(app: Sphinx, config: Config) -> None:
    """``config-inited`` (early): parse every setting once; report each problem once,
    at the setting's line in conf.py."""
    parsed: dict[str, Any] = {}
    for setting in SETTINGS:
        name = f"healthdocs_{setting.name}"
        value, problems = (setting.parse or _pass)(getattr(config, name), parsed)
        parsed[setting.name] = value
        for problem in problems:
            warn_setting(app.confdir, name, problem)
    config._healthdocs = Settings(parsed)  # "_": not pickled with the environment


def settings(config: Config) -> Settings:
    """The parsed ``healthdocs_*`` settings."""
    found = getattr(config, "_healthdocs", None)
    return found if isinstance(found, Settings) else _parse_quietly(config)


def _parse_quietly(config: Config) -> Settings:
    """For a config that skipped ``config-inited`` (one made by hand in a test)."""
    parsed: dict[str, Any] = {}
    for setting in SETTINGS:
        parsed[setting.name] = (setting.parse or _pass)(
            getattr(config, f"healthdocs_{setting.name}", setting.default), parsed)[0]
    return Settings(parsed)


def warn_setting(confdir: str | Path, name: str, problem: str) -> None:
    """One warning about a setting, at its line in conf.py (for problems only known
    once pages are read, such as a configured page that does not exist)."""
    warn(f"conf.py: {name}: {problem}", conf_location(Path(confdir, "conf.py"), name), "config")


def conf_location(conf_py: Path, name: str) -> str:
    """``conf.py:LINE`` of the line that sets ``name`` (1 when it is not there)."""
    line = 1
    try:
        for number, text in enumerate(conf_py.read_text(encoding="utf-8").splitlines(), start=1):
            if re.match(rf"\s*{name}\s*=", text):
                line = number
                break
    except OSError:
        pass
    return f"{conf_py}:{line}"
