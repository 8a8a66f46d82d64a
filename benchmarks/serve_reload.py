"""Live preview benchmark: save-to-reload time of ``make serve`` vs stock sphinx-autobuild.

For this site (a copy; the repository is never edited) and for generated corpora
(``corpus.py``, the same seeded articles as ``make bench``), in one run:

* **healthdocs**: ``python -m healthdocs serve`` (what ``make serve`` runs), the
  browser's reload channel being its server-sent events;
* **stock**: ``sphinx-autobuild`` on the stock flavour of the same corpus (Sphinx +
  MyST + furo + sphinx-design), its reload channel being a websocket. For this
  site, stock means sphinx-autobuild over the same sources and conf.py.

Each of ``--saves`` edits adds a sentence to one article's first paragraph. Times:
from the file write to the reload message for that page (what makes the open tab
reload), and to the edited text being served over HTTP (polled every 10 ms). After
each save the script listens ``--quiet`` seconds more: every further reload
message is a rebuild no edit caused, so "reloads per save" must be 1. Median and
95th percentile per stack and size; ``--json`` keeps the raw figures and
``--results`` writes the Markdown table.

Usage: ``python benchmarks/serve_reload.py [--sizes site 100 400 1000] [--saves 10]``
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import bench  # noqa: E402  (make_corpus: the same corpora as make bench)

NOT_SITE = (".git", ".venv*", "node_modules", "_build", "tests", "benchmarks", "docs",
            ".pytest_cache", ".hypothesis", "__pycache__", "build", "*.egg-info")
SITE_ARTICLE = "articles/how-ketamine-works"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- reload channels -------------------------------------------------------------

class Messages:
    """Reload messages as they arrive, timestamped, from a background thread."""

    def __init__(self) -> None:
        self.items: list[tuple[float, str]] = []
        self.lock = threading.Lock()

    def add(self, text: str) -> None:
        with self.lock:
            self.items.append((time.perf_counter(), text))

    def since(self, start: float) -> list[tuple[float, str]]:
        with self.lock:
            return [item for item in self.items if item[0] >= start]


def _listen_sse(port: int, messages: Messages, stop: threading.Event) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/__preview__/events")
    response = connection.getresponse()
    while not stop.is_set():
        line = response.fp.readline()
        if not line:
            return
        if line.startswith(b"data: "):
            messages.add(line[6:].decode().strip())


def _listen_websocket(port: int, messages: Messages, stop: threading.Event) -> None:
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    with connect(f"ws://127.0.0.1:{port}/websocket-reload") as socket_:
        while not stop.is_set():
            try:
                messages.add(str(socket_.recv(timeout=1)))
            except TimeoutError:
                continue
            except ConnectionClosed:
                return


# --- one stack on one site -------------------------------------------------------------

def _site_copy(target: Path) -> str:
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*NOT_SITE))
    return SITE_ARTICLE


def _command(stack: str, site: Path, port: int) -> list[str]:
    if stack == "healthdocs":
        return [sys.executable, "-m", "healthdocs", "serve", "--project", str(site),
                "--builddir", str(site / "_build"), "--port", str(port)]
    # The whole build folder ignored, as the fixed `make serve` did before this
    # preview (this site's build also writes its editors' report there).
    return [str(Path(sys.executable).parent / "sphinx-autobuild"), str(site),
            str(site / "_build" / "html"), "-d", str(site / "_build" / "doctrees"),
            "--port", str(port), "--host", "127.0.0.1", "--ignore", str(site / "_build")]


def _wait_served(url: str, text: str, timeout: float, process: subprocess.Popen) -> float:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the preview server stopped")
        # A page read while the server rewrites it comes short (IncompleteRead): poll again.
        with contextlib.suppress(OSError, http.client.HTTPException):
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return time.perf_counter()
        time.sleep(0.01)
    raise TimeoutError(f"{url} never showed {text!r}")


def measure(stack: str, site: Path, article: str, saves: int, quiet: float) -> dict:
    port = _free_port()
    process = subprocess.Popen(_command(stack, site, port), cwd=site,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT / "_ext")})
    url = f"http://127.0.0.1:{port}/{article}.html"
    messages, stop = Messages(), threading.Event()
    started = time.perf_counter()
    try:
        _wait_served(url, "<html", 3600, process)
        first_build = time.perf_counter() - started
        listen = _listen_sse if stack == "healthdocs" else _listen_websocket
        threading.Thread(target=listen, args=(port, messages, stop), daemon=True).start()
        time.sleep(quiet)  # let anything the first build started settle
        source = site / f"{article}.md"
        runs = []
        for run in range(saves):
            marker = f"Edited sentence number {run}."
            saved = time.perf_counter()
            bench.edit_body(source, run)
            served = _wait_served(url, marker, 120, process)
            time.sleep(quiet)
            mine = [t for t, text in messages.since(saved)
                    if stack != "healthdocs" or _names(text, article)]
            runs.append({"reload": (mine[0] - saved) if mine else None,
                         "served": served - saved, "reloads": len(mine)})
        return {"first_build": first_build, "runs": runs}
    finally:
        stop.set()
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _names(text: str, article: str) -> bool:
    data = json.loads(text)
    return bool(data.get("all")) or article in (data.get("pages") or [])


# --- report ----------------------------------------------------------------------------

def _stats(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def render(data: dict) -> str:
    lines = ["| site | stack | first build (s) | save → reload median / p95 (s) | "
             "save → edited page served median / p95 (s) | reloads per save |",
             "|---|---|---:|---:|---:|---|"]
    for size, stacks in data["results"].items():
        for stack, result in stacks.items():
            reloads = [r["reload"] for r in result["runs"] if r["reload"] is not None]
            served = [r["served"] for r in result["runs"]]
            per_save = sorted({r["reloads"] for r in result["runs"]})
            reload_text = ("%.2f / %.2f" % _stats(reloads)) if reloads else "none"
            lines.append(f"| {size} | {stack} | {result['first_build']:.1f} | {reload_text} | "
                         f"{'%.2f / %.2f' % _stats(served)} | {', '.join(map(str, per_save))} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["site", "100", "400", "1000"])
    parser.add_argument("--stacks", nargs="+", default=["healthdocs", "stock"])
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--quiet", type=float, default=3.0,
                        help="seconds to listen for further reloads after each save")
    parser.add_argument("--json", type=Path, default=HERE / "serve_results.json")
    parser.add_argument("--results", type=Path, default=None,
                        help="write the Markdown table here as well")
    args = parser.parse_args()
    data = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                        "load_before": os.getloadavg()[0]}, "results": {}}
    for size in args.sizes:
        for stack in args.stacks:
            with tempfile.TemporaryDirectory(prefix="healthdocs-serve-") as tmp:
                site = Path(tmp) / "site"
                if size == "site":
                    article = _site_copy(site)
                else:
                    infos = bench.make_corpus(site, int(size), 1, stack)
                    article = infos[len(infos) // 2].docname
                print(f"{size} {stack} ...", flush=True)
                result = measure(stack, site, article, args.saves, args.quiet)
                data["results"].setdefault(size, {})[stack] = result
                print(render({"results": {size: {stack: result}}}).splitlines()[-1], flush=True)
    data["machine"]["load_after"] = os.getloadavg()[0]
    args.json.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    table = render(data)
    print(table)
    if args.results:
        args.results.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
