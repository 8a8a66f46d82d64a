extensions = ["healthdocs"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
project = "Policy test"
author = "Test authors"
copyright = "2026, Test authors"
version = "1"
healthdocs_review_interval = 60
