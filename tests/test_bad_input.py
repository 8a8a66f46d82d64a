"""Author mistakes, one table: each gives its located, typed warning and the site still builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import main_content, warnings
from sphinx.testing.util import SphinxTestApp

FM = "---\n{}\n---\n\n# {}\n\nBody text.\n"


def article(front: str, title: str = "An article", body: str = "") -> str:
    return FM.format(front, title) + body


OK = "description: Fine.\ncategory: Care"

#: name -> (file content as bytes or str, [(line, type, text the message contains)])
CASES: dict[str, tuple[str | bytes, list[tuple[int, str, str]]]] = {
    "malformed-yaml": ('---\ndescription: "unclosed\ncategory: Care\n---\n\n# T\n',
                       [(2, "healthdocs.frontmatter", "is not valid YAML")]),
    "front-matter-list": ("---\n- a\n- b\n---\n\n# T\n",
                          [(1, "healthdocs.frontmatter", "must be 'key: value' lines")]),
    "front-matter-scalar": ("---\njust some words\n---\n\n# T\n",
                            [(1, "healthdocs.frontmatter", "must be 'key: value' lines")]),
    "tags-string": (article(OK + "\ntags: sleep"), [(4, "healthdocs.frontmatter", "'tags': must be a list")]),
    "tags-numbers": (article(OK + "\ntags: [1, 2]"), [(4, "healthdocs.frontmatter", "1 is not a tag")]),
    "tags-map": (article(OK + "\ntags: {a: b}"), [(4, "healthdocs.frontmatter", "'tags': must be a list")]),
    "description-list": (article("description: [a, b]\ncategory: Care"),
                         [(2, "healthdocs.frontmatter", "must be plain text")]),
    "description-map": (article("description: {a: b}\ncategory: Care"),
                        [(2, "healthdocs.frontmatter", "must be plain text")]),
    "impossible-date": (article(OK + "\ndate: 2026-02-30"),
                        [(4, "healthdocs.frontmatter", "'date': '2026-02-30' is not a real date")]),
    "date-format": (article(OK + "\ndate: 15/01/2026"),
                    [(4, "healthdocs.frontmatter", "'15/01/2026' is not a date")]),
    "date-number": (article(OK + "\ndate: 20260115"),
                    [(4, "healthdocs.frontmatter", "'20260115' is not a date")]),
    "empty-description": (article('description: ""\ncategory: Care'),
                          [(2, "healthdocs.frontmatter", "'description': missing")]),
    "blank-description": (article('description: "   "\ncategory: Care'),
                          [(2, "healthdocs.frontmatter", "'description': missing")]),
    "long-description": (article(f"description: {'word ' * 800}\ncategory: Care"),
                         [(2, "healthdocs.frontmatter", "3999 characters is too long")]),
    "reviewed-before-date": (article(OK + "\ndate: 2026-05-01\nreviewed: 2026-04-01"),
                             [(5, "healthdocs.frontmatter", "is before the publication date")]),
    "unknown-category": (article("description: Fine.\ncategory: Cars"),
                         [(3, "healthdocs.frontmatter", "unknown category 'Cars' (did you mean 'Care'?)")]),
    "unknown-tag": (article(OK + "\ntags: [slep]"),
                    [(4, "healthdocs.frontmatter", "unknown tag 'slep' (did you mean 'sleep'?)")]),
    "misspelt-field": (article(OK + "\ncategroy: Care"),
                       [(4, "healthdocs.frontmatter", "'categroy': unknown field; did you mean 'category'?")]),
    "unknown-reviewer": (article(OK + "\nreviewed_by: someone"),
                         [(4, "healthdocs.frontmatter", "unknown reviewer id 'someone'")]),
    "bad-review-interval": (article(OK + "\nreview_interval: often"),
                            [(4, "healthdocs.frontmatter", "'often' is not a number of months")]),
    "unknown-disclaimer-kind": (article(OK, body="\n:::{disclaimer}\n:kind: legal\n:::\n"),
                                [(10, "healthdocs.disclaimer", "unknown kind 'legal'")]),
    "unknown-region": (article(OK, body="\n:::{crisis-banner}\n:region: Narnia\n:::\n"),
                       [(10, "healthdocs.crisis", "unknown region 'Narnia'")]),
    "disclaimer-argument": (article(OK, body="\n:::{disclaimer} compounded-ketamine\n:::\n"),
                            [(10, "healthdocs.disclaimer", "takes no argument")]),
    "crisis-argument": (article(OK, body="\n:::{crisis-banner} UK\n:::\n"),
                        [(10, "healthdocs.crisis", "takes no argument")]),
    "care-no-level": (article(OK, body="\n:::{when-to-get-help}\n- A thing.\n:::\n"),
                      [(10, "healthdocs.care", "no level; write the level after the name")]),
    "care-unknown-level": (article(OK, body="\n:::{when-to-get-help} later\n- A thing.\n:::\n"),
                           [(10, "healthdocs.care", "level 'later'; write the level")]),
    "care-empty": (article(OK, body="\n:::{when-to-get-help} today\n:::\n"),
                   [(10, "healthdocs.care", "the box is empty")]),
    "care-unknown-region": (article(OK, body="\n:::{when-to-get-help} now\n:region: Narnia\n"
                                             "- A thing.\n:::\n"),
                            [(10, "healthdocs.care", "unknown region 'Narnia'")]),
    "unknown-option": (article(OK, body="\n:::{disclaimer}\n:knd: legal\n:::\n"),
                       [(11, "myst.directive_option", "Unknown option key: 'knd'")]),
    "related-missing": (article(OK, body="\n:::{related-articles}\nnowhere\n:::\n"),
                        [(11, "healthdocs.related", "no article 'nowhere'")]),
    "related-outside": (article(OK, body="\n:::{related-articles}\n../../../etc/passwd\n:::\n"),
                        [(11, "healthdocs.related", "no article '../../../etc/passwd'")]),
    "related-self": (article(OK, body="\n:::{related-articles}\nrelated-self\n:::\n"),
                     [(11, "healthdocs.related", "is this article itself")]),
    "related-twice": (article(OK, body="\n:::{related-articles}\ngood\ngood\n:::\n"),
                      [(12, "healthdocs.related", "'good' is listed twice")]),
    "related-non-article": (article(OK, body="\n:::{related-articles}\n/index\n:::\n"),
                            [(11, "healthdocs.related", "'index' is not an article")]),
    "related-bad-limit": (article(OK, body="\n:::{related-articles}\n:limit: 0\n:::\n"),
                          [(11, "myst.directive_option", "Invalid option value for 'limit'")]),
    "not-utf8": (article(OK).encode() + "\nCaf\xe9 au lait.\n".encode("latin-1"),
                 [(10, "healthdocs.encoding", "bytes that are not UTF-8")]),
    "empty-file": ("", [(1, "healthdocs.title", "has no title"),
                        (1, "healthdocs.frontmatter", "'description': missing")]),
    "no-title": ("---\ndescription: Fine.\ncategory: Care\n---\n\nJust text.\n",
                 [(1, "healthdocs.title", "has no title")]),
    "two-titles": (article(OK, body="\n# Another title\n\nMore.\n"),
                   [(10, "healthdocs.title", "more than one '# ' title ('Another title')")]),
}

#: Unusual but valid files: no warning at all.
VALID = {
    "bom": "\ufeff" + article(OK, title="Bom title"),
    "crlf": article(OK, title="Crlf title").replace("\n", "\r\n"),
}


@pytest.fixture(scope="module")
def bad_site(sphinx_test_tempdir):
    srcdir = Path(sphinx_test_tempdir) / "bad-input"
    articles = srcdir / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["healthdocs"]\nmyst_enable_extensions = ["colon_fence"]\n'
        'html_theme = "furo"\nhealthdocs_categories = ["Care"]\nhealthdocs_tags = ["sleep"]\n'
        'healthdocs_reviewers = {"r1": {"name": "Test Reviewer"}}\n'
        # No disclaimers or review dates here on purpose (test_policy.py covers those).
        'healthdocs_policy = {"review": "off", "disclaimer-required": "off"}\n', encoding="utf-8")
    (srcdir / "index.md").write_text("# Index\n\n```{toctree}\n:glob:\n:hidden:\n\narticles/*\n```\n",
                                     encoding="utf-8")
    (articles / "good.md").write_text(article(OK, title="Good article"), encoding="utf-8")
    for name, (content, _) in CASES.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (articles / f"{name}.md").write_bytes(data)
    for name, content in VALID.items():
        (articles / f"{name}.md").write_bytes(content.encode("utf-8"))
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    app.build()
    yield app
    app.cleanup()


def _parsed(app):
    found = []
    for line in warnings(app):
        match = re.match(r"(.+?):(\d+): WARNING: (.*) \[([\w.-]+)\]$", line)
        found.append(match.groups() if match else (None, None, line, None))
    return found


def test_at_least_thirty_mistakes():
    assert len(CASES) >= 30


@pytest.mark.parametrize("name", sorted(CASES))
def test_mistake_gives_its_warning(bad_site, name):
    expected = CASES[name][1]
    path = str(Path(bad_site.srcdir, "articles", f"{name}.md"))
    mine = [(int(line), kind, message) for file, line, message, kind in _parsed(bad_site)
            if file == path]
    for line, kind, text in expected:
        assert any(l == line and k == kind and text in m for l, k, m in mine), (
            f"{name}: expected {kind} at line {line} containing {text!r}; got {mine}")


def test_every_warning_is_located_and_typed_and_nothing_crashed(bad_site):
    for file, line, message, kind in _parsed(bad_site):
        assert file and line and kind, f"unlocated or untyped warning: {message}"
    assert "Traceback" not in bad_site.status.getvalue() + bad_site.warning.getvalue()
    # The rest of the site was built: the valid article and every faulty page.
    assert main_content(bad_site, "articles/good").find("h1").get_text().startswith("Good article")
    for name in [*CASES, *VALID]:
        assert Path(bad_site.outdir, "articles", f"{name}.html").exists(), name


@pytest.mark.parametrize("name", sorted(VALID))
def test_bom_and_crlf_are_fine(bad_site, name):
    path = str(Path(bad_site.srcdir, "articles", f"{name}.md"))
    assert [w for w in _parsed(bad_site) if w[0] == path] == []
    content = main_content(bad_site, f"articles/{name}")
    assert content.find("h1").get_text().startswith(f"{name.capitalize()} title")
    assert content.select_one(".hd-article-meta") is not None  # front matter was read


def test_huge_article_builds(make_app, sphinx_test_tempdir):
    srcdir = Path(sphinx_test_tempdir) / "huge-input"
    (srcdir / "articles").mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text('extensions = ["healthdocs"]\nhtml_theme = "furo"\n'
                                    'healthdocs_policy = {"review": "off", "disclaimer-required": "off"}\n')
    (srcdir / "index.md").write_text("# Index\n\n```{toctree}\n:glob:\n\narticles/*\n```\n")
    paragraph = "Plain words about sleep and mood repeated for size. " * 20 + "\n\n"
    body = "".join(f"## Part {n}\n\n" + paragraph * 5 for n in range(1000))
    text = "---\ndescription: A very long page.\n---\n\n# Huge article\n\n" + body
    assert len(text.encode()) > 5_000_000
    (srcdir / "articles" / "huge.md").write_text(text, encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert not [w for w in warnings(app) if "healthdocs" in w]
    assert (Path(app.outdir) / "articles" / "huge.html").stat().st_size > 5_000_000
