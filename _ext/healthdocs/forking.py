"""Keep ``-j`` workers from copying the main process's memory.

With ``-j N`` Sphinx forks a worker per chunk of pages from a main process that
holds the environment and, while writing, the resolved pages (hundreds of MB
at 1,000 articles). A fork shares that memory until a page of it is written
to, and a worker's garbage collector writes to every object it examines: each
worker copied much of its parent and spent time collecting objects it never
uses. ``gc.freeze()``, made for this case (see the ``gc`` docs), takes
everything alive at that moment out of the collector's reach; it runs just
before Sphinx forks readers and writers. The objects are handed back to the
collector when the build ends, so a process that builds many times (tests)
still frees them.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def freeze(app: Sphinx, *args: Any) -> None:
    if app.parallel > 1:
        gc.freeze()


def unfreeze(app: Sphinx, exception: Exception | None) -> None:
    gc.unfreeze()


def setup_forking(app: Sphinx) -> None:
    # After the other handlers: what they load before the forks is shared too.
    app.connect("env-before-read-docs", freeze, priority=900)
    app.connect("write-started", freeze, priority=900)
    app.connect("build-finished", unfreeze, priority=999)
