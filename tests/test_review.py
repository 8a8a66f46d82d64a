"""Review dates: the line readers see, reviewers, and overdue warnings."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from helpers import main_content, outputs, warnings

from healthdocs.review import add_months

EPOCH_2026_02_01 = str(int(dt.datetime(2026, 2, 1, tzinfo=dt.timezone.utc).timestamp()))


@pytest.fixture
def review_app(make_app, rootdir, sphinx_test_tempdir, monkeypatch, request):
    def build(epoch: str, name: str):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        srcdir = sphinx_test_tempdir / name
        if srcdir.exists():
            shutil.rmtree(srcdir)
        shutil.copytree(rootdir / "test-review", srcdir)
        app = make_app("html", srcdir=srcdir, freshenv=True)
        app.build()
        return app
    return build


def test_review_line_before_related_cards(review_app):
    app = review_app(EPOCH_2026_02_01, "review-line")
    content = main_content(app, "articles/current")
    line = content.select_one("p.hd-review")
    assert line.get_text() == "Last reviewed: 31 January 2026 · Next review due: 31 January 2027"
    assert line.find_next_sibling(class_="hd-related") is not None
    assert "no-search" in line["class"]
    assert content.select_one("p.hd-review") is not None
    assert main_content(app, "articles/never-reviewed").select_one(".hd-review") is None


def test_interval_override_and_reviewer(review_app):
    app = review_app(EPOCH_2026_02_01, "review-reviewer")
    line = main_content(app, "articles/half-yearly").select_one("p.hd-review")
    assert line.get_text() == ("Last reviewed: 31 March 2025 · Next review due: 30 September 2025"
                               " · Reviewed by Test Reviewer, MD")
    assert line.find("a")["href"] == "https://example.org/r1"
    # With no related cards the line closes the article, after its last section.
    assert line.parent.find("h2").get_text().startswith("Later section")


def test_unknown_reviewer_and_overdue_warnings(review_app):
    app = review_app(EPOCH_2026_02_01, "review-warnings")
    found = sorted(w.split(str(app.srcdir) + "/")[1] for w in warnings(app))
    assert found == [
        "articles/half-yearly.md:4: WARNING: review overdue: last reviewed 2025-03-31, next review "
        "was due 2025-09-30; review the article, then update 'reviewed' [healthdocs.review-overdue]",
        "articles/unknown-reviewer.md:5: WARNING: front matter 'reviewed_by': unknown reviewer id "
        "'reviewer-2' (did you mean 'reviewer-1'?): use the id your editor gave the reviewer. "
        "Site maintainers: reviewers are listed in healthdocs_reviewers in conf.py "
        "[healthdocs.frontmatter]",
    ]


def test_overdue_follows_the_date_but_output_does_not(review_app):
    early = review_app(str(int(dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc).timestamp())),
                       "review-early")
    assert not [w for w in warnings(early) if "overdue" in w]
    late = review_app(str(int(dt.datetime(2027, 6, 1, tzinfo=dt.timezone.utc).timestamp())),
                      "review-late")
    overdue = [w for w in warnings(late) if "review-overdue" in w]
    assert len(overdue) == 3  # every reviewed article is overdue by mid-2027
    assert outputs(early.outdir) == outputs(late.outdir)


@pytest.mark.parametrize(("start", "months", "due"), [
    ("2026-01-31", 1, "2026-02-28"), ("2024-02-29", 12, "2025-02-28"), ("2026-11-15", 2, "2027-01-15"),
])
def test_add_months_clamps_to_month_end(start, months, due):
    assert add_months(dt.date.fromisoformat(start), months).isoformat() == due
