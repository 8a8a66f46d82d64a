"""A source file that is not valid UTF-8 gives a located warning, not a crash.

Sphinx reads sources with a strict decoder: one byte of Latin-1 in an article
(pasted from a word processor, say) aborts the whole build with "Encoding
error!" and a traceback. When the site keeps the default ``source_encoding``,
sources are read with ``healthdocs-utf-8``: UTF-8 (a BOM is dropped, as
``utf-8-sig`` does) whose undecodable bytes become U+FFFD, and
``source-read`` names the first line that has one. The codec is set in the
reader's settings, not in ``source_encoding``: Sphinx 9 warns about any other
value there (non-UTF-8 encodings are deprecated).
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

from .util import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

CODEC = "healthdocs-utf-8"
_utf_8_sig = codecs.lookup("utf-8-sig")


class _IncrementalDecoder(_utf_8_sig.incrementaldecoder):  # type: ignore[misc, name-defined]
    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != CODEC:
        return None
    return codecs.CodecInfo(
        name=CODEC,
        encode=_utf_8_sig.encode,
        decode=lambda data, errors="strict": _utf_8_sig.decode(data, "replace"),
        incrementalencoder=_utf_8_sig.incrementalencoder,
        incrementaldecoder=_IncrementalDecoder,
        streamreader=_utf_8_sig.streamreader,
        streamwriter=_utf_8_sig.streamwriter,
    )


def use_forgiving_codec(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: after Sphinx copied the config into the settings."""
    if env.config.source_encoding.lower().replace("_", "-") in {"utf-8-sig", "utf-8", "utf8"}:
        env.settings["input_encoding"] = CODEC


def report_replaced_bytes(app: Sphinx, docname: str, source: list[str]) -> None:
    if app.env.settings.get("input_encoding") != CODEC or "\ufffd" not in source[0]:
        return
    line = next(number for number, text in enumerate(source[0].splitlines(), start=1)
                if "\ufffd" in text)
    warn("this file has bytes that are not UTF-8 (shown as \ufffd); save it as UTF-8 "
         "(in most editors: File › Save with encoding › UTF-8)", (docname, line), "encoding")


def setup_encoding(app: Sphinx) -> None:
    try:
        codecs.lookup(CODEC)
    except LookupError:  # the first application in this process registers it
        codecs.register(_search)
    app.connect("env-before-read-docs", use_forgiving_codec)
    app.connect("source-read", report_replaced_bytes)
