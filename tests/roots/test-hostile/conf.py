# Every text a site or an author controls, made hostile.
extensions = ["healthdocs"]
# (Not project/html_title: Sphinx and furo treat the site title as HTML by design.)
project = "Clinic"
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
html_baseurl = "https://example.org/"
X = '<script>alert("x")</script>" onmouseover="alert(1)'
healthdocs_disclaimers = {"educational": {"title": "Title " + X, "text": "Text " + X}}
healthdocs_crisis_resources = {"US": {"name": "Country " + X, "title": "Help " + X, "intro": "Intro " + X, "resources": [
    {"name": "Line " + X, "note": "note " + X,
     "actions": [{"label": "Call " + X, "url": "tel:988"}]}]}}
healthdocs_reviewers = {"r1": {"name": "Reviewer " + X, "credentials": "MD " + X,
                               "url": "https://example.org/r?a=1&b=<x>"}}
healthdocs_publisher = {"name": "Publisher " + X, "url": "https://example.org/"}
healthdocs_newsletter_url = "https://example.org/news?a=1&b=2"
# Injection is the subject here; the content checks have their own roots.
healthdocs_policy = {"review": "off", "disclaimer-required": "off"}
