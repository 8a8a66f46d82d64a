"""The end-of-build summary: every problem the build logged, once, grouped by file."""

from __future__ import annotations

import re

import pytest
from helpers import warnings


def _summary(app) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    starts = re.findall(r"^healthdocs: (?:\d+ problems? in|no problems found).*(?:\n.*)*",
                        text, re.MULTILINE)
    assert len(starts) == 1, text
    lines = starts[0].splitlines()
    end = next((i for i, line in enumerate(lines) if line.startswith("build ")), len(lines))
    return lines[:end]


def _logged(app) -> list[str]:
    """The build's warnings as the summary writes them: ``file:line: message [type]``."""
    found = []
    for line in warnings(app):
        path, rest = line.split(": WARNING: ", 1)
        found.append(f"{path.replace(str(app.srcdir) + '/', '')}: {rest}")
    return found


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_summary_lists_every_warning_once_grouped_by_file(app) -> None:
    app.build()
    summary = _summary(app)
    logged = _logged(app)
    assert len(logged) == 15
    assert summary[0] == "healthdocs: 15 problems in 9 files"
    listed = [line[2:] for line in summary if line.startswith("  ") and "[" in line]
    assert sorted(listed) == sorted(logged)
    # One heading per file with its count, its problems in line order, then what to do.
    at = summary.index("articles/bad-directives.md: 6 problems")
    group = summary[at + 1:at + 8]
    assert [int(re.match(r"  articles/bad-directives\.md:(\d+):", g)[1]) for g in group[:6]] == [
        8, 12, 18, 19, 20, 21]
    assert group[6] == ("  what to do: see AUTHORING.md#disclaimer; see AUTHORING.md#crisis-banner; "
                        "see AUTHORING.md#related-articles")
    assert "articles/good.md" not in "\n".join(summary)
    # The normal warnings are still there (CI's -W needs them), before the summary.
    status = app.status.getvalue()
    assert status.index("healthdocs: 15 problems") > status.index("writing output")


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True, parallel=2)
def test_summary_is_the_same_with_parallel_workers(app, make_app, tmp_path) -> None:
    app.build()
    serial = make_app("html", srcdir=app.srcdir, builddir=tmp_path / "serial", freshenv=True)
    serial.build()
    assert _summary(app) == _summary(serial)
    assert _summary(app)[0] == "healthdocs: 15 problems in 9 files"


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True,
                    confoverrides={"suppress_warnings": ["healthdocs.related"]})
def test_summary_leaves_out_suppressed_warnings(app) -> None:
    app.build()
    summary = "\n".join(_summary(app))
    assert summary.startswith("healthdocs: 11 problems in 9 files")
    assert "[healthdocs.related]" not in summary


@pytest.mark.sphinx("html", testroot="authoring", freshenv=True,
                    confoverrides={"exclude_patterns": ["articles/bad.md"]})
def test_summary_of_a_clean_build(app) -> None:
    app.build()
    assert warnings(app) == []
    assert _summary(app) == ["healthdocs: no problems found"]
