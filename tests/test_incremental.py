"""Random sequences of author edits: after each incremental build, the output
equals a clean build of the same sources, file for file."""

from __future__ import annotations

import random
import re

import pytest
from helpers import OPERATIONS, assert_same_as_clean_build, copy_root, random_edit, warnings

@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_incremental_equals_clean(make_app, rootdir, sphinx_test_tempdir, seed):
    """Every kind of edit once per sequence, in a random order, on random articles."""
    rng = random.Random(seed)
    operations = rng.sample(OPERATIONS, len(OPERATIONS))
    srcdir = copy_root(rootdir, sphinx_test_tempdir, f"incremental-random-{seed}")
    make_app("html", srcdir=srcdir, freshenv=True).build()
    history = []
    for step, operation in enumerate(operations):
        history.append(random_edit(rng, srcdir, step, operation))
        app = make_app("html", srcdir=srcdir)
        app.build()
        # Deleting a target of related-articles is an expected warning; nothing else.
        assert all("healthdocs.related" in w for w in warnings(app)), (history, warnings(app))
        try:
            assert_same_as_clean_build(make_app, srcdir, sphinx_test_tempdir, app)
        except AssertionError as error:
            raise AssertionError(f"after edits {history}") from error
