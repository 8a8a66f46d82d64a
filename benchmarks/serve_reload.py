"""Save-to-reload time of ``make serve`` on the real site, and reloads per save.

Copies the site (conf.py, pages, articles/, _static/, _templates/, _ext/,
Makefile, locks) to a temporary folder so the repository is never edited, runs
``make serve`` there as an author does (with this interpreter's virtualenv),
connects to its reload websocket as a browser tab does, then adds a sentence to
one article ``--runs`` times. Each figure is the time from the file write to the
"refresh" message the browser reloads on (file watcher + incremental rebuild);
the rebuild's own time comes from sphinx-autobuild's log ("Rebuilding..." to
"Serving on"). After each save it keeps listening for ``--quiet`` seconds: every
further reload message is a rebuild no edit caused (the tab reloads again), so
"reloads per save" must be 1.

Usage: ``python benchmarks/serve_reload.py [--runs 5] [--article how-ketamine-works]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parent.parent
#: Not part of the site: tools' folders, tests, benchmarks, build output.
NOT_SITE = (".git", ".venv*", "node_modules", "_build", "tests", "benchmarks", "docs",
            ".pytest_cache", ".hypothesis", "__pycache__", "build", "*.egg-info")


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


async def _count(socket: websockets.ClientConnection, seconds: float) -> int:
    """Reload messages in the next ``seconds``."""
    count, deadline = 0, time.perf_counter() + seconds
    while (left := deadline - time.perf_counter()) > 0:
        try:
            await asyncio.wait_for(socket.recv(), timeout=left)
            count += 1
        except TimeoutError:
            break
    return count


async def _measure(port: int, article: Path, runs: int, quiet: float,
                   lines: list[tuple[float, str]]) -> list[tuple[float, float, int]]:
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
            extra = await _count(socket, quiet)
            results.append((reloaded - saved, lines[end][0] - lines[start][0], 1 + extra))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--article", default="how-ketamine-works")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--quiet", type=float, default=10,
                        help="seconds to listen for further reloads after each save")
    args = parser.parse_args()
    venv = Path(sys.executable).parent.parent
    with tempfile.TemporaryDirectory(prefix="healthdocs-serve-") as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(ROOT, site, ignore=shutil.ignore_patterns(*NOT_SITE))
        command = ["make", "serve", f"VENV={venv}", f"PORT={args.port}"]
        process = subprocess.Popen(command, cwd=site, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, start_new_session=True,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
        lines: list[tuple[float, str]] = []
        threading.Thread(target=_follow, args=(process, lines), daemon=True).start()
        try:
            asyncio.run(_wait_for(lines, "Serving on", 0, 900))
            results = asyncio.run(_measure(args.port, site / "articles" / f"{args.article}.md",
                                           args.runs, args.quiet, lines))
        except TimeoutError:
            print("\n".join(line for _, line in lines[-40:]), file=sys.stderr)
            raise
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    reloads = [r for r, _, _ in results]
    rebuilds = [b for _, b, _ in results]
    per_save = [n for _, _, n in results]
    print(f"{args.runs} edits of articles/{args.article}.md (load average before: "
          f"{os.getloadavg()[0]:.2f})")
    print(f"save-to-reload: median {statistics.median(reloads):.2f} s, "
          f"min {min(reloads):.2f} s, max {max(reloads):.2f} s")
    print(f"rebuild (sphinx-autobuild log): median {statistics.median(rebuilds):.2f} s, "
          f"min {min(rebuilds):.2f} s, max {max(rebuilds):.2f} s")
    print(f"reloads per save (within {args.quiet:.0f} s): {per_save} (must all be 1)")
    if any(n != 1 for n in per_save):
        sys.exit(1)


if __name__ == "__main__":
    main()
