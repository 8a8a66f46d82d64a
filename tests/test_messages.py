"""Messages authors understand: one warning per mistake (no follow-on findings), the
closest names suggested, what to type rather than Sphinx's internals, and `make check`
ending with its own summary line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import PROJECT, warnings
from sphinx.testing.util import SphinxTestApp

CONF = """\
extensions = ["healthdocs"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
healthdocs_tags = ["sleep", "mood"]
healthdocs_reviewers = {"reviewer-a": {"name": "Test Reviewer"}}
"""
BOXES = "\n:::{disclaimer}\n:::\n"
PAGES = {
    # An impossible date breaks the whole YAML block: MyST then reads no field at all.
    "articles/impossible.md": "---\ndescription: Fine.\ndate: 2026-02-30\nreviewed: 2026-03-01\n"
                              "---\n\n# Impossible date\n\nText.\n" + BOXES,
    "articles/sections-only.md": "---\ndescription: Fine.\nreviewed: 2026-03-01\n"
                                 "# yaml comments are not headings\n---\n\n## Starts at two\n\n"
                                 "Text.\n" + BOXES,
    "articles/linking.md": "---\ndescription: Fine.\nreviewed: 2026-03-01\ntags: [slep]\n"
                           "reviewed_by: reviewer-b\n---\n\n# Linking\n\nText.\n" + BOXES +
                           "\n:::{related-articles}\nimposible\n:::\n",
    "about.md": "## About us\n\nText.\n",
}


@pytest.fixture(scope="module")
def built(sphinx_test_tempdir):
    srcdir = Path(sphinx_test_tempdir) / "messages"
    (srcdir / "articles").mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.md").write_text("# Home\n\n```{toctree}\n:glob:\narticles/*\nabout\n```\n",
                                     encoding="utf-8")
    for name, text in PAGES.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    app.build()
    yield app
    app.cleanup()


def _for(app, name: str) -> list[tuple[int, str, str]]:
    found = []
    for line in warnings(app):
        match = re.match(r"(.+?):(\d+): WARNING: (.*) \[([\w.-]+)\]$", line)
        assert match, line
        if match[1].endswith(name):
            found.append((int(match[2]), match[4], match[3]))
    return found


def test_broken_yaml_is_one_warning_with_its_line_and_cause(built):
    assert _for(built, "articles/impossible.md") == [
        (3, "healthdocs.frontmatter",
         "front matter 'date': '2026-02-30' is not a real date; write it as YYYY-MM-DD")]
    # The page still shows, under its title, for the author to keep writing.
    page = (built.outdir / "articles" / "impossible.html").read_text(encoding="utf-8")
    assert "<h1>Impossible date" in page and "<p>Text.</p>" in page


def test_a_first_heading_of_two_hashes_asks_for_a_title(built):
    assert _for(built, "articles/sections-only.md") == [
        (7, "healthdocs.title", "article has no title: add one line '# Title' (one '#') at the "
                                "top, above the first '##' section")]
    assert _for(built, "about.md") == [
        (1, "healthdocs.title", "page has no title: add one line '# Title' above its first "
                                "heading")]


def test_names_not_found_get_the_closest_ones(built):
    found = _for(built, "articles/linking.md")
    messages = {kind: text for _, kind, text in found if kind != "healthdocs.frontmatter"}
    assert messages["healthdocs.related"] == (
        "related-articles: no article 'imposible' (did you mean 'impossible'?); write another "
        "article's file name without '.md', one per line")
    frontmatter = sorted(text for _, kind, text in found if kind == "healthdocs.frontmatter")
    assert frontmatter == [
        "front matter 'reviewed_by': unknown reviewer id 'reviewer-b' (did you mean "
        "'reviewer-a'?): use the id your editor gave the reviewer. Site maintainers: "
        "reviewers are listed in healthdocs_reviewers in conf.py",
        "front matter 'tags': unknown tag 'slep' (did you mean 'sleep'?): use one of the site's "
        "tags. Site maintainers: add a new tag to healthdocs_tags in conf.py"]


def test_author_text_never_names_sphinx_internals(built):
    """Settings appear only after "Site maintainers:"; roles like {doc} never."""
    for line in warnings(built):
        if "[healthdocs." not in line:
            continue
        author_part = line.split(". Site maintainers: ")[0]
        assert "{doc}" not in line and "docname" not in line, line
        assert "conf.py" not in author_part and "healthdocs_" not in author_part, line


def test_make_check_ends_with_its_own_summary_line(tmp_path: Path):
    site = tmp_path / "site"
    (site / "articles").mkdir(parents=True)
    for name in ("Makefile", "requirements.lock"):
        shutil.copy2(PROJECT / name, site / name)
    shutil.copytree(PROJECT / "_ext", site / "_ext", ignore=shutil.ignore_patterns("__pycache__"))
    (site / "conf.py").write_text(CONF, encoding="utf-8")
    (site / "index.md").write_text("# Home\n\n```{toctree}\n:glob:\narticles/*\n```\n")
    (site / "articles" / "impossible.md").write_text(PAGES["articles/impossible.md"])
    # As an author runs it: not inside another make (which would add "Leaving directory").
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    result = subprocess.run(["make", "check", f"VENV={sys.prefix}", "FILES=articles/impossible.md"],
                            cwd=site, capture_output=True, text=True, timeout=300, env=env)
    assert result.stdout.strip().splitlines()[-1] == (
        "healthdocs check: 1 problem in 1 file; fix them, then check again")
    assert "Error" not in result.stderr
    assert result.returncode == 0
