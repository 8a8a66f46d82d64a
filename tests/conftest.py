"""Fixtures (the Sphinx test roots, tests/roots/test-*) and the run's summary; the
helpers tests share are in helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]



@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def app_search(sphinx_test_tempdir):
    """The test-search root built once, for the tests that only read its output."""
    import shutil

    from sphinx.testing.util import SphinxTestApp

    srcdir = Path(sphinx_test_tempdir) / "search-module"
    shutil.rmtree(srcdir, ignore_errors=True)
    shutil.copytree(Path(__file__).parent / "roots" / "test-search", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    app.build()
    yield app
    app.cleanup()


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
