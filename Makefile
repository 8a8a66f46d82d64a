# One entry point for authors, maintainers and CI. First use creates the
# virtualenv from requirements.lock; `PYTHON=python3.13 make test` uses its own.
PYTHON ?= python3
VENV ?= .venv$(if $(filter python3,$(PYTHON)),,-$(notdir $(PYTHON)))
BIN := $(VENV)/bin
BUILDDIR ?= _build
SPHINXOPTS ?= -W -n --keep-going
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help venv html serve test clean fuzz

help:
	@echo "make serve   build the site, then live preview on http://$(HOST):$(PORT)/"
	@echo "make html    clean build into $(BUILDDIR)/html (warnings are errors)"
	@echo "make test    run the test suite"
	@echo "make fuzz   property-based tests with many generated inputs"
	@echo "make clean   remove $(BUILDDIR)"

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

# Always from scratch: Sphinx never deletes the HTML of a removed article.
html: venv
	rm -rf $(BUILDDIR)/html $(BUILDDIR)/doctrees
	$(BIN)/sphinx-build -b html $(SPHINXOPTS) -d $(BUILDDIR)/doctrees . $(BUILDDIR)/html

serve: html
	$(BIN)/sphinx-autobuild . $(BUILDDIR)/html -d $(BUILDDIR)/doctrees --host $(HOST) --port $(PORT) \
		--ignore "*/.venv*" --ignore "*/tests/*" --ignore "*/.git/*" --ignore "*/_build/*"

test: venv
	$(BIN)/python -m pytest $(PYTESTOPTS)

# Many more generated author inputs than `make test` runs (HEALTHDOCS_FUZZ_EXAMPLES).
fuzz: venv
	HEALTHDOCS_FUZZ_EXAMPLES=$${HEALTHDOCS_FUZZ_EXAMPLES:-500} $(BIN)/python -m pytest -q tests/test_fuzz.py

clean:
	rm -rf $(BUILDDIR)
