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
                    "AUTHORING.md", "ARCHITECTURE.md", "tests", "benchmarks", "docs", ".pytest_cache",
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
# A valid HTML page (doctype, language, title, a link) instead of the bare default, with
# this site's crisis lines as links, like every other page (a stub cannot link the
# generated help page: it does not know its own depth).
redirect_html_template_file = "_templates/redirect.html"

# --- healthdocs -------------------------------------------------------------
healthdocs_articles_dir = "articles"
# Topic order in the sidebar. Categories and tags are open: a new article may
# bring its own. To make them a closed list (unknown values warn, so `-W`
# fails), set healthdocs_categories / healthdocs_tags to the allowed values.
healthdocs_category_order = ["Depression", "Ketamine therapy", "PTSD"]
healthdocs_crisis_region = "US"
# AUTHORING's own target: US school grade 8 or below (Flesch-Kincaid; SMOG in the report).
healthdocs_max_grade = 8
healthdocs_publisher = {"name": "Understanding Depression Care"}

# What readers see for tags whose slug would read badly (others: hyphens become
# spaces, first letter a capital). The slugs stay in the tag pages' addresses.
healthdocs_tag_labels = {
    "fda": "FDA",
    "ptsd": "PTSD",
    "ssri": "SSRIs",
    "treatment-resistant-depression": "Treatment-resistant depression",
}
# The opening of each topic page (plain text; a blank line starts a new paragraph).
healthdocs_category_intros = {
    "Depression": (
        "Depression is a common and serious illness that affects how a person feels and "
        "thinks, and how they manage daily life, such as sleeping, eating or working. "
        "The articles on this topic explain depression that has not improved enough "
        "after treatment."
    ),
    "Ketamine therapy": (
        "Ketamine is a medicine used for anesthesia, and esketamine (Spravato), a nasal "
        "spray made from one of ketamine's two mirror-image forms, is approved by the FDA "
        "for some adults with depression. These articles explain how the two are studied "
        "and used for depression, what is approved and what is not, and their risks."
    ),
    "PTSD": (
        "Post-traumatic stress disorder (PTSD) can follow a shocking, frightening or "
        "dangerous event, when fear and memories of it keep coming back and get in the "
        "way of daily life. These articles explain what brain research has found about "
        "PTSD and how it is treated."
    ),
}
# Every article ends with the Stay informed box (Atom feed; newsletter when
# healthdocs_newsletter_url is set). "Report a problem with this page" leads to
# corrections.html (healthdocs_report_url sets an email or form address instead).
healthdocs_stay_informed = "articles"
# On every page's footer; a page or section the site does not have is a warning.
healthdocs_footer_links = [
    ("About us", "about"),
    ("Editorial policy", "about#editorial-policy"),
    ("Corrections", "corrections"),
    ("Accessibility", "accessibility"),
    ("Privacy", "privacy"),
]
