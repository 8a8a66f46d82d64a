extensions = ["healthdocs"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
html_theme = "furo"
project = "Search test site"
author = "Test authors"
copyright = "2026, Test authors"
version = "1"
