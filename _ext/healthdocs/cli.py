"""Authors' commands: ``python -m healthdocs new TITLE``, ``check [FILES]`` and ``serve``.

``new`` starts an article from the patient-content outline; ``check`` runs the
real build (Sphinx's ``dummy`` builder: every reader, directive, link and
safety check, no HTML written) and prints its problems grouped by file;
``serve`` is the live preview (:mod:`healthdocs.preview`).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import io
import os
import re
import runpy
import sys
import tempfile
from pathlib import Path
from typing import Any


from . import schema
from .registry import frontmatter
from .problems import format_problems, problems
from .util import slugify

MAX_SLUG = 60
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

TEMPLATE = """\
---
# yaml-language-server: $schema={schema}
description: ""  # one or two plain sentences for cards and search results, under {max_description} characters
date: {date}
# reviewed: YYYY-MM-DD  <- add after the clinical review (reviewed_by: <id> names the reviewer)
category: {category}  # {category_note}
tags: [{tags}]  # {tags_note}
---

# {title}

% Lines starting with % are notes to you; readers never see them.
% If the article mentions suicide, self-harm or wanting to die, add the crisis banner here,
% right under the title, so phones show it on the first screen (delete the "% " before
% both lines):
% :::{{crisis-banner}}
% :::

% Open with two or three short sentences: what this article covers and who it is for.
% Keep to US school grade 10 or below (the build checks; 8 is better): short sentences,
% everyday words, and explain each medical term the first time.

## What it is

## Who it may help

## What to expect

## Risks and side effects

## Questions to ask your clinician

% A short list, one question per line starting with "- ".

:::{{disclaimer}}
:::

% If the article discusses ketamine (other than esketamine/Spravato alone), add
% (delete the "% " before the three lines):
% :::{{disclaimer}}
% :kind: compounded-ketamine
% :::

## Sources

% Cite each fact with a footnote after the sentence, like this.[^short-name]
% Then list the sources here, one per line; readers see them numbered under this heading:
% [^short-name]: Author AB, et al. Title. *Journal*. Year;Volume(Issue):pages. <https://doi.org/...>

