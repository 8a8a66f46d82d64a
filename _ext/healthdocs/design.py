"""sphinx-design's stylesheet and script only on the pages that use them.

sphinx-design stays loaded, so authors can write tabs, grids, cards, dropdowns
and badges, but it adds its CSS (8 KB gzip) and ``design-tabs.js`` (2.7 KB) to
every page. Our own cards no longer need either (``cards.py``), and a first
visit to an article must stay within stock furo + 10 KB gzip (issue 7,
``benchmarks/READERS.md``), so each page keeps:

* the stylesheet only if its HTML carries an ``sd-`` class (every selector in
  it starts with one), and
* the script only if it has a tab set (all the script does is sync tabs and
  open the tab a link's ``#anchor`` points into).

The test is the page's rendered HTML, not its doctree: that also covers the
pages without one (topic and tag pages, the 404 page from ``conf.py``), icons
(their SVG is a node attribute) and classes authors put on any directive. It
runs for every page written, so incremental and parallel builds need nothing
stored.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

# As Sphinx lists them (it adds the _static/ prefix).
CSS = "_static/sphinx-design.min.css"
JS = "_static/design-tabs.js"
# A class attribute with a class starting "sd-" (not "my-sd-x"); any quote style,
# as author HTML may use either.
_CLASS = r"""\bclass=["'][^"']*(?<![\w-])"""
_USES_DESIGN = re.compile(_CLASS + "sd-")
_USES_TABS = re.compile(_CLASS + r"sd-tab-set\b")


def _page_html(context: dict[str, Any]) -> str:
    """The page's own content, and the neighbours' titles furo shows as prev/next
    links (a title may hold an icon)."""
    parts = [context.get("body", "")]  # genindex and the like have none
    parts += [link["title"] for link in (context.get("prev"), context.get("next")) if link]
    return "\n".join(parts)


def drop_unused_assets(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: leave sphinx-design's files off pages that don't use them."""
    html = _page_html(context)
    unused = set()
    if not _USES_DESIGN.search(html):
        unused = {CSS, JS}
    elif not _USES_TABS.search(html):
        unused = {JS}
    # In place: these are the builder's lists, which Sphinx restores before each page
    # and which other handlers' builder.add_js_file() calls for this page append to.
    for key in ("css_files", "script_files"):
        context[key][:] = [f for f in context[key] if f.filename not in unused]
