"""One summary of the build's problems, grouped by file, printed when the build ends.

A handler on Sphinx's logger records every warning and error the build logs
(after ``suppress_warnings``), including those parallel workers send back to
the main process. The normal warning output is untouched, so ``-W`` still
fails the build; the summary is extra, on the status stream.
``python -m healthdocs check`` reads the same records (:func:`problems`).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.logging import (
    NAMESPACE,
    OnceFilter,
    WarningStreamHandler,
    get_node_location,
    is_suppressed_warning,
)

from .util import logger

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Where AUTHORING.md explains how to fix each kind of problem (longest prefix wins).
HINTS = {
    "healthdocs.frontmatter": "fix the field between the --- lines at the top "
                              "(AUTHORING.md#front-matter)",
    "healthdocs.title": "start with one '# Title' line and use '##' for sections "
                        "(AUTHORING.md#the-outline)",
    "healthdocs.disclaimer": "see AUTHORING.md#disclaimer",
    "healthdocs.crisis": "see AUTHORING.md#crisis-banner",
    "healthdocs.care": "see AUTHORING.md#when-to-get-help",
    "healthdocs.related": "see AUTHORING.md#related-articles",
    "healthdocs.review-overdue": "have the article reviewed, then update 'reviewed:' "
                                 "(AUTHORING.md#front-matter)",
    "healthdocs.policy": "see how to satisfy each rule in AUTHORING.md#safety-rules",
    "ref": "link with the other article's file name, without .md "
           "(AUTHORING.md#linking-to-other-articles)",
    "myst.xref_missing": "link with the other article's file name, without .md "
                         "(AUTHORING.md#linking-to-other-articles)",
    "myst.topmatter": "the lines between the --- are not valid YAML: write each field as "
                      "'name: value' (AUTHORING.md#front-matter)",
    "myst.header": "go down one heading level at a time: '#', then '##', then '###'",
}


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # absolute path of the file, "" when the problem has no file
    line: int  # 0 when unknown
    kind: str  # warning type, e.g. "healthdocs.frontmatter"
    message: str

    def location(self, base: str) -> str:
        path = _display(self.path, base) if self.path else "(no file)"
        return f"{path}:{self.line}" if self.line else path

    def hint(self) -> str:
        prefixes = [p for p in HINTS if self.kind == p or self.kind.startswith(p + ".")]
        return HINTS[max(prefixes, key=len)] if prefixes else ""


class ProblemCollector(WarningStreamHandler):
    """Records warnings instead of writing them.

    A ``WarningStreamHandler`` on purpose: Sphinx holds back the read phase's
    warnings by detaching handlers of that class and replaying the warnings
    afterwards (``pending_warnings``); any other handler would see them twice.
    """

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app
        self.problems: list[Problem] = []
        self.setLevel(logging.WARNING)
        self.addFilter(OnceFilter())

    def emit(self, record: logging.LogRecord) -> None:
        kind = getattr(record, "type", "") or ""
        subtype = getattr(record, "subtype", "") or ""
        config = getattr(self.app, "config", None)
        if is_suppressed_warning(kind, subtype, getattr(config, "suppress_warnings", ())):
            return
        if kind and subtype:
            kind = f"{kind}.{subtype}"
        # The base class: Sphinx's record class puts the location into the message.
        message = logging.LogRecord.getMessage(record).removesuffix(f" [{kind}]")
        path, line = self._location(getattr(record, "location", None))
        self.problems.append(Problem(path, line, kind, message))

    def _location(self, location: object) -> tuple[str, int]:
        # Sphinx's own handler may already have turned the location into "path:line".
        if isinstance(location, tuple):
            docname, line = location
            return (str(self.app.env.doc2path(docname)) if docname else "", int(line or 0))
        if isinstance(location, nodes.Node):
            location = get_node_location(location)
        if not location:
            return "", 0
        path, _, line = str(location).rpartition(":")
        if path and (line.isdigit() or not line):
            return path, int(line or 0)
        return str(self.app.env.doc2path(str(location))), 0


def _collector(app: Sphinx) -> ProblemCollector | None:
    collector = getattr(app, "_healthdocs_problems", None)
    return collector if isinstance(collector, ProblemCollector) else None


def problems(app: Sphinx) -> list[Problem]:
    """The problems this build has logged so far, sorted by file and line."""
    collector = _collector(app)
    return sorted(collector.problems) if collector else []


def take_problems(app: Sphinx) -> list[Problem]:
    """The problems logged since the last call, which forgets them (a long-lived
    application, as in the preview, rebuilds many times)."""
    collector = _collector(app)
    if collector is None:
        return []
    found, collector.problems = collector.problems, []
    return sorted(found)


def format_problems(found: list[Problem], base: str) -> str:
    """``file:line: message [type]`` grouped by file, each group with what to do."""
    if not found:
        return "healthdocs: no problems found"
    groups: dict[str, list[Problem]] = {}
    for problem in sorted(found):
        groups.setdefault(problem.path, []).append(problem)
    lines = [f"healthdocs: {_count(len(found), 'problem')} in {_count(len(groups), 'file')}"]
    for path, group in groups.items():
        name = _display(path, base) if path else "(no file: conf.py or the build)"
        lines.append(f"{name}: {_count(len(group), 'problem')}")
        for problem in group:
            kind = f" [{problem.kind}]" if problem.kind else ""
            lines.append(f"  {problem.location(base)}: {problem.message}{kind}")
        hints = list(dict.fromkeys(h for h in (p.hint() for p in group) if h))
        if hints:
            lines.append(f"  what to do: {'; '.join(hints)}")
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _display(path: str, base: str) -> str:
    relative = os.path.relpath(path, base)
    return path if relative.startswith("..") else relative.replace(os.sep, "/")


def print_summary(app: Sphinx, exception: Exception | None) -> None:
    if exception is None:
        logger.info("\n" + format_problems(problems(app), str(app.srcdir)))


def setup_problems(app: Sphinx) -> None:
    collector = app._healthdocs_problems = ProblemCollector(app)  # type: ignore[attr-defined]
    # Sphinx clears this logger's handlers when the next application starts.
    logging.getLogger(NAMESPACE).addHandler(collector)
    # Last, so the summary follows what other extensions print when the build ends.
    app.connect("build-finished", print_summary, priority=900)
