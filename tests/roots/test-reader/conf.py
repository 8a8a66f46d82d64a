extensions = ["healthdocs"]
project = "Reader test"
version = "1"
copyright = "2026, Reader test"
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
html_theme = "furo"
html_baseurl = "https://example.org/"
healthdocs_tag_labels = {"fda": "FDA"}
healthdocs_category_intros = {
    "Care": "Care is about <looking after> yourself & others.\n\nA second paragraph.",
}
healthdocs_stay_informed = "articles"
healthdocs_footer_links = [
    ("About us", "about"),
    ("Editorial policy", "about#editorial-policy"),
    ("Corrections", "corrections"),
    ("Not written yet", "nowhere"),
]
# These fixtures test what readers see; the policy checks have their own roots.
healthdocs_policy = {"review": "off", "disclaimer-required": "off", "reading-grade": "off"}
