extensions = ["healthdocs"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
project = "Care test"
author = "Test authors"
copyright = "2026, Test authors"
version = "1"
# These fixtures test the care cards; review dates and disclaimers have their own roots.
healthdocs_policy = {"review": "off", "disclaimer-required": "off"}
