"""The four steps that make the search index, each on its own: collect (from a real build
of the test root), score and shard (on corpora written here), write (on a folder).

That the steps together write what readers get is tested in test_search.py (the index
files byte for byte) and in the browser (tests/browser/test_search_browser.py).
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from healthdocs.search import shards
from healthdocs.search.collect import page_text
from healthdocs.search.corpus import Corpus, Page, alias_groups, collect, surface_forms
from healthdocs.search.index import write_files
from healthdocs.search.score import (INTENT_PREFIX, SectionKinds, TitleBoosts, bm25, page_sections,
                                     score)
from healthdocs.search.text import stem


def _page(docname: str, title: str, sections: list[tuple[str, str, str]], **fields) -> Page:
    """A page whose top section is the first of ``sections`` (anchor, heading, body)."""
    text = page_text([(anchor, heading, [body]) for anchor, heading, body in sections])
    return Page(docname, f"{docname}.html", title, text, **fields)


def _corpus(*pages: Page, groups=()) -> Corpus:
    return Corpus(list(pages), set(groups), surface_forms(list(pages)), {}, {})


def _impacts(postings, word: str) -> dict[int, int]:
    """Section number -> impact of a word's stem."""
    return dict(postings.get(stem(word) if not word.startswith(INTENT_PREFIX) else word, []))


def _data(text: str):
    match = re.match(r'^\(self\.hdsearch=self\.hdsearch\|\|\[\]\)\.push\(\["\w+","[^"]*",(.*)\]\);\n$',
                     text, re.DOTALL)
    assert match, text[:80]
    return json.loads(match.group(1))


# --- collect ------------------------------------------------------------------------

def test_collect_reads_pages_fields_and_glossary_from_the_build(app_search):
    corpus = collect(app_search)
    assert [p.docname for p in corpus.pages] == [
        "articles/getting-help", "articles/nasal-spray", "articles/resistant", "articles/serotonin",
        "glossary", "index"]
    spray = corpus.pages[1]
    # Fields from the article's front matter (the registry), the text from the doctree.
    assert (spray.title, spray.url, spray.category) == (
        "Esketamine nasal spray", "articles/nasal-spray.html", "Medicines")
    assert spray.tags == ("medicines", "ketamine") and spray.aliases == ("nose spray ketamine",)
    assert [s.heading for s in spray.text.sections] == [
        "Esketamine nasal spray", "How long a session lasts", "Approval"]
    assert "staff watch" in spray.text.sections[0].body
    # Pages that are not articles: title from the page, no article fields.
    glossary = corpus.pages[4]
    assert (glossary.title, glossary.is_article, glossary.category) == ("Glossary", False, "")
    assert (("esketamin",), ("spravato",)) in corpus.alias_groups
    assert corpus.tag_labels["ketamine"] == "Ketamine"
    assert corpus.crisis["resources"][0]["actions"][0] == ["Call 988", "tel:988"]
    # Words of the title, aliases and description count among the ways a stem is written.
    assert corpus.surface["nose"]["nose"] >= 1 and corpus.surface["spray"]["spray"] >= 4


def test_alias_groups_keep_entries_with_two_or_more_names():
    groups = alias_groups([("TRD", "treatment-resistant depression"), ("ketamine",),
                           ("the", "a"), ("depression", "depressions")])
    assert groups == {(("trd",), ("treatment", "resist", "depress"))}


# --- score --------------------------------------------------------------------------

def test_title_outranks_heading_outranks_body():
    corpus = _corpus(
        _page("a", "Sertraline", [("", "Sertraline", "A medicine for low mood.")]),
        _page("b", "Low mood", [("", "Low mood", "Many things help."),
                                ("sertraline", "Sertraline", "It is a medicine.")]),
        _page("c", "Medicines", [("", "Medicines", "Sertraline is one medicine for low mood.")]))
    impacts = _impacts(score(corpus), "sertraline")
    # Sections are numbered across the corpus: a0, b0, b1, c0.
    assert impacts[0] > impacts[2] > impacts[3]
    assert 1 not in impacts


