"""Health-content safety checks run by the build, and the editors' report.

One module per rule family (``crisis``, ``language``, ``disclaimers``,
``claims``, ``regulatory`` with its ``registry``, ``citations``, ``review``,
``readability``, ``jargon``, ``abbreviations``, ``images``; ``mention`` tells
quoted or avoided wording from the article's own); ``runner`` applies them
to each article as it is read, ``store`` keeps the results in the environment
and ``report`` writes ``health-report.json`` and ``health-report.html`` from
them when the build finishes. Findings are warnings typed
``healthdocs.policy.<rule>``; ``healthdocs_policy`` sets each rule to
``warning``, ``error`` (the build exits non-zero even without ``-W``) or ``off``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .readability import preload_dictionary
from .products import warn_overdue_rows
from .report import fail_on_errors, write_reports
from .runner import check_article, check_late
from .store import PolicyDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_policy(app: Sphinx) -> None:
    app.add_domain(PolicyDomain)
    app.connect("env-before-read-docs", preload_dictionary)
    app.connect("env-check-consistency", check_late)
    app.connect("env-check-consistency", warn_overdue_rows)
    app.connect("build-finished", write_reports)
    app.connect("build-finished", fail_on_errors)
