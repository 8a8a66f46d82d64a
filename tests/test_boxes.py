"""Disclaimer and crisis-banner: the HTML a reader gets, options and config."""

from __future__ import annotations

import re

import pytest
from search_index import indexed_stems, page_texts
from helpers import main_content, page, warnings


def _box(soup, selector):
    boxes = soup.select(selector)
    assert len(boxes) == 1, f"{selector}: {len(boxes)} boxes"
    return boxes[0]


def _is_labelled_by_heading(box) -> str:
    heading = box.find(re.compile(r"^h[2-6]$"))
    assert heading is not None and heading["id"] == box["aria-labelledby"]
    return heading.get_text()


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_default_disclaimer(app):
    app.build()
    box = _box(main_content(app, "articles/alpha"), ".hd-disclaimer")
    assert box.name == "div" and box["role"] == "note"
    assert "no-search" in box["class"] and "hd-disclaimer--educational" in box["class"]
    assert _is_labelled_by_heading(box) == "This article is for general education"
    assert "It is not medical advice" in box.get_text()


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_disclaimer_kind_and_body(app):
    app.build()
    box = _box(main_content(app, "articles/beta"), ".hd-disclaimer")
    assert "hd-disclaimer--compounded-ketamine" in box["class"]
    assert _is_labelled_by_heading(box) == "Compounded ketamine is not FDA approved"
    assert "not approved by the U.S. Food and Drug Administration" in box.get_text()

    custom = _box(main_content(app, "articles/delta"), ".hd-disclaimer")
    # A body replaces the variant's text and is parsed as MyST.
    assert custom.find("strong").get_text() == "custom"
    assert "It is not medical advice" not in custom.get_text()
    assert _is_labelled_by_heading(custom) == "This article is for general education"


@pytest.mark.sphinx("html", testroot="site", freshenv=True,
                    confoverrides={"healthdocs_disclaimers": {
                        "clinic": {"title": "A note from our clinic", "text": "First.\n\nSecond."}},
                        "healthdocs_disclaimer_default": "clinic"})
def test_site_variants_merge_with_builtins(app):
    app.build()
    assert warnings(app) == []
    box = _box(main_content(app, "articles/alpha"), ".hd-disclaimer")
    assert _is_labelled_by_heading(box) == "A note from our clinic"
    assert [p.get_text() for p in box.find_all("p")] == ["First.", "Second."]
    # Built-in kinds are still there.
    assert "hd-disclaimer--compounded-ketamine" in _box(main_content(app, "articles/beta"),
                                                         ".hd-disclaimer")["class"]


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_us_crisis_banner(app):
    app.build()
    box = _box(main_content(app, "articles/alpha"), ".hd-crisis")
    assert box.name == "section" and box["role"] == "region"
    assert box.get("role") != "alert"
    assert "no-search" in box["class"]
    assert _is_labelled_by_heading(box) == "Help is available now"
    links = {a.get_text(): a["href"] for a in box.find_all("a")}
    assert links == {"Call 988": "tel:988", "Text 988": "sms:988",
                     "Chat at 988lifeline.org": "https://988lifeline.org/chat/",
                     "Call 911": "tel:911"}
    text = box.get_text(" ")
    assert "988 Suicide & Crisis Lifeline" in text
    assert "press 3" not in text.lower()
    # The banner sits inside the article section, so its heading is an h2.
    assert box.find("h2") is not None


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_crisis_banner_region_option_and_body(app):
    app.build()
    box = _box(main_content(app, "articles/delta"), ".hd-crisis")
    assert "hd-crisis--uk" in box["class"]
    links = {a.get_text(): a["href"] for a in box.find_all("a")}
    assert links["Call 116 123"] == "tel:116123" and links["Call 999"] == "tel:999"
    assert box.find_all("p")[-1].get_text() == "Talk to your GP too."


@pytest.mark.parametrize(("region", "expected"), [
    ("CA", {"Call 9-8-8": "tel:988", "Text 9-8-8": "sms:988", "Call 911": "tel:911"}),
    ("AU", {"Call 13 11 14": "tel:131114", "Text 0477 13 11 14": "sms:0477131114",
            "Call 000": "tel:000"}),
])
def test_site_wide_region(make_app, rootdir, sphinx_test_tempdir, region, expected):
    srcdir = sphinx_test_tempdir / f"site-region-{region}"
    if not srcdir.exists():
        import shutil
        shutil.copytree(rootdir / "test-site", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True,
                   confoverrides={"healthdocs_crisis_region": region})
    app.build()
    box = _box(main_content(app, "articles/alpha"), ".hd-crisis")
    assert {a.get_text(): a["href"] for a in box.find_all("a")} == expected


@pytest.mark.sphinx("html", testroot="site", freshenv=True,
                    confoverrides={"healthdocs_crisis_resources": {
                        "US": {"title": "Get help", "intro": "",
                               "resources": [{"name": "Local line", "actions": [
                                   {"label": "Call 555", "url": "tel:555"}]}]},
                        "EVIL": {"title": "x", "resources": [{"name": "y", "actions": [
                            {"label": "Click", "url": "javascript:alert(1)"}]}]}}})
def test_crisis_resources_override_and_unsafe_urls(app):
    app.build()
    box = _box(main_content(app, "articles/alpha"), ".hd-crisis")
    assert _is_labelled_by_heading(box) == "Get help"
    assert [a["href"] for a in box.find_all("a")] == ["tel:555"]
    (warning,) = warnings(app)
    assert "conf.py" in warning and "javascript:alert(1)" in warning
    assert "[healthdocs.config]" in warning
    assert not [p for p in app.outdir.rglob("*.html") if "javascript:" in p.read_text("utf-8")]


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_boxes_stay_out_of_search_and_meta(app):
    app.build()
    stems = indexed_stems(app.outdir)
    assert not {"988", "lifelin", "988lifelin", "disclaim"} & stems
    assert "not medical advice" not in page_texts(app.outdir)["articles/alpha.html"]
    assert "unicorn" in stems  # article body text is indexed
    description = page(app, "articles/alpha").find("meta", attrs={"name": "description"})
    assert description["content"] == "Alpha explains sleep and mood."
