"""Health-content checks: each rule fires where it must and only there, with its
line and type; severities, waivers, auto-inserted boxes; the real site passes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import PROJECT, copy_project, copy_root, main_content, read_docs, warnings

from healthdocs.policy.prose import blocks, grade_text, phrase_pattern
from healthdocs.policy.crisis import TERMS as CRISIS_TERMS

#: (file, line, severity, type, text in the message) for every finding in test-policy.
EXPECTED = [
    ("articles/suicide-no-banner.md", 10, "ERROR", "crisis-required", "mentions 'Suicide' but shows no crisis banner"),
    ("articles/late-banner.md", 11, "WARNING", "crisis-position", "the crisis banner (line 15) comes after the first mention of 'thoughts of ending their life' (line 11)"),
    ("articles/unsafe-language.md", 12, "WARNING", "safe-language", "'committed suicide' is not safe-messaging language: write 'died by suicide'"),
    ("articles/unsafe-language.md", 14, "WARNING", "safe-language", "'failed suicide attempt' is not safe-messaging language: write 'suicide attempt'"),
    ("articles/unsafe-language.md", 17, "WARNING", "safe-language", "'suicide epidemic' is not safe-messaging language: write 'rising suicide rates'"),
    ("articles/no-disclaimer.md", 7, "WARNING", "disclaimer-required", "the article has no disclaimer: add ':::{disclaimer}'"),
    ("articles/kind-only.md", 7, "WARNING", "disclaimer-required", "shows only the 'compounded-ketamine' disclaimer, not the general 'educational' one"),
    ("articles/ketamine-no-kind.md", 7, "WARNING", "disclaimer-kind-required", "ketamine is a subject of the article (in the title) but the article has no 'compounded-ketamine' disclaimer"),
    ("articles/claims.md", 9, "WARNING", "regulatory", "'FDA-approved': ketamine (Ketalar) is FDA approved for anesthesia"),
    ("articles/claims.md", 9, "WARNING", "claims", "'cures' promises a cure"),
    ("articles/claims.md", 10, "WARNING", "claims", "'guaranteed' is an absolute claim"),
    ("articles/claims.md", 10, "WARNING", "claims", "'no side effects' is an absolute claim: every medicine can have side effects"),
    ("articles/claims.md", 17, "WARNING", "claims", "'100% effective' is an absolute claim"),
    ("articles/claims.md", 17, "WARNING", "citation-required", "'100%' is a statistic with no source"),
    ("articles/claims.md", 17, "WARNING", "citation-required", "its '## Sources' section is missing or empty"),
    ("articles/bad-waivers.md", 10, "WARNING", "claims", "'guaranteed' is an absolute claim"),
    ("articles/regulatory.md", 9, "WARNING", "regulatory", "esketamine (Spravato) is FDA approved for treatment-resistant depression"),
    ("articles/regulatory.md", 11, "WARNING", "regulatory", "'ketamine' is offered for 'anxiety', an off-label use"),
    ("articles/statistics.md", 11, "WARNING", "citation-required", "'twice as likely' is a statistic with no source"),
    ("articles/not-reviewed.md", 3, "WARNING", "review", "no 'reviewed' date in the front matter"),
    ("articles/hard-reading.md", 11, "WARNING", "reading-grade", "Flesch-Kincaid grade (textstat 0.7.8) "),
    ("articles/hard-reading.md", 11, "WARNING", "jargon", "'comorbid' is a word readers often misread"),
    ("articles/hard-reading.md", 13, "WARNING", "jargon", "'efficacy' is a word readers often misread"),
    ("articles/plain-words.md", 9, "WARNING", "jargon", "'relapse' is a word readers often misread: explain it where it first appears"),
    ("articles/plain-words.md", 13, "WARNING", "abbreviation", "abbreviation 'rTMS' is not explained"),
    ("articles/image-no-alt.md", 15, "WARNING", "alt-text", "image 'pixel.png' has no alt text"),
    ("articles/bad-waivers.md", 5, "WARNING", "waiver", "unknown rule 'alt-txt' (did you mean 'alt-text'?)"),
    ("articles/bad-waivers.md", 5, "WARNING", "waiver", "the waiver for 'claims' has no reason, so it does not apply"),
    ("articles/bad-waivers.md", 5, "WARNING", "waiver", "'review' is not needed"),
]


def policy_warnings(app) -> list[tuple[str, int, str, str, str]]:
    """Policy findings as (file, line, level, rule, message); other types are not ours."""
    found = []
    for line in warnings(app) + _errors(app):
        match = re.match(r"(.+?):(\d+): (WARNING|ERROR): (.*) \[healthdocs\.policy\.([\w-]+)\]$", line)
        if match:
            path, number, level, message, rule = match.groups()
            found.append((path.replace(str(app.srcdir) + "/", ""), int(number), level, rule, message))
    return found


def _errors(app) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if ": ERROR: " in line]


def report(app) -> dict:
    return json.loads((Path(app.outdir).parent / "reports" / "health-report.json").read_text())


def row(data: dict, docname: str) -> dict:
    (found,) = [r for r in data["articles"] if r["docname"] == docname]
    return found


@pytest.mark.sphinx("html", testroot="policy", freshenv=True)
def test_every_finding_is_one_located_typed_warning(app):
    app.build()
    found = policy_warnings(app)
    for path, line, level, rule, text in EXPECTED:
        matches = [f for f in found if f[:4] == (path, line, level, rule) and text in f[4]]
        assert len(matches) == 1, f"expected one {rule} at {path}:{line} with {text!r}; got {found}"
    assert len(found) == len(EXPECTED), found
    # What must not fire: careful wording, esketamine/Spravato, a banner that is
    # there, code, headings, a waived quote, wording that is only mentioned, a
    # passing mention of ketamine, glossary and in-article definitions.
    for clean in ("clean", "suicide-banner", "waived", "mentions", "passing-mention"):
        assert not [f for f in found if f[0] == f"articles/{clean}.md"]
    assert not [f for f in found if f[0] == "articles/claims.md" and f[1] == 12]
    # A crisis-required error fails the build even without -W.
    assert app.statuscode == 1


#: How people write about suicide and self-harm: every inflection must match.
CRISIS_MUST_MATCH = [
    "Suicide prevention starts with a question", "people who self harm", "SELF-HARM",
    "suicide-related deaths", "suicidal thoughts", "suicidality", "self-harming", "self-injury",
    "self-injurious behavior", "end my life", "ends his life", "ended her own life",
    "ending their lives", "ending one's own life", "end it all", "take my own life",
    "took his life", "taking their own lives", "harm myself", "harming yourself",
    "harmed herself", "hurt themselves", "hurting himself", "kill myself", "killing themselves",
    "killed himself", "better off dead", "they would be better off without me",
    "want to die", "wanted to die", "wanting to die", "wishes she were dead",
    "thoughts of death", "thinking about dying", "no reason to live", "not worth living",
    "don't want to live anymore", "overdosed on purpose",
    # Decision: a title that names it still puts the word on the page; a banner costs little.
    "the film The Suicide Squad",
]
#: Look-alikes that must not: idioms, accidents, web addresses.
CRISIS_MUST_NOT = [
    "a harmless suicidology-free sentence about the suitcase", "kill time", "die-hard fan",
    "I'm dying to see it", "the battery died", "end-of-life care", "take your life back",
    "harmful drinking", "self-help and self-care", "pesticides", "killer whale",
    "the end of the line", "cutting down on sugar",
    # Web addresses are not wording (the rule also skips whole URLs found in the text).
    "see nhs.uk/mental-health/self-harm/ for more",
]


def test_crisis_terms_match_every_inflection():
    for text in CRISIS_MUST_MATCH:
        assert CRISIS_TERMS.search(text), text
    for text in CRISIS_MUST_NOT:
        assert not CRISIS_TERMS.search(text), text


def test_phrases_match_whole_words_in_any_case():
    ketamine = phrase_pattern(("ketamine",))
    assert ketamine.search("S-ketamine") and ketamine.search("Ketamine clinics")
    assert not ketamine.search("Esketamine (Spravato)") and not ketamine.search("norketamine")


@pytest.mark.sphinx("html", testroot="policy", freshenv=True)
def test_grade_reads_body_prose_only(app):
    app.build()
    prose = grade_text(blocks(app.env.get_doctree("articles/clean")))
    assert "Bring a friend who can drive." in prose and "Plan to rest for the day." in prose
    assert "Electroencephalographically" not in prose  # code
    assert "Institutionalisation" not in prose  # heading
    assert "general education" not in prose  # disclaimer box
    banner = grade_text(blocks(app.env.get_doctree("articles/suicide-banner")))
    assert "Help is available now" not in banner and "Call 988" not in banner
    assert banner == "Some medicines can cause suicidal thoughts in young people. Tell someone at once."
    assert row(report(app), "articles/suicide-banner")["grade"] == 5.1


@pytest.mark.sphinx("html", testroot="policy", freshenv=True,
                    confoverrides={"healthdocs_policy": {"claims": "error", "crisis-required": "warning",
                                                         "safe-language": "off", "reading-grade": "off"}})
def test_severities_warning_error_off(app):
    app.build()
    found = policy_warnings(app)
    claims = [f for f in found if f[3] == "claims"]
    assert len(claims) == 5 and {f[2] for f in claims} == {"ERROR"}
    assert [f[2] for f in found if f[3] == "crisis-required"] == ["WARNING"]
    assert not [f for f in found if f[3] in {"safe-language", "reading-grade"}]
    # A waiver of a rule that is off is not reported as unneeded.
    assert not [f for f in found if f[0] == "articles/waived.md"]
    data = report(app)
    assert data["rules"]["safe-language"] == "off" and data["totals"]["by_rule"]["safe-language"] == 0
    assert row(data, "articles/unsafe-language")["findings"] == []
    # Off rules still leave the report's measurements: the grade and the banner.
    assert row(data, "articles/hard-reading")["grade"] > 20
    assert row(data, "articles/unsafe-language")["crisis_banner"] == "directive"
    assert data["totals"]["errors"] == 5
    assert app.statuscode == 1


@pytest.mark.sphinx("html", testroot="policy", freshenv=True,
                    confoverrides={"healthdocs_policy": {"crisis-required": "warning"}})
def test_only_warnings_do_not_fail_without_w(app):
    app.build()
    assert policy_warnings(app) and app.statuscode == 0


@pytest.mark.sphinx("html", testroot="policy", freshenv=True)
def test_waived_quote_passes_and_is_reported(app):
    app.build()
    assert not [f for f in policy_warnings(app) if f[0] == "articles/waived.md"]
    (finding,) = row(report(app), "articles/waived")["findings"]
    assert finding["rule"] == "safe-language" and finding["line"] == 13
    assert finding["waived"] == "quotes a 1990s headline to show what not to write"
    # A waiver with no reason does not apply: the claim is still reported.
    (claim,) = row(report(app), "articles/bad-waivers")["findings"]
    assert claim["rule"] == "claims" and claim["waived"] is None


@pytest.mark.sphinx("html", testroot="policy", freshenv=True)
def test_report_content(app):
    app.build()
    data = report(app)
    assert data["metric"] == "Flesch-Kincaid grade (textstat 0.7.8)" and data["max_grade"] == 10
    totals = data["totals"]
    assert totals["articles"] == 19
    assert (totals["findings"], totals["errors"], totals["warnings"], totals["waived"]) == (26, 1, 25, 1)
    assert totals["by_rule"] == {"crisis-required": 1, "crisis-position": 1, "safe-language": 3,
                                 "disclaimer-required": 2, "disclaimer-kind-required": 1,
                                 "claims": 5, "regulatory": 3, "citation-required": 3, "review": 1,
                                 "reading-grade": 1, "jargon": 3, "abbreviation": 1, "alt-text": 1}
    assert data["rules_totals"]["jargon"] == {"severity": "warning", "open": 3, "waived": 0,
                                              "articles": 2}
    assert data["rules_totals"]["safe-language"]["waived"] == 1
    assert (totals["sources"], totals["articles_without_sources"]) == (1, 18)
    assert (totals["not_reviewed"], totals["above_max_grade"], totals["overdue"]) == (1, 1, 0)
    clean = row(data, "articles/clean")
    assert clean["source"] == "articles/clean.md" and clean["title"] == "Esketamine in plain words"
    assert (clean["reviewed"], clean["due"], clean["overdue"]) == ("2026-01-05", "2031-01-05", False)
    assert clean["words"] > 100 and clean["minutes"] == 1 and clean["grade"] < 6
    assert (clean["crisis_banner"], clean["disclaimers"], clean["findings"]) == ("none", ["educational"], [])
    assert row(data, "articles/suicide-banner")["crisis_banner"] == "directive"
    assert row(data, "articles/claims")["disclaimers"] == ["educational", "compounded-ketamine"]
    assert row(data, "articles/not-reviewed")["due"] is None
    assert row(data, "articles/hard-reading")["grade"] > 20

    html = (Path(app.outdir).parent / "reports" / "health-report.html").read_text()
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(html, "html.parser")
    totals_shown = {dt.get_text(): dd.get_text() for dt, dd in
                    zip(soup.select(".totals dt"), soup.select(".totals dd"), strict=True)}
    assert totals_shown["Articles"] == "19" and totals_shown["Open findings"] == "26"
    assert totals_shown["Errors"] == "1" and totals_shown["Waived"] == "1"
    assert totals_shown["Sources cited"] == "1"
    headers = [th.get_text() for th in soup.select("#articles thead th")]
    assert headers[:6] == ["Article", "Words", "Reading time", "Grade", "SMOG", "Sources"]
    per_rule = {tr.select_one("th").get_text(): [td.get_text() for td in tr.select("td")]
                for tr in soup.select("#rules tbody tr")}
    assert per_rule["regulatory"] == ["warning", "3", "0", "2"]
    assert per_rule["safe-language"] == ["warning", "3", "1", "1"]
    assert all(th.find("button") and th["aria-sort"] == "none" for th in soup.select("#articles thead th"))
    rows = soup.select("#articles tbody tr")
    assert len(rows) == 19
    claims = next(r for r in rows if "articles/claims.md" in r.get_text())
    assert claims.select("td")[-1]["data-sort"] == "7"
    statistics = next(r for r in rows if "articles/statistics.md" in r.get_text())
    assert statistics.select("td")[4]["data-sort"] == "1"  # sources
    assert "articles/claims.md:17" in claims.get_text()
    link = claims.find("a")["href"]
    assert (Path(app.outdir).parent / "reports" / link).resolve() == Path(app.outdir, "articles", "claims.html")
    # Outside the published site: not in the output, its search index or any page.
    assert not list(Path(app.outdir).rglob("health-report*"))
    for page in Path(app.outdir).rglob("*"):
        if page.suffix in {".html", ".js", ".xml", ".json", ".txt"}:
            assert "health-report" not in page.read_text(errors="replace"), page


@pytest.mark.sphinx("html", testroot="policy", freshenv=True)
def test_overdue_comes_from_review_feature_once(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")  # 2033-05-18
    app.build()
    data = report(app)
    assert data["as_of"] == "2033-05-18"
    assert row(data, "articles/clean")["overdue"] and not row(data, "articles/not-reviewed")["overdue"]
    assert data["totals"]["overdue"] == 18
    overdue = [w for w in warnings(app) if "[healthdocs.review-overdue]" in w]
    assert len(overdue) == 18
    assert [f[0] for f in policy_warnings(app) if f[3] == "review"] == ["articles/not-reviewed.md"]
    # The regulatory registry's rows are past their review date too: one warning per row,
    # at its line in the data file.
    registry = [w for w in warnings(app) if "[healthdocs.policy.registry]" in w]
    assert len(registry) == 7
    assert all(re.search(r"policy/data/regulatory\.yaml:\d+: WARNING: regulatory registry: the row for "
                         r".+ was due for review on 2027-11-30", w) for w in registry), registry


def _policy_of(app, docname):
    return [box["class"] for box in main_content(app, docname).select(".hd-box")]


@pytest.mark.sphinx("html", testroot="policy-auto", freshenv=True)
def test_auto_inserts_banner_and_disclaimers(app):
    app.build()
    assert policy_warnings(app) == []
    content = main_content(app, "articles/needs-boxes")
    section = content.select_one("section")
    blocks_in_order = [c for c in section.children if getattr(c, "name", None)]
    # The banner comes right after the title (and the article's meta line), before the prose.
    first_box = next(i for i, c in enumerate(blocks_in_order) if "hd-crisis" in (c.get("class") or []))
    first_para = next(i for i, c in enumerate(blocks_in_order) if c.name == "p" and not c.get("class"))
    assert first_box < first_para
    kinds = [c for c in _policy_of(app, "articles/needs-boxes") if "hd-disclaimer" in c]
    assert [k[-1] for k in kinds] == ["hd-disclaimer--educational", "hd-disclaimer--compounded-ketamine"]
    # Inserted boxes are the directive's boxes: the same markup, apart from ids and the
    # heading level, which follows the section the box sits in.
    directive = main_content(app, "articles/has-boxes")

    def markup(box):
        return re.sub(r"<(/?)h\d", r"<\1h", re.sub(r"hd-(\w+)-\d+", r"hd-\1-N", str(box)))

    for selector in (".hd-crisis", ".hd-disclaimer--educational", ".hd-disclaimer--compounded-ketamine"):
        assert markup(content.select_one(selector)) == markup(directive.select_one(selector)), selector
    # The disclaimers close the article, before the review line.
    last = content.select(".hd-box, .hd-review")
    assert "hd-review" in last[-1]["class"] and "hd-disclaimer" in last[-2]["class"]
    plain = _policy_of(app, "articles/plain")
    assert plain == [["hd-box", "hd-disclaimer", "no-search", "hd-disclaimer--educational"]]
    data = report(app)
    needs = row(data, "articles/needs-boxes")
    assert needs["crisis_banner"] == "inserted"
    assert needs["inserted_disclaimers"] == ["educational", "compounded-ketamine"]
    assert row(data, "articles/has-boxes")["inserted_disclaimers"] == []


@pytest.mark.sphinx("html", testroot="policy-auto", freshenv=True,
                    confoverrides={"healthdocs_crisis_auto": False, "healthdocs_disclaimer_auto": False})
def test_without_auto_the_same_pages_warn(app):
    app.build()
    found = policy_warnings(app)
    assert sorted((f[0], f[1], f[3]) for f in found) == [
        ("articles/needs-boxes.md", 7, "crisis-required"),
        ("articles/needs-boxes.md", 7, "disclaimer-kind-required"),
        ("articles/needs-boxes.md", 7, "disclaimer-required"),
        ("articles/plain.md", 7, "disclaimer-required"),
    ]
    assert not main_content(app, "articles/needs-boxes").select(".hd-box")


@pytest.mark.sphinx("html", testroot="policy", freshenv=True, confoverrides={
    "healthdocs_policy": {"claim": "warning", "review": "fatal"},
    "healthdocs_topic_disclaimers": {"lithium": {"terms": ["lithium"], "kind": "lithium-kind"}},
    "healthdocs_max_grade": 0,
})
def test_bad_settings_are_config_warnings(app):
    app.build()
    config = [w for w in warnings(app) if "[healthdocs.config]" in w]
    for text in ("unknown rule 'claim' (did you mean 'claims'?)",
                 "'review': severity 'fatal' must be one of warning, error, off",
                 "'lithium': unknown kind 'lithium-kind'",
                 "healthdocs_max_grade: must be a school grade from 1 to 20"):
        assert len([w for w in config if text in w]) == 1, (text, config)
    assert all(re.search(r"conf\.py:\d+: WARNING", w) for w in config)


def test_incremental_report_equals_clean(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "policy-incremental", "policy")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    # Nothing changed, nothing re-read: the stored error still fails the build.
    unchanged = make_app("html", srcdir=srcdir)
    unchanged.build()
    assert "articles/suicide-no-banner" not in read_docs(unchanged)
    assert unchanged.statuscode == 1
    assert "suicide-no-banner.md:10 crisis-required" in unchanged.status.getvalue()

    claims = srcdir / "articles" / "claims.md"
    claims.write_text(claims.read_text().replace("guaranteed to work", "likely to help some people"))
    (srcdir / "articles" / "suicide-no-banner.md").unlink()
    # The glossary loses its FDA entry: unchanged articles that use "FDA" now have a finding.
    glossary = srcdir / "glossary.md"
    glossary.write_text(glossary.read_text().replace("FDA\nFood and Drug Administration\n", "Food and Drug Administration\n"))
    incremental = make_app("html", srcdir=srcdir)
    incremental.build()
    assert "articles/claims" in read_docs(incremental)
    assert "articles/unsafe-language" not in read_docs(incremental)
    assert "articles/clean" not in read_docs(incremental)
    clean_src = sphinx_test_tempdir / "policy-incremental-clean"
    if clean_src.exists():
        shutil.rmtree(clean_src)
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_app("html", srcdir=clean_src, freshenv=True)
    clean.build()
    assert report(incremental) == report(clean)
    assert report(clean)["totals"]["articles"] == 18
    assert [f["rule"] for f in row(report(clean), "articles/claims")["findings"]] == [
        "abbreviation", "claims", "regulatory", "claims", "citation-required", "citation-required", "claims"]
    assert [f["rule"] for f in row(report(incremental), "articles/clean")["findings"]] == ["abbreviation"]
    # The page with the only error is gone, and so is the failure.
    assert incremental.statuscode == 0 and clean.statuscode == 0
    reports = Path(incremental.outdir).parent / "reports"
    assert (reports / "health-report.html").read_text() == \
        (Path(clean.outdir).parent / "reports" / "health-report.html").read_text()


def test_parallel_report_equals_serial(make_app, rootdir, sphinx_test_tempdir):
    serial = make_app("html", srcdir=copy_root(rootdir, sphinx_test_tempdir, "policy-j1", "policy"),
                      freshenv=True, parallel=1)
    serial.build()
    parallel = make_app("html", srcdir=copy_root(rootdir, sphinx_test_tempdir, "policy-j2", "policy"),
                        freshenv=True, parallel=2)
    parallel.build()
    assert report(parallel) == report(serial)
    assert sorted(policy_warnings(parallel)) == sorted(policy_warnings(serial))


def test_real_articles_pass_every_rule(make_app, sphinx_test_tempdir):
    srcdir = copy_project(sphinx_test_tempdir / "policy-real-site")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert policy_warnings(app) == []
    data = report(app)
    assert data["totals"]["articles"] == len(list((PROJECT / "articles").glob("*.md")))
    assert data["totals"]["waived"] == 0
    assert all(r["grade"] is not None and r["grade"] <= 8 for r in data["articles"])
    for article in (PROJECT / "articles").glob("*.md"):
        assert "policy_waivers" not in article.read_text(), article.name


def test_malformed_author_input_warns_without_traceback(make_app, rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "policy-malformed", "policy")
    waived = srcdir / "articles" / "waived.md"
    waived.write_text(waived.read_text().replace(
        'policy_waivers: {safe-language: "quotes a 1990s headline to show what not to write"}',
        "policy_waivers: [safe-language]"))
    app = make_app("html", srcdir=srcdir, freshenv=True,
                   confoverrides={"healthdocs_max_grade": "high"})
    app.build()
    found = policy_warnings(app)
    assert [f[:4] for f in found if f[0] == "articles/waived.md"] == [
        ("articles/waived.md", 5, "WARNING", "waiver"), ("articles/waived.md", 13, "WARNING", "safe-language")]
    assert "must be a map of rule to reason" in found[[f[0] for f in found].index("articles/waived.md")][4]
    # A limit that is not a number falls back to the default (and is a config warning).
    assert report(app)["max_grade"] == 10
    assert [f for f in found if f[3] == "reading-grade"][0][0] == "articles/hard-reading.md"


@pytest.mark.sphinx("html", testroot="policy", freshenv=True, confoverrides={
    "healthdocs_regulatory": {
        # A made-up site row replacing a built-in one (by id), naming Spravato as withdrawn.
        "sertraline": {"names": ["Spravato"], "status": "withdrawn", "withdrawn": "2030-01-01",
                       "source": "https://example.org/made-up-row", "review_by": "2099-01-01"},
        "broken": {"names": ["thing"], "status": "maybe"},
    },
    "healthdocs_policy": {"abbreviation": "off"},
})
def test_site_registry_rows_and_rule_off(app):
    app.build()
    config = [w for w in warnings(app) if "[healthdocs.config]" in w]
    assert [w for w in config if "healthdocs_regulatory: 'broken': 'status' must be one of "
            "approved, withdrawn, not-approved" in w], config
    found = policy_warnings(app)
    # The site's (made-up) row makes "Spravato" a withdrawn product in regulatory.md.
    assert [f for f in found if f[0] == "articles/regulatory.md" and f[3] == "regulatory"
            and "the FDA withdrew the approval of Spravato on 2030-01-01" in f[4]], found
    assert not [f for f in found if f[3] == "abbreviation"]
    assert report(app)["rules_totals"]["abbreviation"]["open"] == 0


def test_registry_rows_have_sources_and_review_dates():
    from healthdocs.policy.products import built_in
    rows = built_in()
    assert {r.id for r in rows} >= {"esketamine", "ketamine", "arketamine", "sertraline", "ect"}
    for row in rows:
        assert row.source.startswith("https://"), row.id
        assert row.review_by > row.reviewed, row.id
        for use in (*row.indications, *row.off_label):
            assert use.terms, (row.id, use.name)
    spravato = next(r for r in rows if r.id == "esketamine")
    assert [u.approved for u in spravato.indications] == ["2019-03-05", "2020"]
    assert next(r for r in rows if r.id == "arketamine").status == "not-approved"
