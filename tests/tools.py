"""Outside programs the tests use (Chromium, npm's axe-core and Nu checker, Java).

`make test` installs what it can without root (the virtualenv, npm packages when
npm exists). A test needing something still missing skips with a reason naming
its group and the command that enables it; the run ends with one line per
group (``conftest.pytest_terminal_summary``). ``HEALTHDOCS_REQUIRE_BROWSER=1``
(CI) turns every such skip into a failure.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

PROJECT = Path(__file__).parent.parent
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: What enables each group of tests.
ENABLE = {
    "chromium": "sudo apt-get install -y chromium   (or HEALTHDOCS_CHROMIUM=/path/to/chrome)",
    "npm": "sudo apt-get install -y nodejs npm   (then `make test` runs npm ci itself)",
    "node_modules": "make node-tools   (npm ci --omit=dev; `make test` does it first)",
    "java": "sudo apt-get install -y default-jre-headless",
}
_REASON = re.compile(r"^\[needs ([\w-]+)\] ")


def unavailable(group: str, message: str) -> NoReturn:
    """Skip (or, in CI, fail) a test whose outside program is missing."""
    reason = f"[needs {group}] {message}; enable with: {ENABLE[group]}"
    if os.environ.get("HEALTHDOCS_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def chromium() -> str | None:
    """Chromium to launch: $HEALTHDOCS_CHROMIUM, else Debian's /usr/bin/chromium, else
    None for Playwright's own browser (``playwright install chromium``, as on GitHub's
    runners) when one is installed. Skips the test when there is none."""
    chosen = os.environ.get("HEALTHDOCS_CHROMIUM")
    if chosen:
        if not Path(chosen).exists():
            unavailable("chromium", f"HEALTHDOCS_CHROMIUM={chosen} does not exist")
        return chosen
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    try:
        from playwright.sync_api import sync_playwright
        with sync_playwright() as playwright:
            if Path(playwright.chromium.executable_path).exists():
                return None
    except Exception:  # noqa: BLE001 - no driver or no browser: both mean "not installed"
        pass
    unavailable("chromium", "no Chromium: /usr/bin/chromium is missing and Playwright has none")


def npm_tool(path: Path) -> Path:
    if not path.exists():
        group = "node_modules" if shutil.which("npm") else "npm"
        unavailable(group, f"{path.relative_to(PROJECT)} missing")
    return path


def java() -> str:
    found = shutil.which("java")
    if found is None:
        unavailable("java", "java not found (the Nu HTML checker runs on it)")
    return found


def skipped_groups(reports: list) -> dict[str, int]:
    """Skipped tests per line to print: a group's enabling command, or another reason."""
    counts: dict[str, int] = {}
    for report in reports:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        match = _REASON.search(reason)
        line = f"need {match[1]}: {ENABLE[match[1]]}" if match else f"skipped: {reason}"
        counts[line] = counts.get(line, 0) + 1
    return counts
