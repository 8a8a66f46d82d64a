"""Topic navigation: sidebar, hub pages, breadcrumbs; flat cost per article."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import assert_same_as_clean_build, copy_root, main_content, page, read_docs, warnings, write_source


def sidebar(app, docname):
    tree = page(app, docname).select_one(".sidebar-tree")
    return [(a.get_text(), a["href"], "current" in a.parent.get("class", []))
            for a in tree.find_all("a")]


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_sidebar_lists_pages_and_topics_not_articles(app):
    app.build()
    assert sidebar(app, "articles/alpha") == [
        ("About us", "../about.html", False),
        ("Care", "../topics/care.html", True),        # alpha's category is marked current
        ("Medicines", "../topics/medicines.html", False),
        ("All tags", "../tags/index.html", False),
    ]
    assert sidebar(app, "index") == [
        ("About us", "about.html", False),
        ("Care", "topics/care.html", False),
        ("Medicines", "topics/medicines.html", False),
        ("All tags", "tags/index.html", False),
    ]
    caption = page(app, "index").select_one(".sidebar-tree .caption-text")
    assert caption.get_text() == "Topics"


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_hub_pages_list_their_articles_as_cards(app):
    app.build()
    hub = page(app, "topics/care")
    assert hub.title.get_text().startswith("Care")
    content = hub.select_one("article[role=main]")
    assert content.find("h1").get_text() == "Care"
    assert content.select_one(".hd-generated__intro").get_text() == "2 articles."
    cards = [(c.find("h2").get_text(), c.find("a")["href"],
              c.select_one(".hd-card__meta").get_text()) for c in content.select(".hd-card")]
    # Newest first: gamma (2026-02-01), then alpha (2026-01-10).
    assert cards == [("Gamma article", "../articles/gamma.html", "1 February 2026 · 1 min read"),
                     ("Alpha article", "../articles/alpha.html", "10 January 2026 · 1 min read")]
    crumbs = [a.get_text() for a in hub.select(".hd-breadcrumbs a")]
    assert crumbs == ["Home", "All topics"]
    assert hub.select_one(".sidebar-tree li.current-page a").get_text() == "Care"
    meta = hub.find("meta", attrs={"name": "description"})["content"]
    assert meta == "Care: 2 articles for patients and families."


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_article_breadcrumbs_and_no_alphabetical_prev_next(app):
    app.build()
    content = main_content(app, "articles/beta")
    crumbs = content.select_one("nav.hd-breadcrumbs[aria-label=Breadcrumb]")
    assert [(a.get_text(), a["href"]) for a in crumbs.find_all("a")] == [
        ("Home", "../index.html"), ("Medicines", "../topics/medicines.html")]
    assert crumbs.select_one("[aria-current=page]").get_text() == "Beta article"
    footer = page(app, "articles/beta").select_one(".related-pages")
    assert footer.find("a") is None


@pytest.mark.sphinx("text", testroot="site", freshenv=True)
def test_no_hubs_or_breadcrumbs_outside_the_website(app):
    app.build()
    assert not (Path(app.outdir) / "topics").exists()
    assert "Home" not in (Path(app.outdir) / "articles" / "beta.txt").read_text()


def test_new_category_updates_every_sidebar(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "nav-new-category")
    (srcdir / "conf.py").write_text((srcdir / "conf.py").read_text().replace(
        '["Care", "Medicines"]', '["Care", "Medicines", "Therapy"]'))
    make_app("html", srcdir=srcdir, freshenv=True).build()
    write_source(srcdir / "articles" / "omega.md",
           "---\ndescription: Omega.\ncategory: Therapy\n---\n\n# Omega article\n\nText.\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert warnings(app) == []
    assert "articles/alpha" not in read_docs(app)
    assert ("Therapy", "../topics/therapy.html", False) in sidebar(app, "articles/alpha")
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)


def test_deleted_article_leaves_hub_and_category(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "nav-delete")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    for name in ("beta", "delta"):  # the whole Medicines category goes
        (srcdir / "articles" / f"{name}.md").unlink()
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert [t for t, _, _ in sidebar(app, "articles/alpha")] == ["About us", "Care", "All tags"]
    care = main_content(app, "topics/care")
    assert [h.get_text() for h in care.select(".hd-card h2")] == ["Gamma article", "Alpha article"]
    # Nothing of the deleted articles or their topic stays published.
    for stale in ("topics/medicines.html", "articles/beta.html", "_sources/articles/delta.md.txt",
                  "tags/drugs.html"):
        assert not (Path(app.outdir) / stale).exists(), stale


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_article_meta_line_under_the_title_and_tags_at_the_end(app):
    app.build()
    content = main_content(app, "articles/alpha")
    line = content.select_one(".hd-article-meta")
    assert line.find_previous_sibling("h1") is not None
    # One short line on a phone: date, reading time, topic; no tags.
    assert line.get_text() == "10 January 2026 · 1 min read · Care"
    assert [(a.get_text(), a["href"]) for a in line.find_all("a")] == [
        ("Care", "../topics/care.html")]
    tags = content.select_one(".hd-article-tags")
    assert tags.get_text() == "Tags: Sleep, Mood"  # readable labels; slugs in addresses
    assert [(a.get_text(), a["href"]) for a in tags.find_all("a")] == [
        ("Sleep", "../tags/sleep.html"), ("Mood", "../tags/mood.html")]
    # After the article's text, right before the review line and the related cards.
    assert "hd-review" in tags.find_next_sibling("p")["class"]
    paragraphs = content.find_all("p")
    assert paragraphs.index(tags) > paragraphs.index(content.select_one(".hd-disclaimer p"))
    assert "no-search" in line["class"] and "no-search" in tags["class"]


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_tags_go_before_the_cards_else_at_the_very_end(app):
    app.build()
    beta = main_content(app, "articles/beta")  # related cards, no review line
    assert "hd-related" in beta.select_one(".hd-article-tags").find_next_sibling()["class"]
    delta = main_content(app, "articles/delta")  # neither
    assert delta.select(".hd-review, .hd-related") == []
    assert "hd-article-tags" in delta.find_all("p")[-1]["class"]


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_tag_pages_and_indexes(app):
    app.build()
    mood = main_content(app, "tags/mood")
    assert mood.find("h1").get_text() == "Tagged “Mood”"
    assert [h.get_text() for h in mood.select(".hd-card h2")] == ["Beta article", "Alpha article"]
    assert mood.select_one(".hd-card__meta").get_text() == "Medicines · 1 March 2026 · 1 min read"
    tags_index = main_content(app, "tags/index")
    assert [(a.get_text(), a["href"], a.find_next_sibling("span").get_text())
            for a in tags_index.select(".hd-index a")] == [
        ("Drugs", "drugs.html", "(2 articles)"), ("Mood", "mood.html", "(2 articles)"),
        ("Sleep", "sleep.html", "(2 articles)"), ("Therapy", "therapy.html", "(1 article)")]
    topics = main_content(app, "topics/index")
    assert [a.get_text() for a in topics.select(".hd-index a")] == ["Care", "Medicines"]
