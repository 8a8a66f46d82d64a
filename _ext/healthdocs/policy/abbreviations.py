"""``abbreviation``: every abbreviation an article uses is explained.

An abbreviation is a word with two or more capital letters ("TRD", "SSRIs"),
or with a capital after a small letter ("rTMS", "mRNA", "PGx"), or a
capitalised code with digits ("5-HT2A", "CYP2D6", "COVID-19"). Not
abbreviations, so never findings:

- country and region codes (US, USA, UK, EU, UN, UAE, NZ);
- Roman numerals ("bipolar II", "Phase III", "DSM-IV", "Schedule III"); "IV"
  alone is intravenous unless a word such as "type" or "phase" comes before;
- words written in capitals (keywords such as "text HOME to 741741",
  emphasis such as "DO NOT STOP"): an English word that is not read letter by
  letter (the CMU Pronouncing Dictionary that textstat, pinned, already loads);
- brand and formulation suffixes after a name ("Effexor XR", "Wellbutrin XL",
  "mirtazapine ODT", "Spravato CIII");
- units (mg, mL, mcg, kg, mmHg, IU, Hz) and AM/PM, OK, TV.

An abbreviation is explained by a glossary entry (any page's ``glossary``) or,
where ``healthdocs_abbreviations_in_article`` is on (the default), spelt out
in the article at or before its first use: "selective serotonin reuptake
inhibitors (SSRIs)" or "TRD (treatment-resistant depression)" (the long form
is matched letter by letter, Schwartz & Hearst 2003). Headings may use an
abbreviation before the text spells it out.

Read time collects each article's abbreviations; the check runs once all
pages are read (``env-check-consistency``), when every glossary is known.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from textstat.backend.utils._get_cmudict import get_cmudict

from .mention import _within
from ..settings import settings

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .context import Context
    from .prose import Block

RULE = "abbreviation"

COUNTRIES = frozenset({"US", "USA", "UK", "EU", "UN", "UAE", "NZ", "GB"})
UNITS = frozenset({"mg", "mL", "ml", "mcg", "µg", "ug", "kg", "g", "L", "dL", "mmHg", "IU", "mEq",
                   "mmol", "Hz", "kHz", "MHz", "mA", "mV", "ms", "mm", "cm", "km", "ng", "pg",
                   "nmol", "µmol", "kcal", "Gy", "mSv", "dB", "AM", "PM", "OK", "TV", "pH"})
SUFFIXES = frozenset({"XR", "ER", "SR", "CR", "XL", "ODT", "LA", "DR", "IR", "XT", "SA", "CD",
                      "HCL", "HCl", "CII", "CIII", "CIV", "CV", "DS", "EC", "ES", "MR", "PR", "SL"})
#: Words written in capitals that are not read letter by letter (2-3 letters: too
#: many short abbreviations are also words to leave this to the dictionary).
SHORT_WORDS = frozenset({
    "A", "AN", "AND", "ANY", "ALL", "ARE", "ASK", "AT", "BE", "BUT", "BY", "CAN", "DO", "DON'T",
    "FOR", "GET", "GO", "HAS", "HE", "HER", "HIM", "HIS", "HOW", "IF", "IN", "IS", "IT", "ITS",
    "ME", "MY", "NEW", "NO", "NOT", "NOW", "OF", "OFF", "ON", "ONE", "OR", "OUR", "OUT", "SEE",
    "SHE", "SO", "THE", "TO", "TRY", "TWO", "UP", "USE", "WAS", "WAY", "WE", "WHO", "WHY", "YES",
    "YOU", "ACT", "AID", "AGE", "AIR", "BAD", "BIG", "CUT", "DAY", "END", "EYE", "FAR", "FEW",
    "FUN", "GOT", "HOT", "LET", "LOW", "MAN", "MAY", "OLD", "OWN", "PAY", "PUT", "RUN", "SAY",
    "SET", "SIT", "TOP", "WAR", "YET", "HI", "OH", "AS",
})
#: Health abbreviations the dictionary pronounces as words: still abbreviations.
READ_AS_WORDS = frozenset({"GABA", "AIDS", "NAMI", "SAMHSA", "COVID", "HIPAA", "NICE", "SIDS",
                           "SARS", "MERS", "REMS", "AMPA", "NIDA", "NIAAA", "HEDIS", "CAPS", "MADRS",
                           "PHQ", "SAD", "MAOI", "DEA", "CMS"})
_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_ROMAN_CUE = re.compile(r"\b(?:type|phase|stage|class|schedule|grade|part|level|bipolar|category|"
                        r"step|tier|chapter|section|title|volume|war|trial|act|article|form|"
                        r"kind|book|appendix|henry|louis|pope|king|queen|edition|dsm)\W*$", re.IGNORECASE)
_TOKEN = re.compile(r"(?<![\w*])\w+(?:[-‐]\w+)*")
_HYPHEN = re.compile(r"[-‐]")
_WORDLIKE = re.compile(r"[a-z]{3,}")
_LAST_WORD = re.compile(r"([\w’']+)\W*$")
_PARENTHESIS = re.compile(r"\(([^()]{1,120})\)")
_SPELT_AS = re.compile(r"(?:a|an|the|short\s+for|stands\s+for|also\s+called|which\s+is|meaning)\b",
                       re.IGNORECASE)
_STANDS_FOR = re.compile(r"([\w-]+)(?:,\s*|\s+)(?:which\s+)?(?:stands|is\s+short)\s+for\b")
_STOP = frozenset({"the", "a", "an", "to", "in", "at", "of", "for", "your", "this", "that", "and",
                   "or", "with", "from", "on", "by", "as", "into", "our", "their", "his", "her",
                   "is", "are", "was", "were", "be", "see", "call", "go", "visit", "any"})


def _is_abbreviation_part(part: str) -> bool:
    core = part[:-1] if part.endswith("s") and sum(c.isupper() for c in part[:-1]) >= 2 else part
    if _WORDLIKE.search(core):
        return False
    uppers = sum(c.isupper() for c in core)
    lowers = sum(c.islower() for c in core)
    mixed = any(c.isupper() for c in core[1:]) and lowers > 0
    # "iPad", "eBay": one capital among small letters is a brand, not an abbreviation.
    return uppers >= 2 or (mixed and uppers >= 1 and lowers <= 1)


def candidates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, abbreviation) in ``text``: plural "s" dropped ("SSRIs" -> "SSRI");
    codes keep their numbers and letters ("5-HT2A", "COVID-19", "ELEKT-D")."""
    found = []
    for token in _TOKEN.finditer(text):
        at = token.start()
        found += [(at + start, at + end, word) for start, end, word in _in_token(token.group(0))]
    return found


