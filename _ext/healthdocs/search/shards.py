"""Indexing, step 3 (shard): the postings and pages cut into the files the client loads.

Every file is a script that pushes ``[kind, key, data]`` onto ``self.hdsearch``
(see ``index.py`` for the list), so it loads from file:// as well as over HTTP
and in any order relative to the client.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx import search as sphinx_search

from .data import intents, pattern
from .score import INTENT_PREFIX
from .text import STOPWORDS

if TYPE_CHECKING:
    from collections import Counter

    from .corpus import Corpus, Page
    from .score import Postings

#: A term's postings beyond this many sections keep only the strongest ones:
#: such a term is in most pages and barely separates them.
MAX_POSTINGS = 600
#: Raw characters per postings shard (~2 KB gzip): a keystroke fetches at most two, with
#: the title files of six results and the snippet files of three, under 10 KB in all.
SHARD_CHARS = 6000
MAX_VARIANTS = 4
#: Sections per snippet file: a result needs the text of one section, not its whole page
#: (the site's sections are long: two per file made some keystrokes fetch over 10 KB).
CHUNK = 1

#: Relative path -> file text
Files = dict[str, str]


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def script(kind: str, key: str | int, data: Any) -> str:
    return f"(self.hdsearch=self.hdsearch||[]).push([{dumps(kind)},{dumps(str(key))},{dumps(data)}]);\n"


def data(text: str) -> Any:
    """What a file made by ``script`` pushes (after its kind and key)."""
    decoder = json.JSONDecoder()
    end = text.index(".push([") + len(".push([")
    for _ in ("kind", "key"):
        end = decoder.raw_decode(text, end)[1] + 1
    return decoder.raw_decode(text, end)[0]


def variants(surface: Counter[str] | None, stem: str) -> str:
    """The most frequent ways the site writes a stem, other than the stem itself, as "a|b"."""
    ordered = sorted((surface or {}).items(), key=lambda item: (-item[1], item[0]))
    return "|".join([word for word, _ in ordered if word != stem][:MAX_VARIANTS])


def postings_entry(forms: str, postings: list[tuple[int, int]]) -> list[Any]:
    """[variants, section delta, impact, section delta, impact, ...], the strongest
    MAX_POSTINGS sections only."""
    if len(postings) > MAX_POSTINGS:
        postings = sorted(sorted(postings, key=lambda p: -p[1])[:MAX_POSTINGS])
    entry: list[Any] = [forms]
    previous = 0
    for section, impact in postings:
        entry += [section - previous, impact]
        previous = section
    return entry


class Shards:
    """The postings in stem order, cut into files of about SHARD_CHARS characters
    (``p/<n>.js``), and every stem by first letter and length (its own and its written
    forms') for typo matching (``v/<c><n>.js``)."""

    def __init__(self, postings: Postings, surface: dict[str, Counter[str]]) -> None:
        #: The first stem of each shard (the client finds a stem's shard by binary search).
        self.starts: list[str] = []
        self.files: Files = {}
        shard: dict[str, list[Any]] = {}
        size = 0
        vocab: dict[str, list[list[Any]]] = defaultdict(list)
        for stem in sorted(postings):
            entry = postings_entry(variants(surface.get(stem), stem), postings[stem])
            entry_size = len(dumps(entry)) + len(stem) + 4
            if not self.starts or size + entry_size > SHARD_CHARS:
                if self.starts:
                    self._flush(shard)
                self.starts.append(stem)
                shard, size = {}, 0
            shard[stem] = entry
            size += entry_size
            if not stem.startswith(INTENT_PREFIX):
                # Under the length of the stem and of each way it is written: a typo of
                # "neuroplasticity" (stem "neuroplast") is near the word, not the stem.
                forms = [form for form in entry[0].split("|") if form]
                for length in sorted({len(stem), *map(len, forms)}):
                    vocab[f"{stem[0]}{length}"].append([stem, entry[0], (len(entry) - 1) // 2])
        if self.starts:
            self._flush(shard)
        for key, entries in vocab.items():
            self.files[f"v/{key}.js"] = script("v", key, entries)
        #: The typo files that exist ("a5", "k8", ...).
        self.vocab_keys = sorted(vocab)

    def _flush(self, shard: dict[str, list[Any]]) -> None:
        number = len(self.starts) - 1
        self.files[f"p/{number}.js"] = script("p", number, shard)


def head_file(corpus: Corpus, shards: Shards) -> str:
    """``head.js``: what every search needs before its first shard (filters, alias
    groups, intents, crisis terms and lines, stopwords, where each shard starts)."""
    pages = corpus.pages
    categories = sorted({p.category for p in pages if p.category})
    tags = sorted({t for p in pages for t in p.tags})
    return script("head", "", {
        "version": 1,
        "sections": [len(p.text.sections) for p in pages],
        "categories": categories,
        "category": [categories.index(p.category) if p.category else -1 for p in pages],
        "tags": tags,
        # What the tag filter shows (registry.tag_label); the values stay the tags.
        "tagLabels": [corpus.tag_labels[t] for t in tags],
        "tag": [[tags.index(t) for t in p.tags] for p in pages],
        "shards": shards.starts,
        "vocab": shards.vocab_keys,
        "aliases": sorted(corpus.alias_groups),
        # [intent, pattern] for `query` rows; [intent, pattern, 1] for `ask` rows.
        "intents": [[intent, pattern(words), *([1] if where == "ask" else [])]
                    for intent, where, words in intents() if where in ("query", "ask")],
        "crisis": corpus.crisis,
        "stopwords": sorted(STOPWORDS),
        "chunk": CHUNK,
    })


def page_files(pages: list[Page]) -> Files:
    """``titles.js`` (every page's title and URL, for the search page's first results;
    their topics are in the head), ``t/<n>.js`` (one page's title and section anchors and
    headings) and ``d/<n>-<k>.js`` (the text of CHUNK sections, for snippets)."""
    files = {"titles.js": script("titles", "", [[p.title, p.url] for p in pages])}
    for number, page in enumerate(pages):
        sections = page.text.sections
        files[f"t/{number}.js"] = script("t", number, {
            "title": page.title, "url": page.url, "category": page.category,
            "sections": [[s.anchor, page.title if position == 0 else s.heading]
                         for position, s in enumerate(sections)]})
        for chunk in range(0, len(sections), CHUNK):
            files[f"d/{number}-{chunk // CHUNK}.js"] = script("d", f"{number}-{chunk // CHUNK}", {
                "description": page.description if chunk == 0 else "",
                "texts": [s.body for s in sections[chunk:chunk + CHUNK]]})
    return files


def stemmer_file() -> str:
    """``stemmer.js``: Sphinx's own Snowball English stemmer for the browser."""
    folder = Path(sphinx_search.__file__).parent / "minified-js"
    return "\n".join((
        (folder / "base-stemmer.js").read_text(encoding="utf-8"),
        (folder / "english-stemmer.js").read_text(encoding="utf-8"),
        '(self.hdsearch=self.hdsearch||[]).push(["stemmer","",EnglishStemmer]);\n'))


def index_files(corpus: Corpus, postings: Postings) -> Files:
    shards = Shards(postings, corpus.surface)
    return {**shards.files, "head.js": head_file(corpus, shards), **page_files(corpus.pages),
            "stemmer.js": stemmer_file()}
