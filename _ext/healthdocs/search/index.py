"""Build time: the sharded search index written next to the HTML.

Files (all under ``_static/hdsearch/``, each a script that pushes its data onto
``self.hdsearch``, so they load from file:// as well as over HTTP, and in any
order relative to the client, which lets a page start every download at once):

- ``head.js``: sections per page, categories and tags per page (filters),
  alias groups from the glossary, question intents, crisis terms and the
  site region's crisis lines, stopwords, and the first stem of each shard.
- ``p/<n>.js``: a contiguous range of the sorted vocabulary with postings
  (section id deltas and quantised BM25F impacts) and the surface forms of
  each stem (for prefix matching while typing).
- ``v/<c><n>.js``: every stem of length n starting with character c, with its
  surface forms, only loaded for typo matching.
- ``titles.js``: every page's title, URL and topic, for the search page, so its
  first results show as soon as they are ranked.
- ``t/<n>.js``: one page's title, URL, topic and section anchors and headings,
  so results show (with their deep links) before their snippets.
- ``d/<n>-<k>.js``: the text of sections 2k and 2k+1 of page n (and, for k=0,
  its description), loaded for the snippets of displayed results only
  (snippets never fetch pages).
- ``stemmer.js``: Sphinx's own Snowball English stemmer for the browser.

Patients' words (``vocabulary.tsv``) are added to the sections that use the
term they stand for ("zoloft" where a section says "sertraline"), and sections
that answer a kind of question (``intents.tsv``) get that intent as a term, so
typo, prefix and deep-link handling apply to them like to any word.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx import search as sphinx_search

from ..registry import SITE_BUILDERS, articles, tag_label
from ..settings import settings
from .collect import load_text, store
from .data import crisis_phrase, crisis_terms, intents, lay_vocabulary, pattern
from .text import STOPWORDS, stem, terms

if TYPE_CHECKING:
    from sphinx.application import Sphinx

INDEX_DIR = "hdsearch"

#: Text fields: term frequencies weighted, then saturated (BM25).
WEIGHTS = {"description": 2.0, "tags": 2.0, "body": 1.0}
#: Name fields add a fixed amount each (times idf) when they hold the term, so
#: title >> aliases >> headings >> description >> body whatever the body length.
#: A title's boost grows as the title gets shorter than average (up to TITLE_MAX
#: times): a page whose whole title is "Ketamine for depression" is more about
#: ketamine than one that mentions it among seven title words.
BOOSTS = {"title": 4.0, "alias": 3.0, "heading": 1.5, "intent": 1.5, "intent-body": 0.6,
          "lay": 1.2, "lay-body": 0.6}
TITLE_MAX = 1.25
#: Patients' words that name the same thing count fully; a class or wider name less.
LAY_KINDS = {"class": 0.6, "broader": 0.6}
K1, B = 1.2, 0.75
#: Pages that are not articles (home, glossary) rank below articles on equal terms.
OTHER_PAGE_WEIGHT = 0.6
#: A term's postings beyond this many sections keep only the strongest ones:
#: such a term is in most pages and barely separates them.
MAX_POSTINGS = 600
#: Raw characters per postings shard (~2.5 KB gzip): a keystroke fetches at most two.
SHARD_CHARS = 8000
MAX_VARIANTS = 4
#: Sections per snippet file: a result needs the text of one section, not its whole page.
CHUNK = 2
#: Intents are index terms that no typed word can produce.
INTENT_PREFIX = "~"


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _script(kind: str, key: str | int, data: Any) -> str:
    return f"(self.hdsearch=self.hdsearch||[]).push([{_dumps(kind)},{_dumps(str(key))},{_dumps(data)}]);\n"


def _stems(text: str) -> tuple[str, ...]:
    return tuple(s for _, s in terms(text))


def _lay_term(text: str) -> tuple[str, ...]:
    """A patients' word as index terms: a phrase becomes one joined term ("shock treatment"
    -> stem of "shocktreatment"), which the client also forms from the words typed, so
    "shock" alone does not pull in every page "shell shock" stands for."""
    found = [w for w, _ in terms(text)]
    if len(found) > 1:
        found = ["".join(found)]
    return tuple(stem(w) for w in found)


def _contains(sequence: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(sequence[i:i + size] == phrase for i in range(len(sequence) - size + 1))


class _Sections:
    """Which sections answer which question kinds, and which patients' words they stand for."""

    def __init__(self, alias_groups: set[tuple[tuple[str, ...], ...]]) -> None:
        self.heading: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self.body: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for intent, where, text in intents():
            if where in ("heading", "body") and _stems(text):
                getattr(self, where)[intent].append(_stems(text))
        equivalents: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
        for group in alias_groups:
            for phrase in group:
                equivalents[phrase].update(group)
        self.lay: list[tuple[tuple[str, ...], list[tuple[str, ...]], float]] = []
        for row in lay_vocabulary():
            target, term = _stems(row.target), _lay_term(row.term)
            if term and target and term != target:
                self.lay.append((term, sorted({target} | equivalents[target]), LAY_KINDS.get(row.kind, 1.0)))

    def boosts(self, names: tuple[str, ...], body: set[str]) -> dict[str, float]:
        """Extra terms of a section from its name (heading or title, aliases) and body stems."""
        extra: dict[str, float] = {}
        named = set(names)
        for intent, phrases in sorted(self.heading.items()):
            if any(_contains(names, p) for p in phrases):
                extra[INTENT_PREFIX + intent] = BOOSTS["intent"]
        for intent, phrases in sorted(self.body.items()):
            if INTENT_PREFIX + intent not in extra and any(set(p) <= body for p in phrases):
                extra[INTENT_PREFIX + intent] = BOOSTS["intent-body"]
        for term, targets, weight in self.lay:
            if any(set(t) <= named for t in targets):
                value = BOOSTS["lay"] * weight
            elif any(set(t) <= body for t in targets):
                value = BOOSTS["lay-body"] * weight
            else:
                continue
            for stem in term:
                extra[stem] = max(extra.get(stem, 0.0), value)
        return extra


