# wagekit — two commands do everything on a fresh machine:
#   make run    set up .venv if needed, then serve the apps on the bundled sample campaign
#   make test   set up .venv if needed, then run the whole test suite
# `make system-deps` (run by .ci/run, as root) installs what PyPI cannot give: Debian's
# Chromium and a CJK font for the browser tests and charts, and a PostgreSQL server when none
# answers on 127.0.0.1:5432.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
WAGEKIT := $(VENV)/bin/wagekit
STAMP := $(VENV)/.installed
SAMPLE ?= sample_data/demo

.PHONY: install run serve validate test test-fast bench lint lock system-deps clean

# The tested versions (constraints.txt, see `make lock`): installed within them when present.
CONSTRAINTS := $(wildcard constraints.txt)

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "wagekit needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]' $(if $(CONSTRAINTS),-c $(CONSTRAINTS))
	@# matplotlib caches the fonts it knows: build it now, after the CJK fonts are installed,
	@# so the first app does not print "building the font cache" where Voila shows errors.
	$(PY) -c "import matplotlib.font_manager as fm; fm._load_fontmanager(try_read_cache=False)"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(WAGEKIT) serve $(SAMPLE)

validate: install
	$(WAGEKIT) validate $(SAMPLE)

test: install
	$(PY) -m pytest -n 2 --dist loadgroup

test-fast: install
	$(PY) -m pytest -n 2 --dist loadgroup -m "not browser and not slow"

bench: install
	$(PY) benchmarks/run.py

lint: install
	$(VENV)/bin/ruff check wagekit widgets tests benchmarks
	$(VENV)/bin/ruff format --check wagekit widgets tests benchmarks

# Resolve pyproject.toml's ranges again (today's releases) in a fresh virtualenv, run the whole
# suite there, and only if it passes write those versions to constraints.txt; `make install`
# then moves .venv to them.
lock:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --upgrade pip; \
	"$$tmp/venv/bin/python" -m pip install --quiet -e '.[test]'; \
	"$$tmp/venv/bin/python" -c "import matplotlib.font_manager as fm; fm._load_fontmanager(try_read_cache=False)"; \
	"$$tmp/venv/bin/python" -m pytest -n 2 --dist loadgroup; \
	{ sed -n '/^#/p' constraints.txt; "$$tmp/venv/bin/python" -m pip freeze --exclude-editable; } > "$$tmp/constraints.txt"; \
	mv "$$tmp/constraints.txt" constraints.txt; \
	echo "constraints.txt updated; 'make install' reinstalls .venv within it"

system-deps:
	bash scripts/install-system-deps.sh
	bash scripts/ensure-postgres.sh

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache artifacts
