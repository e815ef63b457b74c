# The course's command surface, shared by people and CI (.ci/run calls `make test`).
#   make book    build the book strictly into _build/html (creates .venv on first use)
#   make book-student  the same book without exercise solutions, into _build/student/html
#   make test    lint, then the whole test suite (models, figures, strict book build, browser)
#   make serve   preview the built book on http://127.0.0.1:8000
#   make live    JupyterLab with the chapters opened as notebooks
#   make bench   speed, size and Lighthouse report (benchmarks/REPORT.md); installs Lighthouse
#   make lint    ruff and codespell only
#   make clean   remove build output (keeps .venv)
#   make chapter STEP=2 SLUG=glutamate_surge TITLE="The glutamate surge" PART=minutes  scaffold a new chapter
#   make book PYTHON=python3.12  create .venv with another interpreter (at least requires-python of pyproject.toml)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
BOOK_STAMP := $(VENV)/.book-installed
DEV_STAMP  := $(VENV)/.dev-installed
# Lighthouse for `make bench`, pinned by benchmarks/lighthouse/package-lock.json, installed into the venv folder.
LH_DIR     := $(VENV)/lighthouse
LH_STAMP   := $(LH_DIR)/.installed
PORT  ?= 8000

# `book` is also a folder: every target here is phony, or `make book` would do nothing.
.PHONY: help book book-student test lint serve live bench clean chromium check-python chapter

help:
	@sed -n '2,11p' Makefile

# First of all, the interpreter: one sentence instead of a pip traceback when it is too old
# (tools/check_python.py reads the minimum from requires-python in pyproject.toml).  Once .venv
# exists, its own Python is the one that counts.  Order-only, so it never forces a reinstall.
check-python:
	@if [ -x $(BIN)/python ]; then \
	  $(BIN)/python tools/check_python.py --venv $(VENV); \
	elif command -v $(PYTHON) >/dev/null 2>&1; then \
	  $(PYTHON) tools/check_python.py; \
	else \
	  echo "there is no $(PYTHON) on this machine: install Python (see the README's Quick start) or set PYTHON= to one" >&2; \
	  exit 1; \
	fi

$(BOOK_STAMP): requirements.txt pyproject.toml | check-python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): $(BOOK_STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

book: $(BOOK_STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo
	@echo "The book is in _build/html. Open _build/html/index.html in a browser, or run: make serve"

# The student edition: _config.yml with sphinx-exercise's hide_solutions switched on (tools/student_config.py).
book-student: $(BOOK_STAMP)
	$(BIN)/python tools/student_config.py --output _build/student

chromium:
	bash tools/ensure-chromium.sh

# A new step chapter from the chapter standard (see CONTRIBUTING.md); edits no existing file.
chapter: $(BOOK_STAMP)
	@test -n "$(STEP)" -a -n "$(SLUG)" || { echo "usage: make chapter STEP=2 SLUG=glutamate_surge [TITLE=...] [PART=minutes]"; exit 1; }
	$(BIN)/python tools/new_chapter.py $(STEP) $(SLUG) $(if $(TITLE),--title "$(TITLE)") $(if $(PART),--part $(PART))

lint: $(DEV_STAMP)
	$(BIN)/ruff check widgets tests _ext tools benchmarks
	$(BIN)/ruff format --check widgets tests _ext tools benchmarks
	$(BIN)/codespell book widgets tests benchmarks README.md

test: $(DEV_STAMP) chromium lint
	$(BIN)/python -m pytest

serve:
	@test -f _build/html/index.html || { echo "Build the book first: make book"; exit 1; }
	@echo "Serving _build/html on http://127.0.0.1:$(PORT) (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

live: $(BOOK_STAMP)
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp .binder/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	$(BIN)/jupyter lab --ip=127.0.0.1 book/intro.md

# Node.js 18.16 or newer (Lighthouse 12.8.2's engines) and npm; `npm ci` installs exactly the locked versions.
$(LH_STAMP): benchmarks/lighthouse/package.json benchmarks/lighthouse/package-lock.json | $(DEV_STAMP)
	@command -v npm >/dev/null 2>&1 && node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 18 || (a === 18 && b >= 16) ? 0 : 1)' 2>/dev/null \
	  || { echo "make bench needs Node.js 18.16 or newer with npm to run Lighthouse: install them (e.g. 'apt-get install nodejs npm') and run make bench again." >&2; exit 1; }
	rm -rf $(LH_DIR)
	mkdir -p $(LH_DIR)
	cp benchmarks/lighthouse/package.json benchmarks/lighthouse/package-lock.json $(LH_DIR)/
	@echo "Installing Lighthouse (benchmarks/lighthouse/package-lock.json) into $(LH_DIR) ..."
	@cd $(LH_DIR) && npm ci --no-audit --no-fund --loglevel=error >npm-install.log 2>&1 \
	  || { tail -n 15 npm-install.log >&2; echo "Could not install Lighthouse from the npm registry with 'npm ci' in $(LH_DIR) (its log is above): make bench needs the registry once." >&2; exit 1; }
	touch $@

bench: $(DEV_STAMP) chromium $(LH_STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build _build_test .pytest_cache .ruff_cache
