# Katalog Inovasi Daerah — the two commands that matter:
#   make serve   install everything, then serve the site from the shipped content
#   make test    install everything, then run the whole test suite (what CI runs)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material 9.7+ prints a banner about MkDocs 2.0 on every run; we pin MkDocs 1.6.1 on purpose.
export NO_MKDOCS_2_WARNING := 1

.PHONY: install engines system-deps serve build build-incremental offline check test lint typecheck pytest golden clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python node_modules/.package-lock.json
	$(BIN)/python -m pip install --quiet -e '.[test]'

# The other engines the tests build with (README, "Engines"): ProperDocs, MkDocs' maintained fork,
# in an environment without MkDocs (what `katalog preview`/`offline` must work in), and Zensical,
# which renders `katalog build --engine none` without any plugin. 0.0.73 is the newest Zensical
# whose dependencies install here (later ones need `zensical-ui`).
PROPERDOCS := .venv-properdocs
ZENSICAL := .venv-zensical

engines: $(PROPERDOCS)/bin/properdocs $(ZENSICAL)/bin/zensical

$(PROPERDOCS)/bin/properdocs: pyproject.toml
	$(PYTHON) -m venv $(PROPERDOCS)
	$(PROPERDOCS)/bin/python -m pip install --quiet -e . properdocs==1.6.7
	$(PROPERDOCS)/bin/python -m pip uninstall --quiet --yes mkdocs
	touch $@

$(ZENSICAL)/bin/zensical:
	$(PYTHON) -m venv $(ZENSICAL)
	$(ZENSICAL)/bin/python -m pip install --quiet zensical==0.0.73

# Front-end tools from package-lock.json: axe-core, the Nu Html Checker (vnu-jar) and the
# Web Worker shim the offline copy needs. Install scripts stay off (vnu's would fetch a Java).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

# Debian packages the browser tests need (run as root, as on CI; otherwise prefix with sudo).
system-deps:
	@command -v chromium >/dev/null 2>&1 && command -v java >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium default-jre-headless >/dev/null; }

# --dirty: after the first build, an edit rebuilds only the pages that show what changed.
serve: install
	$(BIN)/mkdocs serve --dirty -a 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

# Rebuilds only the pages whose inputs changed since the last such build into site/ (the state is
# in .cache/katalog/; CI keeps both in its cache). Anything else changed: a clean build.
build-incremental: install
	$(BIN)/mkdocs build --strict --dirty

offline: install
	$(BIN)/katalog offline --out build/katalog-offline.zip

check: install
	$(BIN)/katalog check

lint: install
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/lint-imports --no-cache

typecheck: install
	$(BIN)/mypy generator

pytest: install system-deps engines
	$(BIN)/pytest -n 2 -p no:cacheprovider

test: lint typecheck pytest

# Rewrites tests/golden/ from tests/fixtures/site-relations after an intended change of the output;
# review the result with `git diff tests/golden` before committing it.
golden: install
	$(BIN)/python tests/site/golden.py

clean:
	rm -rf site build .cache $(PROPERDOCS) $(ZENSICAL) *.egg-info .pytest_cache .mypy_cache .ruff_cache
