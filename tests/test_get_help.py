"""Get help now: the header link on every page, the help page it leads to, the 404
page's crisis lines, the default disclaimer's lines, and our copy of furo's template."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import furo
import pytest
from bs4 import BeautifulSoup
from helpers import copy_root, main_content, page, warnings

FOCUSABLE = ["a", "button", "input", "select", "textarea"]


def _pages(outdir: Path) -> dict[str, BeautifulSoup]:
    """Every HTML page a reader can land on (redirect stubs left out)."""
    soups = {}
    for path in sorted(Path(outdir).rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' not in html:
            soups[path.relative_to(outdir).as_posix()] = BeautifulSoup(html, "html.parser")
    return soups


def _focusable(soup: BeautifulSoup) -> list:
    return [e for e in soup.find_all(FOCUSABLE)
            if (e.name != "a" or e.has_attr("href")) and e.get("type") != "hidden"]


def _target(name: str, href: str, prefix: str = "") -> str:
    if href.startswith("/"):
        return href.removeprefix(prefix)
    return posixpath.normpath(posixpath.join(posixpath.dirname(name), href))


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True)
def test_every_page_has_the_link_right_after_the_skip_link(app):
    app.build()
    pages = _pages(Path(app.outdir))
    # Article, topic, tag, both indexes, search, genindex, 404 and the help page itself.
    for expected in ("articles/renamed.html", "topics/index.html", "tags/index.html",
                     "search.html", "genindex.html", "404.html", "get-help.html", "index.html"):
        assert expected in pages
    for name, soup in pages.items():
        header = soup.select(".mobile-header a.hd-get-help--header")
        sidebar = soup.select(".sidebar-sticky > a.hd-get-help--sidebar")
        assert len(header) == len(sidebar) == 1, name
        assert header[0].get_text() == sidebar[0].get_text() == "Get help now"
        assert header[0]["href"] == sidebar[0]["href"]
        if name != "get-help.html":  # there it is "#", with aria-current (below)
            assert _target(name, header[0]["href"], "/site/") == "get-help.html", name
        assert header[0].get("role") is None
        # In the Tab order: the skip link, then this link (phones: the header's);
        # on wide screens the header is hidden and the sidebar's link comes first.
        focusable = _focusable(soup)
        skip = soup.select_one("a.skip-to-content")
        assert focusable[focusable.index(skip) + 1] is header[0], name
        assert _focusable(soup.select_one(".sidebar-drawer"))[0] is sidebar[0], name
        # Printed in words, with the site region's lines.
        printed = soup.select_one("p.hd-get-help-print")
        assert printed.get_text() == ("Get help now: 988 Suicide & Crisis Lifeline: call 988, "
                                      "text 988 or chat at 988lifeline.org. In an emergency: "
                                      "call 911."), name
    # The 404 page may be served at any depth: its link is absolute.
    assert pages["404.html"].select_one(".hd-get-help--header")["href"] == "/site/get-help.html"
    assert pages["get-help.html"].select_one(".hd-get-help--header")["aria-current"] == "page"


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True)
def test_help_page_lists_the_sites_lines_first_then_the_other_regions(app):
    app.build()
    assert [w for w in warnings(app) if "healthdocs" in w] == []
    soup = page(app, "get-help")
    content = main_content(app, "get-help")
    assert content.find("h1").get_text() == "Get help now"
    boxes = content.select("section.hd-crisis[role=region]")
    headings = [(box.find(re.compile("^h[2-6]$")).name, box.find(re.compile("^h[2-6]$")).get_text())
                for box in boxes]
    assert headings == [("h2", "United States"), ("h3", "Australia"), ("h3", "Canada"),
                        ("h3", "United Kingdom")]
    assert "struggling or thinking about suicide" in boxes[0].get_text()
    assert content.select_one("h2#other-countries").get_text() == "Other countries"
    links = {box.find(re.compile("^h[2-6]$")).get_text():
             [(a.get_text(), a["href"]) for a in box.select("a[href^='tel:'], a[href^='sms:']")]
             for box in boxes}
    assert links["United States"] == [("Call 988", "tel:988"), ("Text 988", "sms:988"),
                                      ("Call 911", "tel:911")]
    assert links["United Kingdom"] == [("Call 116 123", "tel:116123"), ("Call 999", "tel:999")]
    assert links["Australia"][0] == ("Call 13 11 14", "tel:131114")
    assert all(box.get("role") != "alert" for box in boxes)
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Crisis lines you can call or text now. 988 Suicide")
    sitemap = (Path(app.outdir) / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/site/get-help.html</loc>" in sitemap


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True)
def test_404_page_numbers_are_tap_to_call_links(app):
    app.build()
    content = main_content(app, "404")
    banner = content.select_one("section.hd-crisis[role=region]")
    assert banner.find("h2").get_text() == "Help is available now"
    hrefs = [a["href"] for a in banner.select("a")]
    assert hrefs == ["tel:988", "sms:988", "https://988lifeline.org/chat/", "tel:911"]


@pytest.mark.sphinx("html", testroot="site", freshenv=True, confoverrides={
    "healthdocs_crisis_region": "UK"})
def test_a_uk_site_gets_uk_lines_in_the_header_help_page_and_disclaimer(app):
    app.build()
    assert warnings(app) == []
    boxes = main_content(app, "get-help").select("section.hd-crisis")
    assert [b.find(re.compile("^h[2-6]$")).get_text() for b in boxes] == [
        "United Kingdom", "Australia", "Canada", "United States"]
    assert boxes[0].select_one("a")["href"] == "tel:116123"
    printed = page(app, "index").select_one("p.hd-get-help-print").get_text()
    assert printed == ("Get help now: Samaritans: call 116 123 or email jo@samaritans.org. "
                       "In an emergency: call 999.")
    disclaimer = main_content(app, "articles/alpha").select_one(".hd-disclaimer--educational")
    assert disclaimer.find_all("p")[-1].get_text() == (
        "Need help now? Samaritans: call 116 123 or email jo@samaritans.org. "
        "In an emergency: call 999.")


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_default_disclaimer_names_988_and_911_on_a_us_site(app):
    app.build()
    disclaimer = main_content(app, "articles/alpha").select_one(".hd-disclaimer--educational")
    assert disclaimer.find_all("p")[-1].get_text() == (
        "Need help now? 988 Suicide & Crisis Lifeline: call 988, text 988 or chat at "
        "988lifeline.org. In an emergency: call 911.")


@pytest.mark.sphinx("html", testroot="site", freshenv=True, confoverrides={
    "healthdocs_crisis_region": "NZ",
    "healthdocs_crisis_resources": {"NZ": {
        "name": "New Zealand", "title": "Help is available now", "intro": "",
        "resources": [{"name": "Need to talk?", "note": "free, any time",
                       "actions": [{"label": "Call 1737", "url": "tel:1737"},
                                   {"label": "Text 1737", "url": "sms:1737"}]}]}}})
def test_a_site_region_from_conf_py_leads_the_help_page(app):
    app.build()
    assert warnings(app) == []
    first = main_content(app, "get-help").select_one("section.hd-crisis")
    assert first.find("h2").get_text() == "New Zealand"
    assert [a["href"] for a in first.select("a")] == ["tel:1737", "sms:1737"]
    assert page(app, "index").select_one("p.hd-get-help-print").get_text() == (
        "Get help now: Need to talk?: call 1737 or text 1737.")


def test_a_sites_own_help_page_is_kept(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "own-help-page")
    (srcdir / "get-help.md").write_text("---\norphan: true\n---\n\n# Our help lines\n\nCall us.\n",
                                        encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert warnings(app) == []
    assert main_content(app, "get-help").find("h1").get_text().startswith("Our help lines")
    assert page(app, "index").select_one(".hd-get-help--header")["href"] == "get-help.html"


@pytest.mark.sphinx("dirhtml", testroot="site", freshenv=True)
def test_dirhtml_links_reach_the_help_page(app):
    app.build()
    outdir = Path(app.outdir)
    assert (outdir / "get-help" / "index.html").is_file()
    soup = BeautifulSoup((outdir / "articles" / "alpha" / "index.html").read_text(), "html.parser")
    href = soup.select_one(".hd-get-help--header")["href"]
    assert posixpath.normpath(posixpath.join("articles/alpha/", href)) == "get-help"


@pytest.mark.sphinx("singlehtml", testroot="site", freshenv=True)
def test_no_link_where_no_help_page_is_written(app):
    app.build()
    assert warnings(app) == []
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "hd-get-help" not in html
    assert "mobile-header" in html  # still furo's page, without the link


def test_our_page_template_is_furos_plus_the_hd_blocks():
    """On a furo upgrade, copy its new page.html and add the hd_* blocks again."""
    ours = (Path(__file__).parent.parent / "_ext" / "healthdocs" / "templates" / "furo" /
            "page.html").read_text(encoding="utf-8")
    theirs = (Path(furo.__file__).parent / "theme" / "furo" / "page.html").read_text(
        encoding="utf-8")
    additions = re.findall(r"[ \t]*\{% block (hd_\w+) %\}.*?\{% endblock \1 %\}\n", ours)
    assert sorted(additions) == ["hd_footer_links", "hd_get_help_header", "hd_get_help_print",
                                 "hd_get_help_sidebar", "hd_search_button"]
    stripped = re.sub(r"[ \t]*\{% block (hd_\w+) %\}.*?\{% endblock \1 %\}\n", "", ours)
    stripped = re.sub(r"\A\{#-.*?-#\}\n", "", stripped, flags=re.DOTALL)
    stripped = re.sub(r"\{%- macro hd_\w+\(.*?\{%- endmacro -%\}\n", "", stripped,
                      flags=re.DOTALL)
    assert stripped == theirs
