extensions = ["healthdocs"]
myst_enable_extensions = ["colon_fence"]
html_theme = "furo"
project = "Directives"
healthdocs_policy = {"review": "off"}
