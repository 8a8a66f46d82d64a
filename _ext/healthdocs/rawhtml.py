"""Raw HTML in a page cannot run script in a reader's browser.

MyST passes HTML written in Markdown through unchanged, so ``<script>`` or an
``onclick=`` in an article would reach readers. Every raw HTML fragment is
checked against the allowlists of the Ammonia sanitizer (nh3): tags, their
attributes, and URL schemes. A fragment with anything outside them is shown
as text instead, with a warning at its line. nh3's own ``clean`` cannot be
used on the fragments themselves: MyST splits inline HTML into one node per
tag (``<b>``, text, ``</b>``), and cleaning ``<b>`` alone closes it.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import TYPE_CHECKING

import nh3
from docutils import nodes
from sphinx.transforms import SphinxTransform

from .util import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Attributes allowed on any allowed tag (Ammonia's generic set, plus styling hooks).
GENERIC_ATTRIBUTES = frozenset({"lang", "title", "class", "id", "dir", "role"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "xlink:href",
                            "poster", "background"})


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in nh3.ALLOWED_TAGS:
            self.problems.append(f"<{tag}>")
            return
        allowed = nh3.ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name in URL_ATTRIBUTES and not _safe_url(value or ""):
                self.problems.append(f'{name}="{value}"')
            elif name not in allowed and name not in GENERIC_ATTRIBUTES \
                    and not name.startswith("aria-"):
                self.problems.append(f"{name}=")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag not in nh3.ALLOWED_TAGS:
            self.problems.append(f"</{tag}>")


def _safe_url(url: str) -> bool:
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    compact = "".join(ch for ch in url if ch > " ").lower()
    scheme, colon, _ = compact.partition(":")
    if not colon or "/" in scheme or "?" in scheme or "#" in scheme:
        return True  # relative URL
    return scheme in nh3.ALLOWED_URL_SCHEMES


def problems_in(html: str) -> list[str]:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.problems


class NeutraliseRawHtml(SphinxTransform):
    """Unsafe raw HTML becomes visible text, with a warning.

    A transform, applied while the page is parsed: Sphinx's collectors copy the
    title into the environment at ``doctree-read`` (emitted by a transform at
    priority 880), and every toctree listing the page prints that copy, so a
    ``doctree-read`` handler would be too late for it.
    """

    default_priority = 870  # after MyST's and Sphinx's other transforms, before 880

    def apply(self, **kwargs: object) -> None:
        docname = self.env.current_document.docname
        for node in list(self.document.findall(nodes.raw)):
            if "html" not in node.get("format", "").split():
                continue
            found = problems_in(node.astext())
            if not found:
                continue
            warn(f"raw HTML with {', '.join(dict.fromkeys(found))} is not allowed (it could "
                 "run script in a reader's browser); it is shown as text: use Markdown instead",
                 (docname, node.line or 1), "raw-html")
            text = node.astext()
            if isinstance(node.parent, (nodes.Structural, nodes.document)):
                replacement: nodes.Element = nodes.literal_block(text, text, language="text")
            else:
                replacement = nodes.literal(text, text)
            node.replace_self(replacement)


def setup_rawhtml(app: Sphinx) -> None:
    app.add_transform(NeutraliseRawHtml)
