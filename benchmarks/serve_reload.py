"""Save-to-reload time of ``make serve`` on the real site, for one article edit.

Copies the site (conf.py, index.md, glossary.md, articles/, _static/, _ext/,
schema/) to a temporary folder so the repository is never edited, starts
sphinx-autobuild there with the Makefile's options, connects to its reload
websocket as a browser tab does, then appends a sentence to one article's
paragraph ``--runs`` times. Each figure is the time from the file write to the
"refresh" message the browser reloads on (file watcher + incremental rebuild);
the rebuild's own time comes from sphinx-autobuild's log ("Rebuilding..." to
"Serving on"), timestamped as lines arrive.

Usage: ``python benchmarks/serve_reload.py [--runs 5] [--article how-ketamine-works]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parent.parent
SITE = ["conf.py", "index.md", "glossary.md", "articles", "_static", "_ext", "schema"]


def _follow(process: subprocess.Popen[str], lines: list[tuple[float, str]]) -> None:
    for line in process.stdout:  # type: ignore[union-attr]
        lines.append((time.perf_counter(), line.rstrip()))


async def _wait_for(lines: list[tuple[float, str]], text: str, start: int, timeout: float) -> int:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for index in range(start, len(lines)):
            if text in lines[index][1]:
                return index
        await asyncio.sleep(0.05)
    raise TimeoutError(f"no {text!r} in sphinx-autobuild's log")


async def _drain(socket: websockets.ClientConnection, quiet: float) -> None:
    """Swallow reload messages until none has come for ``quiet`` seconds."""
    while True:
        try:
            await asyncio.wait_for(socket.recv(), timeout=quiet)
        except TimeoutError:
            return


async def _measure(port: int, article: Path, runs: int, lines: list[tuple[float, str]]) -> list[
        tuple[float, float]]:
    results = []
    for _ in range(120):  # "Serving on" is logged just before the server starts listening
        try:
            socket = await websockets.connect(f"ws://127.0.0.1:{port}/websocket-reload")
            break
        except OSError:
            await asyncio.sleep(0.5)
    async with socket:
        for run in range(runs):
            # Builds write files the watcher may see (the first build's __pycache__):
            # start each edit after a quiet spell.
            await _drain(socket, 10 if run == 0 else 4)
            seen = len(lines)
            text = article.read_text(encoding="utf-8")
            marker = text.index("\n\n", text.index("\n# ")) + 1  # end of the title line
            saved = time.perf_counter()
            article.write_text(text[:marker] + f"\nEdit number {run} for timing.\n" + text[marker:],
                               encoding="utf-8")
            await asyncio.wait_for(socket.recv(), timeout=300)
            reloaded = time.perf_counter()
            start = await _wait_for(lines, "Rebuilding...", seen, 300)
            end = await _wait_for(lines, "Serving on", start, 300)
            results.append((reloaded - saved, lines[end][0] - lines[start][0]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--article", default="how-ketamine-works")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="healthdocs-serve-") as tmp:
        site = Path(tmp)
        for name in SITE:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, site / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, site / name)
        command = [str(bin_dir / "sphinx-autobuild"), ".", "_build/html", "-n", "--keep-going",
                   "-d", "_build/doctrees", "--host", "127.0.0.1", "--port", str(args.port),
                   "--ignore", "*/_build/*"]
        process = subprocess.Popen(command, cwd=site, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
        lines: list[tuple[float, str]] = []
        threading.Thread(target=_follow, args=(process, lines), daemon=True).start()
        try:
            asyncio.run(_wait_for(lines, "Serving on", 0, 900))
            results = asyncio.run(_measure(args.port, site / "articles" / f"{args.article}.md",
                                           args.runs, lines))
        except TimeoutError:
            print("\n".join(line for _, line in lines[-40:]), file=sys.stderr)
            raise
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    reloads = [r for r, _ in results]
    rebuilds = [b for _, b in results]
    print(f"{args.runs} edits of articles/{args.article}.md (load average before: "
          f"{os.getloadavg()[0]:.2f})")
    print(f"save-to-reload: median {statistics.median(reloads):.2f} s, "
          f"min {min(reloads):.2f} s, max {max(reloads):.2f} s")
    print(f"rebuild (sphinx-autobuild log): median {statistics.median(rebuilds):.2f} s, "
          f"min {min(rebuilds):.2f} s, max {max(rebuilds):.2f} s")


if __name__ == "__main__":
    main()
