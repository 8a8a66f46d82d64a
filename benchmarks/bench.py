"""Build benchmark (``make bench``): this project vs the stock stack, same corpus.

For each N (default 100 and 1,000) ``corpus.generate`` writes the same seeded
articles twice: once for this project and once for the stock stack (Sphinx +
MyST + furo + sphinx-design, healthdocs directives rewritten to standard MyST
by ``corpus.stockify``; see RESULTS.md for what that substitution means). Both
home pages get a "Latest articles" list of the three newest articles: the
``article-list`` directive here, the same three ``{doc}`` links for stock.

Measured per stack and N, each build a fresh ``sphinx-build`` process:

* clean build ``-j 1`` and ``-j 2`` (wall time, peak RSS of the largest
  process from ``os.wait4``, output size, gzip bytes of one article page);
* no-change rebuild, one-article-edit rebuild (a sentence appended to a body
  paragraph), one-description-edit rebuild (front-matter ``description``).
  Pages written = ``.html`` files whose mtime changed. For the description
  edit the expected set is computed from the clean build's HTML: the article
  itself plus every page with a card linking to it.

Medians of ``--runs`` runs; clean builds slower than ``--single-run-above``
seconds run once. Before every N >= 500 measurement the script waits (up to
40 minutes, polling every 30 s) for the 1-minute load average to fall below
0.8, and records the load averages seen before and after each build.

Usage: ``python benchmarks/bench.py [--sizes 100 1000] [--runs 3] [--profile]``
(``--help`` for the rest). Results: ``--json`` (raw, merged with an existing
file so stacks and sizes can be measured in separate runs) and ``--results``
(RESULTS.md tables).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import platform
import posixpath
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))
import corpus

#: stock: Sphinx + MyST + furo + sphinx-design with every article in the toctree (what a
#: stock site of this corpus looks like); stock-hubs: the cheapest a furo site of it can be
#: (articles as orphans, navigation by plain hub pages, no sphinx-design): the floor.
STACKS = ("stock", "stock-hubs", "healthdocs")
LOAD_LIMIT = 0.8
LONG_N = 500
#: Pages Sphinx itself rewrites, stock included: genindex and search on every build,
#: and the home page whenever an article changes (its toctree lists every article).
SPHINX_REWRITES = frozenset({"genindex.html", "search.html", "index.html"})
CARD_LINK = re.compile(r'<a class="[^"]*\bhd-card__link\b[^"]*" href="([^"#]*)')


# --- corpus ----------------------------------------------------------------------

def make_corpus(target: Path, n: int, seed: int, stack: str) -> list[corpus.ArticleInfo]:
    infos = corpus.generate(target, n, seed, flavour="healthdocs" if stack == "healthdocs"
                            else "stock", toctree=stack != "stock-hubs")
    index = target / "index.md"
    text = index.read_text(encoding="utf-8")
    if stack == "healthdocs":
        latest = ":::{article-list}\n:limit: 3\n:::\n"
    else:
        # Stock equivalent: the same three newest articles, linked by title.
        dates = {info.docname: _front_matter(target / f"{info.docname}.md", "date")
                 for info in infos}
        newest = sorted(dates, key=lambda d: (dates[d], d), reverse=True)[:3]
        latest = "".join(f"- {{doc}}`/{d}`\n" for d in newest)
    if stack == "stock":
        conf = target / "conf.py"
        # The stock stack includes sphinx-design (this project loads it too).
        conf.write_text(conf.read_text(encoding="utf-8").replace(
            'extensions = ["myst_parser"]', 'extensions = ["myst_parser", "sphinx_design"]'),
            encoding="utf-8")
    if stack == "stock-hubs":
        text = text.replace("glossary\n```", "glossary\n" + _hub_pages(target, infos) + "```")
    index.write_text(text.replace("Welcome.\n", f"Welcome.\n\n## Latest articles\n\n{latest}"),
                     encoding="utf-8")
    return infos


def _hub_pages(target: Path, infos: list[corpus.ArticleInfo]) -> str:
    """One plain page per category listing its articles; their toctree lines."""
    by_category: dict[str, list[str]] = {}
    for info in infos:
        by_category.setdefault(info.category, []).append(info.docname)
    (target / "topics").mkdir(exist_ok=True)
    lines = []
    for number, (category, docnames) in enumerate(sorted(by_category.items())):
        links = "".join(f"- {{doc}}`/{d}`\n" for d in sorted(docnames))
        (target / "topics" / f"t{number}.md").write_text(f"# {category}\n\n{links}",
                                                         encoding="utf-8")
        lines.append(f"topics/t{number}\n")
    return "".join(lines)


def _front_matter(path: Path, key: str) -> str:
    match = re.search(rf"^{key}: (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    return match.group(1) if match else ""


def edit_body(path: Path, run: int) -> None:
    """Append a sentence to the first paragraph of text after the title (not to a box
    opened under it: a crisis banner's first line would take the sentence as its argument)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    title = next(i for i, line in enumerate(lines) if line.startswith("# "))
    fence = ""
    for index in range(title + 1, len(lines)):
        line = lines[index]
        if fence:
            fence = "" if line.startswith(fence) and not line[len(fence):].strip() else fence
        elif line.startswith((":::", "```")):
            fence = line[:len(line) - len(line.lstrip(line[0]))]
        elif line[:1].isalnum() and not lines[index - 1].strip():
            lines[index] = f"{line} Edited sentence number {run}."
            break
    else:
        raise ValueError(f"{path}: no paragraph after the title to edit")
    path.write_text("\n".join(lines), encoding="utf-8")


def edit_description(path: Path, run: int) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'^description: "(.*)"$',
                  lambda m: f'description: "{m.group(1)} Revised {run}."', text, count=1,
                  flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")


# --- one build -------------------------------------------------------------------

_wait_left = [0.0]  # seconds of waiting left for the whole run (--max-wait)


def wait_for_quiet(n: int, log: list[str], label: str) -> None:
    """Before a long measurement: poll every 30 s until the 1-minute load is low."""
    if n < LONG_N:
        return
    while (load := os.getloadavg()[0]) >= LOAD_LIMIT and _wait_left[0] > 0:
        print(f"  waiting for load < {LOAD_LIMIT} (now {load:.2f})", flush=True)
        time.sleep(30)
        _wait_left[0] -= 30
    if (load := os.getloadavg()[0]) >= LOAD_LIMIT:
        log.append(f"{label}, N={n}: waiting time used up, build started at load {load:.2f}")


def timed_build(project: Path, jobs: int, profile: Path | None = None) -> dict:
    """Run sphinx-build in a fresh process: wall time, peak RSS, load averages."""
    out = project / "_build"
    command = [sys.executable]
    if profile:
        command += ["-m", "cProfile", "-o", str(profile)]
    command += ["-m", "sphinx", "-b", "html", "-j", str(jobs), "-d", str(out / "doctrees"),
                str(project), str(out / "html")]
    load_before = os.getloadavg()[0]
    log = out.parent / "_build.log"
    start = time.perf_counter()
    with open(log, "wb") as stream:
        process = subprocess.Popen(command, stdout=stream, stderr=subprocess.STDOUT)
        # wait4 (not Popen.wait) gives this child's rusage; on Linux ru_maxrss is the
        # largest resident set of the child and the workers it waited for (-j 2).
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    if process.returncode:
        sys.stderr.write(text[-5000:])
        raise SystemExit(f"sphinx-build failed in {project} (exit {process.returncode})")
    return {"seconds": round(seconds, 3),
            # CPU time of the build and its -j workers: on a shared machine it varies far
            # less with the load than wall time does.
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "load": [round(load_before, 2), round(os.getloadavg()[0], 2)],
            "warnings": text.count("WARNING:")}


def html_mtimes(outdir: Path) -> dict[str, int]:
    return {str(p.relative_to(outdir)): p.stat().st_mtime_ns for p in outdir.rglob("*.html")}


def written(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(name for name, mtime in after.items() if before.get(name) != mtime)


def tree_bytes(outdir: Path) -> int:
    return sum(p.stat().st_size for p in outdir.rglob("*") if p.is_file())


def pages_with_card(outdir: Path, docname: str) -> set[str]:
    """Pages whose HTML has a card linking to ``docname`` (plus the page itself)."""
    found = {f"{docname}.html"}
    for path in outdir.rglob("*.html"):
        page = str(path.relative_to(outdir))
        for href in CARD_LINK.findall(path.read_text(encoding="utf-8")):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
            if target == f"{docname}.html":
                found.add(page)
    return found


# --- one stack at one size -------------------------------------------------------

def clean(project: Path) -> None:
    shutil.rmtree(project / "_build", ignore_errors=True)


def measure(stack: str, n: int, args: argparse.Namespace, log: list[str]) -> dict:
    project = args.work / f"{stack}-{n}"
    infos = make_corpus(project, n, args.seed, stack)
    outdir = project / "_build" / "html"
    sample = infos[len(infos) // 2].docname  # the page we gzip, edit and describe
    result: dict = {"stack": stack, "n": n, "pages": None, "runs": {}}
    runs = result["runs"]

    for jobs in args.jobs:
        key = f"clean_j{jobs}"
        runs[key] = []
        while len(runs[key]) < args.runs:
            wait_for_quiet(n, log, f"{stack} {key}")
            clean(project)
            run = timed_build(project, jobs)
            runs[key].append(run)
            print(f"  {stack} N={n} {key}: {run['seconds']:.1f} s, "
                  f"{run['peak_rss_mb']} MB, load {run['load']}", flush=True)
            if run["seconds"] > args.single_run_above:
                break
    # The -j 2 build's output is what the rebuilds start from (same files as -j 1).
    result["pages"] = len(html_mtimes(outdir))
    result["output_bytes"] = tree_bytes(outdir)
    page = (outdir / f"{sample}.html").read_bytes()
    result["sample_page"] = f"{sample}.html"
    result["sample_page_bytes"] = len(page)
    result["sample_page_gzip_bytes"] = len(gzip.compress(page, compresslevel=9, mtime=0))
    expected = sorted(pages_with_card(outdir, sample))

    source = project / f"{sample}.md"
    for key, edit in (("nochange", None), ("edit_article", edit_body),
                      ("edit_description", edit_description)):
        runs[key] = []
        for number in range(args.runs):
            wait_for_quiet(n, log, f"{stack} {key}")
            if edit:
                edit(source, number)
            before = html_mtimes(outdir)
            time.sleep(0.01)  # distinct mtimes on coarse filesystems
            run = timed_build(project, 1)
            run["written"] = written(before, html_mtimes(outdir))
            runs[key].append(run)
            print(f"  {stack} N={n} {key}: {run['seconds']:.2f} s, "
                  f"{len(run['written'])} pages written", flush=True)
    desc = runs["edit_description"]
    result["description_expected"] = expected
    result["description_exact"] = all(
        set(r["written"]) - SPHINX_REWRITES == set(expected) - SPHINX_REWRITES for r in desc)
    return result


# --- profile ---------------------------------------------------------------------

def profile(n: int, args: argparse.Namespace, log: list[str]) -> dict:
    if args.profile_stats:  # a profile made earlier (same command, see RESULTS.md)
        stats_file, run = args.profile_stats, {"seconds": None, "load": [None, None]}
    else:
        project = args.work / f"healthdocs-{n}"
        make_corpus(project, n, args.seed, "healthdocs")
        wait_for_quiet(n, log, "healthdocs profile")
        clean(project)
        stats_file = args.work / f"profile-{n}.prof"
        run = timed_build(project, 1, profile=stats_file)
    stats = pstats.Stats(str(stats_file))
    total = stats.total_tt
    rows = []
    for (filename, line, function), (_, calls, tottime, cumtime, _) in stats.stats.items():
        rows.append({"where": f"{_short(filename)}:{line}({function})", "calls": calls,
                     "tottime": round(tottime, 2), "cumtime": round(cumtime, 2)})
    ours = sorted((r for r in rows if "healthdocs" in r["where"]),
                  key=lambda r: r["cumtime"], reverse=True)[:args.profile_top]
    by_self = sorted(rows, key=lambda r: r["tottime"], reverse=True)[:args.profile_top]
    by_cum = sorted(rows, key=lambda r: r["cumtime"], reverse=True)
    by_cum = [r for r in by_cum if not r["where"].startswith(("<", "~"))][:args.profile_top * 2]
    return {"n": n, "seconds": run["seconds"], "total": round(total, 1), "load": run["load"],
            "cumulative": by_cum, "self": by_self, "ours": ours}


def _short(filename: str) -> str:
    for marker in ("site-packages/", "_ext/", "lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


# --- report ----------------------------------------------------------------------

def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in
                   Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    mem = ""
    with contextlib.suppress(OSError, StopIteration):
        mem = next(line.split(":", 1)[1].strip() for line in
                   Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    from importlib.metadata import version
    packages = {name: version(name) for name in
                ("sphinx", "myst-parser", "furo", "sphinx-design", "docutils")}
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem, "python": platform.python_version(),
            "platform": platform.platform(), "packages": packages}


def median(runs: list[dict], field: str = "seconds") -> float | None:
    values = [r[field] for r in runs if r.get(field) is not None]
    return statistics.median(values) if values else None


def render(data: dict) -> str:
    out = io.StringIO()
    w = out.write
    info = data["machine"]
    w("# Build benchmark results\n\n")
    w("Generated by `make bench` (`benchmarks/bench.py`); method in the script's docstring.\n\n")
    w(f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory']} RAM; Python "
      f"{info['python']} on {info['platform']}; "
      + ", ".join(f"{k} {v}" for k, v in info["packages"].items()) + ".\n\n")
    results = {(r["stack"], r["n"]): r for r in data["results"]}
    sizes = sorted({n for _, n in results})
    w("Times are medians of the number of runs in brackets: wall seconds, then CPU seconds "
      "(user + system, the build and its -j workers); the ratios are this project / stock "
      "and this project / the stock hub-navigation floor, wall time (below 1 is faster).\n\n")
    w("| measurement | N | stock | stock hubs (floor) | healthdocs | vs stock | vs floor |\n"
      "|---|---|---|---|---|---|---|\n")

    def ratios(values: list[float | None]) -> str:
        stock, floor, ours = values
        return " | ".join(f"{ours / base:.3f}" if ours and base else "-" for base in (stock, floor))

    rows = [("clean build -j1", "clean_j1"), ("clean build -j2", "clean_j2"),
            ("no-change rebuild", "nochange"), ("one-article-edit rebuild", "edit_article"),
            ("one-description-edit rebuild", "edit_description")]
    for label, key in rows:
        for n in sizes:
            cells, values = [], []
            for stack in STACKS:
                r = results.get((stack, n))
                if r is None or key not in r["runs"]:
                    cells.append("not measured")
                    values.append(None)
                    continue
                runs = r["runs"][key]
                value = median(runs)
                values.append(value)
                text = f"{value:.2f} s ({len(runs)})"
                if (cpu := median(runs, "cpu_seconds")) is not None:
                    text += f", CPU {cpu:.1f} s"
                if key.startswith("edit") or key == "nochange":
                    text += f", {len(runs[0]['written'])} pages written"
                cells.append(text)
            w(f"| {label} | {n:,} | {' | '.join(cells)} | {ratios(values)} |\n")
    for n in sizes:
        values = [median(results[(s, n)]["runs"]["clean_j1"], "peak_rss_mb")
                  if (s, n) in results and "clean_j1" in results[(s, n)]["runs"] else None
                  for s in STACKS]
        cells = [f"{v:.0f}" if v is not None else "not measured" for v in values]
        w(f"| peak RSS, clean -j1 (MB) | {n:,} | {' | '.join(cells)} | {ratios(values)} |\n")
    for label, field in (("pages (.html files)", "pages"), ("output size (bytes)", "output_bytes"),
                         ("one article page, gzip -9 (bytes)", "sample_page_gzip_bytes")):
        for n in sizes:
            values = [results[(s, n)][field] if (s, n) in results else None for s in STACKS]
            cells = [f"{v:,}" if v is not None else "not measured" for v in values]
            w(f"| {label} | {n:,} | {' | '.join(cells)} | {ratios(values)} |\n")

    w("\n## Targets\n\n| target | measured | met |\n|---|---|---|\n")
    for line in targets(results, sizes):
        w(f"| {' | '.join(line)} |\n")

    w("\n## Pages written by the rebuilds\n\n")
    for (stack, n), r in sorted(results.items()):
        for key in ("nochange", "edit_article", "edit_description"):
            pages = r["runs"][key][0]["written"]
            w(f"- {stack}, N={n:,}, {key}: {len(pages)} pages"
              + (f" ({', '.join(pages[:8])}{' ...' if len(pages) > 8 else ''})" if pages else "")
              + "\n")
        if stack == "healthdocs":
            w(f"  - description edit of `{r['sample_page']}`: expected (the page and every page "
              f"showing its card) {len(r['description_expected'])} pages: "
              f"{', '.join(r['description_expected'])}; every run wrote exactly those "
              f"(besides {', '.join(sorted(SPHINX_REWRITES))}, which Sphinx rewrites itself): "
              f"**{'yes' if r['description_exact'] else 'no'}**\n")

    w("\n## Raw runs\n\nSeconds, peak RSS (MB), 1-minute load average before/after each build.\n\n")
    for (stack, n), r in sorted(results.items()):
        for key, runs in r["runs"].items():
            w(f"- {stack} N={n:,} {key}: " + "; ".join(
                f"{x['seconds']:.2f} s (CPU {x.get('cpu_seconds', '?')} s), {x['peak_rss_mb']} MB, "
                f"load {x['load'][0]}->{x['load'][1]}"
                for x in runs) + "\n")
    if data.get("log"):
        w("\nLoad notes:\n\n" + "".join(f"- {line}\n" for line in data["log"]))

    for prof in data.get("profiles", []):
        w(f"\n## cProfile: this project, clean build -j1, N = {prof['n']:,}\n\n")
        if prof["seconds"] is not None:
            w(f"{prof['seconds']:.1f} s wall under cProfile, load "
              f"{prof['load'][0]}->{prof['load'][1]}. ")
        w(f"{prof['total']} s profiled (cProfile times are wall-clock: on a busy machine they "
          "include time waiting for a core; compare the shares, not the seconds).\n\n")
        for title, key in (("Cumulative time", "cumulative"), ("Own (self) time", "self"),
                           ("This project's functions, cumulative", "ours")):
            w(f"### {title}\n\n| function | calls | self s | cumulative s |\n|---|---|---|---|\n")
            for row in prof[key]:
                w(f"| `{row['where']}` | {row['calls']} | {row['tottime']} | {row['cumtime']} |\n")
            w("\n")
    if data.get("notes"):
        w("\n" + data["notes"].strip() + "\n")
    return out.getvalue()


def targets(results: dict, sizes: list[int]) -> list[list[str]]:
    lines = []
    big, small = max(sizes), min(sizes)

    def get(stack: str, n: int, key: str, field: str = "seconds") -> float | None:
        r = results.get((stack, n))
        return median(r["runs"][key], field) if r and key in r["runs"] else None

    for field, unit in (("seconds", "wall"), ("cpu_seconds", "CPU")):
        stock, ours = get("stock", big, "clean_j1", field), get("healthdocs", big, "clean_j1", field)
        if stock and ours:
            lines.append([f"clean build at N={big:,} >= 8x faster than stock ({unit})",
                          f"{stock / ours:.1f}x ({stock:.0f} s vs {ours:.1f} s)",
                          "yes" if stock / ours >= 8 else "no"])
        ours_small = get("healthdocs", small, "clean_j1", field)
        if ours and ours_small and big != small:
            ratio = (ours / big) / (ours_small / small)
            lines.append([f"per-article cost N={big:,} within 1.2x of N={small:,} ({unit})",
                          (f"{ratio:.2f}x ({1000 * ours / big:.0f} ms vs "
                           f"{1000 * ours_small / small:.0f} ms per article)"),
                          "yes" if ratio <= 1.2 else "no"])
    ours_1k, floor_1k = get("healthdocs", 1000, "clean_j1"), get("stock-hubs", 1000, "clean_j1")
    if ours_1k and floor_1k:
        lines.append(["clean build at N=1,000 within 1.25x of the stock hub-navigation floor",
                      f"{ours_1k / floor_1k:.2f}x ({ours_1k:.1f} s vs {floor_1k:.1f} s)",
                      "yes" if ours_1k / floor_1k <= 1.25 else "no"])
    ours_10k = get("healthdocs", 10000, "clean_j1")
    if ours_10k and ours_1k:
        ratio = (ours_10k / 10000) / (ours_1k / 1000)
        peak = median(results[("healthdocs", 10000)]["runs"]["clean_j1"], "peak_rss_mb")
        lines.append(["per-article cost N=10,000 within 1.2x of N=1,000",
                      f"{ratio:.2f}x ({ours_10k / 10:.1f} ms vs {ours_1k:.1f} ms per article; "
                      f"peak {peak:.0f} MB)", "yes" if ratio <= 1.2 else "no"])
    ours = get("healthdocs", 1000 if ours_1k else big, "clean_j1")
    j2 = get("healthdocs", 1000 if ours_1k else big, "clean_j2")
    if ours and j2:
        lines.append([f"-j2 >= 1.5x faster than -j1 at N={1000 if ours_1k else big:,}",
                      f"{ours / j2:.2f}x",
                      "yes" if ours / j2 >= 1.5 else "no"])
    se, oe = get("stock", big, "edit_article"), get("healthdocs", big, "edit_article")
    if se and oe:
        lines.append([f"one-article-edit rebuild at N={big:,} no slower than stock",
                      f"{oe:.2f} s vs {se:.2f} s", "yes" if oe <= se else "no"])
    sm = get("stock", big, "clean_j1") and median(results[("stock", big)]["runs"]["clean_j1"], "peak_rss_mb")
    om = ours and median(results[("healthdocs", big)]["runs"]["clean_j1"], "peak_rss_mb")
    if sm and om:
        lines.append([f"peak memory at N={big:,} <= stock", f"{om:.0f} MB vs {sm:.0f} MB",
                      "yes" if om <= sm else "no"])
    r = results.get(("healthdocs", big))
    if r:
        mine = set(r["runs"]["edit_description"][0]["written"]) - SPHINX_REWRITES
        lines.append([f"description edit rewrites exactly the pages showing it (N={big:,})",
                      (f"{len(mine)} written, "
                       f"{len(set(r['description_expected']) - SPHINX_REWRITES)} expected "
                       "(not counting the pages Sphinx rewrites itself)"),
                      "yes" if r["description_exact"] else "no"])
    return lines


# --- main ------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--stacks", nargs="+", choices=STACKS, default=list(STACKS))
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--single-run-above", type=float, default=300,
                        help="a clean build slower than this (s) is run once")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2],
                        help="clean builds to measure (-j values; the rebuilds start from the last)")
    parser.add_argument("--merge", type=Path, nargs="*", default=[],
                        help="other --json files whose results fill in what this run lacks")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=PROJECT / "_build" / "bench")
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--fresh", action="store_true",
                        help="ignore an existing --json file instead of merging into it")
    parser.add_argument("--profile", action="store_true",
                        help="also cProfile this project's clean -j1 build at the largest N")
    parser.add_argument("--profile-top", type=int, default=25)
    parser.add_argument("--profile-stats", type=Path,
                        help="report this existing cProfile file instead of profiling again")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing; merge --json/--merge files and write --results")
    parser.add_argument("--max-wait", type=float, default=40 * 60,
                        help="total seconds to wait for a quiet machine before N >= 500 builds")
    parser.add_argument("--notes", type=Path, default=HERE / "NOTES.md",
                        help="hand-written analysis appended to RESULTS.md if the file exists")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)

    data = {"results": [], "profiles": [], "log": []}
    if args.json.exists() and not args.fresh:
        data = json.loads(args.json.read_text(encoding="utf-8"))
    data["machine"] = machine()
    _wait_left[0] = args.max_wait
    for other in args.merge:
        extra = json.loads(other.read_text(encoding="utf-8"))
        have = {(r["stack"], r["n"]) for r in data["results"]}
        data["results"] += [r for r in extra["results"] if (r["stack"], r["n"]) not in have]
        data["log"] += [line for line in extra.get("log", []) if line not in data["log"]]

    def save() -> None:
        if args.notes.exists():
            data["notes"] = args.notes.read_text(encoding="utf-8")
        args.json.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        args.results.write_text(render(data), encoding="utf-8")

    for n in [] if args.report_only else args.sizes:
        for stack in args.stacks:
            print(f"{stack}, N={n}", flush=True)
            result = measure(stack, n, args, data["log"])
            data["results"] = [r for r in data["results"]
                               if (r["stack"], r["n"]) != (stack, n)] + [result]
            save()
    if args.profile:
        prof = profile(max(args.sizes), args, data["log"])
        data["profiles"] = [p for p in data["profiles"] if p["n"] != prof["n"]] + [prof]
    save()
    print(f"wrote {args.results}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
