"""Site settings. Article content lives in articles/; behaviour in _ext/healthdocs."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Understanding Depression Care"
author = "Healthdocs contributors"
copyright = "2026, Healthdocs contributors"
language = "en"
version = release = "2026.11"

extensions = ["healthdocs"]  # brings in myst_parser and sphinx_design
root_doc = "index"
exclude_patterns = ["_build", ".venv*", ".ci", ".github", "README.md", "AUTHORING.md", "tests", "benchmarks",
                    "docs", ".pytest_cache", "Thumbs.db", ".DS_Store"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "Understanding Depression Care"
html_static_path = ["_static"]
html_css_files = ["site.css"]
html_show_sourcelink = False
html_copy_source = False

# --- healthdocs -------------------------------------------------------------
healthdocs_articles_dir = "articles"
# Topic order in the sidebar. Categories and tags are open: a new article may
# bring its own. To make them a closed list (unknown values warn, so `-W`
# fails), set healthdocs_categories / healthdocs_tags to the allowed values.
healthdocs_category_order = ["Depression", "Ketamine therapy", "PTSD"]
healthdocs_crisis_region = "US"
