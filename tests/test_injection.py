"""Hostile text in front matter and conf.py is escaped everywhere it lands."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from helpers import warnings

#: What must never appear unescaped in any output file.
RAW = re.compile(r'<script>alert\(|" onmouseover=|href="javascript:|\b49\b')
DATA_BLOCK = re.compile(r'<script type="application/(?:ld\+)?json"[^>]*>(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def hostile(sphinx_test_tempdir, rootdir):
    import shutil

    from sphinx.testing.util import SphinxTestApp
    srcdir = Path(sphinx_test_tempdir) / "hostile"
    shutil.rmtree(srcdir, ignore_errors=True)
    shutil.copytree(rootdir / "test-hostile", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    app.build()
    yield app
    app.cleanup()


def _files(app):
    """Every HTML page. (The feed and sitemap are parsed below; data files such as the
    search index hold the text as JSON strings, and the browser tests check that the
    search shows them as text.)"""
    return sorted(Path(app.outdir).rglob("*.html"))


def test_no_hostile_text_survives_unescaped(hostile):
    assert [w for w in warnings(hostile) if "healthdocs" in w] == []
    offenders = {}
    for path in _files(hostile):
        text = path.read_text(encoding="utf-8", errors="replace")
        # JSON data blocks (structured data; the search page's index head and titles) hold
        # the text JSON-escaped: valid JSON with no "<" that could end the block.
        for script in DATA_BLOCK.findall(text):
            json.loads(script)
            assert "<" not in script, path
        found = RAW.findall(DATA_BLOCK.sub("", text))
        if found:
            offenders[str(path.relative_to(hostile.outdir))] = found
    assert offenders == {}


def test_hostile_values_are_shown_as_text(hostile):
    soup = BeautifulSoup((Path(hostile.outdir) / "articles" / "evil.html").read_text(), "html.parser")
    main = soup.select_one("article[role=main]")
    assert main.select_one(".hd-disclaimer h2, .hd-disclaimer h3").get_text().startswith(
        "Title <script>alert(")
    assert "Line <script>" in main.select_one(".hd-crisis").get_text()
    tags = [a.get_text() for a in main.select(".hd-article-tags a")]
    assert 'Tag <script>alert("t")</script>' in tags  # its readable label, as text
    assert main.find("script") is None  # no element was created from the text
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert ld["reviewedBy"]["name"].startswith('Reviewer <script>alert("x")</script>')
    assert ld["about"]["name"] == 'Cat <script>alert("c")</script>"'
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith(
        'Desc <script>alert("d")</script>"')


def test_feed_and_sitemap_escape(hostile):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(Path(hostile.outdir) / "atom.xml").getroot()
    entry = next(e for e in feed.findall(f"{atom}entry")
                 if e.findtext(f"{atom}summary").startswith("Desc"))
    assert entry.findtext(f"{atom}summary").startswith('Desc <script>alert("d")</script>')
    terms = [c.get("term") for c in entry.findall(f"{atom}category")]
    assert 'Cat <script>alert("c")</script>"' in terms
    sitemap = (Path(hostile.outdir) / "sitemap.xml").read_text()
    assert "<script" not in sitemap
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert all(re.fullmatch(r"https://example\.org/[\w/.-]*", loc) for loc in locs), locs


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True, srcdir="hostile-urls",
                    confoverrides={"healthdocs_reviewers": {"r1": {"name": "R", "url": "javascript:alert(1)"}},
                                   "healthdocs_newsletter_url": "javascript:alert(2)",
                                   "healthdocs_publisher": {"name": "P", "url": "data:text/html,x"}})
def test_unsafe_urls_in_config_are_refused(app):
    app.build()
    config_warnings = [w for w in warnings(app) if "[healthdocs.config]" in w]
    assert any("javascript:alert(1)" in w for w in config_warnings)
    assert any("javascript:alert(2)" in w for w in config_warnings)
    for path in Path(app.outdir).rglob("*.html"):
        text = path.read_text()
        assert not re.search(r'(href|src)="(javascript|data):', text), path


def test_raw_html_in_a_title_is_text_in_every_toctree_and_card(tmp_path):
    """The title is copied into the environment (toctrees, cards, descriptions) as the
    page is read: unsafe raw HTML in it is made text before that copy is taken."""
    from sphinx.testing.util import SphinxTestApp

    (tmp_path / "articles").mkdir()
    (tmp_path / "conf.py").write_text('extensions = ["healthdocs"]\nhtml_theme = "furo"\n'
                                      'myst_enable_extensions = ["colon_fence"]\n')
    (tmp_path / "index.md").write_text("# Home\n\n:::{article-list}\n:::\n\n```{toctree}\n"
                                       ":glob:\n\narticles/*\n```\n")
    (tmp_path / "articles" / "a.md").write_text(
        "---\ndescription: Fine.\n---\n\n# <script>alert(1)</script> and <img src=x onerror=alert(2)>"
        "\n\nBody.\n")
    app = SphinxTestApp("html", srcdir=tmp_path, freshenv=True)
    app.build()
    raw_html = [w for w in warnings(app) if "raw-html" in w]
    assert raw_html and all("a.md:5:" in w for w in raw_html), raw_html
    for path in Path(app.outdir).rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert not [s for s in soup.find_all("script")
                    if s.get("type") not in ("application/ld+json", "application/json")
                    and re.search(r"alert\(\d\)", s.string or "")], path
        assert not [s for s in soup.find_all("script", type="application/json")
                    if "<" in (s.string or "")], path  # nothing in a data block can end it
        assert soup.find(attrs={"onerror": True}) is None, path
    index = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    listed = index.select_one("article[role=main] .toctree-wrapper a")
    assert listed.get_text().startswith("<script>alert(1)</script>")  # shown, as text
    app.cleanup()
