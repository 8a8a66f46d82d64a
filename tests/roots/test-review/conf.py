extensions = ["healthdocs"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
healthdocs_reviewers = {
    "reviewer-1": {"name": "Test Reviewer", "credentials": "MD", "url": "https://example.org/r1"},
}
# These fixtures test other components; their articles lack review dates and
# disclaimers on purpose. The policy checks have their own roots (test-policy*).
healthdocs_policy = {"review": "off", "disclaimer-required": "off"}
