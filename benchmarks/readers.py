"""What a first visit costs a reader, per page type, against stock Sphinx + furo.

For each page type: the bytes a first visit downloads (every request Lighthouse saw,
each file gzip-compressed at level 6 as a static host would send it) and Lighthouse
12.2.3 timings (FCP, LCP, TBT, CLS; median of --runs) in Debian's Chromium, on
127.0.0.1, mobile form factor, devtools throttling: 4x CPU slowdown, no network
throttling (localhost), paint holding off (see CHROME_FLAGS). "Stock furo" is the same articles built with only
myst-parser and furo (the healthdocs directives removed).

Budget (issue 7): article <= stock furo article + 10 KB gz; LCP <= 1.5 s.

    npm ci && make bench-readers     # writes benchmarks/READERS.md
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
ARTICLE = "articles/treatment-resistant-depression.html"
PAGES = {
    "home": "index.html",
    "topic hub": "topics/depression.html",
    "tag page": "tags/ketamine.html",
    "tags index": "tags/index.html",
    "article": ARTICLE,
    "search page": "search.html?q=ketamine",
    "glossary": "glossary.html",
    "404": "404.html",
}
STOCK_PAGES = {"home": "index.html", "article": ARTICLE}
BUDGET_EXTRA_GZ = 10 * 1024
BUDGET_LCP_MS = 1500
# Without PaintHolding: in this headless Chromium about half of all runs, stock furo's
# as much as ours, showed nothing for ~2.2 s after the page was ready (no frame was
# drawn), which made FCP and LCP a coin toss between ~0.3 s and ~2.2 s.
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run "
                "--disable-features=PaintHolding")
STOCK_CONF = '''\
project = "Understanding Depression Care"
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence", "deflist"]
html_theme = "furo"
exclude_patterns = ["_build"]
'''
# A MyST directive block (":::{name}" ... ":::"), healthdocs' or any other.
DIRECTIVE = re.compile(r"^:::\{[\w-]+\}.*?^:::[ \t]*$\n?", re.MULTILINE | re.DOTALL)


def ignore(directory: str, names: list[str]) -> set[str]:
    return {n for n in names if n in {".git", "_build", "tests", "benchmarks", "docs",
                                      "node_modules", "__pycache__"} or n.startswith(".")}


def build(srcdir: Path) -> Path:
    outdir = srcdir / "_build" / "html"
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(srcdir), str(outdir)],
                   check=True)
    return outdir


def build_ours(work: Path) -> Path:
    srcdir = work / "healthdocs"
    shutil.copytree(ROOT, srcdir, ignore=ignore)
    return build(srcdir)


def build_stock(work: Path) -> Path:
    srcdir = work / "stock"
    (srcdir / "articles").mkdir(parents=True)
    (srcdir / "conf.py").write_text(STOCK_CONF, encoding="utf-8")
    for article in sorted((ROOT / "articles").glob("*.md")):
        text = DIRECTIVE.sub("", article.read_text(encoding="utf-8"))
        (srcdir / "articles" / article.name).write_text(text, encoding="utf-8")
    index = DIRECTIVE.sub("", (ROOT / "index.md").read_text(encoding="utf-8"))
    index += "\n```{toctree}\n:glob:\n\narticles/*\n```\n"
    (srcdir / "index.md").write_text(index, encoding="utf-8")
    return build(srcdir)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    # The default listen backlog (5) is below Chromium's parallel connections per host.
    request_queue_size = 128


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def lighthouse(url: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report.name}",
             "--only-categories=performance", f"--chrome-flags={CHROME_FLAGS}",
             "--form-factor=mobile", "--throttling-method=devtools",
             "--throttling.cpuSlowdownMultiplier=4", "--throttling.requestLatencyMs=0",
             "--throttling.downloadThroughputKbps=0", "--throttling.uploadThroughputKbps=0"],
            check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
        return json.loads(Path(report.name).read_text(encoding="utf-8"))


def gzip_bytes(site: Path, base: str, report: dict) -> tuple[int, int]:
    """(gzip bytes, request count) of the same-site requests of one page load."""
    total = count = 0
    for item in report["audits"]["network-requests"]["details"]["items"]:
        if not item["url"].startswith(base):
            continue
        path = unquote(urlsplit(item["url"]).path).lstrip("/") or "index.html"
        file = site / path
        if file.is_file():
            total += len(gzip.compress(file.read_bytes(), compresslevel=6, mtime=0))
            count += 1
    return total, count


def measure(site: Path, pages: dict[str, str], runs: int) -> dict[str, dict]:
    results = {}
    with serve(site) as base:
        for name, path in pages.items():
            reports = [lighthouse(base + path) for _ in range(runs)]
            audits = [r["audits"] for r in reports]

            def median(key: str, audits: list = audits) -> float:
                return statistics.median(a[key]["numericValue"] for a in audits)

            gz, requests = gzip_bytes(site, base, reports[0])
            results[name] = {"gz": gz, "requests": requests,
                             "fcp": median("first-contentful-paint"),
                             "lcp": median("largest-contentful-paint"),
                             "lcp_all": [a["largest-contentful-paint"]["numericValue"]
                                         for a in audits],
                             "tbt": median("total-blocking-time"),
                             "cls": median("cumulative-layout-shift")}
            print(f"{name:12} {gz / 1024:6.1f} KB gz  LCP {results[name]['lcp']:6.0f} ms",
                  flush=True)
    return results


def table(results: dict[str, dict]) -> list[str]:
    lines = ["| page | requests | first visit (KB gz) | FCP (ms) | LCP (ms) | LCP runs (ms) | TBT (ms) | CLS |",
             "|---|---:|---:|---:|---:|---|---:|---:|"]
    for name, r in results.items():
        runs = ", ".join(f"{v:.0f}" for v in r["lcp_all"])
        lines.append(f"| {name} | {r['requests']} | {r['gz'] / 1024:.1f} | {r['fcp']:.0f} | "
                     f"{r['lcp']:.0f} | {runs} | {r['tbt']:.0f} | {r['cls']:.3f} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page (median)")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "READERS.md")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `npm ci` in the repository root")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours = measure(build_ours(work), PAGES, args.runs)
        stock = measure(build_stock(work), STOCK_PAGES, args.runs)
    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True,
                             check=False).stdout.strip()
    extra = ours["article"]["gz"] - stock["article"]["gz"]
    slowest = max(ours.values(), key=lambda r: r["lcp"])["lcp"]
    load = os.getloadavg()[0]
    text = [
        "# What a first visit costs readers",
        "",
        "`make bench-readers` (`benchmarks/readers.py`; needs `npm ci` for Lighthouse 12.2.3)."
        " Lighthouse in Debian's Chromium on 127.0.0.1, mobile form factor, devtools throttling:"
        " **4x CPU slowdown**, no network throttling, Chromium's paint holding off (it delayed"
        " the first paint by ~2.2 s in half the runs, stock furo's too); median of "
        f"{args.runs} runs. First-visit bytes: every same-site file the page loaded, gzip level 6.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, load average {load:.1f} at the end; "
        f"{version}.",
        "",
        "## This site",
        "",
        *table(ours),
        "",
        "## Stock Sphinx + furo (same articles, myst-parser only, directives removed)",
        "",
        *table(stock),
        "",
        "## Budget",
        "",
        f"- Article page: {ours['article']['gz'] / 1024:.1f} KB gz vs stock furo "
        f"{stock['article']['gz'] / 1024:.1f} KB gz: **{extra / 1024:+.1f} KB** "
        f"(budget +10 KB: {'met' if extra <= BUDGET_EXTRA_GZ else 'NOT met'}).",
        f"- LCP: slowest page type {slowest:.0f} ms, article {ours['article']['lcp']:.0f} ms, "
        f"stock furo article {stock['article']['lcp']:.0f} ms "
        f"(budget 1,500 ms: {'met' if slowest <= BUDGET_LCP_MS else 'NOT met'}).",
        "",
    ]
    args.output.write_text("\n".join(text), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
