"""What the tests share: the project's folder, the HTML a reader gets, copies of test
roots and of the project, edits an author makes, and the incremental == clean check."""

from __future__ import annotations

import os
import random
import re
import shutil
import time
from pathlib import Path

from bs4 import BeautifulSoup

PROJECT = Path(__file__).parent.parent
#: Folders of tools, tests and builds: not part of the site an author edits.
NOT_SITE = (".git", ".venv*", "node_modules", "_build", "tests", "benchmarks", "docs",
            ".pytest_cache", ".hypothesis", "__pycache__", "build", "*.egg-info")


# --- the HTML a reader gets ------------------------------------------------------

def page(app, docname: str) -> BeautifulSoup:
    """The HTML page a reader gets for ``docname``, parsed."""
    path = Path(app.outdir, f"{docname}.html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def main_content(app, docname: str) -> BeautifulSoup:
    return page(app, docname).select_one("article[role=main]")


def warnings(app) -> list[str]:
    """Warning lines, without the terminal colour codes Sphinx adds.

    A second app in one process re-registers docutils nodes and directives
    (a global registry); those harness notices are not the build's warnings.
    """
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines()
            if "WARNING" in line and not re.search(r"\[app\.add_\w+\]$", line)]


def read_docs(app) -> list[str]:
    """Docnames this build read (parsed) again, from its status output."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", text)


def written_docs(app) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", text)


# --- copies and edits -------------------------------------------------------------

def copy_root(rootdir: Path, tempdir: Path, name: str, root: str = "site") -> Path:
    """A private copy of ``tests/roots/test-<root>`` for a test that edits or rebuilds it."""
    srcdir = tempdir / name
    if srcdir.exists():
        shutil.rmtree(srcdir)
    shutil.copytree(rootdir / f"test-{root}", srcdir)
    return srcdir


def copy_project(target: Path) -> Path:
    """A copy of this site (its pages, articles, conf.py, _ext/...): never the original."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(PROJECT, target, ignore=shutil.ignore_patterns(*NOT_SITE))
    return target


def write_source(path: Path, text: str) -> None:
    """Edit a source after a build; its mtime (now) is newer than the last read.

    Not in the future: Sphinx would then re-read it on every later build too.
    """
    path.write_text(text, encoding="utf-8")
    now = time.time()
    os.utime(path, (now, now))


TAGS = ["sleep", "mood", "drugs", "therapy"]
CATEGORIES = ["Care", "Medicines"]


def _articles(srcdir):
    return sorted((srcdir / "articles").glob("*.md"))


OPERATIONS = ["retitle", "describe", "retag", "recategorise", "add", "delete", "rename",
              "relate", "glossary"]


def random_edit(rng: random.Random, srcdir, step: int, operation: str) -> str:
    articles = _articles(srcdir)
    target = rng.choice(articles)
    text = target.read_text(encoding="utf-8")
    if operation == "delete" and len(articles) <= 2:
        operation = "add"
    if operation == "retitle":
        write_source(target, re.sub(r"^# .*$", f"# Title {step}", text, count=1, flags=re.M))
    elif operation == "describe":
        write_source(target, re.sub(r"^description: .*$", f"description: Summary {step}.", text,
                              count=1, flags=re.M))
    elif operation == "retag":
        tags = rng.sample(TAGS, rng.randint(1, 3))
        new = re.sub(r"^tags: .*$", f"tags: [{', '.join(tags)}]", text, count=1, flags=re.M)
        if new == text:
            new = text.replace("---\n\n#", f"tags: [{', '.join(tags)}]\n---\n\n#", 1)
        write_source(target, new)
    elif operation == "recategorise":
        write_source(target, re.sub(r"^category: .*$", f"category: {rng.choice(CATEGORIES)}", text,
                              count=1, flags=re.M))
    elif operation == "add":
        write_source(srcdir / "articles" / f"new{step}.md",
               f"---\ndescription: New {step}.\ndate: 2026-0{rng.randint(1, 9)}-01\n"
               f"category: {rng.choice(CATEGORIES)}\ntags: [{rng.choice(TAGS)}]\n---\n\n"
               f"# New article {step}\n\nText.\n\n:::{{related-articles}}\n:::\n")
    elif operation == "delete":
        target.unlink()
    elif operation == "rename":
        target.unlink()
        write_source(srcdir / "articles" / f"renamed{step}.md", text)
    elif operation == "glossary":
        # Glossary terms feed the search index (query expansion) of every page.
        about = srcdir / "about.md"
        target = about
        write_source(about, about.read_text(encoding="utf-8")
               + f"\n:::{{glossary}}\nterm{step}\n   Meaning {step} of a {rng.choice(TAGS)} word.\n:::\n")
    elif operation == "relate":
        others = [a.stem for a in articles if a != target]
        write_source(target, text + f"\n:::{{related-articles}}\n{rng.choice(others)}\n:::\n")
    return f"{operation} {target.stem}"


# --- incremental == clean -----------------------------------------------------------

def outputs(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*"))
            if p.is_file() and p.name != ".buildinfo"}


def assert_same_as_clean_build(make_app, srcdir: Path, tempdir: Path, app) -> None:
    clean_src = tempdir / (srcdir.name + "-clean")
    if clean_src.exists():
        shutil.rmtree(clean_src)
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_app("html", srcdir=clean_src, freshenv=True)
    clean.build()
    incremental, fresh = outputs(Path(app.outdir)), outputs(Path(clean.outdir))
    # Same files (no page left behind by a deleted article, topic or tag), same bytes.
    assert sorted(incremental) == sorted(fresh)
    different = [name for name in fresh if incremental.get(name) != fresh[name]]
    assert different == []
