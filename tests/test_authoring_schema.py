"""schema/article.schema.json: the validator reads it, and editors validating with it
flag the same front-matter mistakes the build does."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import warnings
from healthdocs import schema
from healthdocs.registry import frontmatter
from healthdocs.cli import new_article
from healthdocs.vocabulary import RULES

WARNINGS_ROOT = Path(__file__).parent / "roots" / "test-warnings"

#: Mistakes JSON Schema cannot express, so only the build reports them: one field
#: compared with another, and vocabularies a site sets in conf.py.
BEYOND_SCHEMA = {
    "articles/review-before.md": "reviewed before date compares two fields",
    "articles/unknown-category.md": "healthdocs_categories/healthdocs_tags are set in conf.py",
}


class EditorLoader(yaml.SafeLoader):
    """YAML 1.2 as YAML language servers read it: 2026-01-01 is a string, not a date."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _front_matter(path: Path) -> dict:
    match = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.DOTALL)
    return yaml.load(match.group(1), Loader=EditorLoader) if match else {}


def _schema_errors(meta: dict) -> set[str]:
    """The front-matter field each schema error is about."""
    validator = jsonschema.Draft202012Validator(schema.article_schema())
    fields = set()
    for error in validator.iter_errors(meta):
        if error.path:
            fields.add(str(error.path[0]))
        elif error.validator == "required":
            fields.update(f for f in error.validator_value if f not in meta)
        elif error.validator == "additionalProperties":
            fields.update(set(error.instance) - set(error.schema["properties"])
                          - {f for f in error.instance if re.match(r"og:|html_", f)})
        else:
            fields.add(f"<{error.validator}>")
    return fields


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema.article_schema())


def test_validator_reads_names_pattern_and_limits_from_the_schema() -> None:
    spec = schema.article_schema()
    assert frontmatter.KNOWN_FIELDS == set(spec["properties"])
    assert frontmatter.MAX_DESCRIPTION == spec["properties"]["description"]["maxLength"]
    assert frontmatter._ISO_DATE.pattern == spec["$defs"]["date"]["pattern"]
    # The waiver names editors complete are the policy's rules.
    assert set(spec["$defs"]["policy_rule"]["enum"]) == set(RULES)


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_schema_agrees_with_the_validator_on_the_bad_inputs(app) -> None:
    app.build()
    by_build: dict[str, set[str]] = {}
    for line in warnings(app):
        match = re.match(r"(.+?):\d+: WARNING: front matter '([\w-]+)': .* \[healthdocs\.frontmatter\]$",
                         line)
        if match:
            path = Path(match[1]).relative_to(app.srcdir).as_posix()
            by_build.setdefault(path, set()).add(match[2])
    by_schema = {}
    for path in sorted((WARNINGS_ROOT / "articles").glob("*.md")):
        fields = _schema_errors(_front_matter(path))
        if fields:
            by_schema[path.relative_to(WARNINGS_ROOT).as_posix()] = fields
    expected = {p: f for p, f in by_build.items() if p not in BEYOND_SCHEMA}
    assert by_schema == expected
    assert by_schema == {
        "articles/bad-date.md": {"date"},
        "articles/no-description.md": {"description"},
        "articles/tags-string.md": {"tags"},
        "articles/typo-field.md": {"reviewd"},
    }
    # The two the schema cannot see are front-matter problems in the build.
    assert set(BEYOND_SCHEMA) <= set(by_build)


@pytest.mark.parametrize(("meta", "field"), [
    ({"description": "x" * 301}, "description"),
    ({"description": ["a", "b"]}, "description"),
    ({"description": "ok", "reviewed": "2026-1-5"}, "reviewed"),
    ({"description": "ok", "review_interval": 0}, "review_interval"),
    ({"description": "ok", "review_interval": 61}, "review_interval"),
    ({"description": "ok", "tags": ["sleep", ""]}, "tags"),
    ({"description": "ok", "category": ["a", "b"]}, "category"),
    ({"description": "ok", "policy_waivers": {"claims": ""}}, "policy_waivers"),
    ({"description": "ok", "policy_waivers": {"claim": "quoting a title"}}, "policy_waivers"),
])
def test_schema_flags_what_the_validator_warns_about(meta: dict, field: str) -> None:
    assert _schema_errors(meta) == {field}


def test_schema_accepts_the_published_articles_and_the_scaffold(tmp_path: Path) -> None:
    root = Path(__file__).parent.parent
    for path in sorted((root / "articles").glob("*.md")):
        assert _schema_errors(_front_matter(path)) == set(), path.name
    (tmp_path / "conf.py").write_text("")
    scaffold = _front_matter(new_article("Sleep", tmp_path, category="Care"))
    # Only the description is left for the author to fill in.
    assert _schema_errors(scaffold) == {"description"}
    assert _schema_errors({**scaffold, "description": "Why sleep matters."}) == set()