def index_files(app: Sphinx) -> dict[str, str]:
    """Relative path -> file text, for every index file."""
    env = app.env
    builder = app.builder
    records = store(env)
    registry = articles(env)
    docnames = sorted(d for d in records if d in env.all_docs)

    # Glossary entries first: the patients' words of a term apply to its equivalents too.
    alias_groups: set[tuple[tuple[str, ...], ...]] = set()
    for docname in docnames:
        for names in records[docname].glossary:
            phrases = {_stems(name) for name in names}
            phrases.discard(())
            if len(phrases) > 1:
                alias_groups.add(tuple(sorted(phrases)))
    kinds = _Sections(alias_groups)

    pages: list[dict[str, Any]] = []
    # One entry per section: (doc index, {stem: weighted tf}, {stem: boost}, text length)
    sections: list[tuple[int, dict[str, float], dict[str, float], int]] = []
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    titles = {docname: _title(env, registry, docname) for docname in docnames}
    average_title = sum(len(_stems(t)) or 1 for t in titles.values()) / max(1, len(titles))
    # A word in many titles ("ketamine", "work" here) says less about each page than a word
    # in one title: the title boost scales with the word's rarity among titles.
    in_titles = Counter(stem for t in titles.values() for stem in set(_stems(t)))
    rarest = math.log(1 + len(titles) / 1.5)
    title_rarity = {stem: math.log(1 + len(titles) / (n + 0.5)) / rarest for stem, n in in_titles.items()}

    for number, docname in enumerate(docnames):
        text = load_text(env.doctreedir, docname)
        article = registry.get(docname)
        title = titles[docname]
        aliases = " ; ".join(article.aliases if article else ())
        description = article.description if article else ""
        category = article.category if article else ""
        tags = article.tags if article else ()
        for stem, words in text.surface.items():
            surface[stem].update(words)
        title_boost = BOOSTS["title"] * min(TITLE_MAX, math.sqrt(average_title / (len(_stems(title)) or 1)))
        texts = []
        for position, section in enumerate(text.sections):
            tf: dict[str, float] = {stem: count * WEIGHTS["body"]
                                    for stem, count in section.body_stems.items()}
            boost = dict.fromkeys(section.heading_stems, BOOSTS["heading"])
            length = sum(section.body_stems.values())
            names = _stems(section.heading)
            if position == 0:
                # The page's own fields: from the article record, not the page text.
                for name, value in (("description", description),
                                    ("tags", " ; ".join((category, *tags)))):
                    for word, stem in terms(value):
                        surface[stem][word] += 1
                        tf[stem] = tf.get(stem, 0.0) + WEIGHTS[name]
                        length += 1
                for value, amount in ((title, title_boost), (aliases, BOOSTS["alias"])):
                    for word, stem in terms(value):
                        surface[stem][word] += 1
                        if value is title:
                            amount = title_boost * title_rarity[stem]
                        boost[stem] = max(boost.get(stem, 0.0), amount)
                names = _stems(title) + _stems(aliases)
            for stem, amount in kinds.boosts(names, set(tf)).items():
                boost[stem] = max(boost.get(stem, 0.0), amount)
            for stem in boost:
                tf.setdefault(stem, 0.0)
            sections.append((number, tf, boost, length))
            texts.append([section.anchor, title if position == 0 else section.heading,
                          section.body])
        pages.append({"docname": docname, "title": title, "description": description,
                      "category": category, "tags": tags, "weight": 1.0 if article else
                      OTHER_PAGE_WEIGHT, "sections": texts,
                      "url": builder.get_target_uri(docname)})

    # Sections are what search ranks, so a word's rarity is counted in sections: "work" is
    # in most of them, "sertraline" in three. Smoothed, so a word everywhere still counts.
    count = max(1, len(sections))
    sections_with: Counter[str] = Counter()
    for _, tf, _, _ in sections:
        sections_with.update(tf.keys())
    average = sum(length for *_, length in sections) / max(1, len(sections)) or 1.0
    idf = {stem: math.log(1 + (count + 1) / (n + 0.5)) for stem, n in sections_with.items()}
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
        if not stem.startswith(INTENT_PREFIX):
            vocab[f"{stem[0]}{len(stem)}"].append([stem, variants, len(plist)])
    if shard_starts:
        flush()
    for key, entries in vocab.items():
        files[f"v/{key}.js"] = _script("v", key, entries)

    categories = sorted({p["category"] for p in pages if p["category"]})
    tags = sorted({t for p in pages for t in p["tags"]})
    files["head.js"] = _script("head", "", {
        "version": 1,
        "sections": [len(p["sections"]) for p in pages],
        "categories": categories,
        "category": [categories.index(p["category"]) if p["category"] else -1 for p in pages],
        "tags": tags,
        # What the tag filter shows (registry.tag_label); the values stay the tags.
        "tagLabels": [tag_label(env.config, t) for t in tags],
        "tag": [[tags.index(t) for t in p["tags"]] for p in pages],
        "shards": shard_starts,
        "vocab": sorted(vocab),
        "aliases": sorted(alias_groups),
        "intents": [[intent, pattern(words)] for intent, where, words in intents() if where == "query"],
        "crisis": _crisis(app),
        "stopwords": sorted(STOPWORDS),
        "chunk": CHUNK,
    })
    # Every page's title and address, for the search page only: its first results show
    # without waiting for their title files (which then add the section and its link).
    files["titles.js"] = _script("titles", "", [[p["title"], p["url"], p["category"]] for p in pages])
    for number, page in enumerate(pages):
        files[f"t/{number}.js"] = _script("t", number, {
            "title": page["title"], "url": page["url"], "category": page["category"],
            "sections": [sec[:2] for sec in page["sections"]]})
        texts = [sec[2] for sec in page["sections"]]
        for chunk in range(0, len(texts), CHUNK):
            files[f"d/{number}-{chunk // CHUNK}.js"] = _script("d", f"{number}-{chunk // CHUNK}", {
                "description": page["description"] if chunk == 0 else "",
                "texts": texts[chunk:chunk + CHUNK]})
    stemmer = Path(sphinx_search.__file__).parent / "minified-js"
    files["stemmer.js"] = "\n".join((
        (stemmer / "base-stemmer.js").read_text(encoding="utf-8"),
        (stemmer / "english-stemmer.js").read_text(encoding="utf-8"),
        '(self.hdsearch=self.hdsearch||[]).push(["stemmer","",EnglishStemmer]);\n'))
    return files


