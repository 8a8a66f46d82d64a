"""``make serve``: the live preview (``python -m healthdocs serve``).

Three parts in one process, plus the site in a worker process:

* a watcher (watchfiles) over the project folder, skipping what builds write and
  tools' folders; the worker decides what a saved file means (``classify``), so
  only sources Sphinx reads start a build;
* the worker (:mod:`.worker`), a separate process holding the Sphinx application
  in memory; after a save it writes the edited page, says so, then writes the
  rest. It is replaced by a new one (fresh imports, full build) when ``conf.py``,
  the extension or a template changes, or if it dies;
* an HTTP server for the output folder that adds a small script to each HTML
  page it serves (never to the files: ``make html`` output stays clean): the
  script reloads the tab when its page was rewritten (server-sent events) and
  shows the page's problems in a panel.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import multiprocessing
import os
import queue
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

HERE = Path(__file__).parent
ASSETS = {"preview.js": "text/javascript", "preview.css": "text/css"}
PREFIX = "/__preview__/"
#: Folders of tools, caches and builds: never sources (the worker checks the rest).
SKIP_DIRS = {".git", "node_modules", "__pycache__", ".pytest_cache", ".hypothesis",
             ".ruff_cache", ".mypy_cache", ".tox", "build"}
SKIP_PREFIXES = (".venv", ".#")
SKIP_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".tmp", ".pyc", ".egg-info")


# --- the worker process ------------------------------------------------------------

def _worker_main(connection: Any, srcdir: str, outdir: str, doctreedir: str,
                 confoverrides: dict[str, object]) -> None:
    """Runs in the worker process: build, then rebuild for every request."""
    from .worker import SiteWorker

    worker = SiteWorker(Path(srcdir), Path(outdir), Path(doctreedir), warning=sys.stderr,
                        confoverrides=confoverrides)
    outcome = worker.build()
    connection.send(("done", _report(worker, outcome, everything=True)))
    while True:
        try:
            paths = connection.recv()
        except EOFError:
            return
        relevant = [p for p in map(Path, paths) if worker.classify(p) != "ignore"]
        if not relevant:
            connection.send(("done", None))
            continue
        # The tab reloads on "edited" and asks for its problems at once: send them along.
        outcome = worker.rebuild(relevant, on_edited=lambda o: connection.send(
            ("edited", {"pages": o.edited, "seconds": o.seconds_edited,
                        "problems": _problems(worker, o.edited)})))
        connection.send(("done", _report(worker, outcome)))
        if outcome.restart:
            return


def _problems(worker: Any, docnames: list[str]) -> dict[str, list[dict[str, Any]]]:
    """docname -> its problems, for the given pages (empty lists included)."""
    return {docname: [{"line": p.line, "kind": p.kind, "message": p.message,
                       "hint": p.hint(), "path": p.path} for p in worker.problems_for(docname)]
            for docname in docnames}


def _report(worker: Any, outcome: Any, everything: bool = False) -> dict[str, Any]:
    problems = {d: found for d, found in
                _problems(worker, sorted(worker.app.env.found_docs)).items() if found}
    return {"edited": outcome.edited, "others": outcome.others, "all": everything,
            "restart": outcome.restart, "error": outcome.error,
            "seconds": outcome.seconds_total, "problems": problems}


class Site:
    """The worker process and what the last build said."""

    def __init__(self, srcdir: Path, outdir: Path, doctreedir: Path,
                 confoverrides: dict[str, object]) -> None:
        self.args = (str(srcdir), str(outdir), str(doctreedir), confoverrides)
        self.problems: dict[str, list[dict[str, Any]]] = {}
        self.process: Any = None
        self.connection: Any = None

    def start(self) -> dict[str, Any] | None:
        context = multiprocessing.get_context("spawn")  # fresh imports of conf.py and _ext
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, *self.args),
                                       daemon=True)
        self.process.start()
        child.close()
        return self._receive()[1]

    def stop(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join(10)

    def rebuild(self, paths: list[str], on_edited: Any) -> dict[str, Any] | None:
        """Send saved paths; ``on_edited`` hears about phase 1. None: nothing to build."""
        try:
            self.connection.send(paths)
            while True:
                kind, data = self._receive()
                if kind == "edited":
                    on_edited(data)
                else:
                    return data
        except (EOFError, BrokenPipeError, OSError):
            return {"restart": True, "error": "the preview's build process stopped"}

    def _receive(self) -> tuple[str, Any]:
        kind, data = self.connection.recv()
        if data is not None and kind == "edited":  # the edited pages' own, before the rest
            self.problems = {**self.problems, **data["problems"]}
        elif data is not None:
            self.problems = data.get("problems", self.problems)
        return kind, data


# --- browsers ----------------------------------------------------------------------

class Tabs:
    """Open pages listening for reloads (server-sent events)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: list[queue.Queue[str]] = []

    def listen(self) -> queue.Queue[str]:
        inbox: queue.Queue[str] = queue.Queue()
        with self._lock:
            self._queues.append(inbox)
        return inbox

    def leave(self, inbox: queue.Queue[str]) -> None:
        with self._lock:
            self._queues.remove(inbox)

    def reload(self, pages: list[str] | None) -> None:
        """``pages`` are docnames; None reloads every tab."""
        message = json.dumps({"pages": pages, "all": pages is None})
        with self._lock:
            for inbox in self._queues:
                inbox.put(message)


