"""The benchmark's corpus generator and script keep working (tiny N; `make bench` runs N=1,000)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers import PROJECT

sys.path.insert(0, str(PROJECT / "benchmarks"))
import bench


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_corpus_is_deterministic_and_stock_has_no_healthdocs_directive(tmp_path):
    first = bench.make_corpus(tmp_path / "a", 5, 3, "healthdocs")
    bench.make_corpus(tmp_path / "b", 5, 3, "healthdocs")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert len(first) == 5 and ":::{article-list}" in (tmp_path / "a/index.md").read_text()

    bench.make_corpus(tmp_path / "s", 5, 3, "stock")
    stock = "\n".join(p.read_text() for p in (tmp_path / "s").rglob("*.md"))
    for directive in ("crisis-banner", "disclaimer", "related-articles", "article-list"):
        assert "{" + directive + "}" not in stock
    assert "sphinx_design" in (tmp_path / "s/conf.py").read_text()
    # The stock home page links the same three newest articles the article-list shows.
    assert (tmp_path / "s/index.md").read_text().count("{doc}`/articles/") == 3


def test_bench_script_end_to_end(tmp_path):
    out = tmp_path / "results.json"
    command = [sys.executable, str(PROJECT / "benchmarks" / "bench.py"), "--sizes", "3",
               "--runs", "1", "--jobs", "1", "--work", str(tmp_path / "work"), "--json", str(out),
               "--results", str(tmp_path / "RESULTS.md"), "--notes", str(tmp_path / "none.md")]
    subprocess.run(command, check=True, capture_output=True, timeout=600)

    data = json.loads(out.read_text())
    results = {r["stack"]: r for r in data["results"]}
    assert sorted(results) == ["healthdocs", "stock", "stock-hubs"]
    # The floor: stock Sphinx with navigation like ours (hub pages, articles as orphans)
    # writes no page listing every article, so an article edit rewrites that article only.
    floor = results["stock-hubs"]
    assert "index.html" not in floor["runs"]["edit_article"][0]["written"]
    ours = results["healthdocs"]
    assert ours["runs"]["clean_j1"][0]["seconds"] > 0
    assert ours["runs"]["clean_j1"][0]["peak_rss_mb"] > 10
    # A no-change rebuild writes nothing of ours; a description edit writes the
    # article and the pages with its card (the home page's latest list at least).
    assert set(ours["runs"]["nochange"][0]["written"]) <= bench.SPHINX_REWRITES
    assert {ours["sample_page"], "index.html"} <= set(ours["description_expected"])
    assert ours["description_exact"]
    report = (tmp_path / "RESULTS.md").read_text()
    assert "| clean build -j1 | 3 |" in report and "## Targets" in report
    assert "| measurement | N | stock | stock hubs (floor) | healthdocs | vs stock | vs floor |" \
        in report


def test_benchmark_edits_land_in_a_paragraph_of_every_site_article(tmp_path):
    """The preview and rebuild benchmarks time an edit by waiting for its sentence on the
    page: on an article opening with a box (a crisis banner under the title) the sentence
    once became the box's argument, never showed, and the preview benchmark waited forever."""
    for article in sorted((PROJECT / "articles").glob("*.md")):
        copy = tmp_path / article.name
        copy.write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
        bench.edit_body(copy, 7)
        before = article.read_text(encoding="utf-8").split("\n")
        after = copy.read_text(encoding="utf-8").split("\n")
        changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
        assert len(changed) == 1, article.name
        old, new = changed[0]
        assert new == f"{old} Edited sentence number 7." and old[:1].isalnum(), article.name
