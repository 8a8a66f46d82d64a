# One entry point for authors, maintainers and CI. First use creates the
# virtualenv: authors' targets install requirements.lock only (runtime), test and
# bench targets add requirements-dev.lock; `PYTHON=python3.13 make test` uses its own.
PYTHON ?= python3
VENV ?= .venv$(if $(filter python3,$(PYTHON)),,-$(notdir $(PYTHON)))
BIN := $(VENV)/bin
BUILDDIR ?= _build
SPHINXOPTS ?= -W -n --keep-going
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help venv venv-dev node-tools html serve test clean fuzz report new check bench-search bench bench-readers bench-policy

help:
	@echo "make new TITLE=\"Ketamine and sleep\"   start an article (CATEGORY=\"...\" to pick its topic)"
	@echo "make check   check front matter, boxes, links and safety rules (FILES=\"articles/x.md\")"
	@echo "make serve   build the site, then live preview on http://$(HOST):$(PORT)/"
	@echo "make html    clean build into $(BUILDDIR)/html (warnings are errors)"
	@echo "make test    run the test suite"
	@echo "make fuzz   property-based tests with many generated inputs"
	@echo "make report  build, then print where the editors' health-content report is"
	@echo "make bench  build-time benchmark vs stock Sphinx + furo (benchmarks/RESULTS.md; ~1 hour)"
	@echo "make bench-readers  page weight and LCP per page type vs stock furo (benchmarks/READERS.md)"
	@echo "make bench-search   search benchmark vs stock Sphinx and Pagefind (benchmarks/search/RESULTS.md)"
	@echo "make bench-policy   precision and recall of the safety checks on the labelled set (benchmarks/POLICY.md)"
	@echo "make clean   remove $(BUILDDIR)"

PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

venv: $(VENV)/.runtime-installed
venv-dev: $(VENV)/.dev-installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.lock | $(BIN)/python
	$(PIP) -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock $(VENV)/.runtime-installed
	$(PIP) -r requirements-dev.lock
	touch $@

# axe-core and the Nu HTML checker for the browser tests, when npm is here (no root
# needed), again when the lock is newer than what npm installed or that is missing (an
# empty or half-installed node_modules/ is repaired, not taken as installed).
# Without npm those tests skip and the run ends saying how to enable them.
node-tools:
	@if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		if command -v npm >/dev/null 2>&1; then \
			npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error; \
		else echo "npm not found: the accessibility tests will be skipped"; fi; \
	fi

# Always from scratch: Sphinx never deletes the HTML of a removed article.
html: venv
	rm -rf $(BUILDDIR)/html $(BUILDDIR)/doctrees
	$(BIN)/sphinx-build -b html $(SPHINXOPTS) -d $(BUILDDIR)/doctrees . $(BUILDDIR)/html

# The live preview (healthdocs/preview): the site stays in memory between saves, the
# edited page is written and reloaded first. Without -W, so a draft with problems still
# previews; each page shows its own problems in a panel only the preview adds.
serve: venv
	rm -rf $(BUILDDIR)/html $(BUILDDIR)/doctrees
	PYTHONPATH=_ext $(BIN)/python -m healthdocs serve --builddir $(BUILDDIR) --host $(HOST) --port $(PORT)

# Without -W, so the report lists every finding; exits non-zero like the build would.
report: venv
	rm -rf $(BUILDDIR)/html $(BUILDDIR)/doctrees
	$(BIN)/sphinx-build -b html -n --keep-going -q -d $(BUILDDIR)/doctrees . $(BUILDDIR)/html; \
	status=$$?; echo "Editors' report: $(abspath $(BUILDDIR))/reports/health-report.html"; exit $$status

# `_ext` is not an installed package.
new: venv
	PYTHONPATH=_ext $(BIN)/python -m healthdocs new "$(TITLE)" $(if $(CATEGORY),--category "$(CATEGORY)") \
		--url http://$(HOST):$(PORT)/

# Ends with the check's own summary line: problems found are its answer, not a failure
# of make (no "Error 1"). Scripts and pre-commit run `python -m healthdocs check`,
# which exits 1 when there are problems; a usage mistake fails here too.
check: venv
	@PYTHONPATH=_ext $(BIN)/python -m healthdocs check $(FILES); test $$? -ne 2

test: venv-dev node-tools
	$(BIN)/python -m pytest $(PYTESTOPTS)

# Not part of `make test`: several minutes (builds a 1,000-article corpus three ways).
bench-search: venv-dev
	$(BIN)/python benchmarks/search/run.py --articles 1000

# Not part of `make test`: about an hour (stock Sphinx needs ~16 min for one clean
# build of 1,000 articles); waits for a quiet machine first. Options: benchmarks/bench.py --help.
bench: venv-dev
	$(BIN)/python benchmarks/bench.py --sizes 100 1000 --profile $(BENCHOPTS)

# Not part of `make test`: bytes and load timings per page type vs stock furo
# (benchmarks/READERS.md). Needs `npm ci` (Lighthouse) and /usr/bin/chromium.
bench-readers: venv-dev
	$(BIN)/python benchmarks/readers.py

# The health-content rules on the labelled evaluation set in tests/policy/ (about 20 s).
bench-policy: venv
	$(BIN)/python benchmarks/policy.py

# Many more generated author inputs than `make test` runs (HEALTHDOCS_FUZZ_EXAMPLES).
fuzz: venv-dev
	HEALTHDOCS_FUZZ_EXAMPLES=$${HEALTHDOCS_FUZZ_EXAMPLES:-500} $(BIN)/python -m pytest -q tests/test_fuzz.py

clean:
	rm -rf $(BUILDDIR)
