"""Indexing, step 2 (score): each section's terms and how strongly they mark it.

A section's terms come from its fields: body text (and, for the page top, the
description, topic and tags) counted and weighted; names (title, aliases,
heading) and what the section answers (question intents, ``intents.tsv``) or
stands for (patients' words, ``vocabulary.tsv``) as fixed boosts. BM25 then
turns them into one quantised impact per (term, section): the postings.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .data import intents, lay_vocabulary
from .text import stem, stems, terms

if TYPE_CHECKING:
    from .corpus import AliasGroup, Corpus, Page

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
#: Intents are index terms that no typed word can produce.
INTENT_PREFIX = "~"

#: stem -> [(section number, impact), ...] in section order
Postings = dict[str, list[tuple[int, int]]]


@dataclass
class SectionTerms:
    """One section as BM25 sees it."""

    #: The page's number (its position in ``Corpus.pages``).
    doc: int
    #: stem -> weighted term frequency (0 for terms only its names or kinds give it)
    tf: dict[str, float]
    #: stem -> fixed amount added after saturation
    boost: dict[str, float]
    #: words in its text fields
    length: int


def lay_term(text: str) -> tuple[str, ...]:
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


class SectionKinds:
    """Which sections answer which question kinds, and which patients' words they stand for."""

    def __init__(self, alias_groups: set[AliasGroup]) -> None:
        self.heading: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self.body: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for intent, where, text in intents():
            if where in ("heading", "body") and stems(text):
                getattr(self, where)[intent].append(stems(text))
        equivalents: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
        for group in alias_groups:
            for phrase in group:
                equivalents[phrase].update(group)
        self.lay: list[tuple[tuple[str, ...], list[tuple[str, ...]], float]] = []
        for row in lay_vocabulary():
            target, term = stems(row.target), lay_term(row.term)
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
            for part in term:
                extra[part] = max(extra.get(part, 0.0), value)
        return extra


class TitleBoosts:
    """The boost of each title word: larger for short titles and for words few titles use.

    A word in many titles ("ketamine", "work" here) says less about each page than a word
    in one title, so the boost scales with the word's rarity among titles.
    """

    def __init__(self, titles: list[str]) -> None:
        self.average = sum(len(stems(t)) or 1 for t in titles) / max(1, len(titles))
        in_titles = Counter(s for t in titles for s in set(stems(t)))
        rarest = math.log(1 + len(titles) / 1.5)
        self.rarity = {s: math.log(1 + len(titles) / (n + 0.5)) / rarest for s, n in in_titles.items()}

    def __call__(self, title: str) -> dict[str, float]:
        boost = BOOSTS["title"] * min(TITLE_MAX, math.sqrt(self.average / (len(stems(title)) or 1)))
        return {s: boost * self.rarity[s] for _, s in terms(title)}


def page_sections(doc: int, page: Page, kinds: SectionKinds, titles: TitleBoosts) -> list[SectionTerms]:
    """The sections of one page; the first (the page top) also holds the page's own fields,
    from the article record rather than the page text."""
    result = []
    for position, section in enumerate(page.text.sections):
        tf = {s: count * WEIGHTS["body"] for s, count in section.body_stems.items()}
        boost = dict.fromkeys(section.heading_stems, BOOSTS["heading"])
        length = sum(section.body_stems.values())
        names = stems(section.heading)
        if position == 0:
            for name, value in (("description", page.description), ("tags", page.topics_text)):
                for _, s in terms(value):
                    tf[s] = tf.get(s, 0.0) + WEIGHTS[name]
                    length += 1
            for s, amount in titles(page.title).items():
                boost[s] = max(boost.get(s, 0.0), amount)
            for _, s in terms(page.alias_text):
                boost[s] = max(boost.get(s, 0.0), BOOSTS["alias"])
            names = stems(page.title) + stems(page.alias_text)
        for s, amount in kinds.boosts(names, set(tf)).items():
            boost[s] = max(boost.get(s, 0.0), amount)
        for s in boost:
            tf.setdefault(s, 0.0)
        result.append(SectionTerms(doc, tf, boost, length))
    return result


def bm25(sections: list[SectionTerms], page_weights: list[float]) -> Postings:
    """Impacts (BM25F with boosts, times 10, rounded, at least 1) per term and section.

    Sections are what search ranks, so a word's rarity is counted in sections: "work" is
    in most of them, "sertraline" in three. Smoothed, so a word everywhere still counts.
    """
    count = max(1, len(sections))
    sections_with: Counter[str] = Counter()
    for section in sections:
        sections_with.update(section.tf.keys())
    average = sum(section.length for section in sections) / max(1, len(sections)) or 1.0
    idf = {s: math.log(1 + (count + 1) / (n + 0.5)) for s, n in sections_with.items()}
    postings: Postings = defaultdict(list)
    for number, section in enumerate(sections):
        norm = K1 * (1 - B + B * section.length / average)
        page_weight = page_weights[section.doc]
        for s, weight in section.tf.items():
            saturated = weight * (K1 + 1) / (weight + norm)
            impact = round(page_weight * idf[s] * (saturated + section.boost.get(s, 0.0)) * 10)
            postings[s].append((number, impact if impact > 1 else 1))
    return postings


def score(corpus: Corpus) -> Postings:
    kinds = SectionKinds(corpus.alias_groups)
    titles = TitleBoosts([page.title for page in corpus.pages])
    sections = [section for doc, page in enumerate(corpus.pages)
                for section in page_sections(doc, page, kinds, titles)]
    weights = [1.0 if page.is_article else OTHER_PAGE_WEIGHT for page in corpus.pages]
    return bm25(sections, weights)