% Keep the related-article cards last: the build shows them after the sources and the
% review date.
:::{{related-articles}}
:::
"""


class UsageError(Exception):
    """A problem with what the author asked for, shown without a traceback."""


# ---------------------------------------------------------------- new


def new_article(title: str, project: Path, *, category: str | None = None,
                tags: list[str] | None = None, slug: str | None = None,
                today: dt.date | None = None) -> Path:
    """Write ``<articles_dir>/<slug>.md`` from the outline and return its path."""
    title = " ".join(title.split())
    if not title:
        raise UsageError('give the article a title, e.g. make new TITLE="Ketamine and sleep"')
    conf = _read_conf(project)
    folder = project / conf.get("healthdocs_articles_dir", "articles").strip("/")
    slug = slug or make_slug(title)
    if not SLUG.fullmatch(slug):
        raise UsageError(f"{slug!r} cannot be a file name: use lower-case ASCII letters and "
                         "digits joined by hyphens, e.g. ketamine-and-sleep")
    _refuse_taken(folder, slug, conf)
    in_use = _front_matter_values(folder)
    category = _choose_category(category, title, conf, in_use)
    tags = tags if tags is not None else _tags_from_title(title, conf, in_use)
    path = folder / f"{slug}.md"
    allowed_tags = conf.get("healthdocs_tags")
    known = sorted(allowed_tags if allowed_tags is not None else {t for f in in_use for t in f[1]})
    text = TEMPLATE.format(
        schema=Path(os.path.relpath(schema.SCHEMA_PATH, folder)).as_posix(),
        max_description=schema.field("description")["maxLength"],
        date=(today or dt.date.today()).isoformat(),
        category=category,
        category_note="one of: " + ", ".join(_categories(conf, in_use)) if _categories(conf, in_use)
        else "a topic name; each topic gets its own page",
        tags=", ".join(tags),
        tags_note=("tags in use: " + ", ".join(known)) if known else "a few short words",
        title=title,
    )
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)
    return path


def make_slug(title: str) -> str:
    """ASCII, lower case, words joined by hyphens, at most MAX_SLUG characters."""
    slug = slugify(title)
    if not re.search(r"[a-z0-9]", re.sub(r"[^\x00-\x7f]", "", title.lower())) and slug == "item":
        raise UsageError(f"cannot make a file name from {title!r}: give one with --slug "
                         "(lower-case ASCII words joined by hyphens)")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG + 1].rsplit("-", 1)[0]
    return slug


def _refuse_taken(folder: Path, slug: str, conf: dict[str, Any]) -> None:
    existing = {p.stem.lower(): p for p in folder.glob("*") if p.is_file()} if folder.is_dir() else {}
    if slug in existing:
        raise UsageError(f"{Path(os.path.relpath(existing[slug])).as_posix()} already exists: edit it, or choose "
                         "another title (or --slug)")
    docname = f"{folder.name}/{slug}"
    if docname in (conf.get("redirects") or {}):
        raise UsageError(f"{docname} is the old address of a renamed article (see redirects "
                         "in conf.py): choose another title (or --slug)")


def _read_conf(project: Path) -> dict[str, Any]:
    path = project / "conf.py"
    if not path.is_file():
        raise UsageError(f"no conf.py in {project}: run this in the site's folder, or use --project")
    cwd = Path.cwd()
    try:
        os.chdir(project)  # as Sphinx does: conf.py may use paths relative to itself
        return runpy.run_path(str(path))
    finally:
        os.chdir(cwd)


def _front_matter_values(folder: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(category, tags) of each article already in the folder."""
    found = []
    for path in sorted(folder.glob("*.md")):
        meta = frontmatter.read_file(path)
        if meta:
            tags = meta.get("tags") if isinstance(meta.get("tags"), list) else []
            found.append((str(meta.get("category") or ""), tuple(str(t) for t in tags)))
    return found


def _categories(conf: dict[str, Any], in_use: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    allowed = conf.get("healthdocs_categories")
    if allowed:
        return list(allowed)
    return sorted({category for category, _ in in_use if category})


def _choose_category(given: str | None, title: str, conf: dict[str, Any],
                     in_use: list[tuple[str, tuple[str, ...]]]) -> str:
    choices = _categories(conf, in_use)
    if given:
        folded = {c.casefold(): c for c in choices}
        if given.casefold() in folded:
            return folded[given.casefold()]
        if conf.get("healthdocs_categories"):
            raise UsageError(f"unknown category {given!r}; choose one of: {', '.join(choices)}")
        return given
    if not choices:
        return "General"
    # Default: the topic most articles sharing a word of the title have, else the commonest.
    words = set(slugify(title).split("-"))
    close = [c for c, tags in in_use if c and words & {w for t in tags for w in slugify(t).split("-")}]
    counts = collections.Counter(close or [c for c, _ in in_use if c in choices])
    default = min(counts, key=lambda c: (-counts[c], c)) if counts else choices[0]
    if default not in choices:
        default = choices[0]
    if sys.stdin.isatty():
        for number, name in enumerate(choices, start=1):
            print(f"  {number}. {name}")
        answer = input(f"Category [{choices.index(default) + 1}. {default}]: ").strip()
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1]
        if answer:
            return _choose_category(answer, title, conf, in_use)
    return default


