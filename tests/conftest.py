"""Shared fixtures: Sphinx test roots (tests/roots/test-*) and parsed HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

PROJECT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


def page(app, docname: str) -> BeautifulSoup:
    """The HTML page a reader gets for ``docname``, parsed."""
    path = Path(app.outdir, f"{docname}.html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def main_content(app, docname: str) -> BeautifulSoup:
    return page(app, docname).select_one("article[role=main]")


def warnings(app) -> list[str]:
    """Warning lines, without the terminal colour codes Sphinx adds.

    A second app in one process re-registers docutils nodes and directives
    (a global registry); those harness notices are not the build's warnings.
    """
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines()
            if "WARNING" in line and not re.search(r"\[app\.add_\w+\]$", line)]


def read_docs(app) -> list[str]:
    """Docnames this build read (parsed) again, from its status output."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", text)


def written_docs(app) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", text)


@pytest.hookimpl(wrapper=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """After pytest's own sections: one line per group of tests skipped for a missing
    outside program, with the command that enables them (see tests/tools.py)."""
    from tools import skipped_groups

    yield
    groups = skipped_groups(terminalreporter.stats.get("skipped", []))
    if groups:
        terminalreporter.section("skipped tests")
        for line, count in sorted(groups.items()):
            terminalreporter.write_line(f"{count} test{'s' if count != 1 else ''} {line}")