@lru_cache(maxsize=65536)
def _in_token(token: str) -> tuple[tuple[int, int, str], ...]:
    """:func:`candidates` of one token, offsets from its start (cached: the same words
    come back in every article)."""
    parts = _HYPHEN.split(token)
    starts, at = [], 0
    for part in parts:
        starts.append(at)
        at += len(part) + 1
    runs: list[list[int]] = []
    for index, part in enumerate(parts):
        if _is_abbreviation_part(part):
            if runs and runs[-1][-1] == index - 1:
                runs[-1].append(index)
            else:
                runs.append([index])
        elif runs and runs[-1][-1] == index - 1 and (part.isdigit() or
                                                     (len(part) == 1 and part.isupper())):
            runs[-1].append(index)
    found = []
    for run in runs:
        first = run[0]
        if first > 0 and parts[first - 1].isdigit():
            run.insert(0, first - 1)
        word = "-".join(parts[i] for i in run)
        end = starts[run[-1]] + len(parts[run[-1]])
        last = parts[run[-1]]
        if last.endswith("s") and sum(c.isupper() for c in last[:-1]) >= 2:
            word = word[:-1]
        found.append((starts[run[0]], end, word))
    return tuple(found)


def _skipped(text: str, start: int, word: str) -> bool:
    core = word.split("-")[0]
    before = text[:start]
    previous = _LAST_WORD.search(before)
    prev_word = previous.group(1) if previous else ""
    if word in COUNTRIES or word in UNITS or core in UNITS:
        return True
    if word in SUFFIXES and prev_word and prev_word.lower() not in _STOP \
            and not prev_word.isdigit():
        return True
    if _ROMAN.match(word):
        if set(word) <= set("IVX") and word != "IV":
            return True
        if _ROMAN_CUE.search(before[-20:]) or before.endswith("-"):
            return True
    if core.isupper() and core.isalpha():
        if core in SHORT_WORDS:
            return True
        if len(core) >= 4 and core not in READ_AS_WORDS and _read_as_word(core.lower()):
            return True
    return False


def _dictionary() -> dict[str, list[list[str]]]:
    """The CMU dictionary textstat has already loaded to count syllables (its cached
    copy: parsing the dictionary again would cost about a second a build)."""
    return get_cmudict("en_US") or {}  # the language textstat counts syllables in


#: How each letter's name is said (ARPAbet, as in the dictionary, without stress marks).
_LETTERS = dict(zip("abcdefghijklmnopqrstuvwxyz", (
    "EY", "B IY", "S IY", "D IY", "IY", "EH F", "JH IY", "EY CH", "AY", "JH EY", "K EY", "EH L",
    "EH M", "EH N", "OW", "P IY", "K Y UW", "AA R", "EH S", "T IY", "Y UW", "V IY",
    "D AH B AH L Y UW", "EH K S", "W AY", "Z IY"), strict=True))


