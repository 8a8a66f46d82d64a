extensions = ["healthdocs"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
healthdocs_reviewers = {
    "reviewer-1": {"name": "Test Reviewer", "credentials": "MD", "url": "https://example.org/r1"},
}
