# The commands people type. `make run` and `make test` work from a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
TOOLS := .tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.13.8
VENV := backend/.venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)

.PHONY: help install frontend-install spa run test test-backend test-frontend lint openapi openapi-check \
	compose-check browser bench clean

help:
	@echo "make run     - install, migrate, load demo data and serve on http://127.0.0.1:$(PORT)"
	@echo "make test    - install and run every test, lint and contract check"
	@echo "make openapi - regenerate openapi.json from the code"
	@echo "make bench   - benchmarks against a bare FastAPI baseline (not part of make test)"

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: backend/uv.lock backend/pyproject.toml | $(UV)
	cd backend && ../$(UV) sync --frozen --quiet --compile-bytecode
	touch $@

install: $(VENV)/.installed

NPM_STAMP := frontend/node_modules/.installed
SPA_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) frontend/index.html \
	frontend/vite.config.ts frontend/tsconfig.json

$(NPM_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend-install: $(NPM_STAMP)

# The SPA is rebuilt when it is missing or any of its sources is newer than the build.
frontend/dist/index.html: $(NPM_STAMP) $(SPA_SOURCES)
	cd frontend && npm run build

spa: frontend/dist/index.html

browser:
	@command -v chromium >/dev/null || scripts/apt-install.sh chromium

# Installs and builds what is missing or stale (the targets above), migrates, loads the demo data and serves; it says
# each step in a line and keeps their output in data/make-run.log (scripts/make-run.sh).
run:
	@MAKE="$(MAKE)" PORT=$(PORT) scripts/make-run.sh

lint: install
	cd backend && .venv/bin/ruff check itaku tests migrations scripts
	cd backend && .venv/bin/mypy

openapi: install frontend-install
	cd backend && ITAKU_ENVIRONMENT=test .venv/bin/itaku export-openapi --output ../openapi.json
	cd frontend && npm run generate

openapi-check: install frontend-install
	@cd backend && ITAKU_ENVIRONMENT=test .venv/bin/itaku export-openapi --output /tmp/itaku-openapi.$$$$.json >/dev/null \
	  && if ! diff -q ../openapi.json /tmp/itaku-openapi.$$$$.json >/dev/null; then \
	       echo "openapi.json is stale: run 'make openapi' and commit it"; rm -f /tmp/itaku-openapi.$$$$.json; exit 1; \
	     fi; rm -f /tmp/itaku-openapi.$$$$.json; echo "openapi.json matches the code"
	cd frontend && npm run check-client

compose-check: install
	$(BIN)/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
	@command -v docker-compose >/dev/null || scripts/apt-install.sh docker-compose
	ITAKU_SECRET_KEY=validation-only ITAKU_AUDIT_KEY=validation-only docker-compose -f docker-compose.yml config -q && echo "docker-compose.yml references are consistent"

# One worker per core (at most four), each with its own databases, SMTP server and live servers (tests/conftest.py).
test-backend: install
	cd backend && .venv/bin/pytest -q --numprocesses auto --maxprocesses 4

test-frontend: install frontend-install browser
	cd frontend && npm run typecheck && npm run lint && npm test
	cd frontend && npm run size
	cd frontend && npx playwright test  # on the build `size` just made (npm run e2e would type-check and build again)

test: lint openapi-check compose-check test-backend test-frontend

bench: install
	cd backend && .venv/bin/python -m scripts.bench $(BENCH_ARGS)

clean:
	rm -rf $(TOOLS) $(VENV) frontend/node_modules frontend/dist
