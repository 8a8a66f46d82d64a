"""Precision and recall of the health-content rules on a labelled evaluation set.

``make bench-policy`` (``python benchmarks/policy.py``) reads every case in
``tests/policy/*.yaml``, writes each as one article of a throwaway Sphinx
project, builds it once with the real extension (``dummy`` builder, like
``make check``), and compares the rules that fired on each article with the
labels. It writes ``benchmarks/POLICY.md``: per rule, true and false
positives and negatives, precision and recall, and every case the rules get
wrong. ``tests/test_policy_eval.py`` runs the same evaluation and fails when a
rule drops below the targets.

A case is labelled for every evaluated rule: ``rule`` + ``expect`` (yes/no)
name the rule it was written for, ``also`` lists other rules it must fire,
and every other evaluated rule must stay silent on it.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
CASES = PROJECT / "tests" / "policy"
OUTPUT = Path(__file__).resolve().parent / "POLICY.md"
sys.path.insert(0, str(PROJECT / "_ext"))

#: The rules measured here (review, reading-grade and alt-text are unchanged
#: mechanical checks with their own tests).
RULES = ("crisis-required", "crisis-position", "safe-language", "disclaimer-required",
         "disclaimer-kind-required", "claims", "regulatory", "citation-required", "jargon",
         "abbreviation")
PRECISION, RECALL = 0.95, 0.90

CONF = '''\
extensions = ["healthdocs"]
myst_enable_extensions = ["colon_fence", "deflist"]
project = "Policy evaluation"
author = "Evaluation"
copyright = "2026, Evaluation"
healthdocs_review_interval = 60
healthdocs_max_grade = 20
# Fictional rows (not real products), so the withdrawn-product finding has data to work on.
healthdocs_regulatory = {
    "calmexine": {
        "names": ["calmexine"], "brands": ["Calmexa"], "status": "withdrawn",
        "withdrawn": "2021-03-01", "source": "https://example.org/fictional/calmexa",
        "review_by": "2099-01-01",
        "indications": [{"name": "panic disorder", "terms": ["panic disorder"]}],
    },
    "restovan": {
        "names": ["restovan"], "brands": ["Restiva"], "status": "approved",
        "source": "https://example.org/fictional/restiva", "review_by": "2099-01-01",
        "indications": [{"name": "insomnia", "terms": ["insomnia", "trouble sleeping"]}],
        "off_label": [{"name": "anxiety", "terms": ["anxiety", "worry"],
                       "source": "https://example.org/fictional/restiva-off-label"}],
    },
}
'''

GLOSSARY = """\
# Glossary

:::{glossary}
FDA
Food and Drug Administration
  The US agency that approves medicines.

PTSD
post-traumatic stress disorder
  A condition that can follow a frightening event.

SSRI
selective serotonin reuptake inhibitor
  A common kind of antidepressant.

TRD
treatment-resistant depression
  Depression that has not improved after two or more medicines.

ECT
electroconvulsive therapy
  A treatment given under anesthesia.

NHS
National Health Service
  The UK's public health service.

MDD
major depressive disorder
  Long-lasting low mood that affects daily life.

placebo
  A dummy treatment with no medicine in it.
