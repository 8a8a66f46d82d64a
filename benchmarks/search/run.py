"""Search benchmark (``make bench-search``): this project vs stock Sphinx+furo vs Pagefind.

For each corpus (the real site's articles + glossary, and a synthetic corpus
from ``benchmarks/corpus.py``) it builds the same content three ways: this
project; stock Sphinx + furo (healthdocs directives rewritten to standard
MyST by ``corpus.stockify``); and Pagefind 1.5.2 indexing that stock build.
Headless Chromium (Debian ``/usr/bin/chromium`` via Playwright) then runs every
query in a fresh browser context (cold cache) against a local HTTP server that
records each request's gzip size (Pagefind's pre-compressed files as stored).

Usage: ``python benchmarks/search/run.py [--articles 1000] [--out DIR] [--results DIR]``.
Writes ``RESULTS.md`` and ``results.json`` into ``--results`` (default: this folder).
``BENCH_VERBOSE=1`` prints one line per query and engine while it runs.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
sys.path.insert(0, str(PROJECT / "benchmarks"))
import corpus  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PRECOMPRESSED = (".pf_meta", ".pf_index", ".pf_fragment", ".pagefind")
ENGINES = ("healthdocs", "sphinx", "pagefind")
STOCK_CONF = (
    'extensions = ["myst_parser"]\n'
    'myst_enable_extensions = ["colon_fence", "deflist"]\n'
    "myst_heading_anchors = 3\n"
    'html_theme = "furo"\n'
    'project = "Stock build"\n'
    "html_copy_source = False\n"
    # The pages the site itself builds (conf.py's exclude_patterns): not node_modules' or docs/' Markdown.
    'exclude_patterns = ["_build", ".venv*", ".ci", ".github", "node_modules", "schema", "README.md", '
    '"AUTHORING.md", "ARCHITECTURE.md", "tests", "benchmarks", "docs", ".pytest_cache"]\n')


# --- building ---------------------------------------------------------------------

def sphinx_build(src: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(out),
                    "-d", str(out.parent / (out.name + "-doctrees"))],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def pagefind(site: Path) -> None:
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site),
                    "--root-selector", "article[role=main]"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def real_site(work: Path) -> tuple[Path, Path]:
    """The project as it is (ours) and the same pages as stock MyST."""
    ours, stock = work / "site-src", work / "site-stock-src"
    for target in (ours, stock):
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(PROJECT, target, ignore=shutil.ignore_patterns(
            ".venv*", "_build", ".git", "tests", "benchmarks", "__pycache__", ".pytest_cache",
            ".ci", "node_modules"))
    for path in stock.rglob("*.md"):
        path.write_text(corpus.stockify(path.read_text(encoding="utf-8")), encoding="utf-8")
    (stock / "conf.py").write_text(STOCK_CONF, encoding="utf-8")
    shutil.rmtree(stock / "_ext")
    return ours, stock


def site_queries(name: str = "queries.tsv") -> list[tuple[str, str, list[str]]]:
    rows = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, query, expected = line.split("\t")
            rows.append((kind, query, expected.split("|")))
    return rows


def synthetic_queries(infos: list[corpus.ArticleInfo], count: int = 80
                      ) -> list[tuple[str, str, list[str]]]:
    """Queries with one known answer each: a title, a rare word, a typo of it, a heading."""
    rng = random.Random(7)
    rows = []
    for info in rng.sample(infos, count // 4):
        word = info.coined[1]
        typo = word[:2] + word[3] + word[2] + word[4:]  # two letters swapped
        rows += [("title", re.sub(r" \(.*\)$", "", info.title) + " " + info.coined[0], [info.docname]),
                 ("rare word", word, [info.docname]),
                 ("typo", typo, [info.docname]),
                 ("phrase", f"{info.coined[2]} protein", [info.docname])]
    return rows


# --- serving and measuring ------------------------------------------------------------

class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A page closed after its first results cancels the downloads still under way.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class Server:
    """A local static server that records (path, gzip bytes) for every request."""

    def __init__(self, root: Path) -> None:
        self.log: list[tuple[str, int]] = []
        sizes: dict[Path, int] = {}
        log = self.log

        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    path = path / "index.html"
                if path.is_file():
                    if path not in sizes:
                        data = path.read_bytes()
                        sizes[path] = len(data) if path.name.endswith(PRECOMPRESSED) else \
                            len(gzip.compress(data, 6))
                    log.append((unquote(urlsplit(self.path).path), sizes[path]))
                super().do_GET()

            def log_message(self, format: str, *args: object) -> None:
                pass

        handler = functools.partial(Handler, directory=str(root))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _is_search_request(engine: str, path: str) -> bool:
    """Requests a search needs (page chrome such as furo's CSS is not counted)."""
    if engine == "healthdocs":  # the client and the index files (not the page's loader)
        return path.startswith(("/_static/hdsearch.js", "/_static/hdsearch/"))
    if engine == "pagefind":
        return path.startswith("/pagefind/")
    return (path.endswith(("searchindex.js", "searchtools.js", "language_data.js"))
            or path.endswith(".html"))


# The first focus fetches the client (hdsearch-loader.js), so the time includes it.
OURS_JS = """async q => {
  const input = document.querySelector('input.sidebar-search');
  const listbox = () => document.querySelector('form.hd-search [role=listbox]');
  const t0 = performance.now();
  const shown = new Promise(resolve => {
    const done = () => listbox() && listbox().querySelector('[role=option]') && !listbox().hidden;
    new MutationObserver((_, obs) => { if (done()) { obs.disconnect(); resolve(); } })
      .observe(input.form, {childList: true, subtree: true, attributes: true});
  });
  input.focus();
  input.value = q;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  await shown;
  const list = listbox();
  const ms = performance.now() - t0;
  const urls = [...list.querySelectorAll('a[role=option]:not(.hd-search__all)')].map(a => a.href);
  return {ms, urls};
}"""

PAGEFIND_JS = """async q => {
  const t0 = performance.now();
  const pf = await import('/pagefind/pagefind.js');
  const search = await pf.search(q);
  const data = await Promise.all(search.results.slice(0, 5).map(r => r.data()));
  return {ms: performance.now() - t0, urls: data.map(d => location.origin + d.url)};
}"""


def first_frame(page, condition: str) -> float:
    """``performance.now()`` at the first animation frame in which ``condition`` holds,
    taken in the page: reading the clock after Playwright's answer came back also counted
    the round trip, which waits for whatever the page does next."""
    page.wait_for_function(f"(() => {{ if ({condition}) {{ window.__shown = window.__shown || "
                           "performance.now(); return true; } return false; })()",
                           polling="raf", timeout=60000)
    return page.evaluate("window.__shown")


def search_page_ms(browser, server: Server, query: str) -> float:
    """healthdocs: ms from navigation to ``search.html?q=`` until the first result's title is
    on the page (the same measure as stock Sphinx's search page below), cold cache."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(server.url + "search.html?q=" + quote(query), wait_until="commit")
        return first_frame(page, "document.querySelector('#search-results li .hd-search-result__title') || "
                           "/No pages/.test(document.querySelector('#search-status')?.textContent || '')")
    finally:
        context.close()


def run_query(browser, server: Server, engine: str, query: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    try:
        if engine == "sphinx":
            server.log.clear()
            page.goto(server.url + "search.html?q=" + quote(query), wait_until="commit")
            ms = first_frame(page, "document.querySelector('#search-results ul.search li') || "
                             "/no|did not/i.test(document.querySelector('.search-summary')?.textContent || '')")
            page.wait_for_function("(document.querySelector('.search-summary')?.textContent || '').length > 0",
                                   timeout=60000)
            page.wait_for_load_state("networkidle")
            urls = page.eval_on_selector_all("#search-results ul.search li",
                                             "lis => lis.map(li => li.querySelector('a').href)")
        else:
            page.goto(server.url + "index.html")
            if engine == "pagefind":
                server.log.clear()
            result = page.evaluate(OURS_JS if engine == "healthdocs" else PAGEFIND_JS, query)
            page.wait_for_timeout(100)
            ms, urls = result["ms"], result["urls"]
        cold = sum(size for path, size in server.log if _is_search_request(engine, path))
        if engine == "sphinx":  # furo's search page itself is part of each Sphinx search
            cold = sum(size for path, size in server.log if _is_search_request(engine, path))
        return {"ms": ms, "bytes": cold, "urls": urls}
    finally:
        server.log.clear()
        context.close()


def keystroke_bytes(browser, server: Server, query: str) -> list[int]:
    """Bytes fetched by each keystroke after the first, typing ``query`` in the dropdown."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(server.url + "index.html")
        page.focus("input.sidebar-search")
        page.wait_for_function("window.HDSearch")  # the client, fetched on focus
        page.wait_for_timeout(100)
        sizes = []
        for end in range(1, len(query) + 1):
            server.log.clear()
            page.evaluate("""q => { const i = document.querySelector('input.sidebar-search');
                i.value = q; i.dispatchEvent(new Event('input', {bubbles: true})); }""", query[:end])
            page.wait_for_timeout(150)
            sizes.append(sum(s for p, s in server.log if _is_search_request("healthdocs", p)))
        return sizes[1:]
    finally:
        context.close()


def docname(url: str, base: str) -> str:
    path = url.split("#")[0].split("?")[0]
    if path.startswith(base):
        path = path[len(base):]
    return path.lstrip("/").removesuffix(".html").removesuffix("/index").removesuffix("/")


def evaluate(browser, servers: dict[str, Server], queries) -> dict:
    rows = []
    for kind, query, expected in queries:
        row = {"type": kind, "query": query, "expected": expected}
        for engine in ENGINES:
            server = servers[engine]
            result = run_query(browser, server, engine, query)
            ranked = [docname(u, server.url) for u in result["urls"]]
            rank = next((i + 1 for i, d in enumerate(ranked) if d in expected), None)
            if os.environ.get("BENCH_VERBOSE"):
                print(engine, query, rank, round(result["ms"]), result["bytes"], flush=True)
            row[engine] = {"rank": rank, "zero": not ranked, "bytes": result["bytes"],
                           "ms": round(result["ms"], 1), "top": ranked[:3]}
        # The search page, measured like stock Sphinx's (navigation to first result).
        row["healthdocs"]["page_ms"] = round(search_page_ms(browser, servers["healthdocs"], query), 1)
        rows.append(row)
    return {"rows": rows}


def summarise(rows: list[dict], engine: str, kind: str | None = None) -> dict:
    sel = [r[engine] for r in rows if kind is None or r["type"] == kind]
    n = len(sel)
    ranks = [s["rank"] for s in sel]
    bytes_ = sorted(s["bytes"] for s in sel)
    ms = sorted(s["ms"] for s in sel)
    page_ms = sorted(s.get("page_ms", s["ms"] if engine == "sphinx" else 0) for s in sel)
    return {
        "n": n,
        "hit1": sum(1 for r in ranks if r == 1) / n,
        "hit3": sum(1 for r in ranks if r and r <= 3) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
        "zero": sum(1 for s in sel if s["zero"]) / n,
        "bytes_median": statistics.median(bytes_),
        "bytes_p95": bytes_[min(n - 1, int(0.95 * n))],
        "ms_median": statistics.median(ms),
        "ms_p95": ms[min(n - 1, int(0.95 * n))],
        "page_ms_median": statistics.median(page_ms),
        "page_ms_p95": page_ms[min(n - 1, int(0.95 * n))],
    }


# --- report -------------------------------------------------------------------------

def machine() -> str:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in
                   Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    import sphinx
    return (f"{platform.platform()}; {os.cpu_count()} CPUs ({cpu}); Python {platform.python_version()}; "
            f"Sphinx {sphinx.__version__}; {version}; Pagefind 1.5.2 (pagefind[bin] from PyPI)")


def table(title: str, data: dict) -> list[str]:
    lines = [f"### {title}", "",
             "| engine | type | n | hit@1 | hit@3 | MRR | zero-result | cold KB/query (median / p95) "
             "| ms to first results, as you type (median / p95) | ms to first results, search page "
             "(median / p95) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    rows = data["rows"]
    kinds = sorted({r["type"] for r in rows})
    for engine in ENGINES:
        for kind in [None, *kinds]:
            s = summarise(rows, engine, kind)
            typed = "" if engine == "sphinx" else f"{s['ms_median']:.0f} / {s['ms_p95']:.0f}"
            paged = f"{s['page_ms_median']:.0f} / {s['page_ms_p95']:.0f}" if engine != "pagefind" else ""
            lines.append(
                f"| {engine} | {kind or '**all**'} | {s['n']} | {s['hit1']:.2f} | {s['hit3']:.2f} "
                f"| {s['mrr']:.2f} | {s['zero']:.1%} | "
                + (f"{s['bytes_median'] / 1024:.1f} / {s['bytes_p95'] / 1024:.1f}" if kind is None else "")
                + f" | {typed} | {paged} |")
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=PROJECT / "_build" / "bench-search")
    parser.add_argument("--results", type=Path, default=HERE)
    parser.add_argument("--site-only", action="store_true", help="skip the synthetic corpus")
    parser.add_argument("--ranking", action="store_true",
                        help="only this site's ranking of the site's query sets (no timings, no other "
                             "engines): prints hit@1, hit@3 and every query not ranked first")
    args = parser.parse_args()
    if args.ranking:
        return ranking(args.out)
    from playwright.sync_api import sync_playwright

    work = args.out
    work.mkdir(parents=True, exist_ok=True)
    # name -> (our source, stock source, {query set name: queries})
    corpora: dict[str, tuple[Path, Path, dict[str, list]]] = {}
    ours_src, stock_src = real_site(work)
    corpora["site"] = (ours_src, stock_src, {"site": site_queries(),
                                             "site-patients": site_queries("queries-patients.tsv"),
                                             "site-heldout": site_queries("queries-heldout.tsv"),
                                             "site-heldout-2": site_queries("queries-heldout-2.tsv")})
    if not args.site_only:
        infos = corpus.generate(work / "synthetic-src", args.articles, seed=1)
        corpus.generate(work / "synthetic-stock-src", args.articles, seed=1, flavour="stock",
                        toctree=False)
        name = f"synthetic-{args.articles}"
        corpora[name] = (work / "synthetic-src", work / "synthetic-stock-src",
                         {name: synthetic_queries(infos)})
    report: dict[str, dict] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for corpus_name, (ours, stock, query_sets) in corpora.items():
            out_ours, out_stock = work / f"{corpus_name}-html", work / f"{corpus_name}-stock-html"
            for path in (out_ours, out_stock):
                shutil.rmtree(path, ignore_errors=True)
            build = {"healthdocs": sphinx_build(ours, out_ours), "sphinx": sphinx_build(stock, out_stock)}
            started = time.perf_counter()
            pagefind(out_stock)
            build["pagefind"] = time.perf_counter() - started
            servers = {"healthdocs": Server(out_ours), "sphinx": Server(out_stock)}
            servers["pagefind"] = servers["sphinx"]
            try:
                for name, queries in query_sets.items():
                    load_before = round(os.getloadavg()[0], 1)
                    data = evaluate(browser, servers, queries)
                    keys = [k for q in queries[:10] for k in keystroke_bytes(browser, servers["healthdocs"], q[1])]
                    data["build_seconds"] = {k: round(v, 1) for k, v in build.items()}
                    # 1-minute load average before and after this query set.
                    data["load_average"] = [load_before, round(os.getloadavg()[0], 1)]
                    data["keystroke_bytes"] = {"median": statistics.median(keys), "max": max(keys),
                                               "over_10kb": sum(1 for k in keys if k > 10 * 1024),
                                               "n": len(keys)}
                    report[name] = data
                    print(f"{name}: done", flush=True)
            finally:
                servers["healthdocs"].close()
                servers["sphinx"].close()
        browser.close()
    write_report(args, report)


def ranking(work: Path) -> None:
    """What ``--ranking`` prints: quick to re-run while changing the ranking."""
    from playwright.sync_api import sync_playwright

    work.mkdir(parents=True, exist_ok=True)
    ours, _ = real_site(work)
    out = work / "site-html"
    shutil.rmtree(out, ignore_errors=True)
    sphinx_build(ours, out)
    server = Server(out)
    sets = {name: site_queries(f"{name}.tsv") for name in
            ("queries", "queries-patients", "queries-heldout", "queries-heldout-2")}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(server.url + "search.html")
        page.wait_for_function("window.HDSearch")
        for name, queries in sets.items():
            ranks, misses = [], []
            for kind, query, expected in queries:
                urls = page.evaluate("q => HDSearch.query(q, {}, 6).then(r => r.map(d => d.url))", query)
                ranked = [docname(u, server.url) for u in urls]
                rank = next((i + 1 for i, d in enumerate(ranked) if d in expected), None)
                ranks.append(rank)
                if rank != 1:
                    misses.append(f"  {rank or '-'}  {kind}: {query}  ->  {', '.join(ranked[:3])}  (expected {'|'.join(expected)})")
            n = len(ranks)
            print(f"{name}: n {n}, hit@1 {sum(r == 1 for r in ranks) / n:.2f}, "
                  f"hit@3 {sum(bool(r and r <= 3) for r in ranks) / n:.2f}")
            print("\n".join(misses))
        browser.close()
    server.close()


def write_report(args, report: dict) -> None:
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "results.json").write_text(json.dumps(report, indent=1, sort_keys=True) + "\n")
    lines = ["# Search benchmark results", "",
             "Command: `make bench-search` (runs `.venv/bin/python benchmarks/search/run.py "
             f"--articles {args.articles}`).", "", f"Machine: {machine()}.", ""]
    for name, data in report.items():
        lines += table(name, data)
        k = data["keystroke_bytes"]
        lines += [f"Build seconds: {data['build_seconds']}. healthdocs bytes per further keystroke "
                  f"(first 10 queries typed letter by letter): median {k['median'] / 1024:.1f} KB, "
                  f"max {k['max'] / 1024:.1f} KB, {k['over_10kb']} of {k['n']} keystrokes over 10 KB.", ""]
    lines += targets(report) + NOTES
    (args.results / "RESULTS.md").write_text("\n".join(lines) + "\n")


