extensions = ["healthdocs", "notfound.extension", "sphinx_reredirects"]
project = "Publishing test"
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
html_title = "Publishing test site"
html_baseurl = "https://example.org/site/"
healthdocs_newsletter_url = "https://example.org/newsletter"
healthdocs_publisher = {"name": "Example Clinic", "url": "https://example.org/"}
healthdocs_reviewers = {"r1": {"name": "Test Reviewer", "credentials": "MD", "url": "https://example.org/r1"}}
redirects = {"articles/old-name": "renamed.html"}
# These fixtures test other components; their articles lack review dates and
# disclaimers on purpose. The policy checks have their own roots (test-policy*).
healthdocs_policy = {"review": "off", "disclaimer-required": "off"}
