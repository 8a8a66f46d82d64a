"""Browser fixtures: Debian's Chromium driven by Playwright, and a local HTTP server.

No browser is downloaded here (never run ``playwright install`` on this machine):
the tests use $HEALTHDOCS_CHROMIUM, /usr/bin/chromium, or Playwright's own browser
where one is installed (``tools.chromium``). Without any they skip, unless
HEALTHDOCS_REQUIRE_BROWSER=1 (as in CI), where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import tools
from sphinx.testing.util import SphinxTestApp

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    executable = tools.chromium()
    from playwright.sync_api import sync_playwright  # in requirements-dev.lock
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tab(browser):
    """A fresh page (own cache and storage); JavaScript errors fail the test."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _HeaderHandler(_QuietHandler):
    extra_headers: dict[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


@contextlib.contextmanager
def serve(directory: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port), with ``headers`` on every
    response, and yield its base URL."""
    handler_class = type("Handler", (_HeaderHandler,), {"extra_headers": dict(headers or {})})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def build_root(tempdir: Path, root: str, name: str) -> SphinxTestApp:
    """A built copy of ``tests/roots/test-<root>`` (the caller cleans it up)."""
    srcdir = Path(tempdir) / name
    shutil.rmtree(srcdir, ignore_errors=True)
    shutil.copytree(Path(__file__).parent.parent / "roots" / f"test-{root}", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    app.build()
    return app


@pytest.fixture(scope="module")
def http_url(site: Path) -> Iterator[str]:
    """``site`` (the built output folder) comes from the test module."""
    with serve(site) as url:
        yield url
