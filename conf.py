"""Site settings. Article content lives in articles/; behaviour in _ext/healthdocs."""

import os
import sys
from urllib.parse import urlsplit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Understanding Depression Care"
author = "Healthdocs contributors"
copyright = "2026, Healthdocs contributors"
language = "en"
version = release = "2026.11"

# healthdocs brings in myst_parser, sphinx_design and sphinxext.opengraph.
extensions = ["healthdocs", "notfound.extension", "sphinx_reredirects"]
root_doc = "index"
exclude_patterns = ["_build", ".venv*", ".ci", ".github", "node_modules", "schema", "README.md",
                    "AUTHORING.md", "tests", "benchmarks", "docs", ".pytest_cache",
                    "Thumbs.db", ".DS_Store"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "Understanding Depression Care"
html_static_path = ["_static"]
html_css_files = ["site.css"]
# Without an icon, browsers request /favicon.ico and get a 404 on every first visit.
html_favicon = "_static/favicon.svg"
html_show_sourcelink = False
html_copy_source = False
# Absolute site address (feed, sitemap, canonical links, Open Graph, 404 page).
# Set SITE_URL when deploying, e.g. https://<user>.github.io/<repo>/.
html_baseurl = os.environ.get("SITE_URL", "https://example.org/")

notfound_context = {
    "title": "Page not found",
    "body": (
        "<h1>We can't find that page</h1>"
        "<p>It may have moved, or the address may be mistyped. Try the "
        f'<a href="{urlsplit(html_baseurl).path or "/"}">home page</a> or the search box.</p>'
        # healthdocs adds the crisis lines for healthdocs_crisis_region after this, as links.
    ),
}

# Renamed or retired article addresses -> where they live now (sphinx-reredirects).
redirects = {
    "articles/trd": "treatment-resistant-depression.html",
}
# A valid HTML page (doctype, language, title, a link) instead of the bare default.
redirect_html_template_file = "_templates/redirect.html"

# --- healthdocs -------------------------------------------------------------
healthdocs_articles_dir = "articles"
# Topic order in the sidebar. Categories and tags are open: a new article may
# bring its own. To make them a closed list (unknown values warn, so `-W`
# fails), set healthdocs_categories / healthdocs_tags to the allowed values.
healthdocs_category_order = ["Depression", "Ketamine therapy", "PTSD"]
healthdocs_crisis_region = "US"
healthdocs_publisher = {"name": "Understanding Depression Care"}