def targets(report: dict) -> list[str]:
    """Issue 17's targets, each with met / missed by how much."""
    loads = ", ".join(f"{name} {data.get('load_average', '?')}" for name, data in report.items())
    lines = ["## Against the targets (issue 17)", "",
             f"1-minute load average before and after each query set: {loads}, on "
             f"{os.cpu_count()} CPUs shared with other builds; load inflates every engine's "
             "milliseconds alike.", ""]

    def verdict(ok: bool, text: str) -> None:
        lines.append(f"- {'met' if ok else 'MISSED'}: {text}")

    for name, data in report.items():
        rows = data["rows"]
        ours, stock = summarise(rows, "healthdocs"), summarise(rows, "sphinx")
        if name == "site-patients":
            kinds = sorted({r["type"] for r in rows})
            worst = min((summarise(rows, "healthdocs", k)["hit3"], k) for k in kinds)
            verdict(ours["hit1"] >= 0.95, f"{name}: hit@1 {ours['hit1']:.2f} (target >= 0.95)")
            verdict(ours["hit3"] >= 0.98, f"{name}: hit@3 {ours['hit3']:.2f} (target >= 0.98)")
            verdict(worst[0] >= 0.95, f"{name}: lowest hit@3 per type {worst[0]:.2f} ({worst[1]}; "
                    "target >= 0.95)")
        ms, stock_ms = ours["page_ms_median"], stock["page_ms_median"]
        verdict(ms <= stock_ms, f"{name}: search page first results {ms:.0f} ms median, stock "
                f"Sphinx's search page {stock_ms:.0f} ms in the same run (target: no later)")
        if name.startswith("synthetic"):
            verdict(ms <= 100, f"{name}: search page first results {ms:.0f} ms median"
                    + (f", {ms - 100:.0f} ms over" if ms > 100 else "") + " (target <= 100 ms)")
        k = data["keystroke_bytes"]
        verdict(k["over_10kb"] == 0, f"{name}: further keystrokes over 10 KB: {k['over_10kb']} of "
                f"{k['n']} (max {k['max'] / 1024:.1f} KB; target <= 10 KB each)")
    return [*lines, ""]


