"""Every builder, parallel builds and reproducibility, on the same test root."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from helpers import assert_same_as_clean_build, copy_root, outputs, warnings, write_source
from search_index import indexed_stems


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "text", "latex",
                                     "epub", "man", "gettext"])
def test_builder_builds_without_warnings(make_app, rootdir, sphinx_test_tempdir, builder):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, f"builder-{builder}")
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    assert warnings(app) == []


def test_text_output_has_directive_text(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "builder-text-content")
    app = make_app("text", srcdir=srcdir, freshenv=True)
    app.build()
    alpha = (Path(app.outdir) / "articles" / "alpha.txt").read_text(encoding="utf-8")
    for text in ("Help is available now", "Call 988", "Text 988", "Chat at 988lifeline.org",
                 "This article is for general education", "It is not medical advice",
                 "Related articles", "Beta article", "Beta covers medicines for mood."):
        assert text in alpha, text
    beta = (Path(app.outdir) / "articles" / "beta.txt").read_text(encoding="utf-8")
    assert "Compounded ketamine is not FDA approved" in beta


def test_latex_output_has_boxes(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "builder-latex-content")
    app = make_app("latex", srcdir=srcdir, freshenv=True)
    app.build()
    (tex,) = Path(app.outdir).glob("*.tex")
    body = tex.read_text(encoding="utf-8")
    assert r"\begin{sphinxadmonition}{note}{Help is available now}" in body
    assert "Call 988" in body and "Gamma is about sleep and therapy." in body


def test_gettext_extracts_directive_bodies(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "builder-gettext-content")
    app = make_app("gettext", srcdir=srcdir, freshenv=True)
    app.build()
    pot = (Path(app.outdir) / "articles.pot").read_text(encoding="utf-8")
    assert "Talk to your GP too." in pot


def _everything(app) -> dict[str, bytes]:
    """The site and the reports written beside it (feed, sitemap, _headers included)."""
    build = Path(app.outdir).parent
    return {name: data for part in ("html", "reports") if (build / part).is_dir()
            for name, data in outputs(build / part).items()}


@pytest.mark.parametrize("root", ["site", "publishing", "reader"])
def test_parallel_build_equals_serial(make_app, rootdir, sphinx_test_tempdir, root):
    serial_src = copy_root(rootdir, sphinx_test_tempdir, f"parallel-{root}-1", root)
    parallel_src = copy_root(rootdir, sphinx_test_tempdir, f"parallel-{root}-2", root)
    serial = make_app("html", srcdir=serial_src, freshenv=True, parallel=1)
    serial.build()
    parallel = make_app("html", srcdir=parallel_src, freshenv=True, parallel=2)
    parallel.build()
    def ours(app) -> list[str]:  # same warnings, in any order, wherever the copy lives
        return sorted(w.replace(str(app.srcdir), "") for w in warnings(app) if "healthdocs" in w)

    assert ours(parallel) == ours(serial)
    assert _everything(parallel) == _everything(serial)


def test_parallel_build_freezes_the_heap_only_while_it_forks(make_app, rootdir,
                                                             sphinx_test_tempdir):
    frozen = []
    app = make_app("html", srcdir=copy_root(rootdir, sphinx_test_tempdir, "forking"), freshenv=True,
                   parallel=2)
    app.connect("write-started", lambda app, builder: frozen.append(gc.get_freeze_count()),
                priority=950)
    app.build()
    assert frozen[0] > 0  # the writers were forked from a frozen heap
    assert gc.get_freeze_count() == 0  # and the objects went back to the collector


@pytest.mark.parametrize("root", ["site", "publishing", "reader"])
def test_two_clean_builds_are_byte_identical(make_app, rootdir, sphinx_test_tempdir, root,
                                             monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    first_src = copy_root(rootdir, sphinx_test_tempdir, f"repro-{root}-1", root)
    first = make_app("html", srcdir=first_src, freshenv=True)
    first.build()
    shutil.rmtree(Path(first.outdir).parent)
    second = make_app("html", srcdir=first_src, freshenv=True)
    second.build()
    other_src = copy_root(rootdir, sphinx_test_tempdir, f"repro-{root}-2", root)
    other = make_app("html", srcdir=other_src, freshenv=True)
    other.build()
    assert _everything(second) == _everything(other)


def test_body_edit_incremental_equals_clean(make_app, rootdir, sphinx_test_tempdir):
    """Removing a page's last use of a word must not leave it in the search index."""
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "incremental-body")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    alpha = srcdir / "articles" / "alpha.md"
    write_source(alpha, alpha.read_text().replace("mentions unicorns", "mentions horses"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "unicorn" not in indexed_stems(app.outdir)
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)
