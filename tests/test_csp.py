"""The Content-Security-Policy hashes and the per-page cache that keeps rebuilds fast."""

from __future__ import annotations

import os
from pathlib import Path

from healthdocs.csp import _hash, inline_hashes


def _page(path: Path, script: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<html><head><script>{script}</script><script src="x.js"></script>'
                    f'<script type="application/ld+json">{{}}</script></head>'
                    f'<body style="color: red"></body></html>', encoding="utf-8")


def test_hashes_inline_scripts_and_styles_only(tmp_path):
    _page(tmp_path / "a.html", "one()")
    scripts, styles, attributes = inline_hashes(tmp_path)
    # Not the external script, not the JSON-LD data block.
    assert scripts == {_hash("one()")}
    assert styles == set()
    assert attributes == {_hash("color: red")}


def test_cache_reads_only_pages_that_changed(tmp_path):
    out, cache = tmp_path / "html", tmp_path / "csp.json"
    _page(out / "a.html", "one()")
    _page(out / "sub" / "b.html", "two()")
    assert inline_hashes(out, cache)[0] == {_hash("one()"), _hash("two()")}

    # A page rewritten by the build (new time): read again.
    _page(out / "a.html", "three()")
    assert inline_hashes(out, cache)[0] == {_hash("three()"), _hash("two()")}

    # Same size and time as recorded: the cached hashes stand (the file is not read).
    b = out / "sub" / "b.html"
    stat = b.stat()
    _page(b, "TWO()")
    os.utime(b, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert inline_hashes(out, cache)[0] == {_hash("three()"), _hash("two()")}

    # A deleted page's hashes go; a damaged cache is rebuilt from the pages.
    (out / "a.html").unlink()
    cache.write_text("{not json", encoding="utf-8")
    assert inline_hashes(out, cache)[0] == {_hash("TWO()")}