NOTES = ["## How it was measured", "",
         "- Every query runs in a new browser context (empty cache). *Cold KB* is the gzip size of "
         "the requests the search needs: for healthdocs `_static/hdsearch.js` and every index file "
         "(`_static/hdsearch/…`); for Pagefind everything under `/pagefind/` (its pre-compressed "
         "files as stored); for stock Sphinx the search page, `searchindex.js`, `searchtools.js`, "
         "`language_data.js` and every page fetched for result summaries. furo's own CSS/JS, "
         "which a reader already has from browsing, is not counted for any engine.",
         "- *ms to first results, as you type*: healthdocs, from typing the query into the sidebar "
         "box (focus included, so the client, head and stemmer load inside the measurement) until "
         "the dropdown shows results (titles; snippets follow); Pagefind, from `import('/pagefind/pagefind.js')` "
         "until `search()` and `data()` of the top 5 results resolve (what its UI needs to "
         "show them). *Search page*: healthdocs and stock Sphinx alike, from navigation to "
         "`search.html?q=` until the first result's title is in the list (cold cache, "
         "`performance.now()` taken in the page at the first animation frame that shows it; "
         "before search round 2 the clock was read after Playwright's answer came back, which "
         "added a round trip that waits for the page's next task: 10-60 ms more for this site's "
         "page, which goes on loading titles and snippets, 10-20 ms for stock's). Localhost, "
         "Python's `http.server`.",
         "- Ranking: healthdocs, the dropdown's results (top 6); Pagefind, its top 5; Sphinx, its "
         "whole list. hit@k counts a query when an expected page is among the first k; MRR uses "
         "the rank of the first expected page (0 when absent).",
         "- Stock Sphinx + furo: the same Markdown with the healthdocs directives rewritten to "
         "standard MyST notes and link lists (`benchmarks/corpus.py: stockify`), the same pages as "
         "the site builds (its `exclude_patterns`; before search round 2 the stock build also "
         "indexed the Markdown of node_modules/, docs/, README, AUTHORING and ARCHITECTURE). For the synthetic "
         "corpus the stock articles are orphans (no global toctree): furo renders the global "
         "toctree on every page, which makes a 1,000-article stock build take ~16 minutes, and "
         "this does not change Sphinx's search index.",
         "- Pagefind indexes the stock build with `--root-selector article[role=main]` (the "
         "article text only, its best configuration here).",
         "- Queries on the real site: `benchmarks/search/queries.tsv` (84 queries, 14 per type, "
         "with the article(s) that answer them) and, for issue 17, "
         "`benchmarks/search/queries-patients.tsv` (108 new queries, 27 per type, written the way "
         "patients type: lay words, questions, misspellings, run-on phrases; written before the "
         "ranking was tuned, not copied from the articles; the ranking was then tuned on them) and "
         "`benchmarks/search/queries-heldout.tsv` (30 more in the same style, written after the "
         "tuning and not tuned on: a check that the gains are not specific to the 108). Queries on "
         "the synthetic corpus are generated from it (`synthetic_queries`): an article's title "
         "words, a rare word only that article uses, the same word with two letters swapped, and "
         "a phrase from it. `benchmarks/search/queries-heldout-2.tsv` (30 more) was written "
         "before search round 2 changed the ranking.", "",
         "## Why targets are missed (search round 2)", "",
         "- *Search page against stock on this 10-page site* (about 20-30 ms behind in the run "
         "of 30 November 2026): this page carries the index head, every page's title, the "
         "stemmer and the client inline (92 KB, 26 KB gzip), which the browser parses and "
         "compiles before it can rank, and the query's postings shards are one more request "
         "after that; stock's page is 14 KB and its whole index (`searchindex.js`, 40 KB) "
         "is one request. At 1,000 articles stock's index is 1.2 MB and the two pages are "
         "level. Inlining the shards too would put the whole index in every search page.",
         "- *100 ms at 1,000 articles*: 140 ms median, measured at a 1-minute load of 1.4-2.7 "
         "on 2 CPUs (the browser, the two HTTP servers and the harness share them); stock's "
         "page took the same 140 ms in that run.",
         "- *hit@1 on the patients' queries* (0.86, target 0.95; hit@3 0.99): in most misses "
         "the expected article is second, behind another article that also discusses the "
         "subject (\"what are the side effects of esketamine\", \"how many visits for "
         "spravato\": several of the seven articles cover esketamine). Weights tuned on these "
         "108 queries would not carry over: the two held-out sets, not tuned on, stay at 0.83.",
         ""]


if __name__ == "__main__":
    main()