def _title(env, articles, docname: str) -> str:
    article = articles.get(docname)
    if article:
        return article.title
    node = env.titles.get(docname)
    return node.astext() if node else docname


def _crisis(app: Sphinx) -> dict[str, Any]:
    """Crisis terms as the client matches them, and the site region's lines (as on its banner)."""
    parsed = settings(app.config)
    region = parsed.crisis_resources[parsed.crisis_region]
    return {
        "terms": [[mode, crisis_phrase(phrase)] for phrase, mode in crisis_terms(app.config)],
        "title": region.title,
        "intro": region.intro,
        "resources": [{"name": r.name, "note": r.note,
                       "actions": [[a.label, a.url] for a in r.actions]} for r in region.resources],
    }


def _fingerprint(app: Sphinx) -> str:
    """Everything the index is made from: each page's last read, the builder, its settings,
    and the code and data files that shape it (an upgrade rewrites the index)."""
    here = Path(__file__).parent
    code = [hashlib.sha256((here / name).read_bytes()).hexdigest()
            for name in ("index.py", "text.py", "vocabulary.tsv", "intents.tsv", "crisis.tsv")]
    data = [app.builder.name, getattr(app.builder, "config_hash", ""),
            sorted(app.env.all_docs.items()), code]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()


def _up_to_date(app: Sphinx) -> tuple[Path, Path, str, bool]:
    target = Path(app.outdir) / "_static" / INDEX_DIR
    # Kept with the doctrees, not published: it holds read times, which differ per build.
    stamp = Path(app.doctreedir) / f"{INDEX_DIR}-{app.builder.name}.fingerprint"
    fingerprint = _fingerprint(app)
    fresh = target.is_dir() and stamp.is_file() and stamp.read_text(encoding="utf-8") == fingerprint
    return target, stamp, fingerprint, fresh


def shard_starts(app: Sphinx) -> list[str]:
    """The first stem of each postings shard, for the search page to fetch the shards a
    query needs before the client runs. Computes the index now (``write_index`` then
    writes it) unless the one on disk is up to date."""
    target, _, _, fresh = _up_to_date(app)
    if fresh and (target / "head.js").is_file():
        head = (target / "head.js").read_text(encoding="utf-8")
    else:
        app._hdsearch_files = index_files(app)  # type: ignore[attr-defined]
        head = app._hdsearch_files["head.js"]  # type: ignore[attr-defined]
    return json.loads(head[head.index("{"):head.rindex("]);")])["shards"]


def write_index(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: bring the index up to date (a clean build writes the same files).

    Skipped when no page was read again and nothing else it depends on changed:
    at 1,000 articles writing it was most of a no-change rebuild. Otherwise only
    files whose text changed are written, so an edit leaves most shards (and
    readers' cached copies of them) untouched.
    """
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    files = getattr(app, "_hdsearch_files", None)
    app._hdsearch_files = None  # type: ignore[attr-defined]
    target, stamp, fingerprint, fresh = _up_to_date(app)
    if fresh and files is None:
        return
    files = files or index_files(app)
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
