"""Site search: the index files, aliases, and freshness across builds (the abbreviation check
moved to the policy rules: tests/test_policy.py).

What readers see in a browser is tested in tests/browser/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import assert_same_as_clean_build, copy_root, outputs, page, warnings, write_source
from search_index import index_file, indexed_stems, page_texts


@pytest.mark.sphinx("html", testroot="search", freshenv=True)
def test_index_replaces_sphinx_search(app):
    app.build()
    assert warnings(app) == []
    out = Path(app.outdir)
    assert not (out / "searchindex.js").exists()
    search = page(app, "search")
    assert search.select_one("#search-results") is not None
    scripts = [s.get("src", "") for s in search.find_all("script")]
    assert not [s for s in scripts if "searchtools" in s]
    # The search page runs the client at once; other pages get the loader, which
    # fetches the same version of the client on first use of the box.
    (client,) = [s for s in scripts if s.startswith("_static/hdsearch.js?v=")]
    assert not [s for s in scripts if "hdsearch-loader" in s]
    article_scripts = page(app, "articles/serotonin").find_all("script", src=True)
    assert not [s for s in article_scripts if "hdsearch.js" in s["src"]]
    (loader,) = [s for s in article_scripts if "_static/hdsearch-loader.js" in s["src"]]
    assert loader["data-client"] == client.removeprefix("_static/")
    # The sidebar box on every page is our form, pointing at the search page.
    box = page(app, "articles/serotonin").select_one("form.hd-search input[data-hd-search]")
    assert box["name"] == "q" and box.find_parent("form")["action"] == "../search.html"
    head = index_file(out, "head.js")
    assert head["categories"] == ["Depression", "Medicines"]
    assert ["trd"] in next(g for g in head["aliases"] if ["trd"] in g)
    assert (out / "_static" / "hdsearch" / "stemmer.js").exists()


@pytest.mark.sphinx("html", testroot="search", freshenv=True)
def test_banner_disclaimer_and_sources_are_not_indexed(app):
    app.build()
    texts = page_texts(app.outdir)
    resistant = texts["articles/resistant.html"]
    assert "988" not in resistant and "FDA" not in resistant  # banner and disclaimer skipped
    assert "Rush AJ" not in resistant  # the sources list is not searched
    assert "call or text 988" in texts["articles/getting-help.html"]  # the body's own words are
    stems = indexed_stems(app.outdir)
    assert {"988", "esketamin", "spravato", "nose"} <= stems  # body, glossary, aliases
    assert "lifelin" not in stems  # "988lifeline.org" in the body splits as 988 / lifeline?
    sections = index_file(app.outdir, "d/" + _doc_number(app, "articles/nasal-spray") + ".js")
    assert [s[:2] for s in sections["sections"]] == [
        ["", "Esketamine nasal spray"], ["how-long-a-session-lasts", "How long a session lasts"],
        ["approval", "Approval"]]


def _doc_number(app, docname: str) -> str:
    for path in (Path(app.outdir) / "_static" / "hdsearch" / "d").glob("*.js"):
        if index_file(app.outdir, f"d/{path.name}")["url"] == f"{docname}.html":
            return path.stem
    raise AssertionError(docname)


@pytest.mark.sphinx("dirhtml", testroot="search", freshenv=True)
def test_dirhtml_search_page_and_urls(app):
    app.build()
    assert warnings(app) == []
    assert (Path(app.outdir) / "search" / "index.html").exists()
    assert "articles/serotonin/" in page_texts(app.outdir)


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "text"])
def test_other_builders_have_no_index(make_app, rootdir, sphinx_test_tempdir, builder):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, f"search-{builder}", "search")
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    assert warnings(app) == []
    assert not list(Path(app.outdir).rglob("hdsearch*"))


# --- aliases ---------------------------------------------------

def test_bad_aliases_warn_and_do_not_break(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "search-bad-aliases", "search")
    article = srcdir / "articles" / "nasal-spray.md"
    write_source(article, article.read_text().replace("aliases: [nose spray ketamine]",
                                                "aliases: nose spray ketamine"))
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    (warning,) = warnings(app)
    assert "nasal-spray.md:7" in warning and "[healthdocs.frontmatter]" in warning
    assert "'aliases'" in warning
    assert "nose" not in indexed_stems(app.outdir)


# --- incremental and parallel builds ---------------------------------------------

def test_glossary_edit_updates_index_like_clean_build(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "search-incr-glossary", "search")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    glossary = srcdir / "glossary.md"
    write_source(glossary, glossary.read_text().replace("esketamine\nSpravato\n",
                                                  "esketamine\nSpravato\nnasal ketamine\n"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    groups = index_file(app.outdir, "head.js")["aliases"]
    assert [["esketamin"], ["nasal", "ketamin"], ["spravato"]] in groups
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)


def test_article_edit_and_delete_update_index_like_clean_build(make_app, rootdir,
                                                               sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "search-incr-article", "search")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    article = srcdir / "articles" / "serotonin.md"
    write_source(article, article.read_text().replace("chemical messenger", "neurotransmitter"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "neurotransmitt" in indexed_stems(app.outdir)
    assert "messeng" not in indexed_stems(app.outdir)
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)

    (srcdir / "articles" / "getting-help.md").unlink()
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "articles/getting-help.html" not in page_texts(app.outdir)
    assert "988" not in indexed_stems(app.outdir)
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)


def test_article_edit_rewrites_only_the_index_files_that_changed(make_app, rootdir,
                                                                 sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "search-incr-files", "search")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    index = Path(app.outdir) / "_static" / "hdsearch"
    edited = _doc_number(app, "articles/serotonin")

    def mtimes() -> dict[str, int]:
        return {p.relative_to(index).as_posix(): p.stat().st_mtime_ns for p in index.rglob("*.js")}

    before = mtimes()
    article = srcdir / "articles" / "serotonin.md"
    write_source(article, article.read_text().replace("chemical messenger", "chemical courier"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    after = mtimes()
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert f"d/{edited}.js" in rewritten
    # Other pages' texts, the stemmer and the typo lists of untouched letters stay as they were.
    assert not {name for name in rewritten if name.startswith("d/")} - {f"d/{edited}.js"}
    assert "stemmer.js" not in rewritten
    assert {name for name in before if name.startswith("v/")} - rewritten
    assert "courier" in indexed_stems(app.outdir)
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)


def test_parallel_build_index_equals_serial(make_app, rootdir, sphinx_test_tempdir):
    serial = make_app("html", srcdir=copy_root(rootdir, sphinx_test_tempdir, "search-j1", "search"),
                      freshenv=True, parallel=1)
    serial.build()
    parallel = make_app("html", srcdir=copy_root(rootdir, sphinx_test_tempdir, "search-j2", "search"),
                        freshenv=True, parallel=2)
    parallel.build()
    assert warnings(parallel) == []
    assert outputs(Path(parallel.outdir)) == outputs(Path(serial.outdir))