def _tags_from_title(title: str, conf: dict[str, Any],
                     in_use: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Tags already in use (or allowed) that appear in the title, as whole words."""
    allowed = conf.get("healthdocs_tags")
    known = sorted(set(allowed) if allowed is not None else {t for _, tags in in_use for t in tags})
    title_slug = f"-{slugify(title)}-"
    return [tag for tag in known if f"-{slugify(tag)}-" in title_slug]


# ---------------------------------------------------------------- check


def check(files: list[str], project: Path, jobs: int = 1) -> tuple[str, int]:
    """Build with the dummy builder and report the problems (in ``files`` when given).

    Returns the report and the exit status: 0 when clean, 1 when there are problems.
    """
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError

    wanted = [Path(f).resolve() for f in files]
    missing = [f for f, p in zip(files, wanted, strict=True) if not p.exists()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    with tempfile.TemporaryDirectory(prefix="healthdocs-check-") as tmp:
        try:
            app = Sphinx(project, project, Path(tmp, "out"), Path(tmp, "doctrees"), "dummy",
                         confoverrides={"nitpicky": True}, status=None, warning=io.StringIO(),
                         freshenv=True, keep_going=True, parallel=jobs)
            app.build()
        except SphinxError as error:
            raise UsageError(f"the site could not be built: {error}") from error
        pages = {Path(app.env.doc2path(d)).resolve() for d in app.env.found_docs}
        found = problems(app)
    notes = []
    if wanted and all(p in pages for p in wanted):
        found = [p for p in found if p.path and Path(p.path).resolve() in wanted]
    elif wanted:
        others = [f for f, p in zip(files, wanted, strict=True) if p not in pages]
        notes.append(f"healthdocs: not an article or page ({', '.join(others)}): "
                     "checking every page")
    report = [*notes, format_problems(found, os.getcwd())]
    if found:  # the last line says what it comes to (a clean report already does)
        files_count = len({p.path for p in found})
        report.append(f"healthdocs check: {len(found)} problem{'s' * (len(found) != 1)} in "
                      f"{files_count} file{'s' * (files_count != 1)}; fix them, then check again")
    return "\n".join(report), 1 if found else 0


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m healthdocs",
                                     description="Write and check health articles.")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="start a new article from the outline")
    new.add_argument("title", help='the article\'s title, e.g. "Ketamine and sleep"')
    new.add_argument("--category", help="its topic (default: asked, or the closest in use)")
    new.add_argument("--tags", help="comma-separated tags (default: tags in use found in the title)")
    new.add_argument("--slug", help="file name without .md (default: from the title)")
    new.add_argument("--url", default="http://127.0.0.1:8000/", help="the preview server")
    new.add_argument("--project", type=Path, default=Path("."), help="the site's folder")
    chk = commands.add_parser("check", help="check articles without building the HTML")
    chk.add_argument("files", nargs="*", help="report only these files (default: every page)")
    chk.add_argument("--project", type=Path, default=Path("."), help="the site's folder")
    chk.add_argument("-j", "--jobs", type=int, default=1, help="parallel processes")
    srv = commands.add_parser("serve", help="build, serve and rebuild on every save")
    srv.add_argument("--project", type=Path, default=Path("."), help="the site's folder")
    srv.add_argument("--builddir", type=Path, default=Path("_build"),
                     help="where html/ and doctrees/ go")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    try:
        if args.command == "new":
            tags = [t.strip() for t in args.tags.split(",") if t.strip()] if args.tags else None
            path = new_article(args.title, args.project.resolve(), category=args.category,
                               tags=tags, slug=args.slug)
            shown = Path(os.path.relpath(path)).as_posix()
            page = path.relative_to(args.project.resolve()).with_suffix(".html").as_posix()
            print(f"Created {shown}\n"
                  f"Preview: {args.url.rstrip('/')}/{page} (run `make serve` first)\n"
                  "Next: fill in the description, write the sections, then `make check`.")
            return 0
        if args.command == "serve":
            from .preview.server import serve

            serve(args.project, args.builddir, args.host, args.port)
            return 0
        report, status = check(args.files, args.project.resolve(), args.jobs)
        print(report)
        return status
    except UsageError as error:
        print(f"healthdocs {args.command}: {error}", file=sys.stderr)
        return 2
