"""Front matter and titles: each author mistake gives one located, typed warning."""

from __future__ import annotations

import re

import pytest
from helpers import warnings

from healthdocs.registry import articles

EXPECTED = [
    ("articles/no-description.md", 1, "healthdocs.frontmatter", "'description': missing"),
    ("articles/bad-date.md", 4, "healthdocs.frontmatter", "'15/01/2026' is not a date: write it as YYYY-MM-DD"),
    ("articles/review-before.md", 5, "healthdocs.frontmatter", "2026-04-01 is before the publication date 2026-05-01"),
    ("articles/tags-string.md", 4, "healthdocs.frontmatter", "'tags': must be a list, e.g. tags: [sleep]"),
    ("articles/unknown-category.md", 3, "healthdocs.frontmatter", "unknown category 'care' (did you mean 'Care'?)"),
    ("articles/unknown-category.md", 4, "healthdocs.frontmatter", "unknown tag 'sleeep' (did you mean 'sleep'?)"),
    ("articles/typo-field.md", 4, "healthdocs.frontmatter", "'reviewd': unknown field; did you mean 'reviewed'?"),
    ("articles/no-title.md", 1, "healthdocs.title", "article has no title"),
    ("articles/two-titles.md", 10, "healthdocs.title", "more than one '# ' title ('Second title')"),
    ("articles/bad-directives.md", 8, "healthdocs.disclaimer", "unknown kind 'nope'; known kinds: compounded-ketamine, educational"),
    ("articles/bad-directives.md", 12, "healthdocs.crisis", "unknown region 'XX'; known regions: AU, CA, UK, US"),
    ("articles/bad-directives.md", 18, "healthdocs.related", "no article 'missing-page'"),
    ("articles/bad-directives.md", 19, "healthdocs.related", "'bad-directives' is this article itself"),
    ("articles/bad-directives.md", 20, "healthdocs.related", "'good' is listed twice"),
    ("articles/bad-directives.md", 21, "healthdocs.related", "'about' is not an article"),
]


def _parsed(app) -> list[tuple[str, int, str, str]]:
    found = []
    for line in warnings(app):
        match = re.match(r"(.+?):(\d+): WARNING: (.*) \[([\w.-]+)\]$", line)
        assert match, f"warning without file:line and [type]: {line}"
        path, number, message, kind = match.groups()
        found.append((path.replace(str(app.srcdir) + "/", ""), int(number), kind, message))
    return found


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_every_mistake_is_one_located_typed_warning(app):
    app.build()
    found = _parsed(app)
    for path, line, kind, text in EXPECTED:
        matches = [f for f in found if f[0] == path and f[1] == line and f[2] == kind and text in f[3]]
        assert len(matches) == 1, f"expected one {kind} at {path}:{line} containing {text!r}; got {found}"
    assert len(found) == len(EXPECTED), found
    # The build went on: the valid article and every faulty one were written.
    assert (app.outdir / "articles" / "good.html").exists()
    assert (app.outdir / "articles" / "two-titles.html").exists()


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True,
                    confoverrides={"suppress_warnings": ["healthdocs.frontmatter",
                                                         "healthdocs.related"]})
def test_suppress_warnings_silences_a_family(app):
    app.build()
    kinds = {f[2] for f in _parsed(app)}
    assert kinds == {"healthdocs.title", "healthdocs.disclaimer", "healthdocs.crisis"}


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_registry_decodes_front_matter(app):
    app.build()
    article = articles(app.env)["articles/alpha"]
    assert article.title == "Alpha article"
    assert article.description == "Alpha explains sleep and mood."
    assert (article.date, article.reviewed) == ("2026-01-10", "2026-02-01")
    assert article.tags == ("sleep", "mood")
    assert article.category == "Care"
    assert article.words > 10 and article.minutes == 1
    # Pages outside articles/ are not articles.
    assert "about" not in articles(app.env)


@pytest.mark.sphinx("html", testroot="site", freshenv=True,
                    confoverrides={"healthdocs_categories": None, "healthdocs_tags": None})
def test_unset_vocabularies_allow_anything(app):
    app.build()
    assert warnings(app) == []
