"""The search benchmark still runs end to end (tiny corpus, four queries)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT / "benchmarks"))
sys.path.insert(0, str(PROJECT / "benchmarks" / "search"))

import corpus
import run


def test_corpus_is_deterministic_and_stockify_removes_directives(tmp_path):
    first = corpus.generate(tmp_path / "a", 6, seed=3)
    corpus.generate(tmp_path / "b", 6, seed=3)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.md"))
    assert len(files) == 8 and [i.docname for i in first]
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    text = "".join((tmp_path / "a" / n).read_text() for n in files)
    for directive in ("{crisis-banner}", "{disclaimer}", ":kind: compounded-ketamine",
                      "{related-articles}", "{glossary}", "{doc}", "## Sources", "[^s1]"):
        assert directive in text, directive
    stock = corpus.stockify(text)
    assert "{crisis-banner}" not in stock and "{disclaimer}" not in stock
    assert "{related-articles}" not in stock and "Call or text 988" in stock


def test_benchmark_runs_on_a_tiny_corpus(browser, tmp_path):
    infos = corpus.generate(tmp_path / "ours-src", 6, seed=2)
    corpus.generate(tmp_path / "stock-src", 6, seed=2, flavour="stock", toctree=False)
    run.sphinx_build(tmp_path / "ours-src", tmp_path / "ours")
    run.sphinx_build(tmp_path / "stock-src", tmp_path / "stock")
    run.pagefind(tmp_path / "stock")
    queries = run.synthetic_queries(infos, count=4)
    servers = {"healthdocs": run.Server(tmp_path / "ours"), "sphinx": run.Server(tmp_path / "stock")}
    servers["pagefind"] = servers["sphinx"]
    try:
        data = run.evaluate(browser, servers, queries)
        keys = run.keystroke_bytes(browser, servers["healthdocs"], queries[0][1])
    finally:
        servers["healthdocs"].close()
        servers["sphinx"].close()
    ours = run.summarise(data["rows"], "healthdocs")
    assert ours["n"] == 4 and ours["hit3"] == 1.0 and ours["bytes_median"] > 0
    assert run.summarise(data["rows"], "pagefind")["bytes_median"] > 0
    assert len(keys) == len(queries[0][1]) - 1
    data["build_seconds"] = {}
    data["keystroke_bytes"] = {"median": 0, "max": 0, "over_10kb": 0, "n": 0}
    args = argparse.Namespace(articles=6, results=tmp_path / "results")
    run.write_report(args, {"synthetic-6": data})
    report = (tmp_path / "results" / "RESULTS.md").read_text()
    assert "| healthdocs | **all** | 4 |" in report and "Machine:" in report
