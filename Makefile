# villagedesk — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
DEMO_DB ?= demo-data/demo.db
export QT_QPA_PLATFORM ?= offscreen

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*?## "}{printf "  %-12s %s\n",$$1,$$2}'

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,server,gui]'
	rm -f $(VENV)/.installed-*; touch $(STAMP)

venv: $(STAMP) ## create .venv and install the project with all extras

$(DEMO_DB): | $(STAMP)
	mkdir -p $(dir $(DEMO_DB))
	$(VENV)/bin/villagedesk init --db $(DEMO_DB) --village 450422116201 --name 大黎村就业社保服务站 --supervisor admin --password admin1234
	$(VENV)/bin/villagedesk demo --db $(DEMO_DB) --persons 2000 --seed 1

demo: $(DEMO_DB) ## make the demo database (2,000 persons; login admin / admin1234)

run: $(STAMP) $(DEMO_DB) ## start the counter on the demo database
	QT_QPA_PLATFORM= $(VENV)/bin/villagedesk --db $(DEMO_DB) || $(VENV)/bin/villagedesk worklist --db $(DEMO_DB)

test: $(STAMP) ## run the whole test suite (and lint)
	$(MAKE) --no-print-directory lint
	$(PY) -m pytest -n 2 -q

lint: $(STAMP) ## ruff, ruff-format check, mypy strict on the core
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy

bench: $(STAMP) ## print the core benchmarks (20,000-person station)
	$(PY) bench/bench_core.py

bench-sync: $(STAMP) ## print the sync benchmarks on 127.0.0.1 (SQLite and PostgreSQL servers)
	$(PY) bench/bench_sync.py

bench-dashboard: $(STAMP) ## print the county overview's render time (300 villages, 500,000 persons, PostgreSQL)
	$(PY) bench/bench_dashboard.py

bench-load: $(STAMP) ## load test: 150 stations + dashboard officers, server SIGKILLed mid-run (PostgreSQL)
	$(PY) bench/bench_load.py

screenshots: $(STAMP) ## render every counter page and county dashboard page in Chinese into docs/screenshots/
	$(PY) -m villagedesk.gui.screenshots --out docs/screenshots
	$(PY) -m villagedesk.server.dashboard.screenshots --out docs/screenshots

documents: $(STAMP) ## render every document to PNG in docs/documents/ (needs pdftoppm)
	$(PY) docs/documents/render.py

translations: $(STAMP) ## refresh the .ts from the code and compile the .qm
	$(PY) -m villagedesk.gui.i18n_tool update
	$(PY) -m villagedesk.gui.i18n_tool compile

dist: $(STAMP) ## build the frozen client, the .deb and the NSIS installer (placeholder) into dist/
	$(PY) installers/build.py all --out dist

.PHONY: dist

format: $(STAMP) ## apply ruff format and autofixes
	$(VENV)/bin/ruff check --fix src tests bench
	$(VENV)/bin/ruff format src tests bench

clean: ## remove the venv, caches and the demo database
	rm -rf $(VENV) demo-data .pytest_cache .mypy_cache .ruff_cache

.PHONY: help venv demo run test lint bench bench-sync bench-dashboard bench-load format clean screenshots translations documents dist
