"""``when-to-get-help``: care cards in HTML (what a reader and a screen reader get), search,
content checks, and every other builder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import copy_root, main_content, warnings
from search_index import page_texts

HEADINGS = [
    ("soon", "Not urgent – talk to your care team soon if:"),
    ("today", "Urgent – call the clinic nurse line if:"),  # :title: replaces the action only
    ("now", "Emergency – get help now if:"),
    ("now", "Emergency – get help now if:"),
]


def _cards(app):
    return main_content(app, "articles/aftercare").select(".hd-care")


@pytest.mark.sphinx("html", testroot="care", freshenv=True)
def test_each_level_is_a_labelled_region_whose_heading_says_the_level(app):
    app.build()
    assert warnings(app) == []
    cards = _cards(app)
    found = []
    for card in cards:
        assert card.name == "section" and card["role"] == "region"
        heading = card.find(re.compile(r"^h[2-6]$"))
        assert heading["id"] == card["aria-labelledby"]
        assert heading.name == "h3"  # under the "When to get help" h2
        level = next(c.removeprefix("hd-care--") for c in card["class"]
                     if c.startswith("hd-care--"))
        found.append((level, heading.get_text()))
        # The author's text is the reader's content: searched and checked, unlike the site's boxes.
        assert "no-search" not in card["class"]
    assert found == HEADINGS
    assert "sleepy after the dose" in cards[0].get_text()
    assert "mood gets worse" in cards[1].get_text()


@pytest.mark.sphinx("html", testroot="care", freshenv=True)
def test_now_card_adds_the_regions_lines_as_links_after_the_authors_list(app):
    app.build()
    _, _, us, uk = _cards(app)
    assert [a.get_text() for a in us.select("a")] == [
        "Call 988", "Text 988", "Chat at 988lifeline.org", "Call 911"]
    assert {a["href"] for a in us.select("a")} == {
        "tel:988", "sms:988", "https://988lifeline.org/chat/", "tel:911"}
    lists = us.find_all("ul", recursive=False)
    assert "thoughts of ending your life" in lists[0].get_text()
    assert "hd-crisis__resources" in lists[1]["class"]
    # :region: picks another region's lines.
    assert [a["href"] for a in uk.select("a[href^='tel:']")] == ["tel:116123", "tel:999"]
    # Only the emergency card carries phone numbers.
    soon, today = _cards(app)[:2]
    assert soon.select("a") == [] and today.select("a") == []


@pytest.mark.sphinx("html", testroot="care", freshenv=True)
def test_search_has_the_cards_text_but_not_the_sites_words(app):
    app.build()
    text = page_texts(Path(app.outdir))["articles/aftercare.html"]
    assert "sleepy after the dose" in text and "nurse line" not in text
    assert "Not urgent" not in text and "Call 988" not in text


def test_content_checks_read_the_cards_text(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "care-claims", root="care")
    path = srcdir / "articles" / "aftercare.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "- Your mood gets worse over the next days.",
        "- Your mood gets worse, although the treatment is guaranteed to work."), encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    claims = [w for w in warnings(app) if "healthdocs.policy.claims" in w]
    assert len(claims) == 1 and "aftercare.md:" in claims[0]


@pytest.mark.parametrize("builder, output", [
    ("text", "articles/aftercare.txt"),
    ("man", "*.1"),
    ("latex", "*.tex"),
    ("epub", "articles/aftercare.xhtml"),
    ("singlehtml", "index.html"),
])
def test_every_builder_shows_the_level_and_the_text(make_app, rootdir, sphinx_test_tempdir,
                                                     builder, output):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, f"care-{builder}", root="care")
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    assert warnings(app) == []
    (path,) = Path(app.outdir).glob(output)
    text = path.read_text(encoding="utf-8")
    if builder == "latex":
        text = text.replace("\\textendash{}", "–")
    for expected in ("Not urgent – talk to your care team soon if:",
                     "Urgent – call the clinic nurse line if:", "mood gets worse",
                     "Emergency – get help now if:", "Call 999"):
        assert expected in text, (builder, expected)


def test_gettext_offers_the_cards_text_for_translation(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "care-gettext", root="care")
    app = make_app("gettext", srcdir=srcdir, freshenv=True)
    app.build()
    assert warnings(app) == []
    pot = (Path(app.outdir) / "articles.pot").read_text(encoding="utf-8")
    assert 'msgid "Your mood gets worse over the next days."' in pot
