"""Feed, metadata, JSON-LD, sitemap, robots.txt, 404 page and redirects."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from helpers import main_content, page, warnings

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOSTILE = 'He said "hi" </script><script>alert(1)</script> & <b>bold</b> {{ x }}'
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\+00:00|Z)$")


@pytest.fixture
def built(app):
    app.build()
    return app


def meta(soup, **attrs):
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def json_ld(soup) -> dict[str, dict]:
    """Each JSON-LD block of a page by its @type (each parses as JSON)."""
    blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    by_type = {data["@type"]: data for data in blocks}
    assert len(by_type) == len(blocks)
    return by_type


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True)
def test_atom_feed_is_valid_and_newest_first(built):
    assert [w for w in warnings(built) if "healthdocs" in w] == []
    root = ET.parse(Path(built.outdir) / "atom.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") == "https://example.org/site/"
    assert root.findtext(f"{ATOM}title") == "Publishing test site"
    assert root.findtext(f"{ATOM}updated") == "2026-04-01T00:00:00+00:00"
    self_link = [l for l in root.findall(f"{ATOM}link") if l.get("rel") == "self"]
    assert self_link[0].get("href") == "https://example.org/site/atom.xml"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Renamed article", "Hostile “quotes” & <script>alert(2)</script> title"]  # undated is left out
    first = entries[0]
    assert first.findtext(f"{ATOM}id") == "https://example.org/site/articles/renamed.html"
    assert first.find(f"{ATOM}link").get("href") == "https://example.org/site/articles/renamed.html"
    assert first.findtext(f"{ATOM}summary") == "An article that used to live elsewhere."
    assert first.findtext(f"{ATOM}published") == "2026-03-01T00:00:00+00:00"
    assert first.findtext(f"{ATOM}updated") == "2026-04-01T00:00:00+00:00"
    assert [c.get("term") for c in first.findall(f"{ATOM}category")] == ["Care", "sleep", "mood"]
    for entry in entries:  # what RFC 4287 requires of every entry
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}title")
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
    assert entries[1].findtext(f"{ATOM}summary") == HOSTILE
    # Every page tells browsers and feed readers where the feed is.
    for name in ("index", "articles/renamed", "topics/care"):
        link = page(built, name).find("link", attrs={"type": "application/atom+xml"})
        assert link["href"] == "https://example.org/site/atom.xml"


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True)
def test_meta_tags_come_from_front_matter_not_banners(built):
    soup = page(built, "articles/renamed")
    description = "An article that used to live elsewhere."
    assert meta(soup, name="description") == description
    assert meta(soup, property="og:description") == description
    assert meta(soup, property="og:type") == "article"
    assert meta(soup, property="og:title") == "Renamed article"
    assert meta(soup, property="og:url") == "https://example.org/site/articles/renamed.html"
    assert soup.find("link", rel="canonical")["href"] == "https://example.org/site/articles/renamed.html"
    assert meta(soup, property="article:published_time") == "2026-03-01"
    assert meta(soup, property="article:modified_time") == "2026-04-01"
    assert len(soup.find_all("meta", attrs={"name": "description"})) == 1
    home = page(built, "index")
    assert meta(home, property="og:type") == "website"
    assert "988" not in (meta(home, name="description") or "")


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True)
def test_json_ld_medical_web_page(built):
    data = json_ld(page(built, "articles/renamed"))["MedicalWebPage"]
    assert data == {
        "@context": "https://schema.org", "@type": "MedicalWebPage",
        "headline": "Renamed article", "name": "Renamed article",
        "description": "An article that used to live elsewhere.",
        "url": "https://example.org/site/articles/renamed.html",
        "datePublished": "2026-03-01", "dateModified": "2026-04-01", "lastReviewed": "2026-04-01",
        "reviewedBy": {"@type": "Person", "name": "Test Reviewer", "honorificSuffix": "MD",
                       "url": "https://example.org/r1"},
        "keywords": ["Sleep", "Mood"], "about": {"@type": "Thing", "name": "Care"},
        "publisher": {"@type": "Organization", "name": "Example Clinic",
                      "url": "https://example.org/"},
        "medicalAudience": {"@type": "Patient"}, "inLanguage": "en",
    }


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True)
def test_breadcrumb_list_matches_the_visible_breadcrumbs(built):
    base = "https://example.org/site/"
    for docname in ("articles/renamed", "topics/care", "tags/sleep", "tags/index"):
        soup = page(built, docname)
        visible = [(a.get_text(), base + str(Path(docname).parent / a["href"]).removeprefix("./"))
                   for a in soup.select("nav.hd-breadcrumbs a")]
        visible = [(name, re.sub(r"[^/]+/\.\./", "", url)) for name, url in visible]
        here = soup.select_one("nav.hd-breadcrumbs [aria-current=page]").get_text()
        data = json_ld(soup)["BreadcrumbList"]
        items = data["itemListElement"]
        assert [i["position"] for i in items] == list(range(1, len(items) + 1))
        assert [(i["name"], i["item"]) for i in items] == [
            *visible, (here, f"{base}{docname}.html")], docname
    assert "BreadcrumbList" not in json_ld(page(built, "index"))  # no breadcrumbs there


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True)
def test_link_previews_have_an_image_and_a_card(built):
    for docname in ("articles/renamed", "index", "topics/care", "tags/sleep"):
        soup = page(built, docname)
        assert meta(soup, property="og:image") == "https://example.org/site/_static/healthdocs-share.png"
        assert meta(soup, property="og:image:width") == "1200"
        assert meta(soup, property="og:image:height") == "630"
        assert meta(soup, property="og:image:alt")
        assert meta(soup, name="twitter:card") == "summary_large_image"
        # One viewport declaration (the theme's), not a second one from docutils.
        assert len(soup.find_all("meta", attrs={"name": "viewport"})) == 1
    image = Path(built.outdir, "_static", "healthdocs-share.png").read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")) == (1200, 630)


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True,
                    confoverrides={"ogp_image": "https://cdn.example.org/clinic.png"})
def test_a_site_image_replaces_the_default(built):
    soup = page(built, "articles/renamed")
    assert meta(soup, property="og:image") == "https://cdn.example.org/clinic.png"
    assert meta(soup, property="og:image:width") is None  # only known for our own image
    assert meta(soup, name="twitter:card") == "summary_large_image"


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True)
def test_hostile_values_stay_inert(built):
    raw = (Path(built.outdir) / "articles" / "hostile.html").read_text(encoding="utf-8")
    soup = page(built, "articles/hostile")
    blocks = json_ld(soup)  # still valid JSON, with the exact text
    data = blocks["MedicalWebPage"]
    assert data["description"] == HOSTILE
    assert data["headline"] == "Hostile “quotes” & <script>alert(2)</script> title"
    assert blocks["BreadcrumbList"]["itemListElement"][-1]["name"] == data["headline"]
    assert "</script><script>alert(1)" not in raw and "<script>alert(2)" not in raw
    assert meta(soup, name="description") == HOSTILE
    assert meta(soup, property="og:description") == HOSTILE
    # No element came out of the hostile text anywhere on the page.
    assert not [s for s in soup.find_all("script") if "alert(" in (s.string or "")
                and s.get("type") != "application/ld+json"]
    assert soup.find("b") is None


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True)
def test_sitemap_and_robots(built):
    root = ET.parse(Path(built.outdir) / "sitemap.xml").getroot()
    entries = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod")
               for u in root.findall(f"{SITEMAP}url")}
    base = "https://example.org/site/"
    assert entries[base + "articles/renamed.html"] == "2026-04-01"
    assert entries[base + "articles/hostile.html"] == "2026-01-15"
    assert entries[base + "articles/undated.html"] is None
    assert entries[base + "index.html"] == "2026-04-01"
    assert entries[base + "topics/care.html"] == "2026-04-01"
    assert entries[base + "tags/sleep.html"] == "2026-04-01"
    assert not [loc for loc in entries if re.search(r"(search|genindex|404)\.html$", loc)]
    robots = (Path(built.outdir) / "robots.txt").read_text()
    assert robots.endswith("Sitemap: https://example.org/site/sitemap.xml\n")


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True)
def test_404_page_works_at_any_depth(built):
    soup = page(built, "404")
    assert soup.find("h1").get_text() == "Page not found"
    links = [a["href"] for a in soup.select(".sidebar-tree a")]
    assert links and all(href.startswith("/site/") for href in links)
    css = [l["href"] for l in soup.find_all("link", rel="stylesheet")]
    assert css and all(href.startswith("/site/_static/") for href in css)


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True)
def test_redirect_for_renamed_article(built):
    html = (Path(built.outdir) / "articles" / "old-name.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=renamed.html"' in html


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True,
                    confoverrides={"healthdocs_stay_informed_footer": True})
def test_stay_informed_box_and_footer(built):
    box = main_content(built, "index").select(".hd-stay-informed")[0]
    assert box["role"] == "note" and box.find("h2").get_text() == "Stay informed"
    links = {a.get_text(): a["href"] for a in box.find_all("a")}
    assert links == {"Subscribe to the feed": "atom.xml",
                     "Sign up for the newsletter": "https://example.org/newsletter"}
    footer_box = main_content(built, "articles/renamed").select_one(".hd-stay-informed--footer")
    assert footer_box.find("a")["href"] == "../atom.xml"
    assert not page(built, "index").find_all("script", src=re.compile(r"^https?://"))


@pytest.mark.sphinx("html", testroot="publishing", freshenv=True, srcdir="publishing-no-baseurl",
                    confoverrides={"html_baseurl": ""})
def test_no_baseurl_means_no_feed_or_sitemap_but_no_warning(built):
    assert [w for w in warnings(built) if "healthdocs" in w] == []
    assert not (Path(built.outdir) / "atom.xml").exists()
    assert not (Path(built.outdir) / "sitemap.xml").exists()


@pytest.mark.sphinx("text", testroot="publishing", freshenv=True)
def test_stay_informed_in_text_output(built):
    text = (Path(built.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "Stay informed" in text and "Subscribe to the feed" in text
