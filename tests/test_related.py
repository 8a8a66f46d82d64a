"""related-articles: cards a reader sees, tag picks, and freshness across builds."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from helpers import assert_same_as_clean_build, copy_root, main_content, read_docs, warnings, write_source, written_docs


def cards(app, docname, heading="Related articles"):
    """(title, href, description) of each related card on a page."""
    section = main_content(app, docname).select_one(".hd-related")
    if section is None:
        return []
    assert section.find("h2").get_text() == heading
    result = []
    for card in section.select(".hd-card"):
        heading = card.find("h3")
        link = heading.find("a")
        # The link sits on the heading; the card itself is not wrapped in <a>.
        assert card.find_parent("a") is None and len(card.find_all("a")) == 1
        description = card.select_one(".hd-card__description")
        result.append((link.get_text(), link["href"],
                       description.get_text() if description else None))
    return result


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_listed_targets_become_cards(app):
    app.build()
    assert cards(app, "articles/alpha") == [
        ("Beta article", "beta.html", "Beta covers medicines for mood."),
        ("Gamma article", "gamma.html", "Gamma is about sleep and therapy."),
    ]


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_cards_show_topic_date_and_reading_time(app):
    app.build()
    metas = [m.get_text() for m in main_content(app, "articles/alpha").select(
        ".hd-related .hd-card .hd-card__meta")]
    assert metas == ["Medicines · 1 March 2026 · 1 min read", "Care · 1 February 2026 · 1 min read"]


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_no_body_picks_by_shared_tags(app):
    app.build()
    # beta: tags mood, drugs. delta shares "drugs" and beta's category, alpha shares
    # "mood"; gamma shares nothing.
    assert [c[0] for c in cards(app, "articles/beta")] == ["Delta article", "Alpha article"]


@pytest.mark.sphinx("html", testroot="site", freshenv=True,
                    confoverrides={"healthdocs_related_limit": 1})
def test_limit(app):
    app.build()
    assert [c[0] for c in cards(app, "articles/beta")] == ["Delta article"]


@pytest.mark.sphinx("dirhtml", testroot="site", freshenv=True)
def test_dirhtml_links(app):
    app.build()
    soup = (Path(app.outdir) / "articles" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert 'href="../beta/"' in soup and 'href="../gamma/"' in soup


# --- incremental builds --------------------------------------------------------

def test_retitle_and_describe_target_updates_cards(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "related-retitle")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    beta = srcdir / "articles" / "beta.md"
    write_source(beta, beta.read_text().replace("# Beta article", "# Beta renamed")
           .replace("Beta covers medicines for mood.", "Beta now covers more."))
    app = make_app("html", srcdir=srcdir)
    app.build()
    # alpha's source did not change, yet its card shows beta's new title and text.
    assert read_docs(app) == ["articles/beta"]
    assert "articles/alpha" in written_docs(app)
    assert cards(app, "articles/alpha")[0] == ("Beta renamed", "beta.html", "Beta now covers more.")
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)


def test_longer_target_updates_the_reading_time_on_cards(make_app, rootdir,
                                                          sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "related-minutes")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    beta = srcdir / "articles" / "beta.md"
    write_source(beta, beta.read_text() + "\n" + "More words about mood and medicines. " * 80 + "\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert read_docs(app) == ["articles/beta"]
    meta = main_content(app, "articles/alpha").select_one(".hd-related .hd-card__meta")
    assert meta.get_text() == "Medicines · 1 March 2026 · 2 min read"
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)


def test_retag_changes_tag_picks(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "related-retag")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    gamma = srcdir / "articles" / "gamma.md"
    write_source(gamma, gamma.read_text().replace("tags: [sleep, therapy]", "tags: [mood, drugs]"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    # gamma now shares both of beta's tags, so it comes first on beta.
    assert [c[0] for c in cards(app, "articles/beta")][0] == "Gamma article"
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)


def test_missing_target_added_later_and_target_deleted(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "related-add-delete")
    alpha = srcdir / "articles" / "alpha.md"
    write_source(alpha, alpha.read_text().replace("/articles/gamma\n", "/articles/gamma\nepsilon\n"))
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert any("no article 'epsilon'" in w for w in warnings(app))
    assert [c[0] for c in cards(app, "articles/alpha")] == ["Beta article", "Gamma article"]

    write_source(srcdir / "articles" / "epsilon.md",
           "---\ndescription: Epsilon arrives.\ncategory: Care\n---\n\n# Epsilon article\n\nNew.\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert warnings(app) == []
    assert [c[0] for c in cards(app, "articles/alpha")] == [
        "Beta article", "Gamma article", "Epsilon article"]
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)

    (srcdir / "articles" / "gamma.md").unlink()
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert any("no article '/articles/gamma'" in w for w in warnings(app))
    assert [c[0] for c in cards(app, "articles/alpha")] == ["Beta article", "Epsilon article"]
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)


def test_no_change_rebuild_writes_nothing(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "related-noop")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "no targets are out of date" in app.status.getvalue()


@pytest.mark.sphinx("html", testroot="site", freshenv=True)
def test_limit_and_title_options(app):
    app.build()
    section = main_content(app, "articles/gamma").select_one(".hd-related")
    assert section.find("h2").get_text() == "More on sleep"
    # gamma (sleep, therapy) shares "sleep" with alpha only; the limit keeps one card.
    assert [h.get_text() for h in section.select(".hd-card h3")] == ["Alpha article"]
