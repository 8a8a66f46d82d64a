"""Build time: the sharded search index written next to the HTML.

Files (all under ``_static/hdsearch/``, each a script calling ``HDSearch.recv``
so they load from file:// as well as over HTTP):

- ``head.js``: sections per page, categories and tags per page (filters),
  alias groups from the glossary, stopwords, and the first stem of each shard.
- ``p/<n>.js``: a contiguous range of the sorted vocabulary with postings
  (section id deltas and quantised BM25F impacts) and the surface forms of
  each stem (for prefix matching while typing).
- ``v/<c>.js``: every stem and surface form starting with one character, only
  loaded for typo matching.
- ``d/<n>.js``: one page's title, URL, category, description and section
  texts, loaded for displayed results only (snippets never fetch pages).
- ``stemmer.js``: Sphinx's own Snowball English stemmer for the browser.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx import search as sphinx_search

from ..registry import articles, tag_label
from .collect import load_text, store
from .text import STOPWORDS, terms

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SEARCH_BUILDERS = frozenset({"html", "dirhtml"})
INDEX_DIR = "hdsearch"

#: Text fields: term frequencies weighted, then saturated (BM25).
WEIGHTS = {"description": 2.0, "tags": 2.0, "body": 1.0}
#: Name fields add a fixed amount each (times idf) when they hold the term, so
#: title >> aliases >> headings >> description >> body whatever the body length.
BOOSTS = {"title": 4.0, "alias": 3.0, "heading": 1.5}
K1, B = 1.2, 0.75
#: Pages that are not articles (home, glossary) rank below articles on equal terms.
OTHER_PAGE_WEIGHT = 0.6
#: A term's postings beyond this many sections keep only the strongest ones:
#: such a term is in most pages and barely separates them.
MAX_POSTINGS = 600
#: Raw characters per postings shard (~5-8 KB gzip).
SHARD_CHARS = 24000
MAX_VARIANTS = 4


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _script(kind: str, key: str | int, data: Any) -> str:
    return f"HDSearch.recv({_dumps(kind)},{_dumps(str(key))},{_dumps(data)});\n"


def index_files(app: Sphinx) -> dict[str, str]:
    """Relative path -> file text, for every index file."""
    env = app.env
    builder = app.builder
    records = store(env)
    registry = articles(env)
    docnames = sorted(d for d in records if d in env.all_docs)

    pages: list[dict[str, Any]] = []
    # One entry per section: (doc index, {stem: weighted tf}, {stem: boost}, text length)
    sections: list[tuple[int, dict[str, float], dict[str, float], int]] = []
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    alias_groups: set[tuple[tuple[str, ...], ...]] = set()

    for number, docname in enumerate(docnames):
        rec = records[docname]
        text = load_text(env.doctreedir, docname)
        article = registry.get(docname)
        title_node = env.titles.get(docname)
        title = article.title if article else (title_node.astext() if title_node else docname)
        description = article.description if article else ""
        category = article.category if article else ""
        tags = article.tags if article else ()
        for stem, words in text.surface.items():
            surface[stem].update(words)
        texts = []
        for position, section in enumerate(text.sections):
            tf: dict[str, float] = {stem: count * WEIGHTS["body"]
                                    for stem, count in section.body_stems.items()}
            boost = dict.fromkeys(section.heading_stems, BOOSTS["heading"])
            length = sum(section.body_stems.values())
            if position == 0:
                # The page's own fields: from the article record, not the page text.
                for name, value in (("description", description),
                                    ("tags", " ; ".join((category, *tags)))):
                    for word, stem in terms(value):
                        surface[stem][word] += 1
                        tf[stem] = tf.get(stem, 0.0) + WEIGHTS[name]
                        length += 1
                aliases = article.aliases if article else ()
                for name, value in (("title", title), ("alias", " ; ".join(aliases))):
                    for word, stem in terms(value):
                        surface[stem][word] += 1
                        boost[stem] = max(boost.get(stem, 0.0), BOOSTS[name])
            for stem in boost:
                tf.setdefault(stem, 0.0)
            sections.append((number, tf, boost, length))
            texts.append([section.anchor, title if position == 0 else section.heading,
                          section.body])
        for names in rec.glossary:
            phrases = {tuple(s for _, s in terms(name)) for name in names}
            phrases.discard(())
            if len(phrases) > 1:
                alias_groups.add(tuple(sorted(phrases)))
        pages.append({"docname": docname, "title": title, "description": description,
                      "category": category, "tags": tags, "weight": 1.0 if article else
                      OTHER_PAGE_WEIGHT, "sections": texts,
                      "url": builder.get_target_uri(docname)})

    count = max(1, len(pages))
    docs_with: dict[str, set[int]] = defaultdict(set)
    for doc, tf, _, _ in sections:
        for stem in tf:
            docs_with[stem].add(doc)
    average = sum(length for *_, length in sections) / max(1, len(sections)) or 1.0
    # A smoothed idf: on a small site even a word on every page still counts.
    idf = {stem: math.log(1 + (count + 1) / (len(docs) + 0.5)) for stem, docs in docs_with.items()}
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for sec, (doc, tf, boost, length) in enumerate(sections):
        norm = K1 * (1 - B + B * length / average)
        page_weight = pages[doc]["weight"]
        for stem, weight in tf.items():
            saturated = weight * (K1 + 1) / (weight + norm)
            impact = round(page_weight * idf[stem] * (saturated + boost.get(stem, 0.0)) * 10)
            postings[stem].append((sec, impact if impact > 1 else 1))

    files: dict[str, str] = {}
    shard_starts: list[str] = []
    shard: dict[str, list[Any]] = {}
    size = 0
    vocab: dict[str, list[list[Any]]] = defaultdict(list)

    def flush() -> None:
        files[f"p/{len(shard_starts) - 1}.js"] = _script("p", len(shard_starts) - 1, shard)

    for stem in sorted(postings):
        plist = postings[stem]
        if len(plist) > MAX_POSTINGS:
            plist = sorted(sorted(plist, key=lambda p: -p[1])[:MAX_POSTINGS])
        variants = "|".join(w for w, _ in sorted(surface[stem].items(), key=lambda i: (-i[1], i[0]))
                            if w != stem)
        variants = "|".join(variants.split("|")[:MAX_VARIANTS])
        entry: list[Any] = [variants]
        previous = 0
        for sec, impact in plist:
            entry += [sec - previous, impact]
            previous = sec
        entry_size = len(_dumps(entry)) + len(stem) + 4
        if not shard_starts or size + entry_size > SHARD_CHARS:
            if shard_starts:
                flush()
            shard_starts.append(stem)
            shard, size = {}, 0
        shard[stem] = entry
        size += entry_size
        vocab[stem[0]].append([stem, variants, len(plist)])
    if shard_starts:
        flush()
    for first, entries in vocab.items():
        files[f"v/{first}.js"] = _script("v", first, entries)

    categories = sorted({p["category"] for p in pages if p["category"]})
    tags = sorted({t for p in pages for t in p["tags"]})
    files["head.js"] = _script("head", "", {
        "version": 1,
        "sections": [len(p["sections"]) for p in pages],
        "categories": categories,
        "category": [categories.index(p["category"]) if p["category"] else -1 for p in pages],
        "tags": tags,
        # What the tag filter shows (listings.tag_label); the values stay the tags.
        "tagLabels": [tag_label(env.config, t) for t in tags],
        "tag": [[tags.index(t) for t in p["tags"]] for p in pages],
        "shards": shard_starts,
        "vocab": "".join(sorted(vocab)),
        "aliases": sorted(alias_groups),
        "stopwords": sorted(STOPWORDS),
    })
    for number, page in enumerate(pages):
        files[f"d/{number}.js"] = _script("d", number, {
            "title": page["title"], "url": page["url"], "category": page["category"],
            "description": page["description"], "sections": page["sections"]})
    stemmer = Path(sphinx_search.__file__).parent / "minified-js"
    files["stemmer.js"] = "\n".join((
        (stemmer / "base-stemmer.js").read_text(encoding="utf-8"),
        (stemmer / "english-stemmer.js").read_text(encoding="utf-8"),
        "HDSearch.recv(\"stemmer\",\"\",EnglishStemmer);\n"))
    return files


def _fingerprint(app: Sphinx) -> str:
    """Everything the index is made from: each page's last read, the builder, its settings."""
    data = [app.builder.name, getattr(app.builder, "config_hash", ""),
            sorted(app.env.all_docs.items())]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()


def write_index(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: bring the index up to date (a clean build writes the same files).

    Skipped when no page was read again and nothing else it depends on changed:
    at 1,000 articles writing it was most of a no-change rebuild. Otherwise only
    files whose text changed are written, so an edit leaves most shards (and
    readers' cached copies of them) untouched.
    """
    if exception is not None or app.builder.name not in SEARCH_BUILDERS:
        return
    target = Path(app.outdir) / "_static" / INDEX_DIR
    # Kept with the doctrees, not published: it holds read times, which differ per build.
    stamp = Path(app.doctreedir) / f"{INDEX_DIR}-{app.builder.name}.fingerprint"
    fingerprint = _fingerprint(app)
    if target.is_dir() and stamp.is_file() and stamp.read_text(encoding="utf-8") == fingerprint:
        return
    files = index_files(app)
    for path in sorted(target.rglob("*.js")) if target.is_dir() else ():
        if path.relative_to(target).as_posix() not in files:
            path.unlink()
    for relative, text in sorted(files.items()):
        path = target / relative
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    stamp.write_text(fingerprint, encoding="utf-8")