def _handler(outdir: Path, site: Site, tabs: Tabs) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(outdir), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            url = urlsplit(self.path)
            if url.path == PREFIX + "events":
                return self._events()
            if url.path == PREFIX + "problems":
                page = parse_qs(url.query).get("page", [""])[0]
                found = [{**p, "source": source_lines(p["path"], p["line"])}
                         for p in site.problems.get(page, [])]
                return self._send(json.dumps(found).encode(), "application/json")
            if url.path.startswith(PREFIX) and url.path[len(PREFIX):] in ASSETS:
                name = url.path[len(PREFIX):]
                return self._send((HERE / "static" / name).read_bytes(), ASSETS[name])
            target = Path(self.translate_path(url.path))
            if target.is_dir():
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                return self._page(target)
            return super().do_GET()

        def _page(self, target: Path) -> None:
            docname = target.relative_to(outdir).with_suffix("").as_posix()
            tag = (f'<link rel="stylesheet" href="{PREFIX}preview.css">'
                   f'<script src="{PREFIX}preview.js" data-page="{docname}" defer></script>')
            html = target.read_bytes()
            cut = html.rfind(b"</body>")
            html = html[:cut] + tag.encode() + html[cut:] if cut >= 0 else html + tag.encode()
            self._send(html, "text/html; charset=utf-8")

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            inbox = tabs.listen()
            try:
                self.wfile.write(b"retry: 500\n\n")
                self.wfile.flush()
                while True:
                    try:
                        message = inbox.get(timeout=15)
                        self.wfile.write(f"data: {message}\n\n".encode())
                    except queue.Empty:
                        self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                tabs.leave(inbox)

    return Handler


# --- watching ------------------------------------------------------------------------

def _watch_filter(outputs: tuple[Path, ...]) -> Any:
    def keep(change: Any, path: str) -> bool:
        parts = Path(path).parts
        if any(p in SKIP_DIRS or p.startswith(SKIP_PREFIXES) or p.endswith(SKIP_SUFFIXES)
               for p in parts):
            return False
        resolved = Path(path)
        return not any(o == resolved or o in resolved.parents for o in outputs)
    return keep


def serve(srcdir: Path, builddir: Path, host: str = "127.0.0.1", port: int = 8000,
          confoverrides: dict[str, object] | None = None) -> None:
    """Build ``srcdir`` into ``builddir/html``, serve it and rebuild on every save."""
    import watchfiles

    srcdir, builddir = srcdir.resolve(), builddir.resolve()
    outdir, doctreedir = builddir / "html", builddir / "doctrees"
    tabs, site = Tabs(), Site(srcdir, outdir, doctreedir, dict(confoverrides or {}))
    print(f"healthdocs preview: building {srcdir.name} ...", flush=True)
    started = time.perf_counter()
    report = site.start()
    print(f"healthdocs preview: built in {time.perf_counter() - started:.1f} s"
          f"{_problem_count(report)}", flush=True)
    try:
        server = http.server.ThreadingHTTPServer((host, port), _handler(outdir, site, tabs))
    except OSError as error:
        site.stop()
        sys.exit(f"healthdocs preview: cannot listen on {host}:{port} ({error.strerror}); "
                 f"stop the other server or use PORT=<another number>")
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"healthdocs preview: http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    try:
        for changes in watchfiles.watch(srcdir, watch_filter=_watch_filter(
                (builddir, outdir, doctreedir)), debounce=400, step=20, rust_timeout=0,
                raise_interrupt=False):
            _apply(sorted({path for _, path in changes}), srcdir, site, tabs)
    finally:
        server.shutdown()
        site.stop()


def _apply(paths: list[str], srcdir: Path, site: Site, tabs: Tabs) -> None:
    saved = time.perf_counter()
    names = ", ".join(os.path.relpath(p, srcdir) for p in paths[:3]) + (" ..." * (len(paths) > 3))

    def edited(data: dict[str, Any]) -> None:
        tabs.reload(data["pages"])
        print(f"healthdocs preview: {names}: page ready in {time.perf_counter() - saved:.2f} s",
              flush=True)

    report = site.rebuild(paths, edited)
    if report is None:
        return  # nothing a build reads
    if report.get("restart"):
        reason = report.get("error") or "conf.py, the extension or a template changed"
        print(f"healthdocs preview: {reason}: rebuilding everything ...", flush=True)
        site.stop()
        with contextlib.suppress(Exception):
            report = site.start()
        tabs.reload(None)
    elif report.get("error"):
        print(f"healthdocs preview: the build failed: {report['error']}", flush=True)
    elif report["others"]:
        tabs.reload(report["others"])
    print(f"healthdocs preview: site updated in {time.perf_counter() - saved:.2f} s"
          f"{_problem_count(report)}", flush=True)


def _problem_count(report: dict[str, Any] | None) -> str:
    count = sum(len(found) for found in (report or {}).get("problems", {}).values())
    return f", {count} problem{'s' * (count != 1)} (shown on each page)" if count else ""


def source_lines(path: str, line: int, around: int = 2) -> list[tuple[int, str]]:
    """The numbered lines around ``line`` of ``path`` as it is now, for the panel."""
    if not path or line < 1:
        return []
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    start = max(1, line - around)
    return [(n, text[n - 1]) for n in range(start, min(len(text), line + around) + 1)]