def test_bm25_saturates_and_normalises_for_length():
    def section(doc, tf, length):
        from healthdocs.search.score import SectionTerms
        return SectionTerms(doc, {"x": tf, "filler": 1.0}, {}, length)

    postings = bm25([section(0, 1, 10), section(0, 2, 10), section(0, 8, 10), section(0, 1, 40)],
                    [1.0])
    once, twice, eight, long = (impact for _, impact in postings["x"])
    assert once < twice < eight < 2 * once  # eight times the word, not twice the weight
    assert long < once  # the same count in a longer section
    other = bm25([section(0, 1, 10), section(1, 1, 10)], [1.0, 0.6])["x"]
    assert other[1][1] < other[0][1]  # a page that is not an article, on equal terms


def test_title_boost_favours_short_titles_and_rare_title_words():
    titles = TitleBoosts(["Ketamine", "Ketamine for depression in adults who tried others",
                          "Ketamine and sleep", "Sertraline and sleep"])
    short, long = titles("Ketamine")[stem("ketamine")], titles(
        "Ketamine for depression in adults who tried others")[stem("ketamine")]
    assert short > long
    sleep = titles("Sertraline and sleep")
    assert sleep[stem("sertraline")] > sleep[stem("sleep")]  # one title vs two


def test_sections_get_the_questions_they_answer():
    kinds = SectionKinds(set())
    page = _page("a", "Esketamine", [
        ("", "Esketamine", "A nasal spray."),
        ("how-long", "How long a session lasts", "About two hours."),
        ("money", "Before you start", "Insurance may cover the cost of treatment."),
        ("other", "Other", "Nothing about money."),
        ("short", "Why medicines fall short", "Doses may be too low.")])
    terms = page_sections(0, page, kinds, TitleBoosts(["Esketamine"]))
    # A heading that answers the question marks its section strongly, a body more weakly.
    assert INTENT_PREFIX + "schedule" in terms[1].boost
    assert terms[2].boost[INTENT_PREFIX + "cost"] < terms[1].boost[INTENT_PREFIX + "schedule"]
    assert not [t for t in terms[3].boost if t.startswith(INTENT_PREFIX)]
    assert INTENT_PREFIX + "resistance" in terms[4].boost  # a treatment that did not help


def test_patients_words_are_terms_of_the_sections_using_their_target():
    corpus = _corpus(
        _page("a", "Antidepressants", [("", "Antidepressants", "Sertraline is one of them."),
                                       ("other", "Talking", "A therapist listens.")]),
        _page("b", "Sertraline", [("", "Sertraline", "A medicine.")]),
        _page("c", "Sleep", [("", "Sleep", "Rest well.")]))
    impacts = _impacts(score(corpus), "zoloft")
    # The brand name where the generic is: named in the title more than used in the body.
    assert set(impacts) == {0, 2} and impacts[2] > impacts[0]
    # A phrase becomes one term, as the client joins the words typed.
    assert stem("shocktreatment") in score(_corpus(
        _page("d", "ECT", [("", "Electroconvulsive therapy", "Electroconvulsive therapy is safe.")])))


def test_patients_words_follow_glossary_equivalents():
    group = ((stem("ssri"),), tuple(stem(w) for w in ("selective", "serotonin", "reuptake", "inhibitor")))
    page = _page("a", "Medicines", [("", "Medicines", "A selective serotonin reuptake inhibitor.")])
    # "zoloft" is a kind of SSRI (vocabulary.tsv): found where the long form is used.
    assert _impacts(score(_corpus(page, groups=[group])), "zoloft")
    assert not _impacts(score(_corpus(page)), "zoloft")


# --- shard --------------------------------------------------------------------------

def test_postings_entries_hold_deltas_and_only_the_strongest_sections():
    assert shards.postings_entry("a|b", [(3, 10), (7, 2), (20, 5)]) == ["a|b", 3, 10, 4, 2, 13, 5]
    many = [(n, 1 + (n * 37) % 101) for n in range(shards.MAX_POSTINGS + 50)]
    entry = shards.postings_entry("", many)
    assert len(entry) == 1 + 2 * shards.MAX_POSTINGS
    kept = sorted(impact for impact in entry[2::2])
    assert kept[0] >= sorted(i for _, i in many)[50]