:::
"""


@dataclass
class Case:
    id: str
    rule: str
    expect: bool
    text: str
    note: str = ""
    style: str = ""
    also: tuple[str, ...] = ()
    article: bool = False
    banner: bool = False
    source_file: str = ""
    fired: set[str] = field(default_factory=set)

    def expected(self, rule: str) -> bool:
        return (rule == self.rule and self.expect) or rule in self.also


def load_cases(folder: Path = CASES) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            expect = raw.get("expect")
            if raw["rule"] not in RULES or expect not in ("yes", "no", True, False):
                raise ValueError(f"{path.name}: case {raw.get('id')}: bad rule or expect")
            article = "article" in raw
            text = raw["article"] if article else raw["text"]
            rule = raw["rule"]
            banner = raw.get("banner", rule not in ("crisis-required", "crisis-position")
                             and not article)
            cases.append(Case(
                id=str(raw["id"]), rule=rule, expect=expect in ("yes", True), text=text.strip(),
                note=str(raw.get("note", "")), style=str(raw.get("style", "")),
                also=tuple(raw.get("also", ())), article=article, banner=bool(banner),
                source_file=path.name))
    ids = [c.id for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate case ids: {duplicates}")
    return cases


def _page(case: Case, number: int) -> str:
    if case.article:
        text = case.text
        if not text.startswith("---"):
            text = ("---\ndescription: An evaluation article.\ndate: 2026-01-05\n"
                    "reviewed: 2026-01-05\n---\n\n" + text)
        return text + "\n"
    banner = ":::{crisis-banner}\n:::\n\n" if case.banner else ""
    return (f"---\ndescription: Evaluation case {number}.\ndate: 2026-01-05\n"
            f"reviewed: 2026-01-05\n---\n\n# Case {number}\n\n{banner}{case.text}\n\n"
            ":::{disclaimer}\n:::\n")


def evaluate(cases: list[Case], workdir: Path | None = None) -> list[Case]:
    """Build every case as an article and record which rules fired on it."""
    from sphinx.application import Sphinx

    from healthdocs.policy.runner import Glossary, late_findings
    from healthdocs.policy.store import get_policy_domain

    own = workdir is None
    root = Path(tempfile.mkdtemp(prefix="policy-eval-")) if own else workdir
    try:
        src = root / "src"
        if src.exists():
            shutil.rmtree(src)
        (src / "articles").mkdir(parents=True)
        (src / "conf.py").write_text(CONF, encoding="utf-8")
        (src / "glossary.md").write_text(GLOSSARY, encoding="utf-8")
        (src / "index.md").write_text("# Evaluation\n\n```{toctree}\n:glob:\n\nglossary\n"
                                      "articles/*\n```\n", encoding="utf-8")
        names = {}
        for number, case in enumerate(cases, start=1):
            name = f"case-{number:04d}"
            names[f"articles/{name}"] = case
            (src / "articles" / f"{name}.md").write_text(_page(case, number), encoding="utf-8")
        app = Sphinx(str(src), str(src), str(root / "out"), str(root / "doctrees"), "dummy",
                     status=io.StringIO(), warning=io.StringIO(), freshenv=True)
        app.build()
        domain = get_policy_domain(app.env)
        glossary = Glossary.of(app.env)
        for docname, case in names.items():
            policy = domain.articles.get(docname)
            found = [*policy.findings, *late_findings(app.env, policy, glossary)] if policy else []
            case.fired = {f.rule for f in found}
        return cases
    finally:
        if own:
            shutil.rmtree(root, ignore_errors=True)


def scores(cases: list[Case]) -> dict[str, dict[str, float]]:
    table = {}
    for rule in RULES:
        tp = sum(c.expected(rule) and rule in c.fired for c in cases)
        fp = sum(not c.expected(rule) and rule in c.fired for c in cases)
        fn = sum(c.expected(rule) and rule not in c.fired for c in cases)
        tn = sum(not c.expected(rule) and rule not in c.fired for c in cases)
        table[rule] = {
            "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0,
            "positives": sum(c.expected(rule) for c in cases),
            "written_for": sum(c.rule == rule for c in cases),
        }
    return table


def misses(cases: list[Case]) -> list[tuple[Case, str, str]]:
    """(case, rule, "missed" | "false alarm") for every wrong call."""
    wrong = []
    for case in cases:
        for rule in RULES:
            if case.expected(rule) and rule not in case.fired:
                wrong.append((case, rule, "missed"))
            elif not case.expected(rule) and rule in case.fired:
                wrong.append((case, rule, "false alarm"))
    return wrong


def report(cases: list[Case]) -> str:
    table = scores(cases)
    articles = sum(c.article for c in cases)
    lines = [
        "# Health-content rules: precision and recall",
        "",
        "Written by `make bench-policy` (`benchmarks/policy.py`); do not edit by hand.",
        "",
        f"Evaluation set: {len(cases)} labelled cases in `tests/policy/*.yaml` "
        f"({len(cases) - articles} sentences or paragraphs, {articles} short articles), written "
        "from each rule's definition and in the styles of public health publishers (NHS, Mayo "
        "Clinic, MedlinePlus, NIMH, Cleveland Clinic, clinic blogs), not from this site's "
        "articles. Each case is labelled for every rule below: the rule it was written for, "
        "any other rule it must fire, and silence from the rest, so a rule's false alarms "
        "on other rules' cases count too.",
        "",
        f"Targets: precision ≥ {PRECISION:.2f}, recall ≥ {RECALL:.2f} for every rule "
        "(`tests/test_policy_eval.py` fails below them).",
        "",
        "| rule | cases written for it | must fire | TP | FP | FN | TN | precision | recall | meets targets |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for rule, s in table.items():
        ok = s["precision"] >= PRECISION and s["recall"] >= RECALL
        lines.append(f"| `{rule}` | {s['written_for']} | {s['positives']} | {s['tp']} | {s['fp']} | "
                     f"{s['fn']} | {s['tn']} | {s['precision']:.3f} | {s['recall']:.3f} | "
                     f"{'yes' if ok else '**no**'} |")
    wrong = misses(cases)
    lines += ["", "## Cases the rules get wrong", ""]
    if not wrong:
        lines.append("None.")
    for case, rule, kind in wrong:
        text = " ".join(case.text.split())
        lines.append(f"- `{case.id}` ({case.source_file}), `{rule}`: {kind}. "
                     f"{text[:160]}{'…' if len(text) > 160 else ''}")
    lines += ["", "## Hard negatives in the set", "",
              "Cases labelled *no* for the rule they were written for (the wording that must not "
              f"fire): {sum(not c.expect for c in cases)}. By kind (from each case's note):", ""]
    kinds: dict[str, int] = {}
    for case in cases:
        if not case.expect and case.note:
            key = case.note.split(":")[0].strip().lower()
            kinds[key] = kinds.get(key, 0) + 1
    for key in sorted(kinds):
        lines.append(f"- {key}: {kinds[key]}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    cases = evaluate(load_cases())
    text = report(cases)
    args.output.write_text(text, encoding="utf-8")
    table = scores(cases)
    for rule, s in table.items():
        print(f"{rule:26} P={s['precision']:.3f} R={s['recall']:.3f} "
              f"(TP {s['tp']}, FP {s['fp']}, FN {s['fn']})")
    for case, rule, kind in misses(cases):
        print(f"  {kind:11} {rule:24} {case.id}: {' '.join(case.text.split())[:100]}")
    print(f"wrote {args.output}")
    below = [r for r, s in table.items() if s["precision"] < PRECISION or s["recall"] < RECALL]
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
