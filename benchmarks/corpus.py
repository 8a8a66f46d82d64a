"""A deterministic synthetic health-article corpus for benchmarks.

``generate(target, n, seed)`` writes a complete Sphinx project (``conf.py``,
``index.md``, ``glossary.md`` and ``articles/*.md``) whose articles follow the
README's article contract: front matter (description, date, reviewed,
category, tags, sometimes aliases), one ``#`` title, ``##``/``###`` sections,
bulleted and numbered lists, a table, ``{doc}`` links to other articles,
footnoted sources under ``## Sources`` and every healthdocs directive
(``crisis-banner``, ``disclaimer`` with and without ``:kind:``,
``related-articles`` with and without a body). Every abbreviation used has a
glossary entry, so the build has no warnings. The same seed always gives the
same bytes.

Each article also gets a few coined words (made-up study, gene and drug names)
so the vocabulary keeps growing with the number of articles, as it does on a
real site; without them a synthetic index would be unrealistically small.

``stockify(markdown)`` rewrites the healthdocs directives into standard MyST
(admonitions and lists with the same text), so stock Sphinx builds the same
content; ``generate(..., flavour="stock")`` does that for every page.

Command line: ``python benchmarks/corpus.py OUT --articles 1000 --seed 1``.
The generated text is filler for measuring software, not health information.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

CATEGORIES = ["Depression", "Ketamine therapy", "PTSD", "Anxiety", "Sleep", "Medicines"]
TAGS = ["depression", "ketamine", "esketamine", "ptsd", "anxiety", "sleep", "safety", "fda",
        "antidepressants", "therapy", "brain", "glutamate", "serotonin", "trauma", "research",
        "side-effects", "dosing", "children", "older-adults", "pregnancy", "inflammation",
        "genetics", "stress", "exercise", "diet", "alcohol", "relapse", "support", "costs",
        "clinics"]
#: Abbreviations the corpus uses, with the glossary's full names.
ABBREVIATIONS = {
    "TRD": "treatment-resistant depression", "SSRI": "selective serotonin reuptake inhibitor",
    "ECT": "electroconvulsive therapy", "PTSD": "post-traumatic stress disorder",
    "FDA": "Food and Drug Administration", "NMDA": "N-methyl-D-aspartate receptor",
    "BDNF": "brain-derived neurotrophic factor", "CBT": "cognitive behavioral therapy",
    "IV": "intravenous", "REMS": "Risk Evaluation and Mitigation Strategy",
}
SUBJECTS = ["ketamine", "esketamine", "an SSRI", "talk therapy", "CBT", "ECT", "light therapy",
            "exercise", "a sleep routine", "lithium", "an IV infusion", "group support",
            "a nasal spray", "mindfulness", "a new antidepressant", "psychotherapy",
            "a medication review", "TMS", "a care plan", "peer support"]
SUBJECTS = [s for s in SUBJECTS if s != "TMS"]  # TMS has no glossary entry here
CONDITIONS = ["depression", "TRD", "PTSD", "anxiety", "insomnia", "panic attacks",
              "low mood after childbirth", "seasonal depression", "bipolar depression",
              "chronic pain with depression", "grief", "burnout"]
VERBS = ["may ease", "can reduce", "was linked to", "seems to improve", "did not change",
         "may worsen", "often helps with", "was studied for", "is sometimes used for",
         "can affect"]
PEOPLE = ["adults", "older adults", "teenagers", "veterans", "new parents", "people in rural areas",
          "people who work night shifts", "caregivers", "students", "people with chronic pain"]
SETTINGS = ["in a clinic", "at home", "in hospital", "in a trial", "in primary care",
            "during a follow-up visit", "over several weeks", "within hours", "after a month",
            "in everyday practice"]
DETAILS = ["Side effects were usually mild and short-lived.",
           "Blood pressure was checked before and after each session.",
           "Some people felt detached or dizzy for a short time.",
           "The benefit often faded without further treatment.",
           "Results differed a lot from person to person.",
           "Researchers called for larger and longer studies.",
           "Your care team can help you weigh the benefits and the risks.",
           "Keep a diary of your mood, sleep and any side effects.",
           "Ask whether the treatment is covered by your insurance.",
           "Never stop a medicine suddenly without talking to your prescriber.",
           "Bring a friend or relative to your first appointment if you can.",
           "The FDA reviews the safety of approved medicines over time.",
           "Some clinics ask you to arrange a ride home after each session.",
           "A first response can take several weeks to show."]
HEADINGS = ["What {s} is", "How {s} works", "Who may benefit", "What the research shows",
            "Side effects and risks", "What a session is like", "Costs and access",
            "Questions to ask your clinician", "How {s} compares with other options",
            "Living with {c}", "When to seek help", "Myths and facts about {s}",
            "Dosing and schedules", "Support for families", "What is still unknown"]
SYLLABLES = ["ka", "ve", "lo", "mi", "tra", "zen", "dor", "pli", "sa", "ron", "qui", "bel",
             "nox", "ter", "vi", "mab", "cor", "lin", "pra", "sto", "fen", "gal", "hu", "tiv"]
SUICIDE_NOTE = ("If you have thoughts of suicide, you are not alone: call or text 988 or chat at "
                "988lifeline.org.")


@dataclass
class ArticleInfo:
    """What the benchmark needs to write queries with known answers."""

    docname: str
    title: str
    category: str
    tags: list[str]
    headings: list[str]
    coined: list[str]
    aliases: list[str] = field(default_factory=list)


def _upper(text: str) -> str:
    return text[0].upper() + text[1:]


def _coin(rng: random.Random, used: set[str]) -> str:
    while True:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))
        if word not in used:
            used.add(word)
            return word


def _sentence(rng: random.Random, subject: str, condition: str, coined: list[str]) -> str:
    form = rng.randrange(6)
    if form == 0:
        return (f"In {rng.choice(PEOPLE)}, {subject} {rng.choice(VERBS)} {condition} "
                f"{rng.choice(SETTINGS)}.")
    if form == 1:
        return (f"The {rng.choice(coined).capitalize()} study followed {rng.choice(PEOPLE)} "
                f"treated {rng.choice(SETTINGS)}.")
    if form == 2:
        return rng.choice(DETAILS)
    if form == 3:
        return (f"Doctors sometimes combine {subject} with {rng.choice(SUBJECTS)} "
                f"for {rng.choice(CONDITIONS)}.")
    if form == 4:
        return (f"Levels of the {rng.choice(coined)} protein {rng.choice(VERBS)} how people with "
                f"{condition} respond.")
    return f"Many {rng.choice(PEOPLE)} ask whether {subject} is safe {rng.choice(SETTINGS)}."


def _paragraph(rng: random.Random, subject: str, condition: str, coined: list[str],
               cite: list[str]) -> str:
    text = " ".join(_sentence(rng, subject, condition, coined) for _ in range(rng.randint(3, 6)))
    if rng.random() < 0.5:
        text += f"[^{rng.choice(cite)}]"
    return text


def _article(rng: random.Random, number: int, slugs: list[str], used: set[str]
             ) -> tuple[str, ArticleInfo]:
    subject = rng.choice(SUBJECTS)
    condition = rng.choice(CONDITIONS)
    coined = [_coin(rng, used) for _ in range(3)]
    title_forms = [f"{_upper(subject)} for {condition}",
                   f"How {subject} may help {condition}",
                   f"{_upper(condition)}: what to know about {subject}",
                   f"{_upper(subject)} and {condition} in {rng.choice(PEOPLE)}"]
    title = f"{rng.choice(title_forms)} ({coined[0].capitalize()} guide {number})"
    category = rng.choice(CATEGORIES)
    tags = sorted(rng.sample(TAGS, rng.randint(2, 5)))
    date = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2300))
    # Reviewed in 2026, so review-due checks stay quiet for a while.
    reviewed = max(date, dt.date(2026, 6, 1) + dt.timedelta(days=rng.randrange(150)))
    crisis = rng.random() < 0.3
    aliases = [f"{coined[1]} treatment"] if rng.random() < 0.3 else []
    cite = [f"s{k}" for k in range(1, rng.randint(3, 6))]
    lines = ["---",
             "description: " + json.dumps(f"A plain guide to {subject} for {condition}: what it "
                                          f"involves, what studies such as {coined[0].capitalize()} "
                                          "found, and what to ask."),
             f"date: {date.isoformat()}", f"reviewed: {reviewed.isoformat()}",
             f"category: {category}", f"tags: [{', '.join(tags)}]"]
    if aliases:
        lines.append(f"aliases: [{', '.join(aliases)}]")
    # The opening cites every source once, so no footnote is left unreferenced.
    opening = _paragraph(rng, subject, condition, coined, cite).split("[^")[0]
    lines += ["---", "", f"# {title}", "", opening + "".join(f"[^{k}]" for k in cite), ""]
    if crisis:
        lines += [SUICIDE_NOTE, "", ":::{crisis-banner}", ":::", ""]
    headings = []
    for heading in rng.sample(HEADINGS, rng.randint(4, 7)):
        heading = heading.format(s=subject, c=condition)
        heading = _upper(heading)
        headings.append(heading)
        lines += [f"## {heading}", "", _paragraph(rng, subject, condition, coined, cite), ""]
        shape = rng.randrange(5)
        if shape == 0:
            lines += [f"- {_sentence(rng, subject, condition, coined)}" for _ in range(rng.randint(3, 5))]
            lines.append("")
        elif shape == 1:
            lines += [f"{k}. {_sentence(rng, subject, condition, coined)}"
                      for k in range(1, rng.randint(3, 5) + 1)]
            lines.append("")
        elif shape == 2 and slugs:
            other = rng.choice(slugs)
            lines += [f"Read more in {{doc}}`this related guide <{other}>`.", ""]
        elif shape == 3:
            lines += ["| Option | Onset | Notes |", "|---|---|---|",
                      f"| {subject} | {rng.choice(SETTINGS)} | {rng.choice(DETAILS)} |",
                      f"| {rng.choice(SUBJECTS)} | {rng.choice(SETTINGS)} | {rng.choice(DETAILS)} |", ""]
        if rng.random() < 0.3:
            sub = f"{coined[2].capitalize()} and {rng.choice(PEOPLE)}"
            headings.append(sub)
            lines += [f"### {sub}", "", _paragraph(rng, subject, condition, coined, cite), ""]
    lines += [":::{disclaimer}", ":::", ""]
    if "ketamine" in "\n".join(lines).lower():  # the site's policy for ketamine articles
        lines += [":::{disclaimer}", ":kind: compounded-ketamine", ":::", ""]
    picks = rng.sample(slugs, min(len(slugs), rng.randint(0, 3)))
    lines += [":::{related-articles}", *picks, ":::", "", "## Sources", ""]
    for key in cite:
        lines.append(f"[^{key}]: Author {key.upper()}, et al. A study of {subject} in {condition}. "
                     f"*Journal of Examples*. {date.year};{rng.randint(1, 90)}:{rng.randint(1, 900)}.")
    slug = f"guide-{number:05d}-{coined[0]}"
    info = ArticleInfo(f"articles/{slug}", title, category, tags, headings, coined, aliases)
    return "\n".join(lines) + "\n", info


def stockify(markdown: str) -> str:
    """Standard MyST for stock Sphinx: healthdocs directives become notes and lists."""
    markdown = re.sub(r":::\{crisis-banner\}\n(?:.*\n)*?:::\n",
                      ":::{note}\nHelp is available now. Call or text 988, or chat at "
                      "988lifeline.org. In an emergency, call 911.\n:::\n", markdown)
    markdown = re.sub(r":::\{disclaimer\}\n:kind: compounded-ketamine\n:::\n",
                      ":::{note}\nCompounded ketamine is not FDA approved. The FDA has not "
                      "evaluated its safety, effectiveness or quality.\n:::\n", markdown)
    markdown = re.sub(r":::\{disclaimer\}\n(?:.*\n)*?:::\n",
                      ":::{note}\nThis article is for general education. It is not medical "
                      "advice.\n:::\n", markdown)

    def related(match: re.Match[str]) -> str:
        targets = [t.strip() for t in match.group(1).splitlines() if t.strip() and not t.startswith(":")]
        links = "".join(f"- {{doc}}`{t}`\n" for t in targets)
        return f"## Related articles\n\n{links}\n" if links else ""

    return re.sub(r":::\{related-articles\}\n((?:.*\n)*?):::\n", related, markdown)


def _glossary() -> str:
    entries = "\n".join(f"{abbr}\n{name}\n  The meaning of {abbr}.\n"
                        for abbr, name in sorted(ABBREVIATIONS.items()))
    return f"# Glossary\n\nAbbreviations used on this site.\n\n:::{{glossary}}\n{entries}:::\n"


def generate(target: Path, n: int, seed: int = 1, *, flavour: str = "healthdocs",
             toctree: bool = True) -> list[ArticleInfo]:
    """Write a Sphinx project with ``n`` articles into ``target`` (replaced).

    ``flavour="stock"`` writes plain MyST for stock Sphinx + furo. With
    ``toctree=False`` the articles are orphans (no global toctree).
    """
    rng = random.Random(seed)
    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    (target / "articles").mkdir(parents=True)
    used: set[str] = set()
    infos: list[ArticleInfo] = []
    slugs: list[str] = []
    for number in range(n):
        text, info = _article(rng, number, [s.split("/")[-1] for s in slugs[-40:]], used)
        slugs.append(info.docname)
        infos.append(info)
        if flavour == "stock":
            text = stockify(text)
            if not toctree:
                text = text.replace("---\n", "---\norphan: true\n", 1)
        Path(target, f"{info.docname}.md").write_text(text, encoding="utf-8")
    Path(target, "glossary.md").write_text(_glossary(), encoding="utf-8")
    toc = "```{toctree}\n:hidden:\n:glob:\n\narticles/*\nglossary\n```\n" if toctree else \
        "```{toctree}\n:hidden:\n\nglossary\n```\n"
    Path(target, "index.md").write_text(f"# Synthetic health site\n\nWelcome.\n\n{toc}",
                                        encoding="utf-8")
    extensions = '["healthdocs"]' if flavour == "healthdocs" else '["myst_parser"]'
    ext_path = Path(__file__).resolve().parent.parent / "_ext"
    Path(target, "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ext_path)!r})\n"
        f"extensions = {extensions}\n"
        'myst_enable_extensions = ["colon_fence"]\n'
        "myst_heading_anchors = 3\n"
        'html_theme = "furo"\n'
        'project = "Synthetic health site"\n'
        "html_copy_source = False\n", encoding="utf-8")
    return infos


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stock", action="store_true", help="plain MyST for stock Sphinx")
    parser.add_argument("--no-toctree", action="store_true", help="articles as orphans")
    args = parser.parse_args()
    generate(args.target, args.articles, args.seed,
             flavour="stock" if args.stock else "healthdocs", toctree=not args.no_toctree)


if __name__ == "__main__":
    main()
