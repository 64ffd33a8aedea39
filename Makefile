# Entry points: install, generate, check-generated, lint-spec, lint, typecheck, test, demo, bench,
# docs (the documentation site into site/, see mkdocs.yml) and docs-serve.
# Everything runs from .venv and node_modules, which `make install` builds from pinned versions.
# `demo` needs only Python: it builds .venv and never node_modules.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# The generator shells out to ruff; keep the venv's tools first on PATH.
export PATH := $(abspath $(BIN)):$(PATH)
# Redocly CLI would otherwise phone home for telemetry and update notices.
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true
# Material for MkDocs would otherwise print a banner about MkDocs 2.0 at every build.
export NO_MKDOCS_2_WARNING := 1

.PHONY: install venv generate check-generated lint-spec lint typecheck pytest test demo bench docs docs-serve clean

install: $(STAMP) $(NODE_STAMP)

# The Python half of install, for targets that need no node tools (demo).
venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==26.3"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev,cli,testing,docs]"
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

generate: install
	$(PY) generator/generate.py

check-generated: install
	$(PY) generator/generate.py --check

lint-spec: install
	$(PY) generator/bundle.py --out build/openapi.json
	$(BIN)/openapi-spec-validator build/openapi.json
	npx --no-install redocly lint --config generator/redocly.yaml build/openapi.json

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check --exclude betterstack_sdk .

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest

test: lint-spec check-generated lint typecheck pytest

demo: venv
	$(PY) examples/demo.py

# Benchmark sizes; override as `make bench BENCH_N=100000 BENCH_RUNS=7`. See bench/README.md.
BENCH_N ?= 10000
BENCH_RUNS ?= 5

bench: install
	$(PY) bench/report.py --n $(BENCH_N) --runs $(BENCH_RUNS)

# The site, built with every warning an error; docs/hooks/ generate the reference pages and the spec.
docs: install
	$(BIN)/mkdocs build --strict --site-dir site

# Rebuilds on change; only this machine can reach it.
DOCS_PORT ?= 8000

docs-serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(DOCS_PORT)

clean:
	rm -rf build site $(VENV) node_modules
