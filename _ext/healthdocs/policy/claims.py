"""``claims``: treatment claims the evidence does not carry (FTC Health Products
Compliance Guidance: claims need competent and reliable evidence, qualified
close to the claim).

Read sentence by sentence, four kinds:

- absolute claims ("guaranteed", "100% effective", "no side effects") and
  cure claims ("cures depression");
- unhedged efficacy stated as fact: "X relieves / reverses / repairs /
  restores ... Y" (Y a condition, symptom or the brain) with no hedge ("may",
  "can", "helps", "some people"), no number and no citation in the sentence;
- animal or lab findings stated as facts about people: a sentence that names
  mice, rats or lab dishes and says what happens in people or "your brain",
  or one that follows such a sentence with "This means ..."; and a sentence
  citing a source about animals without saying so.

A claim denied just before it ("is not guaranteed", "does not cure") is the
careful wording this rule asks for and passes; so does a claim that is only
mentioned (quoted, reported as someone else's promise, a question).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .mention import is_mention
from .prose import fold, phrase_pattern, sentence_spans
from ..vocabulary import CURE_CONDITIONS
from ..settings import settings

if TYPE_CHECKING:
    from .context import Context
    from .prose import Block

RULE = "claims"

_NEGATION = re.compile(r"\b(?:not|no|never|cannot|without|nor|neither|none)\b|n['’]t\b", re.IGNORECASE)
_CURE = re.compile(r"\bcur(?:e|es|ed|ing)\b", re.IGNORECASE)

_VERBS_S = (r"relieves|reverses|repairs|restores|heals|fixes|eliminates|eradicates|erases|"
            r"rewires|regrows|rebuilds|regenerates|resets|reboots|rebalances|banishes|"
            r"gets\s+rid\s+of|wipes\s+out|lifts|stops|ends|prevents|undoes|resolves")
_VERBS = (r"relieve|reverse|repair|restore|heal|fix|eliminate|eradicate|erase|rewire|regrow|"
          r"rebuild|regenerate|reset|reboot|rebalance|banish|get\s+rid\s+of|wipe\s+out|lift|"
          r"stop|end|prevent|undo|resolve")
_PLURAL_SUBJECT = (r"treatments|medicines|medications|drugs|infusions|sessions|therapies|"
                   r"antidepressants|ssris|snris|supplements|psychedelics|doses|injections|sprays|"
                   r"drops|pills|tablets|capsules|gummies|teas|oils|herbs|remedies|vitamins|products|"
                   r"programs|programmes|devices")
EFFICACY = re.compile(
    rf"\b(?:{_VERBS_S})\b|\b(?:will|(?:{_PLURAL_SUBJECT}))\s+(?:{_VERBS})\b", re.IGNORECASE)
#: What an efficacy claim is about: conditions, symptoms, the brain.
TARGET = re.compile(
    r"\b(?:depression|depressive|depressed|anxiety|anxious|ptsd|trauma\w*|symptoms?|mood|moods|"
    r"brain\w*|neurons?|synap\w+|nerve\s+cells?|connections|circuits?|wiring|neuroplasticity|"
    r"damage|chemical\w*|imbalances?|serotonin|dopamine|glutamate|pain|memory|ocd|addiction|"
    r"cravings?|suicidal|thoughts|inflammation|stress|illness|disorders?|conditions?|"
    r"health|healing|balance|insomnia|sleep|fatigue|energy|relapses?|burnout|grief|sadness|"
    r"nervous\s+system|stress\s+response|hormones?|cortisol|mind|happiness|worry|panic|"
    r"cells?|receptors?|gut|immune\s+system)\b",
    re.IGNORECASE)
HEDGE = re.compile(
    r"\b(?:may|might|could|can|can['’]t|cannot|often|sometimes|usually|typically|some|many|most|"
    r"several|helps?|helped|helping|appears?|appeared|seems?|seemed|tends?|thought|believed|"
    r"likely|unlikely|possibly|probably|potentially|perhaps|suggests?|suggested|hints?|partly|"
    r"partially|somewhat|little|designed|aims?|intended|goal|hope\w*|if|whether|unknown|unclear|"
    r"studied|studying|investigat\w*|early|preliminary|not\s+yet|"
    r"more\s+research|in\s+some|for\s+some|could|would|should|want|wants|need|needs|"
    r"not|no|never|n['’]t|uncertain|unproven|know|known|sure|whether|claim\w*)\b",
    re.IGNORECASE)
_NUMBER = re.compile(
    r"(?<![\w-])\d+(?:[.,]\d+)?(?![\w-])|%|"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|half|third|quarter|percent|twice)\b",
    re.IGNORECASE)
#: The body heals itself: "during sleep the body repairs tissue" is no treatment claim.
_NATURAL_SUBJECT = re.compile(r"\b(?:body|brain|cells?|liver|skin|immune\s+system|nature|time|"
                              r"nervous\s+system)\s+(?:\w+\s+)?$", re.IGNORECASE)

ANIMAL = re.compile(
    r"\b(?:mice|mouse|rats?|rodents?|animals?|primates?|monkeys?|pigs?|zebrafish|fruit\s+flies|"
    r"worms|in\s+vitro|test[\s-]tubes?|petri\s+dish(?:es)?|cell\s+cultures?|cultured\s+cells|"
    r"lab(?:oratory)?\s+(?:studies|study|experiments?|dishes|animals|tests?)|preclinical|"
    r"in\s+the\s+lab(?:oratory)?)\b", re.IGNORECASE)
HUMAN = re.compile(
    r"\b(?:people|humans?|patients?|you|your|adults?|children|teens?|teenagers|men|women|"
    r"everyone|anyone|someone|persons?|us|our|clinics?)\b", re.IGNORECASE)
_ANIMAL_HEDGE = re.compile(
    r"\b(?:may|might|could|whether|not\s+(?:yet|known|clear|the\s+same|been)|unknown|unclear|"
    r"has\s+not|have\s+not|hasn['’]t|haven['’]t|don['’]t\s+know|do\s+not\s+know|only\s+in|"
    r"unlike|differ\w*|more\s+research|remains?\s+to\s+be|too\s+early|early|hope\w*|suggest\w*|"
    r"if|cannot|can['’]t|not|no|never|n['’]t|unproven|uncertain)\b", re.IGNORECASE)
_THEREFORE = re.compile(r"^\W*(?:this|that|which|so|therefore|thus|hence|in\s+other\s+words)\b"
                        r"(?:\s+(?:means|shows|proves|is\s+(?:why|how)|explains))?", re.IGNORECASE)
_ANIMAL_SOURCE = re.compile(r"\b(?:mice|mouse|murine|rats?|rodents?|animal\s+models?|in\s+vitro|"
                            r"primates?|cultured)\b", re.IGNORECASE)

_CURE_ADVICE = ("no treatment is shown to cure these conditions: write 'may ease symptoms' "
                "or say how many people improved in a named study")
_EFFICACY_ADVICE = ("say how sure the evidence is ('may', 'in some people'), give the number "
                    "from a study, or cite it with a footnote in this sentence")
_ANIMAL_ADVICE = ("results in animals or lab dishes often do not carry over to people: say the "
                  "finding was in animals and that it is not known whether it happens in people")


def check(ctx: Context) -> list[tuple[int, str]]:
    phrases = settings(ctx.config).claim_phrases
    advice = {fold(p): a for p, a in phrases.items()}
    pattern = phrase_pattern(tuple(phrases))
    conditions = phrase_pattern(CURE_CONDITIONS)
    animal_notes = _animal_sources(ctx)
    findings = []
    for block in ctx.blocks:
        # What a sentence holds, its block holds (sentences end at spaces, where the
        # patterns' word boundaries fall alike): most blocks need no sentence-by-sentence look.
        absolute = pattern.possible(block.text)
        cure = bool(_CURE.search(block.text))
        efficacy = block.kind != "title" and bool(EFFICACY.search(block.text))
        animal = bool(animal_notes) or bool(ANIMAL.search(block.text))
        if not (absolute or cure or efficacy or animal):
            continue
        previous_animal = False
        for start, end in sentence_spans(block.text):
            sentence = block.text[start:end]
            claims = [(start + m.start(), start + m.end(),
                       f"{m.group(0)!r} is an absolute claim: {advice[fold(m.group(0))]}")
                      for m in pattern.finditer(sentence)] if absolute else []
            if cure and conditions.search(sentence):
                claims += [(start + m.start(), start + m.end(), f"{m.group(0)!r} promises a cure: "
                            f"{_CURE_ADVICE}") for m in _CURE.finditer(sentence)]
            if efficacy:
                claims += _efficacy(block, start, end)
            if animal:
                claims += _animal(block, start, end, previous_animal, animal_notes)
                previous_animal = bool(ANIMAL.search(sentence))
            for begin, finish, message in claims:
                if not _denied(block.text[start:begin]) and \
                        not is_mention(block, begin, finish, claim=True):
                    findings.append((ctx.line_of(block, (begin, finish)), message))
    return findings


def _efficacy(block: Block, start: int, end: int) -> list[tuple[int, int, str]]:
    sentence = block.text[start:end]
    if block.kind == "title" or _cited(block, start, end) or _NUMBER.search(sentence):
        return []
    found = []
    for match in EFFICACY.finditer(sentence):
        after = sentence[match.end():match.end() + 80]
        if not TARGET.search(" ".join(after.split()[:8])) or HEDGE.search(sentence):
            continue
        if _NATURAL_SUBJECT.search(re.split(r"[,;:]", sentence[:match.start()])[-1]):
            continue
        found.append((start + match.start(), start + match.end(),
                      f"{match.group(0)!r} states a treatment effect as a fact: {_EFFICACY_ADVICE}"))
        break
    return found


def _animal(block: Block, start: int, end: int, previous_animal: bool,
            animal_notes: set[str]) -> list[tuple[int, int, str]]:
    sentence = block.text[start:end]
    if _ANIMAL_HEDGE.search(sentence) or sentence.rstrip().endswith("?"):
        return []
    animal = ANIMAL.search(sentence)
    human = HUMAN.search(sentence)
    if animal and human and not _only_about_animals(sentence, animal, human):
        return [(start + human.start(), start + human.end(),
                 f"a finding in {animal.group(0)!r} is stated as a fact about {human.group(0)!r}: "
                 f"{_ANIMAL_ADVICE}")]
    if not animal and previous_animal and _THEREFORE.match(sentence) and human:
        return [(start + human.start(), start + human.end(),
                 f"the animal finding before is stated as a fact about {human.group(0)!r}: "
                 f"{_ANIMAL_ADVICE}")]
    cited = {refid for offset, refid in block.notes if start <= offset <= end + 1}
    if not animal and cited & animal_notes and not HEDGE.search(sentence):
        return [(start, end, "this sentence cites a study in animals but reads as a fact about "
                             f"people: {_ANIMAL_ADVICE}")]
    return []


def _only_about_animals(sentence: str, animal: re.Match[str], human: re.Match[str]) -> bool:
    """"Researchers gave mice ketamine": people do the study, the finding is in mice."""
    return bool(re.search(r"\b(?:researchers|scientists|people\s+who\s+study|study\s+authors)\b",
                          sentence, re.IGNORECASE)) and human.group(0).lower() not in {
        "you", "your", "patients", "patient", "humans", "human"}


def _animal_sources(ctx: Context) -> set[str]:
    return {node_id for note in ctx.outline.footnotes
            if _ANIMAL_SOURCE.search(note.astext()) for node_id in note["ids"]}


def _cited(block: Block, start: int, end: int) -> bool:
    """A footnote marker in the sentence (or right after its full stop), or a link to a source."""
    return any(start <= offset <= end + 1 for offset, _ in block.notes) or any(
        link.kind == "external" and start <= link.start < end for link in block.links)


def _denied(before: str) -> bool:
    """A negation among the five words before the claim, in the same clause."""
    clause = re.split(r"[,;:()]", before)[-1]
    return bool(_NEGATION.search(" ".join(clause.split()[-5:])))
