"""The regulatory registry: what the FDA approved each medicine or device for.

Built-in rows live in ``data/regulatory.yaml`` (read relative to this package,
one source per row); sites add or replace rows with ``healthdocs_regulatory``
in ``conf.py``. A row whose ``review_by`` date has passed (today, or
``SOURCE_DATE_EPOCH``) is a ``healthdocs.policy.registry`` warning located at
its line in the data file or at the setting in ``conf.py``: its facts may be
out of date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..review import today
from ..util import warn
from .prose import fold
from ..settings import conf_location, settings

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

DATA = Path(__file__).parent / "data" / "regulatory.yaml"
STATUSES = ("approved", "withdrawn", "not-approved")


@dataclass(frozen=True)
class Use:
    name: str
    terms: tuple[str, ...]
    approved: str = ""
    source: str = ""


@dataclass(frozen=True)
class Product:
    id: str
    names: tuple[str, ...]
    brands: tuple[str, ...]
    kind: str
    status: str
    withdrawn: str
    indications: tuple[Use, ...]
    off_label: tuple[Use, ...]
    source: str
    reviewed: str
    review_by: str
    location: str  # "path:line" of the row

    @property
    def label(self) -> str:
        brand = f" ({', '.join(self.brands)})" if self.brands else ""
        return f"{self.names[0]}{brand}"

    def approved_for(self) -> str:
        if not self.indications:
            return "nothing"
        return "; ".join(u.name + (f" ({u.approved[:4]})" if u.approved else "")
                         for u in self.indications)


def _date(value: Any) -> str:
    text = str(value or "").strip()
    try:
        return dt.date.fromisoformat(text).isoformat() if len(text) == 10 else text
    except ValueError:
        return ""


def _uses(value: Any) -> tuple[Use, ...]:
    uses = []
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            terms = tuple(str(t) for t in entry.get("terms") or [] if str(t).strip())
            uses.append(Use(entry["name"], terms, str(entry.get("approved") or ""),
                            str(entry.get("source") or "")))
    return tuple(uses)


def _product(key: str, row: dict[str, Any], location: str) -> Product | str:
    """A row, or what is wrong with it."""
    names = tuple(str(n) for n in row.get("names") or [] if str(n).strip())
    status = row.get("status")
    if not names:
        return f"{key!r} needs 'names': the generic names, e.g. names: [sertraline]"
    if status not in STATUSES:
        return f"{key!r}: 'status' must be one of {', '.join(STATUSES)}"
    if status == "withdrawn" and not _date(row.get("withdrawn")):
        return f"{key!r}: a withdrawn product needs 'withdrawn: YYYY-MM-DD'"
    if not str(row.get("source") or "").startswith("http"):
        return f"{key!r} needs 'source': the address of the label or FDA notice the row comes from"
    review_by = _date(row.get("review_by"))
    if len(review_by) != 10:
        return f"{key!r} needs 'review_by: YYYY-MM-DD' (when to check the row again)"
    return Product(
        id=key, names=names, brands=tuple(str(b) for b in row.get("brands") or []),
        kind=str(row.get("kind") or "medicine"), status=status,
        withdrawn=_date(row.get("withdrawn")), indications=_uses(row.get("indications")),
        off_label=_uses(row.get("off_label")), source=str(row["source"]),
        reviewed=_date(row.get("reviewed")), review_by=review_by, location=location)


@lru_cache(maxsize=1)
def built_in() -> tuple[Product, ...]:
    text = DATA.read_text(encoding="utf-8")
    rows = yaml.safe_load(text)["products"]
    lines = text.splitlines()
    products = []
    for row in rows:
        number = next((i for i, line in enumerate(lines, start=1)
                       if re.match(rf"\s*- id: {re.escape(row['id'])}\s*$", line)), 1)
        product = _product(row["id"], row, f"{DATA}:{number}")
        if isinstance(product, str):  # a mistake in the shipped file is ours: fail loudly
            raise ValueError(f"{DATA}: {product}")
        products.append(product)
    return tuple(products)


def parse_rows(value: Any) -> tuple[tuple[Product, ...], list[str]]:
    """``healthdocs_regulatory``: the built-in rows with the site's merged over them (by
    id), in id order; the problems of the site's rows (those are left out)."""
    merged = {p.id: p for p in built_in()}
    problems = []
    for key, row in sorted((value if isinstance(value, dict) else {}).items(),
                           key=lambda kv: str(kv[0])):
        product = _product(str(key), row, "conf.py") if isinstance(row, dict) else \
            f"{key!r} must be a row: {{'names': [...], 'status': 'approved', ...}}"
        if isinstance(product, str):
            problems.append(product)
        else:
            merged[product.id] = product
    return tuple(merged[key] for key in sorted(merged)), problems


def products(config: Config) -> tuple[Product, ...]:
    return settings(config).regulatory


def warn_overdue_rows(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency`` (every build, like ``review-overdue``): rows past
    their review date, whose facts may be out of date."""
    conf_py = Path(app.confdir, "conf.py")
    now = today()
    for product in products(app.config):
        if dt.date.fromisoformat(product.review_by) < now:
            location = product.location if product.location.startswith(str(DATA)) else \
                conf_location(conf_py, "healthdocs_regulatory")
            warn(f"regulatory registry: the row for {product.label} was due for review on "
                 f"{product.review_by}: check its status and indications against {product.source}, "
                 "then update 'reviewed' and 'review_by'", location, "policy.registry")


def name_pattern(config: Config) -> tuple[re.Pattern[str], dict[str, Product]]:
    """One pattern for every product name (longest first), and name -> product."""
    return _name_pattern(products(config))


@lru_cache(maxsize=8)
def _name_pattern(rows: tuple[Product, ...]) -> tuple[re.Pattern[str], dict[str, Product]]:
    by_name = {}
    for product in rows:
        for name in (*product.names, *product.brands):
            by_name[fold(name)] = product
    words = sorted(by_name, key=lambda n: (-len(n), n))
    body = "|".join(r"[\s\-–]+".join(re.escape(w) for w in name.split()) for name in words)
    # Brand names are matched in any case ("SPRAVATO"), generic names too.
    return re.compile(rf"(?<![\w-])(?:{body or '(?!x)x'})(?!\w)", re.IGNORECASE), by_name
