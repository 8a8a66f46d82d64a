"""Site search: the index files, aliases, and freshness across builds (the abbreviation check
moved to the policy rules: tests/test_policy.py).

What readers see in a browser is tested in tests/browser/.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import (assert_same_as_clean_build, copy_project, copy_root, outputs, page, warnings,
                     write_source)
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
    assert not [s for s in scripts if "searchtools" in s or "hdsearch" in s]
    # The search page carries the index head, every page's title and the client (after
    # the stemmer) in its head, before the stylesheets: no other file before the shards.
    data = json.loads(search.select_one("head script#hd-search-data[type='application/json']").string)
    assert data["root"] == "./" and data["head"] == index_file(out, "head.js")
    assert data["titles"] == index_file(out, "titles.js")
    (code,) = [s.string for s in search.select("head script:not([src]):not([type])")]
    client = Path(__file__).parent.parent / "_ext" / "healthdocs" / "search" / "static" / "hdsearch.js"
    assert code.endswith(client.read_text(encoding="utf-8")) and "EnglishStemmer" in code
    head = str(search.head)
    assert head.index("hd-search-data") < head.index("EnglishStemmer") < head.index('rel="stylesheet"')
    # Other pages get the loader, which fetches the client on first use of the box.
    article_scripts = page(app, "articles/serotonin").find_all("script", src=True)
    assert not [s for s in article_scripts if "hdsearch.js" in s["src"]]
    (loader,) = [s for s in article_scripts if "_static/hdsearch-loader.js" in s["src"]]
    assert loader["data-client"].startswith("hdsearch.js?v=")
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
    sections = index_file(app.outdir, "t/" + _doc_number(app, "articles/nasal-spray") + ".js")
    assert sections["sections"] == [
        ["", "Esketamine nasal spray"], ["how-long-a-session-lasts", "How long a session lasts"],
        ["approval", "Approval"]]


def _doc_number(app, docname: str) -> str:
    for path in (Path(app.outdir) / "_static" / "hdsearch" / "t").glob("*.js"):
        if index_file(app.outdir, f"t/{path.name}")["url"] == f"{docname}.html":
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
    # ...and no header search button leading to a search page they do not have.
    assert not [p for p in Path(app.outdir).rglob("*.*html") if "hd-search-button" in p.read_text()]


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
    assert f"d/{edited}-0.js" in rewritten
    # Other pages' texts and titles, the stemmer and the typo lists of untouched letters
    # stay as they were.
    assert not {name for name in rewritten if name.startswith(("d/", "t/"))
                if not name.startswith((f"d/{edited}-", f"t/{edited}."))}
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


# --- issue 17: patients' vocabulary and question intents; issue 14: crisis terms ------------

from healthdocs.search import data  # noqa: E402
from healthdocs.search.text import stems as _stems  # noqa: E402

SOURCES = ("WordNet 3.0", "RxNorm", "NIMH", "MedlinePlus")


@pytest.fixture(scope="module")
def project_index(sphinx_test_tempdir):
    """The real site's built search index (read-only)."""
    from sphinx.testing.util import SphinxTestApp
    app = SphinxTestApp("html", srcdir=copy_project(sphinx_test_tempdir / "search-project"),
                        freshenv=True)
    app.build()
    yield Path(app.outdir)
    app.cleanup()


def test_every_vocabulary_row_has_a_source_and_its_target_on_the_site(project_index):
    rows = data.lay_vocabulary()
    assert len(rows) >= 40
    stems = indexed_stems(project_index)
    missing = [(r.term, r.target) for r in rows if not set(_stems(r.target)) <= stems]
    assert missing == []
    assert [r.term for r in rows if not any(s in r.source for s in SOURCES)] == []
    assert {r.kind for r in rows} <= {"brand", "class", "also-called", "broader", "everyday", "spelling"}


def test_patients_words_are_indexed_where_their_term_is_used(project_index):
    stems = indexed_stems(project_index)
    # Brand names for generics the articles name, lay names, and phrases as one term.
    assert {"zoloft", "prozac", "ketalar", "electroshock", "shocktreat", "habitform"} <= stems
    # ...and only where the term is: "zoloft" where a section says sertraline or SSRI.
    texts = page_texts(project_index)
    assert "zoloft" not in " ".join(texts.values()).lower()  # never shown, only found


