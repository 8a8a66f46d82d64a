"""article-list on ordinary pages: the newest cards, filters, one section per topic."""

from __future__ import annotations

import pytest
from helpers import assert_same_as_clean_build, copy_root, main_content, read_docs, warnings, write_source, written_docs
from helpers import page as page_soup


def card_titles(element):
    return [h.get_text() for h in element.select(".hd-card .hd-card__title")]


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_latest_articles_with_date_and_reading_time(app):
    app.build()
    latest = main_content(app, "index").select(".hd-listing")[0]
    assert card_titles(latest) == ["Beta article", "Gamma article"]  # newest two
    metas = [m.get_text() for m in latest.select(".hd-card__meta")]
    assert metas == ["Medicines · 1 March 2026 · 1 min read", "Care · 1 February 2026 · 1 min read"]
    assert [d.get_text() for d in latest.select(".hd-card__description")] == [
        "Beta covers medicines for mood.", "Gamma is about sleep and therapy."]
    # Under "## Latest" the card headings are h3.
    assert latest.select_one(".hd-card h3") is not None


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_one_section_per_category(app):
    app.build()
    grouped = main_content(app, "index").select_one(".hd-listing--by-category")
    headings = grouped.select("h3.hd-listing__group")
    assert [(h.find("a").get_text(), h.find("a")["href"], h.select_one(".hd-listing__count").get_text())
            for h in headings] == [("Care", "topics/care.html", " (2 articles)"),
                                   ("Medicines", "topics/medicines.html", " (2 articles)")]
    grids = grouped.select(".hd-cards")
    assert card_titles(grids[0]) == ["Gamma article", "Alpha article"]
    assert card_titles(grids[1]) == ["Beta article", "Delta article"]
    assert grids[0].select_one(".hd-card h4") is not None


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_tag_and_category_filters(app):
    app.build()
    lists = main_content(app, "about").select(".hd-listing")
    assert card_titles(lists[0]) == ["Gamma article", "Alpha article"]
    assert card_titles(lists[1]) == ["Beta article", "Delta article"]


@pytest.mark.sphinx("text", testroot="site", freshenv=True)
def test_text_builder_lists_titles(app):
    app.build()
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "Beta article" in text and "Care (2 articles)" in text


def test_listings_follow_every_kind_of_edit(make_app, rootdir, sphinx_test_tempdir):
    """Add, retitle, retag, recategorise and delete: every listing page equals a clean build's."""
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "listings-edits")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    articles = srcdir / "articles"

    write_source(articles / "zeta.md", "---\ndescription: Zeta is new.\ndate: 2026-06-01\n"
           "category: Care\ntags: [sleep]\n---\n\n# Zeta article\n\nNew.\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert warnings(app) == []
    assert card_titles(main_content(app, "index").select(".hd-listing")[0]) == [
        "Zeta article", "Beta article"]
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)

    beta = articles / "beta.md"
    write_source(beta, beta.read_text().replace("# Beta article", "# Beta retitled")
           .replace("tags: [mood, drugs]", "tags: [sleep]").replace("category: Medicines", "category: Care"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert read_docs(app) == ["articles/beta"]
    assert {"index", "about"} <= set(written_docs(app))
    assert "Beta retitled" in card_titles(main_content(app, "about").select(".hd-listing")[0])
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)

    (articles / "gamma.md").unlink()
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "Gamma article" not in main_content(app, "index").get_text()
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)


def test_category_spelling_slip_warns_and_keeps_one_full_topic_page(make_app, rootdir,
                                                                      sphinx_test_tempdir):
    """"CARE" beside "Care": both would be topics/care.html. The slip is a located
    warning naming the spelling in use and its files; the one topic page keeps every
    article, and the sidebar lists the topic once."""
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "listings-spelling")
    conf = srcdir / "conf.py"  # open lists, as on our site (closed ones reject "CARE" anyway)
    conf.write_text(conf.read_text().replace("healthdocs_categories =", "_categories =")
                    .replace("healthdocs_tags =", "_tags ="))
    write_source(srcdir / "articles" / "epsilon.md",
           "---\ndescription: Epsilon is about rest.\ndate: 2026-03-05\ncategory: CARE\n"
           "tags: [Sleep]\n---\n\n# Epsilon article\n\nText.\n")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    found = [w for w in warnings(app) if "same page" in w]
    assert len(found) == 2, found
    assert "epsilon.md:4: WARNING: front matter 'category': 'CARE' and 'Care' " \
           "(articles/alpha.md, articles/gamma.md) make the same page topics/care.html; " \
           "write 'Care', the spelling already in use [healthdocs.frontmatter]" in found[0]
    assert "epsilon.md:5: WARNING: front matter 'tags': 'Sleep' and 'sleep'" in found[1]
    hub = main_content(app, "topics/care")
    assert card_titles(hub) == ["Epsilon article", "Gamma article", "Alpha article"]
    assert hub.select_one("h1").get_text() == "Care"
    sidebar = [a.get_text() for a in page_soup(app, "index").select(".sidebar-tree a")]
    assert sidebar.count("Care") == 1 and "CARE" not in sidebar
    assert [c.get_text() for c in main_content(app, "tags/sleep").select(".hd-card__title")] == [
        "Epsilon article", "Gamma article", "Alpha article"]
