"""Reading the files of the healthdocs search index (``_static/hdsearch/``) in tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

_CALL = re.compile(r'^\(self\.hdsearch=self\.hdsearch\|\|\[\]\)\.push\(\["(\w+)","([^"]*)",(.*)\]\);$', re.DOTALL)


def index_file(outdir: Path, relative: str):
    """The data an index file pushes onto ``self.hdsearch``."""
    text = (Path(outdir) / "_static" / "hdsearch" / relative).read_text(encoding="utf-8").strip()
    match = _CALL.match(text)
    assert match, f"{relative} is not a self.hdsearch.push([...]) call"
    return json.loads(match.group(3))


def indexed_stems(outdir: Path) -> set[str]:
    """Every stem that has postings, over all shards."""
    stems: set[str] = set()
    for shard in sorted((Path(outdir) / "_static" / "hdsearch" / "p").glob("*.js")):
        stems.update(index_file(outdir, f"p/{shard.name}"))
    return stems


def page_texts(outdir: Path) -> dict[str, str]:
    """Page URL -> all text the index stores for results (headings, description, sections)."""
    pages = {}
    folder = Path(outdir) / "_static" / "hdsearch"
    for path in sorted((folder / "t").glob("*.js")):
        page = index_file(outdir, f"t/{path.name}")
        parts = [page["title"], *(heading for _, heading in page["sections"])]
        for chunk in sorted((folder / "d").glob(f"{path.stem}-*.js")):
            data = index_file(outdir, f"d/{chunk.name}")
            parts += [data["description"], *data["texts"]]
        pages[page["url"]] = " ".join(parts)
    return pages
