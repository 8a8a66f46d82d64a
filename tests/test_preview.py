"""The preview's in-memory rebuilds (healthdocs.preview.worker): after every save the
output equals a clean build; what each saved file means; each page's problems."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from helpers import OPERATIONS, PROJECT, assert_same_as_clean_build, copy_root, random_edit, write_source

from healthdocs.preview.worker import SiteWorker


def _sources(srcdir: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in srcdir.rglob("*")
            if p.is_file() and "_build" not in p.parts}


def _worker(srcdir: Path) -> SiteWorker:
    worker = SiteWorker(srcdir, srcdir / "_build" / "html", srcdir / "_build" / "doctrees",
                        status=io.StringIO(), warning=io.StringIO())
    assert worker.build().error == ""
    return worker


@pytest.mark.parametrize("seed", [3, 4])
def test_saves_through_the_preview_equal_a_clean_build(make_app, rootdir, sphinx_test_tempdir,
                                                       seed):
    """Every kind of edit once, in a random order, each applied as the preview does
    (only the saved paths given; nothing pickled); after each, compare with a clean
    build of the same sources, file for file."""
    rng = random.Random(seed)
    srcdir = copy_root(rootdir, sphinx_test_tempdir, f"preview-random-{seed}")
    worker = _worker(srcdir)
    history = []
    for step, operation in enumerate(rng.sample(OPERATIONS, len(OPERATIONS))):
        before = _sources(srcdir)
        history.append(random_edit(rng, srcdir, step, operation))
        after = _sources(srcdir)
        saved = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
        outcome = worker.rebuild(saved)
        assert outcome.error == "" and not outcome.restart, (history, outcome)
        try:
            assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, worker.app)
        except AssertionError as error:
            raise AssertionError(f"after edits {history}") from error


def test_the_edited_page_is_written_before_the_rest(rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "preview-order")
    worker = _worker(srcdir)
    article = srcdir / "articles" / "beta.md"
    write_source(article, article.read_text(encoding="utf-8").replace("# Beta article", "# Beta, renamed"))
    hub = Path(worker.app.outdir) / "topics" / "medicines.html"
    seen = {}

    def edited(outcome):  # phase 1 done: the page is new, the topic page not yet
        seen["page"] = "Beta, renamed" in (Path(worker.app.outdir) / "articles/beta.html").read_text()
        seen["hub"] = "Beta, renamed" in hub.read_text()

    outcome = worker.rebuild([article], on_edited=edited)
    assert outcome.edited == ["articles/beta"]
    assert seen == {"page": True, "hub": False}
    assert "Beta, renamed" in hub.read_text()  # phase 2: every card showing it
    assert "articles/alpha" in outcome.others  # its related card names beta


def test_what_a_saved_file_means(rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "preview-classify")
    worker = _worker(srcdir)
    assert worker.classify(srcdir / "articles" / "alpha.md") == "build"
    assert worker.classify(srcdir / "articles" / "new.md") == "build"  # a page to be
    assert worker.classify(srcdir / "conf.py") == "restart"
    assert worker.classify(srcdir / "_build" / "html" / "index.html") == "ignore"
    assert worker.classify(srcdir / "_build" / "reports" / "health-report.json") == "ignore"
    assert worker.classify(srcdir / "notes.txt") == "ignore"
    assert worker.rebuild([srcdir / "conf.py"]).restart
    # The extension's own code, when it lives in the project (this repository).
    assert SiteWorker.classify(worker, PROJECT / "_ext" / "healthdocs" / "cards.py") in (
        "restart", "ignore")


def test_each_page_keeps_its_own_problems_until_it_is_fixed(rootdir, sphinx_test_tempdir):
    srcdir = copy_root(rootdir, sphinx_test_tempdir, "preview-problems")
    worker = _worker(srcdir)
    assert worker.problems_for("articles/alpha") == []
    alpha, beta = srcdir / "articles" / "alpha.md", srcdir / "articles" / "beta.md"
    text = alpha.read_text(encoding="utf-8")
    write_source(alpha, text.replace("date: 2026-01-10", "date: 2026-1-10"))
    worker.rebuild([alpha])
    found = worker.problems_for("articles/alpha")
    assert [(p.line, p.kind) for p in found] == [(3, "healthdocs.frontmatter")], found
    # Another page's save does not drop alpha's problem (alpha is not read again).
    write_source(beta, beta.read_text(encoding="utf-8") + "\nMore text.\n")
    worker.rebuild([beta])
    assert [p.line for p in worker.problems_for("articles/alpha")] == [3]
    write_source(alpha, text)
    worker.rebuild([alpha])
    assert worker.problems_for("articles/alpha") == []
