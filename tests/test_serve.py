"""`make serve` as an author runs it: one save, one rebuild, the edit served, then quiet.

Runs the README's preview command on a copy of this site (the repository is never
edited) with this test run's virtualenv, saves one article once, waits until the
server returns the edited page, then watches the build folder for 10 s: any file
written there means the preview is rebuilding again with no edit (the loop an
author sees as a page that keeps reloading).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers import copy_project

ARTICLE = "articles/how-ketamine-works"
QUIET_SECONDS = 10


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "make serve stopped"
        body = _get(url)
        if body is not None and text in body:
            return
        time.sleep(0.25)
    pytest.fail(f"{url} did not show {text!r} within {timeout:.0f} s")


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(path.relative_to(folder)): (path.stat().st_mtime_ns, path.stat().st_size)
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "site")


def test_one_save_is_one_rebuild_then_nothing_changes(site: Path, tmp_path: Path) -> None:
    port = _free_port()
    venv = Path(sys.executable).parent.parent
    log_path = tmp_path / "serve.log"  # outside the site: the preview would see it change
    log = log_path.open("w", encoding="utf-8")
    process = subprocess.Popen(
        ["make", "serve", f"VENV={venv}", f"PORT={port}"], cwd=site, stdout=log,
        stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})
    try:
        url = f"http://127.0.0.1:{port}/{ARTICLE}.html"
        _wait_for(url, "How ketamine works", process, timeout=300)

        source = site / f"{ARTICLE}.md"
        text = source.read_text(encoding="utf-8")
        marker = "A sentence saved during the preview test."
        title_end = text.index("\n", text.index("\n# ")) + 1
        source.write_text(text[:title_end] + f"\n{marker}\n" + text[title_end:], encoding="utf-8")
        _wait_for(url, marker, process, timeout=120)

        # The edited page is served once its build finished writing everything.
        time.sleep(1)
        before = _files(site / "_build")
        time.sleep(QUIET_SECONDS)
        after = _files(site / "_build")
        changed = sorted(name for name in before.keys() | after.keys()
                         if before.get(name) != after.get(name))
        assert changed == [], (f"the preview kept rebuilding with no edit; written: {changed[:10]}\n"
                               + log_path.read_text(encoding="utf-8")[-3000:])
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()
