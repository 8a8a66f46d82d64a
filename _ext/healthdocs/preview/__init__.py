"""The live preview behind ``make serve``: the site kept in memory, the edited page
first, problems shown on the page. ``server.serve`` is the entry point."""
