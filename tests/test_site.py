"""The real site: builds clean with nitpicky warnings, and the seed page's story holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from helpers import PROJECT, copy_project, main_content, page, warnings

ARTICLES = sorted(p.stem for p in (PROJECT / "articles").glob("*.md"))
SEED = "articles/treatment-resistant-depression"


@pytest.fixture(scope="module")
def site(sphinx_test_tempdir):
    """One build of the whole project, shared by this module's read-only tests."""
    app = SphinxTestApp("html", srcdir=copy_project(sphinx_test_tempdir / "project-site"),
                        freshenv=True, confoverrides={"nitpicky": True})
    app.build()
    yield app
    app.cleanup()


def test_site_builds_without_warnings(site):
    # Known policy findings the content editor is fixing: tests/conftest.py.
    assert warnings(site) == []
    assert len(ARTICLES) >= 7


def test_seed_article_structure(site):
    content = main_content(site, SEED)
    crisis = content.select(".hd-crisis")
    assert len(crisis) == 1 and crisis[0].find("a", href="tel:988")
    kinds = [box["class"] for box in content.select(".hd-disclaimer")]
    assert any("hd-disclaimer--educational" in k for k in kinds)
    assert any("hd-disclaimer--compounded-ketamine" in k for k in kinds)
    # Every link the seed page had is a working link to our own article.
    links = {a["href"] for a in content.select("a.reference.internal")}
    for target in ("ketamine-vs-ssris", "how-ketamine-works", "ketamine-for-depression"):
        assert f"{target}.html" in links
    cards = [a["href"] for a in content.select(".hd-related .hd-card h3 a")]
    assert cards == ["why-ketamine-works-after-antidepressants-fail.html",
                     "ptsd-and-the-brain.html", "r-ketamine-vs-s-ketamine.html"]
    # Sources are cited (MyST footnotes).
    assert len(content.select("aside.footnote, .footnote")) >= 8


@pytest.mark.parametrize("name", ARTICLES)
def test_every_article_is_complete_and_linked(site, name):
    docname = f"articles/{name}"
    content = main_content(site, docname)
    assert content.select(".hd-disclaimer--educational")
    assert len(content.select(".hd-related .hd-card")) == 3
    assert page(site, docname).find("meta", attrs={"name": "description"})["content"]
    for link in content.select("a.reference.internal"):
        target = link["href"].split("#")[0]
        if target:
            assert (Path(site.outdir) / "articles" / target).resolve().exists(), target
    has_banner = bool(content.select(".hd-crisis"))
    has_compounded = bool(content.select(".hd-disclaimer--compounded-ketamine"))
    for box in content.select(".hd-disclaimer"):  # the default one names the 988 Lifeline
        box.decompose()
    text = content.get_text(" ").lower()
    if "suicid" in text:
        assert has_banner, f"{name} mentions suicide but has no crisis banner"
    if "ketamine" in text:
        assert has_compounded
    for phrase in ("committed suicide", "successful suicide", "failed suicide", "press 3"):
        assert phrase not in text


@pytest.mark.parametrize("name", ARTICLES)
def test_article_pages_have_the_readers_fixes(site, name):
    """Issue 16: what a reader of every article gets from the build."""
    docname = f"articles/{name}"
    soup = page(site, docname)
    content = main_content(site, docname)
    # References under the Sources heading; nothing after the cards.
    sources = content.select_one("section#sources")
    assert sources is not None and sources.select("aside.footnote")
    assert len(sources.select("aside.footnote")) == len(content.select("aside.footnote"))
    section = sources.find_parent("section")
    assert [el["class"][0] for el in sources.find_next_siblings()] == [
        "hd-article-tags", "hd-review", "hd-report", "hd-box", "hd-related"]
    assert "hd-stay-informed" in sources.find_next_sibling(class_="hd-box")["class"]
    assert section.select_one(".hd-stay-informed a")["href"] == "../atom.xml"
    assert content.select_one(".hd-report a")["href"] == "../corrections.html"
    # Previews and one viewport.
    assert soup.find("meta", property="og:image")["content"].endswith(
        "/_static/healthdocs-share.png")
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert len(soup.find_all("meta", attrs={"name": "viewport"})) == 1
    # Readable tags, slugs in the links.
    tags = {link["href"].rsplit("/", 1)[1].removesuffix(".html"): link.get_text()
            for link in content.select(".hd-article-tags a[href*='tags/']")}
    assert tags and all(label != slug and label[0].isupper() for slug, label in tags.items())
    assert tags.get("fda", "FDA") == "FDA" and tags.get("ssri", "SSRIs") == "SSRIs"
    # Footer links to the site's pages.
    assert [a.get_text() for a in soup.select("footer nav.hd-footer-links a")] == [
        "About us", "Editorial policy", "Corrections", "Accessibility", "Privacy"]


def test_strangers_article_joins_the_site(make_app, sphinx_test_tempdir):
    """An article written only from the README contract, with new category and tags."""
    srcdir = copy_project(sphinx_test_tempdir / "project-stranger")
    (srcdir / "articles" / "sleep-and-mood.md").write_text(
        "---\n"
        "description: How sleep and mood affect each other, and simple steps that help.\n"
        "date: 2026-10-01\nreviewed: 2026-10-02\ncategory: Sleep\n"
        "tags: [sleep, depression, insomnia]\n"
        "---\n\n# Sleep and mood\n\nPoor sleep and low mood often go together.\n\n"
        ":::{crisis-banner}\n:::\n\n## What helps\n\nA regular wake-up time helps.\n\n"
        ":::{disclaimer}\n:::\n\n:::{related-articles}\ntreatment-resistant-depression\n:::\n",
        encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert warnings(app) == []
    content = main_content(app, "articles/sleep-and-mood")
    assert content.select(".hd-crisis") and content.select(".hd-disclaimer")
    assert [a.get_text() for a in content.select(".hd-related h3 a")] == [
        page(app, SEED).find("h1").find(string=True)]
    hub = main_content(app, "topics/sleep")
    assert [h.get_text() for h in hub.select(".hd-card h2")] == ["Sleep and mood"]
    assert "Sleep" in [a.get_text() for a in page(app, "index").select(".sidebar-tree a")]


def test_redirect_stub_moves_on_and_still_offers_the_crisis_lines(site):
    """A reader who lands on an old address (JavaScript off: the meta refresh) sees where
    the page went and the site's crisis lines as tap-to-call and tap-to-text links."""
    stub = BeautifulSoup((Path(site.outdir) / "articles" / "trd.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert stub.find("meta", attrs={"http-equiv": "refresh"})["content"] == \
        "0; url=treatment-resistant-depression.html"
    links = {a["href"] for a in stub.find_all("a")}
    assert {"tel:988", "sms:988", "https://988lifeline.org/chat/", "tel:911"} <= links
