"""Incremental builds write the pages whose content changed, and only those.

A description edit must rewrite every page showing that article's card (and
still equal a clean build); a body edit or no edit must not rewrite other
articles, lists or the generated topic and tag pages (issue 6: at 1,000
articles those pages hold every card, so rewriting them made each rebuild slow).
"""

from __future__ import annotations

import posixpath
import re
import time
from pathlib import Path

from helpers import assert_same_as_clean_build, copy_root, warnings, write_source

#: Written by every Sphinx HTML build (stock Sphinx too).
ALWAYS_WRITTEN = {"genindex.html", "search.html"}
CARD_LINK = re.compile(r'<a class="[^"]*\bhd-card__link\b[^"]*" href="([^"#]*)')


def _mtimes(outdir: Path) -> dict[str, int]:
    return {str(p.relative_to(outdir)): p.stat().st_mtime_ns for p in outdir.rglob("*.html")}


def _build(make_app, srcdir: Path, **kwargs):
    app = make_app("html", srcdir=srcdir, **kwargs)
    before = _mtimes(Path(app.outdir))
    time.sleep(0.01)
    app.build()
    assert warnings(app) == []
    after = _mtimes(Path(app.outdir))
    written = {name for name, mtime in after.items() if before.get(name) != mtime}
    return app, written - ALWAYS_WRITTEN


def _showing_card(outdir: Path, docname: str) -> set[str]:
    """Pages whose HTML has a card linking to ``docname``."""
    pages = set()
    for path in outdir.rglob("*.html"):
        page = str(path.relative_to(outdir))
        for href in CARD_LINK.findall(path.read_text(encoding="utf-8")):
            if posixpath.normpath(posixpath.join(posixpath.dirname(page), href)) == f"{docname}.html":
                pages.add(page)
    return pages


def _site(rootdir: Path, tempdir: Path, name: str) -> Path:
    srcdir = copy_root(rootdir, tempdir, name)
    # A list that never shows delta (Medicines, tagged drugs): it must not be rewritten for it.
    write_source(srcdir / "sleep.md", "---\norphan: true\n---\n\n# Sleep\n\n"
           ":::{article-list}\n:tag: sleep\n:::\n")
    return srcdir


def test_description_edit_rewrites_exactly_the_pages_showing_the_card(
        make_app, rootdir, sphinx_test_tempdir):
    srcdir = _site(rootdir, sphinx_test_tempdir, "scope-description")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    delta = srcdir / "articles" / "delta.md"
    write_source(delta, delta.read_text().replace("Delta is about drugs.", "Delta is about medicines."))

    app, written = _build(make_app, srcdir)

    showing = _showing_card(Path(app.outdir), "articles/delta")
    # Lists (home, about), the topic and tag pages, and beta's tag-picked card.
    assert {"index.html", "about.html", "topics/medicines.html", "tags/drugs.html",
            "articles/beta.html"} <= showing
    assert written == showing | {"articles/delta.html"}
    assert "sleep.html" not in written and "tags/sleep.html" not in written
    assert "Delta is about medicines." in (Path(app.outdir) / "tags/drugs.html").read_text()
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)


def test_body_edit_and_no_change_rewrite_no_other_page(make_app, rootdir, sphinx_test_tempdir):
    srcdir = _site(rootdir, sphinx_test_tempdir, "scope-body")
    make_app("html", srcdir=srcdir, freshenv=True).build()

    app, written = _build(make_app, srcdir)
    assert written == set()

    # delta's card is on beta (related), lists and generated pages; its text is not.
    delta = srcdir / "articles" / "delta.md"
    write_source(delta, delta.read_text().replace("Delta body text.", "Delta body text, edited."))
    app, written = _build(make_app, srcdir)
    # Sphinx itself rewrites the page whose toctree lists the edited one (index).
    assert written == {"articles/delta.html", "index.html"}
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)


def test_generated_pages_follow_a_full_rewrite(make_app, rootdir, sphinx_test_tempdir):
    """A settings change makes Sphinx rewrite every page; topic and tag pages too."""
    srcdir = _site(rootdir, sphinx_test_tempdir, "scope-settings")
    make_app("html", srcdir=srcdir, freshenv=True).build()

    app, written = _build(make_app, srcdir, confoverrides={"html_title": "Renamed site"})

    assert {"topics/care.html", "tags/index.html", "tags/sleep.html"} <= written
    assert "Renamed site" in (Path(app.outdir) / "topics/care.html").read_text()


def test_deleted_output_page_is_written_again(make_app, rootdir, sphinx_test_tempdir):
    srcdir = _site(rootdir, sphinx_test_tempdir, "scope-deleted")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    (Path(app.outdir) / "tags" / "sleep.html").unlink()

    app, written = _build(make_app, srcdir)

    assert written == {"tags/sleep.html"}
