"""Authoring commands: ``python -m healthdocs new`` (the scaffold) and ``check``."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import PROJECT
from healthdocs import schema
from healthdocs.cli import UsageError, check, main, make_slug, new_article

ROOTS = Path(__file__).parent / "roots"
OUTLINE = ["What it is", "Who it may help", "What to expect", "Risks and side effects",
           "Questions to ask your clinician", "Sources"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the test-authoring root that a test may write to."""
    target = tmp_path / "site"
    shutil.copytree(ROOTS / "test-authoring", target)
    return target


def _front_matter(text: str) -> dict:
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, text[:200]
    return yaml.safe_load(match.group(1))


def _problems(report: str) -> list[tuple[str, int, str, str]]:
    """(file, line, type, message) of each ``file:line: message [type]`` line."""
    return [(m[1], int(m[2]), m[4], m[3])
            for m in re.finditer(r"^  (\S+?):(\d+): (.*) \[([\w.-]+)\]$", report, re.MULTILINE)]


# ---------------------------------------------------------------- new


def test_new_writes_front_matter_outline_and_directives(project: Path) -> None:
    path = new_article("Sleep and mood", project)
    assert path == project / "articles" / "sleep-and-mood.md"
    text = path.read_text(encoding="utf-8")
    meta = _front_matter(text)
    assert meta["description"] == ""
    assert meta["date"] == dt.date.today()
    # Both words of the title are tags in use; the articles tagged so are "Sleep health".
    assert meta["tags"] == ["mood", "sleep"]
    assert meta["category"] == "Sleep health"
    assert "# one of: Care, Sleep health" in text
    # The schema hint for YAML language servers points at the real schema file.
    hint = re.search(r"^# yaml-language-server: \$schema=(\S+)$", text, re.MULTILINE)
    assert hint and (path.parent / hint[1]).resolve() == schema.SCHEMA_PATH
    # One title, then the patient outline in order.
    body = text.split("\n---\n", 1)[1]
    assert re.findall(r"^# (.+)$", body, re.MULTILINE) == ["Sleep and mood"]
    assert re.findall(r"^## (.+)$", body, re.MULTILINE) == OUTLINE
    # The default disclaimer is on; the crisis banner and compounded-ketamine kind are hints.
    assert re.search(r"^:::\{disclaimer\}\n:::$", text, re.MULTILINE)
    assert re.search(r"^% :::\{crisis-banner\}\n% :::$", text, re.MULTILINE)
    assert re.search(r"^% :::\{disclaimer\}\n% :kind: compounded-ketamine\n% :::$", text,
                     re.MULTILINE)
    # Related cards with no body (picked by tags), after the sources.
    assert text.endswith(":::{related-articles}\n:::\n")
    assert text.index("## Sources") < text.index(":::{related-articles}")


def test_new_category_and_tags_options(project: Path) -> None:
    text = new_article("Naps", project, category="care", tags=["sleep"]).read_text()
    meta = _front_matter(text)
    assert (meta["category"], meta["tags"]) == ("Care", ["sleep"])  # spelt as in use


def test_new_closed_category_list_refuses_unknown(project: Path) -> None:
    conf = project / "conf.py"
    conf.write_text(conf.read_text() + 'healthdocs_categories = ["Care", "Sleep health"]\n')
    with pytest.raises(UsageError, match="unknown category 'Diet'; choose one of: Care, Sleep health"):
        new_article("Naps", project, category="Diet")
    assert not (project / "articles" / "naps.md").exists()


@pytest.mark.parametrize(("title", "slug"), [
    ("Ketamine and Sleep", "ketamine-and-sleep"),
    ("  Ketamine & sleep: what's new?  ", "ketamine-sleep-what-s-new"),
    ("Kétamine et sommeil", "ketamine-et-sommeil"),  # accents dropped, ASCII only
    ("PTSD, SSRIs and 988", "ptsd-ssris-and-988"),
    ("Why ketamine may work when several standard antidepressant medicines have failed",
     "why-ketamine-may-work-when-several-standard-antidepressant"),  # cut at a word
])
def test_slug_rules(title: str, slug: str) -> None:
    assert make_slug(title) == slug
    assert len(slug) <= 60 and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)


def test_slug_needs_ascii_letters_or_an_explicit_slug(project: Path) -> None:
    with pytest.raises(UsageError, match="give one with --slug"):
        new_article("睡眠", project)
    assert new_article("睡眠", project, slug="sleep-basics").name == "sleep-basics.md"
    with pytest.raises(UsageError, match="cannot be a file name"):
        new_article("Sleep", project, slug="Sleep_Basics")


def test_new_refuses_to_overwrite(project: Path) -> None:
    existing = project / "articles" / "good.md"
    before = existing.read_text()
    with pytest.raises(UsageError, match=r"articles/good\.md already exists"):
        new_article("Good", project)
    with pytest.raises(UsageError, match="already exists"):
        new_article("Sleep", project, slug="GOOD".lower())
    assert existing.read_text() == before
    conf = project / "conf.py"
    conf.write_text(conf.read_text() + 'redirects = {"articles/old-name": "good.html"}\n')
    with pytest.raises(UsageError, match="old address of a renamed article"):
        new_article("Old name", project)


