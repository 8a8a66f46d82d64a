"""What readers trip on (issue 16): sources under their heading, the end of an article,
tag labels, topic introductions, glossary links, footer links, wide tables, print header."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from helpers import assert_same_as_clean_build, copy_root, main_content, page, read_docs, warnings, write_source
from search_index import index_file

ALPHA = "articles/alpha"


@pytest.fixture(scope="module")
def reader(sphinx_test_tempdir, rootdir):
    from sphinx.testing.util import SphinxTestApp
    srcdir = Path(sphinx_test_tempdir) / "reader"
    shutil.rmtree(srcdir, ignore_errors=True)
    shutil.copytree(rootdir / "test-reader", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    app.build()
    yield app
    app.cleanup()


def closing(content) -> list[str]:
    """What follows the article's last section, by its first class."""
    section = content.find("section").find_all("section", recursive=False)[-1]
    return [el["class"][0] for el in section.find_next_siblings()]


# --- references under Sources; what closes an article ----------------------------------

def test_references_sit_under_the_sources_heading(reader):
    content = main_content(reader, ALPHA)
    sources = content.select_one("section#sources")
    # The author's own line first, then the numbered references, nothing else.
    assert [el.name for el in sources.find_all(recursive=False)] == ["h2", "p", "aside"]
    notes = sources.select("aside.footnote")
    assert [n["id"] for n in notes] == ["one", "two"]
    assert len(content.select("aside.footnote")) == 2  # none left at the end of the page
    assert content.select("hr") == []  # MyST's rule above the notes is gone
    # Markers and notes still link both ways.
    assert content.select_one("a.footnote-reference")["href"] == "#one"
    assert notes[0].select_one("a[role=doc-backlink]")["href"] == "#id1"


def test_an_article_closes_in_order_after_its_sources(reader):
    assert closing(main_content(reader, ALPHA)) == [
        "hd-article-tags", "hd-review", "hd-report", "hd-box", "hd-related"]
    assert "hd-stay-informed" in main_content(reader, ALPHA).select_one(
        "section#sources ~ .hd-box")["class"]


def test_references_heading_works_too_and_one_stay_informed_box(reader):
    content = main_content(reader, "articles/beta")
    assert [n["id"] for n in content.select("section#references aside.footnote")] == ["b"]
    # The author placed a box: the setting adds no second one.
    assert len(content.select(".hd-stay-informed")) == 1


def test_text_and_latex_builders_keep_the_order(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "reader-text", "reader")
    app = make_app("text", srcdir=srcdir, freshenv=True)
    app.build()
    text = (Path(app.outdir) / "articles" / "alpha.txt").read_text(encoding="utf-8")
    order = ["Sources\n=======", "These are the works cited.", "First source.", "Second source.",
             "Last reviewed: 1 February 2026", "Report a problem with this page",
             "Stay informed", "Related articles", "Beta article"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions), text
    assert "Report a problem with this page: https://example.org/corrections.html" in text
    app = make_app("latex", srcdir=srcdir, freshenv=True)
    app.build()
    (tex,) = Path(app.outdir).glob("*.tex")
    body = tex.read_text(encoding="utf-8")  # (LaTeX prints each note at its marker)
    order = [r"\section{Sources}", "Last reviewed", "Report a problem with this page",
             "Stay informed", "Related articles"]
    positions = [body.index(part) for part in order]
    assert positions == sorted(positions)


def test_make_new_outline_puts_the_cards_after_the_sources(tmp_path):
    from healthdocs.cli import new_article
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    text = new_article("Ketamine and sleep", tmp_path, category="Sleep", tags=[]).read_text()
    assert text.index("## Sources") < text.index("[^short-name]:") < text.index(
        ":::{related-articles}")
    assert text.index(":::{disclaimer}") < text.index("## Sources")


# --- report link -------------------------------------------------------------------------

def test_report_link_leads_to_the_corrections_page(reader):
    for docname in (ALPHA, "articles/beta"):
        link = main_content(reader, docname).select_one("p.hd-report a")
        assert link.get_text() == "Report a problem with this page"
        assert link["href"] == "../corrections.html"
    assert main_content(reader, "index").select_one(".hd-report") is None  # articles only


@pytest.mark.sphinx("html", testroot="reader", freshenv=True, confoverrides={
    "healthdocs_report_url": "mailto:fix@example.org?subject=Problem:%20{title}&body={url}"})
def test_report_address_gets_the_page_url_and_title_encoded(app):
    app.build()
    href = unquote(main_content(app, ALPHA).select_one("p.hd-report a")["href"], errors="strict")
    assert href.startswith("mailto:fix@example.org?")
    query = parse_qs(urlsplit(main_content(app, ALPHA).select_one("p.hd-report a")["href"]).query)
    assert query["subject"] == ["Problem: Alpha and the FDA"]
    assert query["body"] == ["https://example.org/articles/alpha.html"]
    assert "Problem:%20Alpha%20and%20the%20FDA" in main_content(app, ALPHA).select_one(
        "p.hd-report a")["href"]


