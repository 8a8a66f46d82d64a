"""The article front-matter schema, ``article.schema.json`` (package data).

One file is the source of the field names, the date pattern and the limits:
editors with a YAML language server read it for completion and errors, the
build's validator (:mod:`healthdocs.articles`) and ``python -m healthdocs new``
read them from here. The build only reads values out of it; it does not need a
JSON Schema library.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

#: Shipped inside the package, so an installed healthdocs reads the same file.
SCHEMA_PATH = Path(__file__).resolve().parent / "article.schema.json"


@cache
def article_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def field(name: str) -> dict[str, Any]:
    """The schema of one front-matter field, with a ``$ref`` to ``$defs`` resolved."""
    schema = article_schema()
    spec = dict(schema["properties"][name])
    ref = spec.pop("$ref", "")
    if ref:
        spec = {**schema["$defs"][ref.rsplit("/", 1)[-1]], **spec}
    return spec


def known_fields() -> frozenset[str]:
    return frozenset(article_schema()["properties"])


def date_pattern() -> re.Pattern[str]:
    return re.compile(field("date")["pattern"])
