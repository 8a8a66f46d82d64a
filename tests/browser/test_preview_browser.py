"""`make serve`'s preview in Chromium: the page's own problems in a panel (click one to
see the line), the tab reloading itself after a save, and nothing of it in the files."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOTS = Path(__file__).parent.parent / "roots"
EXT = Path(__file__).parent.parent.parent / "_ext"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def preview(tmp_path: Path):
    """The preview over a copy of tests/roots/test-site whose alpha article has a
    date that is not YYYY-MM-DD; yields (base URL, source folder, build folder)."""
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-site", srcdir)
    alpha = srcdir / "articles" / "alpha.md"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("date: 2026-01-10",
                                                               "date: 2026-1-10"))
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "healthdocs", "serve", "--project", str(srcdir), "--builddir",
         str(tmp_path / "build"), "--port", str(port)],
        env={**os.environ, "PYTHONPATH": str(EXT)}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base, timeout=2).close()
            break
        except OSError:
            assert process.poll() is None, process.stdout.read()
            time.sleep(0.2)
    try:
        yield base, srcdir, tmp_path / "build"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_problems_panel_then_a_fix_reloads_the_tab(browser, preview):
    base, srcdir, build = preview
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "articles/alpha.html")
    panel = page.locator("section.hd-preview")
    panel.wait_for()
    assert panel.locator("h2").inner_text().startswith("1 problem on this page")
    problem = panel.locator("button.hd-preview__problem")
    assert problem.inner_text() == ("Line 3: front matter 'date': '2026-1-10' is not a date: "
                                    "write it as YYYY-MM-DD, e.g. 2026-01-15")
    source = panel.locator("pre.hd-preview__source")
    assert not source.is_visible()
    problem.click()
    assert problem.get_attribute("aria-expanded") == "true"
    assert panel.locator(".hd-preview__here").inner_text().strip() == "3  date: 2026-1-10"
    # Another page of the site has no panel.
    other = context.new_page()
    other.goto(base + "articles/beta.html")
    other.wait_for_load_state("load")
    time.sleep(0.5)
    assert other.locator("section.hd-preview").count() == 0

    # The author fixes the date and saves: the open tab reloads by itself, panel gone.
    alpha = srcdir / "articles" / "alpha.md"
    with page.expect_navigation(timeout=30_000):
        alpha.write_text(alpha.read_text(encoding="utf-8").replace("date: 2026-1-10",
                                                                   "date: 2026-01-10"))
    page.wait_for_load_state("load")
    time.sleep(0.5)
    assert page.locator("section.hd-preview").count() == 0
    context.close()
    # The panel and reload script are added as pages are served, never to the files.
    written = [p for p in (build / "html").rglob("*.html")
               if "__preview__" in p.read_text(encoding="utf-8")]
    assert written == []
