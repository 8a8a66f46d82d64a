"""``regulatory``: what an article says about FDA approval matches the registry.

Three findings, from the rows in ``registry`` (built in, plus ``conf.py``):

- an approval claim broader than the approval: "Spravato is FDA-approved for
  depression" (it is approved for treatment-resistant depression, and for
  depression with acute suicidal thoughts), "ketamine is approved for
  depression" (it is approved as an anesthetic), any approval claim for a
  product that is not approved;
- a product whose approval was withdrawn, presented as available without
  saying it was withdrawn;
- an off-label use offered ("ketamine infusions for depression") with no
  "off-label" / "not FDA approved for this" in the same paragraph (a list
  and the paragraph introducing it count as one).

Denied or hedged claims ("is not FDA approved for depression"), other
countries' regulators, research sentences ("in a trial ...") and mentions
(quoted, reported, questions) are not findings.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .mention import is_mention
from .prose import fold, phrase_pattern, sentence_spans
from .products import name_pattern

if TYPE_CHECKING:
    from .context import Context
    from .prose import Block
    from .products import Product

RULE = "regulatory"

APPROVAL = re.compile(
    r"\b(?:FDA|U\.?S\.?\s+Food\s+and\s+Drug\s+Administration|Food\s+and\s+Drug\s+Administration)"
    r"(?:\s*\(FDA\))?[\s\-–]*(?:has\s+|have\s+|had\s+|first\s+)?(?:approv\w*|clear(?:ed|ance|s)?|authori[sz]\w*)"
    r"|\b(?:approved|cleared|authori[sz]ed)\s+(?:by|from)\s+the\s+(?:U\.?\s?S\.?\s+)?(?:FDA|Food\s+and\s+Drug\s+Administration)"
    r"|\b(?:is|are|was|were|been|being|got|gained|received|won|has|have|had|its|their|an?|the|first)\s+"
    r"(?:\w+\s+)?(?:approved|approval|clearance|cleared)\b"
    r"|\bapproved\s+(?:for|to\s+treat|as|in\s+(?:the\s+)?U\.?\s?S)",
    re.IGNORECASE)
_NOT_US = re.compile(r"\b(?:MHRA|EMA|EU|TGA|NICE|UK|(?i:European|Europe|Health\s+Canada|Britain|"
                     r"Australia\w*|Canad\w*|Japan\w*|China|Chinese|insurance|insurer\w*|"
                     r"prior\s+(?:authori[sz]ation|approval)|pre-?approv\w*|coverage|covered|"
                     r"approved\s+(?:clinics?|providers?|centers?|centres?|settings?)))\b")
_DENIED = re.compile(r"\b(?:not|never|no|nor|without|un-?approved|neither|yet\s+to|isn['’]t|aren['’]t|"
                     r"wasn['’]t|hasn['’]t|haven['’]t|hadn['’]t|doesn['’]t|lacks?)\b|off[\s-]label",
                     re.IGNORECASE)
_CLAUSES = re.compile(r";|,?\s+\b(?:but|whereas|while|although|though|however|yet)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"^\W*(?:it|this\s+(?:drug|medicine|medication|spray|treatment|device|therapy|"
                      r"product|form)|the\s+(?:drug|medicine|medication|spray|nasal\s+spray|device|"
                      r"treatment|therapy))\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|were|had|used\s+to|formerly|once|previously|until|(?:19|20)\d\d)\b",
                   re.IGNORECASE)
_WITHDRAWN = re.compile(r"\b(?:withdr[ae]wn?|withdrawal\s+of\s+(?:its\s+)?approval|no\s+longer|"
                        r"discontinued|removed\s+from|pulled\s+from|taken\s+off|off\s+the\s+market|"
                        r"revoked|recalled|stopped\s+selling|not\s+(?:available|sold|marketed))\b",
                        re.IGNORECASE)
_DISCLOSED = re.compile(
    r"off[\s-]label|not\s+(?:been\s+)?(?:FDA[\s-]+)?(?:approved|cleared|licensed|labell?ed)|"
    r"(?:isn['’]t|aren['’]t|hasn['’]t\s+been|haven['’]t\s+been)\s+(?:FDA[\s-]+)?approved|"
    r"FDA\s+(?:has|have)\s+not\s+approved|FDA\s+hasn['’]t\s+approved|unapproved|"
    r"without\s+FDA\s+approval|not\s+an?\s+(?:FDA[\s-]+)?approved|outside\s+(?:its|the|their)\s+"
    r"(?:approved|label)", re.IGNORECASE)
_USE = re.compile(r"\b(?:for|to\s+treat|treat\w*|help\w*|eas\w+|reliev\w*|therap\w*|infusions?|"
                  r"options?|offer\w*|prescrib\w*|used?|uses|using|works?|manag\w*|against|"
                  r"injections?|sessions?|clinics?|programs?|providers?)\b", re.IGNORECASE)
_RESEARCH = re.compile(r"\b(?:stud(?:y|ies|ied|ying)|trials?|research\w*|scientists|investigat\w*|"
                       r"experiment\w*|evidence|data|meta-?analys\w*|reviews?|tested|experts?|"
                       r"shown|colleagues|et\s+al|participants|placebo|dummy)\b", re.IGNORECASE)

#: Conditions an approval claim may name, by family: a broader word is excused
#: when the same clause also names an approved use of the same family
#: ("depression in adults with suicidal thoughts").
CONDITIONS: dict[str, tuple[str, ...]] = {
    "depression": ("depression", "depressive disorder", "depressive disorders", "depressive symptoms",
                   "depressive episodes", "major depression", "major depressive disorder", "MDD",
                   "clinical depression", "treatment-resistant depression", "treatment resistant depression",
                   "TRD", "hard-to-treat depression", "difficult-to-treat depression",
                   "resistant depression", "bipolar depression", "postpartum depression",
                   "severe depression", "severe major depressive episode", "severe depressive episode",
                   "suicidal thoughts", "suicidal ideation", "suicidal thinking", "suicidal behavior",
                   "suicidal behaviour", "thoughts of suicide", "seasonal affective disorder",
                   "mood disorders", "low mood"),
    "anxiety": ("anxiety", "anxiety disorders", "anxiety disorder", "generalized anxiety disorder",
                "generalised anxiety disorder", "GAD", "social anxiety disorder", "social anxiety",
                "social phobia", "panic disorder", "panic attacks", "phobias"),
    "trauma": ("PTSD", "post-traumatic stress disorder", "posttraumatic stress disorder", "trauma"),
    "ocd": ("OCD", "obsessive-compulsive disorder", "obsessive compulsive disorder"),
    "pain": ("pain", "chronic pain", "nerve pain", "neuropathic pain", "fibromyalgia", "migraine",
             "migraines"),
    "anesthesia": ("anesthesia", "anaesthesia", "anesthetic", "anaesthetic", "general anesthetic",
                   "general anaesthetic", "surgery", "surgical", "procedures", "operations"),
    "mental": ("mental health conditions", "mental health problems", "mental illness",
               "mental illnesses", "psychiatric disorders", "psychiatric conditions"),
    "sleep": ("insomnia", "sleep problems"),
    "substance": ("addiction", "alcohol use disorder", "alcoholism", "opioid use disorder",
                  "substance use disorder", "smoking", "quitting smoking"),
    "eating": ("bulimia", "bulimia nervosa", "binge eating", "anorexia", "eating disorders"),
    "bipolar": ("bipolar disorder", "mania"),
    "catatonia": ("catatonia",),
    "pmdd": ("premenstrual dysphoric disorder", "PMDD"),
}
_FAMILY = {fold(term): family for family, terms in CONDITIONS.items() for term in terms}
_CONDITION = phrase_pattern(tuple(_FAMILY))


def check(ctx: Context) -> list[tuple[int, str]]:
    pattern, by_name = name_pattern(ctx.config)
    findings: list[tuple[int, str]] = []
    last: Product | None = None
    disclosed_groups = {b.group for b in ctx.blocks if _DISCLOSED.search(b.text)}
    withdrawn_groups = {b.group for b in ctx.blocks if _WITHDRAWN.search(b.text)}
    # A paragraph (or list) reporting research describes a study, it does not offer a treatment.
    research_groups = {b.group for b in ctx.blocks if _RESEARCH.search(b.text)}
    offered: set[tuple[int, str]] = set()
    for block in ctx.blocks:
        # A block that names no product and says nothing of approval has no finding
        # (its sentences' matches would be the block's: they end at spaces).
        if not pattern.search(block.text) and not APPROVAL.search(block.text):
            continue
        for start, end in sentence_spans(block.text):
            names = [(m.start(), m.end(), by_name[fold(m.group(0))])
                     for m in pattern.finditer(block.text, start, end)]
            names = [n for n in names if not is_mention(block, n[0], n[1])]
            claimed = _approval(ctx, block, start, end, names, last, disclosed_groups)
            findings += claimed
            if not claimed and block.kind != "title":
                findings += _withdrawn(ctx, block, start, end, names, withdrawn_groups)
                findings += _off_label(ctx, block, start, end, names, disclosed_groups,
                                       research_groups, offered)
            if names:
                last = names[-1][2]
    return findings


def _approval(ctx: Context, block: Block, start: int, end: int, names: list[tuple[int, int, Product]],
              last: Product | None, disclosed: set[int]) -> list[tuple[int, str]]:
    sentence = block.text[start:end]
    if _NOT_US.search(sentence):
        return []
    found = []
    for match in APPROVAL.finditer(sentence):
        begin, finish = start + match.start(), start + match.end()
        if is_mention(block, begin, finish, claim=True):
            continue
        clause = _clause(block.text, start, end, begin)
        before = block.text[clause[0]:begin]
        after = block.text[finish:clause[1]]
        if _DENIED.search(" ".join(before.split()[-6:])) or _DENIED.search(match.group(0)) \
                or _DENIED.search(" ".join(after.split()[:3])) \
                or re.search(r"off[\s-]label", block.text[clause[0]:clause[1]], re.IGNORECASE):
            continue
        in_clause = [n for n in names if clause[0] <= n[0] < clause[1]]
        if not in_clause:
            # "It is FDA-approved for ...": the product named just before.
            if last is None or not _PRONOUN.match(before) or len(before.split()) > 4:
                continue
            in_clause = [(clause[0], clause[0], last)]
        problem = _broader(block, clause, begin, in_clause, block.group in disclosed)
        if problem:
            found.append((ctx.line_of(block, (begin, finish)), f"{match.group(0)!r}: {problem}"))
            break
    return found


def _clause(text: str, start: int, end: int, at: int) -> tuple[int, int]:
    cuts = [start] + [start + m.end() for m in _CLAUSES.finditer(text[start:end])] + [end]
    for left, right in zip(cuts, cuts[1:], strict=False):
        if left <= at < right:
            nxt = [start + m.start() for m in _CLAUSES.finditer(text[start:end]) if start + m.start() >= at]
            return left, min(nxt) if nxt else end
    return start, end


def _broader(block: Block, clause: tuple[int, int], at: int,
             in_clause: list[tuple[int, int, Product]], disclosed: bool) -> str:
    text = block.text[clause[0]:clause[1]]
    nearest = min(in_clause, key=lambda n: (n[0] > at, abs(at - n[0])))[2]
    products = [n[2] for n in in_clause]
    for product in products:
        if product.status == "not-approved":
            return (f"{product.label} is not FDA approved for any use (source: {product.source}): "
                    "say it is experimental, e.g. 'is being studied' or 'is not FDA approved'")
        if product.status == "withdrawn" and not _PAST.search(text):
            return (f"the FDA withdrew the approval of {product.label} on {product.withdrawn} "
                    f"(source: {product.source}): say that it is no longer approved")
    # "approved only as an anesthetic, not for depression": the denied use is no claim.
    mentions = [m.group(0) for m in _CONDITION.finditer(text)
                if not _DENIED.search(" ".join(text[:m.start()].split()[-3:]))]
    if not mentions:
        return _implied(block, nearest, disclosed)
    for product in products:
        if product.status == "approved" and not _uncovered(product, mentions):
            return ""
    product = nearest
    if product.status != "approved":
        return ""
    uncovered = _uncovered(product, mentions)
    off_terms = {fold(t) for use in product.off_label for t in use.terms}
    off = [m for m in uncovered if fold(m) in off_terms]
    if disclosed and len(off) == len(uncovered):
        return ""  # the paragraph says these uses are off-label
    kind = "an off-label use" if off else "broader than its approval"
    return (f"{product.label} is FDA approved for {product.approved_for()}; "
            f"{uncovered[0]!r} is {kind} (source: {product.source}): name the approved use, "
            "or say that this use is off-label (not FDA approved)")


def _implied(block: Block, product: Product, disclosed: bool) -> str:
    """"Ketamine is FDA approved" in a paragraph offering it for depression: the
    approval reads as one for that off-label use."""
    if disclosed or product.status != "approved" or not product.off_label:
        return ""
    off = phrase_pattern(tuple(t for use in product.off_label for t in use.terms))
    use = next((m.group(0) for m in off.finditer(block.text)
                if not is_mention(block, m.start(), m.end(), claim=True)), None)
    if use is None or not _uncovered(product, [use]):
        return ""
    return (f"{product.label} is FDA approved only for {product.approved_for()}, but this paragraph "
            f"is about {use!r}, an off-label use (source: {product.off_label[0].source}): say what the "
            "approval is for, and that this use is off-label")


def _uncovered(product: Product, mentions: list[str]) -> list[str]:
    terms = {fold(t) for use in product.indications for t in use.terms}
    covered_families = {_FAMILY.get(fold(m)) for m in mentions if fold(m) in terms}
    return [m for m in mentions if fold(m) not in terms and _FAMILY.get(fold(m)) not in covered_families]


def _withdrawn(ctx: Context, block: Block, start: int, end: int,
               names: list[tuple[int, int, Product]], withdrawn_groups: set[int]) -> list[tuple[int, str]]:
    found = []
    for begin, finish, product in names:
        if product.status != "withdrawn" or block.group in withdrawn_groups:
            continue
        if _PAST.search(block.text[start:end]):
            continue
        found.append((ctx.line_of(block, (begin, finish)),
                      f"{block.text[begin:finish]!r} is presented as available, but the FDA withdrew "
                      f"its approval on {product.withdrawn} (source: {product.source}): say that it "
                      "is no longer approved or available, or remove it"))
        break
    return found


def _off_label(ctx: Context, block: Block, start: int, end: int,
               names: list[tuple[int, int, Product]], disclosed: set[int], research: set[int],
               offered: set[tuple[int, str]]) -> list[tuple[int, str]]:
    sentence = block.text[start:end]
    if block.group in disclosed or block.group in research or sentence.rstrip().endswith("?"):
        return []
    found = []
    for begin, finish, product in names:
        if not product.off_label or (block.group, product.id) in offered:
            continue
        pattern = phrase_pattern(tuple(t for use in product.off_label for t in use.terms))
        use = next((m for m in pattern.finditer(sentence)
                    if not is_mention(block, start + m.start(), start + m.end(), claim=True)), None)
        if use is None or not _USE.search(sentence):
            continue
        # "Unlike ketamine, Spravato is approved for TRD": the use belongs to the other product.
        if any(other is not product and not _uncovered(other, [use.group(0)])
               for _, _, other in names if other.status == "approved"):
            continue
        offered.add((block.group, product.id))
        found.append((ctx.line_of(block, (begin, finish)),
                      f"{block.text[begin:finish]!r} is offered for {use.group(0)!r}, an off-label use "
                      f"(not FDA approved; source: {product.off_label[0].source}): say so in this "
                      "paragraph, e.g. 'this is an off-label use: the FDA has not approved "
                      f"{product.names[0]} for {use.group(0)}'"))
    return found