@lru_cache(maxsize=4096)
def _read_as_word(word: str) -> bool:
    """An English word ("home", "stop"), not letters spelt out ("ptsd", "adhd")."""
    entries = _dictionary()
    if word not in entries or not word.isalpha():
        return False
    spelled = tuple(" ".join(_LETTERS[c] for c in word).split())
    return all(tuple(re.sub(r"\d", "", p) for p in pron) != spelled for pron in entries[word])


def schwartz_hearst(short: str, long: str) -> int:
    """Where the spelled-out form of ``short`` starts in ``long`` (each of its
    letters in order, the first one starting a word), or -1."""
    s = [c for c in short.lower() if c.isalnum()]
    text = long.lower()
    index = len(text) - 1
    for position in range(len(s) - 1, -1, -1):
        char = s[position]
        while index >= 0 and (text[index] != char or
                              (position == 0 and index > 0 and text[index - 1].isalnum())):
            index -= 1
        if index < 0:
            return -1
        index -= 1
    return index + 1


def _definitions(block: Block, in_text: list[tuple[int, int, str]]) -> dict[str, int]:
    """Abbreviations the block spells out ('long form (ABBR)' or 'ABBR (long form)'), and where
    (``in_text``: the block's :func:`candidates`)."""
    found: dict[str, int] = {}
    text = block.text
    for paren in _PARENTHESIS.finditer(text):
        inner = paren.group(1).strip()
        inner_abbr = candidates(inner)
        if len(inner_abbr) == 1 and inner_abbr[0][1] - inner_abbr[0][0] >= len(inner.rstrip("s")) - 1:
            short = inner_abbr[0][2]
            words = text[:paren.start()].split()
            long = " ".join(words[-min(len(short) + 5, 2 * len(short) + 1):])
            at = schwartz_hearst(short, long)
            if at >= 0:
                found.setdefault(short, text.rfind(long, 0, paren.start()) + at)
            continue
        # The candidates before "(" are those of the text up to it: no word runs into "(".
        before = [c for c in in_text if paren.start() - 2 <= c[1] <= paren.start()]
        if before and len(inner.split()) >= 2:
            short = before[-1][2]
            if schwartz_hearst(short, inner) >= 0 or _SPELT_AS.match(inner):
                found.setdefault(short, before[-1][0])
    for match in _STANDS_FOR.finditer(text):
        for _, _, short in candidates(match.group(1)):
            found.setdefault(short, match.start())
    return found


def collect(ctx: Context) -> tuple[tuple[str, int, int], ...]:
    """(abbreviation, line of first use, 1 if spelt out at or before it) for the article."""
    first: dict[str, tuple[tuple[int, int], Block, int, int]] = {}
    heading_only: dict[str, tuple[Block, int, int]] = {}
    defined_at: dict[str, tuple[int, int]] = {}
    for block in ctx.blocks:
        in_text = candidates(block.text)
        if block.kind != "title":
            for short, offset in _definitions(block, in_text).items():
                defined_at.setdefault(short, (block.order, offset))
        for start, end, word in in_text:
            if _within(block.code, start, end) or _within(block.urls, start, end) \
                    or _skipped(block.text, start, word):
                continue
            if block.kind == "title":
                heading_only.setdefault(word, (block, start, end))
            elif word not in first:
                first[word] = ((block.order, start), block, start, end)
    result = []
    for word in sorted(set(first) | set(heading_only)):
        if word in first:
            order, block, start, end = first[word]
        else:
            block, start, end = heading_only[word]
            order = (10 ** 9, 0)
        spelt = word in defined_at and defined_at[word] <= order
        result.append((word, ctx.line_of(block, (start, end)), int(spelt)))
    return tuple(result)


def known(terms: frozenset[str] | set[str]) -> frozenset[str]:
    """Abbreviations the site's glossary terms explain (the words of every term)."""
    names = set()
    for name in terms:
        for _, _, word in candidates(name):
            names.add(word)
            names.add(word.split("-")[0])
    return frozenset(names)


def findings(env: BuildEnvironment, collected: tuple[tuple[str, int, int], ...],
             glossary: frozenset[str]) -> list[tuple[int, str]]:
    """The collected abbreviations that neither the article nor ``glossary`` (from
    :func:`known`) explains."""
    in_article = bool(settings(env.config).abbreviations_in_article)
    result = []
    for word, line, spelt in collected:
        # A code is explained by its family's entry: "CYP2D6" by "CYP", "IL-6" by "IL".
        family = re.match(r"[A-Za-z]+", word.split("-")[0])
        if word in glossary or word.split("-")[0] in glossary or (in_article and spelt) or \
                (family and family.group(0) != word and family.group(0) in glossary):
            continue
        how = ("spell it out at its first use, e.g. 'full name (" + word + ")', or add"
               if in_article else "add")
        result.append((line, f"abbreviation {word!r} is not explained: {how} a glossary entry "
                             f"'{word}' with its full name and a plain definition"))
    return result
