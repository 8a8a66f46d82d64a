extensions = ["healthdocs"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
