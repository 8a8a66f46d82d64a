"""Doctree snapshots of each directive: what reading leaves (boxes built, placeholders
waiting) and what the page gets once resolved (cards, lists, links), as
``pformat`` text in tests/snapshots/. A change to any directive's output shows up
here as a diff to review; ``HEALTHDOCS_UPDATE_SNAPSHOTS=1`` rewrites the files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from docutils import nodes

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("HEALTHDOCS_UPDATE_SNAPSHOTS") == "1"


def _body(doctree: nodes.document) -> str:
    """The page's sections, without the document node (its source path varies)."""
    return "".join(child.pformat() for child in doctree.children)


def _check(name: str, text: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    if UPDATE or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{path.name} did not exist: written, review it and run again")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs"


@pytest.mark.sphinx("html", testroot="directives", freshenv=True)
@pytest.mark.parametrize("docname", ["articles/boxes", "articles/other", "index"])
def test_doctree_after_reading_and_after_resolving(app, docname):
    app.build()
    stem = docname.replace("/", "-")
    _check(f"{stem}.read", _body(app.env.get_doctree(docname)))
    _check(f"{stem}.resolved", _body(app.env.get_and_resolve_doctree(docname, app.builder)))