@pytest.mark.sphinx("html", testroot="reader", freshenv=True, confoverrides={
    "healthdocs_report_url": "javascript:alert(1)//{page}", "healthdocs_report_page": "nowhere",
    "healthdocs_stay_informed": "always"})
def test_bad_report_and_stay_informed_settings_warn_at_conf_py(app):
    app.build()
    found = [w for w in warnings(app) if "[healthdocs.config]" in w]
    assert any("conf.py:" in w and "healthdocs_report_url" in w and "mailto: or https://" in w
               for w in found), found
    assert any("healthdocs_stay_informed" in w and "'always'" in w for w in found), found
    assert any("healthdocs_report_page: no page 'nowhere'" in w for w in found), found
    # Nothing unsafe, nothing that leads nowhere: no link at all.
    assert main_content(app, ALPHA).select_one(".hd-report") is None


# --- tag labels, topic introductions, related cards --------------------------------------

def test_tags_show_labels_and_keep_their_slugs(reader):
    line = main_content(reader, ALPHA).select_one(".hd-article-tags")
    assert [(a.get_text(), a["href"]) for a in line.select("a")] == [
        ("FDA", "../tags/fda.html"),  # configured
        ("Treatment resistant depression", "../tags/treatment-resistant-depression.html")]
    tag_page = page(reader, "tags/fda")
    assert tag_page.find("h1").get_text().startswith("Tagged “FDA”")
    assert tag_page.find("title").get_text().startswith("Tagged “FDA”")
    assert [a.get_text() for a in main_content(reader, "tags/index").select(".hd-index a")] == [
        "FDA", "Treatment resistant depression"]


def test_search_tag_filter_gets_the_labels(reader):
    head = index_file(Path(reader.outdir), "head.js")
    assert head["tags"] == ["fda", "treatment-resistant-depression"]
    assert head["tagLabels"] == ["FDA", "Treatment resistant depression"]


def test_topic_page_opens_with_its_introduction_as_text(reader):
    hub = main_content(reader, "topics/care")
    paragraphs = [p.get_text() for p in hub.select(".hd-generated > p")]
    assert paragraphs == ["Care is about <looking after> yourself & others.",
                          "A second paragraph.", "2 articles."]
    assert hub.find("looking") is None  # shown, never parsed as markup


# --- glossary ------------------------------------------------------------------------------

def linked_terms(app, docname):
    return [(" ".join(a.get_text().split()), a["href"].split("#")[1])
            for a in main_content(app, docname).select("a .hd-term")
            for a in [a.parent]]


def test_first_use_of_each_glossary_entry_links_to_it(reader):
    assert linked_terms(reader, ALPHA) == [
        ("placebo", "term-placebo"),
        ("SSRIs", "term-SSRI"),  # plural
        ("Food and Drug Administration", "term-Food-and-Drug-Administration"),  # two lines
        ("NMDA receptor", "term-NMDA-receptor"),  # the longer term wins
        ("NMDA", "term-NMDA"),
        ("Intravenous", "term-intravenous"),  # first letter in any case; "IV" is the same entry
    ]
    content = main_content(reader, ALPHA)
    # Not in headings, code, links, boxes, or the sources; not parts of words.
    for where in ("h1", "h2", "code", ".hd-box", "section#sources", ".hd-related"):
        assert not content.select(f"{where} .hd-term"), where
    assert content.select_one('a[href="https://example.org/ssri"]').get_text() == "the SSRI page"
    assert "non-SSRI" in content.get_text() and "unplaceboed" in content.get_text()


def test_glossary_pages_themselves_are_not_linked(reader):
    assert main_content(reader, "glossary").select(".hd-term") == []
    assert main_content(reader, "index").select(".hd-term") == []


@pytest.mark.sphinx("html", testroot="reader", freshenv=True,
                    confoverrides={"healthdocs_glossary_links": False})
def test_glossary_links_can_be_turned_off(app):
    app.build()
    assert linked_terms(app, ALPHA) == []


def test_glossary_has_an_a_to_z_list_of_its_entries(reader):
    nav = main_content(reader, "glossary").select_one("nav.hd-az")
    assert nav["aria-label"] == "Glossary: jump to a letter"
    letters = [(a.get_text(), a["href"]) for a in nav.select("a")]
    assert letters == [("F", "#term-FDA"), ("I", "#term-IV"), ("N", "#term-NMDA"),
                       ("P", "#term-placebo"), ("S", "#term-SSRI")]
    ids = {el["id"] for el in main_content(reader, "glossary").select("[id]")}
    assert {href[1:] for _, href in letters} <= ids