def test_variants_are_the_most_used_spellings():
    forms = Counter({"depression": 9, "depressed": 4, "depress": 7, "depressing": 1,
                     "depressions": 2, "depressive": 1})
    assert shards.variants(forms, "depress") == "depression|depressed|depressions|depressing"
    assert shards.variants(None, "~risks") == ""


def test_shards_cut_the_sorted_vocabulary_into_small_files():
    postings = {f"w{n:04d}": [(s, 5) for s in range(0, 60, 3)] for n in range(400)}
    postings[INTENT_PREFIX + "risks"] = [(1, 9)]
    cut = shards.Shards(postings, {})
    assert cut.starts == sorted(cut.starts) and len(cut.starts) > 3
    held = {}
    for number in range(len(cut.starts)):
        data = _data(cut.files[f"p/{number}.js"])
        assert len(json.dumps(data, separators=(",", ":"))) <= shards.SHARD_CHARS + 200
        # Every stem sits in the shard a binary search over the starts finds.
        for term in data:
            assert max(i for i, start in enumerate(cut.starts) if start <= term) == number
        held.update(data)
    assert sorted(held) == sorted(postings)
    # Typo lists: every word stem by first letter and length, not the intents.
    assert cut.vocab_keys == ["w5"]
    assert len(_data(cut.files["v/w5.js"])) == 400
    # ...and by the length of each way it is written: a typo is near the word, not the stem.
    forms = shards.Shards({"neuroplast": [(0, 5)]}, {"neuroplast": Counter({"neuroplasticity": 3})})
    assert forms.vocab_keys == ["n10", "n15"]
    assert _data(forms.files["v/n15.js"]) == [["neuroplast", "neuroplasticity", 1]]


def test_page_files_hold_titles_sections_and_snippets_in_chunks():
    page = _page("a", "Esketamine", [("", "Esketamine", "Top."), ("s1", "One", "First."),
                                     ("s2", "Two", "Second.")], description="A spray.",
                 category="Medicines")
    files = shards.page_files([page])
    assert _data(files["titles.js"]) == [["Esketamine", "a.html"]]
    assert _data(files["t/0.js"])["sections"] == [["", "Esketamine"], ["s1", "One"], ["s2", "Two"]]
    chunks = [_data(files[f"d/0-{k}.js"]) for k in range(-(-3 // shards.CHUNK))]
    assert [text for chunk in chunks for text in chunk["texts"]] == ["Top.", "First.", "Second."]
    assert [len(chunk["texts"]) for chunk in chunks][0] == min(3, shards.CHUNK)
    assert [chunk["description"] for chunk in chunks] == ["A spray."] + [""] * (len(chunks) - 1)
    assert f"d/0-{len(chunks)}.js" not in files


def test_head_file_indexes_filters_per_page():
    corpus = _corpus(_page("a", "A", [("", "A", "x")], category="Medicines", tags=("sleep", "mood")),
                     _page("b", "B", [("", "B", "y")]))
    corpus.tag_labels = {"mood": "Mood", "sleep": "Sleep"}
    head = _data(shards.head_file(corpus, shards.Shards(score(corpus), corpus.surface)))
    assert head["categories"] == ["Medicines"] and head["category"] == [0, -1]
    assert head["tags"] == ["mood", "sleep"] and head["tag"] == [[1, 0], []]
    assert head["tagLabels"] == ["Mood", "Sleep"] and head["sections"] == [1, 1]


# --- write --------------------------------------------------------------------------

def test_write_files_writes_only_what_changed_and_removes_the_rest(tmp_path):
    target = tmp_path / "hdsearch"
    assert write_files(target, {"head.js": "1", "p/0.js": "a", "p/1.js": "b"}) == [
        "head.js", "p/0.js", "p/1.js"]
    before = (target / "p" / "0.js").stat().st_mtime_ns
    assert write_files(target, {"head.js": "2", "p/0.js": "a"}) == ["head.js"]
    assert (target / "p" / "0.js").stat().st_mtime_ns == before
    assert not (target / "p" / "1.js").exists()
    assert (target / "head.js").read_text() == "2"