def test_new_command_prints_path_and_preview_url(project: Path) -> None:
    command = [sys.executable, "-m", "healthdocs", "new", "Sleep and mood", "--url",
               "http://127.0.0.1:8000/"]
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "_ext")}
    first = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, check=False)
    assert first.returncode == 0, first.stderr
    assert "Created articles/sleep-and-mood.md" in first.stdout
    assert "http://127.0.0.1:8000/articles/sleep-and-mood.html" in first.stdout
    again = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, check=False)
    assert again.returncode == 2
    assert "articles/sleep-and-mood.md already exists" in again.stderr
    assert "Traceback" not in again.stderr


def test_scaffold_on_the_real_site_builds_with_only_fill_in_warnings(tmp_path: Path,
                                                                     monkeypatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for name in ("conf.py", "index.md", "glossary.md", "about.md", "corrections.md",
                 "accessibility.md", "privacy.md"):
        shutil.copy2(PROJECT / name, site / name)
    for name in ("articles", "_static"):
        shutil.copytree(PROJECT / name, site / name)
    path = new_article("Ketamine and Sleep", site)
    assert _front_matter(path.read_text())["category"] == "Ketamine therapy"
    monkeypatch.chdir(site)
    report, status = check([], site)
    # Only the new page has problems, and each tells the author what to fill in.
    assert status == 1
    assert {(f, kind) for f, _, kind, _ in _problems(report)} == {
        ("articles/ketamine-and-sleep.md", "healthdocs.frontmatter"),  # empty description
        ("articles/ketamine-and-sleep.md", "healthdocs.policy.review"),  # reviewed: after review
        # the title mentions ketamine: uncomment the compounded-ketamine disclaimer
        ("articles/ketamine-and-sleep.md", "healthdocs.policy.disclaimer-kind-required"),
    }, report
    assert "'description': missing" in report


# ---------------------------------------------------------------- check


def test_check_clean_file_exits_0(project: Path, monkeypatch) -> None:
    monkeypatch.chdir(project)
    assert main(["check", "articles/good.md"]) == 0


def test_check_reports_file_line_type_grouped_and_exits_1(project: Path, monkeypatch,
                                                          capsys) -> None:
    monkeypatch.chdir(project)
    assert main(["check", "articles/bad.md"]) == 1
    out = capsys.readouterr().out
    assert _problems(out) == [
        ("articles/bad.md", 1, "healthdocs.frontmatter",
         ("front matter 'description': missing: add one or two sentences that summarise the "
         "article (shown in search results and on cards)")),
        ("articles/bad.md", 2, "healthdocs.frontmatter",
         ("front matter 'date': 'January 2026' is not a date: write it as YYYY-MM-DD, "
         "e.g. 2026-01-15")),
        ("articles/bad.md", 10, "healthdocs.policy.claims",
         ("'guaranteed' is an absolute claim: no treatment works for everyone: say what studies "
         "found, for example 'in one trial, about half of the people improved', and cite the "
         "study")),
        ("articles/bad.md", 10, "ref.doc", "unknown document: 'missing'"),  # link between pages
        ("articles/bad.md", 16, "healthdocs.related",
         ("related-articles: no article 'nowhere'; write another article's file name "
          "without '.md', one per line")),
    ]
    assert out.splitlines()[:2] == ["healthdocs: 5 problems in 1 file",
                                    "articles/bad.md: 5 problems"]
    assert "what to do: fix the field between the --- lines" in out
    assert "AUTHORING.md#safety-rules" in out and "AUTHORING.md#linking-to-other-articles" in out


def test_check_filters_to_files_and_checks_all_without(project: Path, monkeypatch) -> None:
    monkeypatch.chdir(project)
    report, status = check(["articles/good.md", "articles/light.md"], project)
    assert (report, status) == ("healthdocs: no problems found", 0)
    everything, status = check([], project)
    assert status == 1 and {p[0] for p in _problems(everything)} == {"articles/bad.md"}
    # A file that is not a page (conf.py, the extension) can affect every page.
    report, status = check(["conf.py"], project)
    assert status == 1 and report.startswith("healthdocs: not an article or page (conf.py)")
    assert _problems(report) == _problems(everything)


def test_check_sees_a_problem_the_edit_causes_in_another_file(project: Path, monkeypatch) -> None:
    monkeypatch.chdir(project)
    (project / "articles" / "light.md").unlink()  # good.md links to it and lists its card
    report, status = check(["articles/good.md"], project)
    assert status == 1
    assert [(line, kind) for _, line, kind, _ in _problems(report)] == [
        (11, "ref.doc"), (17, "healthdocs.related")]


def test_check_bad_arguments_exit_2_without_traceback(project: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(project)
    assert main(["check", "articles/nope.md"]) == 2
    assert "no such file: articles/nope.md" in capsys.readouterr().err
    assert main(["check", "--project", str(project / "articles")]) == 2