def test_new_glossary_term_links_in_articles_after_an_incremental_build(
        make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "reader-glossary", "reader")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    glossary = srcdir / "glossary.md"
    write_source(glossary, glossary.read_text().replace(
        "placebo\n", "medicine\n  Something taken to treat an illness.\n\nplacebo\n"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    # alpha was not read again, yet links the new term.
    assert "articles/alpha" not in read_docs(app)
    assert ("medicines", "term-medicine") in linked_terms(app, ALPHA)
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)


# --- footer, wide tables, print header, previews -----------------------------------------

def test_footer_links_on_every_page_and_a_missing_page_warns(reader):
    expected = [("About us", "about.html"), ("Editorial policy", "about.html#editorial-policy"),
                ("Corrections", "corrections.html")]
    pages = sorted(Path(reader.outdir).rglob("*.html"))
    assert len(pages) >= 10
    for path in pages:
        relative = path.relative_to(reader.outdir)
        soup = page(reader, str(relative.with_suffix("")))
        nav = soup.select_one("footer nav.hd-footer-links")
        assert nav is not None, relative
        prefix = "../" * (len(relative.parts) - 1)
        hrefs = [(title, prefix + href) for title, href in expected]
        if relative.name in ("about.html", "corrections.html"):  # a link to the page itself
            hrefs = [(t, "#" + h.split("#")[1] if "#" in h else "#") if h.startswith(
                relative.stem) else (t, h) for t, h in hrefs]
        assert [(a.get_text(), a["href"]) for a in nav.select("a")] == hrefs, relative
        current = [a.get_text() for a in nav.select("a[aria-current=page]")]
        assert current == {"about.html": ["About us"],
                           "corrections.html": ["Corrections"]}.get(relative.name, [])
    (warning,) = [w for w in warnings(reader) if "healthdocs_footer_links" in w]
    assert re.search(r"conf\.py:\d+: WARNING: .*'Not written yet': no page 'nowhere'", warning)


@pytest.mark.sphinx("html", testroot="reader", freshenv=True, confoverrides={
    "healthdocs_footer_links": [("Editorial policy", "about#no-such-section")]})
def test_footer_link_to_a_missing_section_warns_and_is_left_out(app):
    app.build()
    assert any("no section #no-such-section on page 'about'" in w for w in warnings(app))
    assert page(app, "index").select_one("nav.hd-footer-links") is None


def test_pages_added_later_get_linked_by_an_incremental_build(make_app, rootdir,
                                                              sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "reader-new-pages", "reader")
    # Pages outside the sidebar's toctree (adding one there rewrites every page anyway).
    index = srcdir / "index.md"
    index.write_text(index.read_text().replace("corrections\n", ""))
    corrections = srcdir / "corrections.md"
    text = "---\norphan: true\n---\n\n" + corrections.read_text()
    corrections.unlink()
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert main_content(app, ALPHA).select_one(".hd-report") is None
    write_source(corrections, text)
    write_source(srcdir / "nowhere.md", "---\norphan: true\n---\n\n# Not written yet\n\nNow it is.\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert main_content(app, ALPHA).select_one(".hd-report a")["href"] == "../corrections.html"
    footer = [a.get_text() for a in page(app, "tags/fda").select("nav.hd-footer-links a")]
    assert footer == ["About us", "Editorial policy", "Corrections", "Not written yet"]
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)


def test_wide_table_is_a_named_focusable_region(reader):
    (region,) = main_content(reader, ALPHA).select("div.table-wrapper")
    assert region["tabindex"] == "0" and region["role"] == "region"
    assert region["aria-label"] == "Table: FDA rules for a placebo"
    assert region.find("table") is not None


def test_print_header_names_the_page_and_its_review(reader):
    header = main_content(reader, ALPHA).select_one("p.hd-print-header")
    assert header.get_text() == ("https://example.org/articles/alpha.html · Last reviewed: "
                                 "1 February 2026 · Next review due: 1 February 2027")
    assert main_content(reader, "index").select_one("p.hd-print-header").get_text() == (
        "https://example.org/index.html")


def test_every_page_has_one_viewport_and_a_preview_card(reader):
    for path in sorted(Path(reader.outdir).rglob("*.html")):
        soup = page(reader, str(path.relative_to(reader.outdir).with_suffix("")))
        assert len(soup.find_all("meta", attrs={"name": "viewport"})) == 1, path
        assert soup.find("meta", attrs={"name": "twitter:card"}) is not None, path


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "text", "latex", "epub",
                                     "man", "gettext"])
def test_every_builder_builds_the_reader_root(make_app, rootdir, sphinx_test_tempdir, builder):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, f"reader-{builder}", "reader")
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    assert [w for w in warnings(app) if "nowhere" not in w] == []


def test_incremental_equals_clean_after_an_article_edit(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "reader-incremental", "reader")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    beta = srcdir / "articles" / "beta.md"
    write_source(beta, beta.read_text().replace("# Beta article", "# Beta retitled"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "Beta retitled" in main_content(app, ALPHA).select_one(".hd-related").get_text()
    assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)
