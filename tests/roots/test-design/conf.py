extensions = ["healthdocs"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
project = "Design test site"
author = "Test authors"
copyright = "2026, Test authors"
version = "1"
# These fixtures test other components; their articles lack review dates and
# disclaimers on purpose. The policy checks have their own roots (test-policy*).
healthdocs_policy = {"review": "off", "disclaimer-required": "off"}
