"""Every piece of HTML the extension makes outside docutils' writers comes from a
Jinja template in ``templates/``, which a site overrides by putting a file of the
same name in its own ``templates_path``:

* ``templates/healthdocs/``: our partials (breadcrumbs, topic sidebar, generated
  topic and tag pages, the help page, the editors' report); the site's folders
  come first, so ``_templates/healthdocs/breadcrumbs.html`` replaces ours;
* ``templates/furo/``: furo's page with our ``hd_*`` blocks, and the search page
  and sidebar box: for builders whose theme is furo only (EPUB's theme has a
  page.html of its own).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEMPLATES = Path(__file__).parent / "templates"


def render(app: Sphinx, name: str, **context: Any) -> Markup:
    """``healthdocs/<name>`` rendered with the builder's template loader."""
    return Markup(app.builder.templates.render(f"healthdocs/{name}", context))


def render_standalone(confdir: str | Path, config: Config, name: str, **context: Any) -> str:
    """For output that is not a page of the site (the editors' report, written by any
    builder): the site's template folders first, then ours."""
    folders = [Path(confdir, p) for p in config.templates_path] + [TEMPLATES]
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader([str(f) for f in folders]),
                                     autoescape=True, keep_trailing_newline=True)
    return environment.get_template(f"healthdocs/{name}").render(**context)


def _ours(app: Sphinx, config: Config) -> None:
    """``config-inited``: our partials, after the site's own template folders."""
    # A new list: the default one may be shared by every Sphinx app in the process.
    config.templates_path = [*config.templates_path, str(TEMPLATES)]


def _furo(app: Sphinx) -> None:
    """``builder-inited``: furo's templates with our blocks, before furo's own."""
    theme = getattr(app.builder, "theme", None)
    if theme is None or theme.name != "furo" or app.builder.templates is None:
        return
    app.config.templates_path = [str(TEMPLATES / "furo"), *app.config.templates_path]
    app.builder.templates.init(app.builder, theme)


def setup_templates(app: Sphinx) -> None:
    app.connect("config-inited", _ours)
    app.connect("builder-inited", _furo, priority=100)