def test_sections_are_marked_with_the_questions_they_answer(app_search):
    head = index_file(app_search.outdir, "head.js")
    intents = {row[0] for row in head["intents"]}
    assert {"risks", "cost", "schedule", "experience", "mechanism", "speed", "compare",
            "resistance"} <= intents
    # Wordings that only ask ("how much") are marked, so the client searches their intent only.
    assert ["cost", ["how", "much"], 1] in head["intents"] and ["cost", ["cost"]] in head["intents"]
    stems = indexed_stems(app_search.outdir)
    # nasal-spray.md: "## How long a session lasts" answers schedule and experience questions.
    assert {"~schedule", "~experience"} <= stems


def test_crisis_terms_and_region_lines_are_in_the_index_head(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "search-crisis-conf", "search")
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides={
        "healthdocs_search_crisis_terms": ["no way out"], "healthdocs_crisis_region": "UK"})
    app.build()
    assert warnings(app) == []
    crisis = index_file(app.outdir, "head.js")["crisis"]
    terms = {" ".join(w for w, _ in phrase): mode for mode, phrase in crisis["terms"]}
    assert terms["kill myself"] == "any" and terms["cutting"] == "alone"
    assert terms["midlife crisis"] == "not" and terms["no way out"] == "any"
    assert crisis["resources"][0]["name"] == "Samaritans"
    assert ["Call 116 123", "tel:116123"] in crisis["resources"][0]["actions"]
    # The search page without JavaScript lists the same region's lines.
    noscript = page(app, "search").select_one("noscript")
    assert [a["href"] for a in noscript.select("section.hd-crisis a")] == [
        "tel:116123", "mailto:jo@samaritans.org", "tel:999"]
    assert noscript.select_one("section.hd-crisis")["role"] == "region"


def test_bad_crisis_terms_setting_warns_with_its_line(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "search-crisis-bad", "search")
    conf = srcdir / "conf.py"
    write_source(conf, conf.read_text() + 'healthdocs_search_crisis_terms = ["ok", 3]\n')
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    (warning,) = [w for w in warnings(app) if "healthdocs_search_crisis_terms" in w]
    assert "conf.py:9" in warning and "[healthdocs.config]" in warning
    terms = [" ".join(w for w, _ in p) for _, p in index_file(app.outdir, "head.js")["crisis"]["terms"]]
    assert "ok" in terms and "suicide" in terms  # the good entry and the built-ins still apply


def test_every_page_has_the_phone_search_button_in_its_header(app_search):
    for docname in ("index", "articles/serotonin", "search", "glossary"):
        header = page(app_search, docname).select_one(".mobile-header .header-right")
        button = header.select_one("a.hd-search-button[data-hd-search-open]")
        assert button["aria-label"] == "Search"
        assert button["href"].endswith("search.html") or docname == "search"
        form = header.select_one("form.hd-search--header")
        assert form.has_attr("hidden") and form["action"] == button["href"]


# --- the index files, byte for byte ------------------------------------------------

def _index_digests(outdir: Path) -> str:
    """One line per index file: its path and the sha256 of its bytes."""
    import hashlib
    folder = Path(outdir) / "_static" / "hdsearch"
    return "".join(f"{p.relative_to(folder).as_posix()} {hashlib.sha256(p.read_bytes()).hexdigest()}\n"
                   for p in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix())
                   if p.is_file())


@pytest.mark.parametrize("site", ["test-search", "site"])
def test_index_files_are_byte_for_byte_as_recorded(site, app_search, project_index):
    """Every index file of the test root and of the real site, as the snapshot recorded.

    A change to indexing or ranking shows here as the list of files it changed; after
    reviewing it, ``HEALTHDOCS_UPDATE_SNAPSHOTS=1`` rewrites the snapshot. The site's
    snapshot also changes when its articles do (update it with them)."""
    outdir = app_search.outdir if site == "test-search" else project_index
    path = Path(__file__).parent / "snapshots" / f"search-index.{site}.txt"
    text = _index_digests(outdir)
    if os.environ.get("HEALTHDOCS_UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.write_text(text, encoding="utf-8")
        if os.environ.get("HEALTHDOCS_UPDATE_SNAPSHOTS") != "1":
            pytest.fail(f"{path.name} did not exist: written, review it and run again")
    recorded = dict(line.split(" ") for line in path.read_text(encoding="utf-8").splitlines())
    now = dict(line.split(" ") for line in text.splitlines())
    assert sorted(set(now) ^ set(recorded)) == []  # same files
    assert [name for name in sorted(now) if now[name] != recorded[name]] == []  # same bytes
