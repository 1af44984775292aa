# Bright Spots — `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# A venv with only what production installs (requirements/base.txt): tests prove the demo stays out.
PROD_VENV := .venv-production
PROD_STAMP := $(PROD_VENV)/.installed
# Both cores: each pytest-xdist worker has its own test database, S3 endpoint and live server.
# Tests go out in pytest-django's order (database tests, then live-server ones that flush the tables).
PYTEST_WORKERS ?= 2
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run test test-fast bench install lock load-data lint format check services chromium bench-tools clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	touch $(STAMP)

$(PROD_STAMP): requirements/base.txt
	test -x $(PROD_VENV)/bin/python || $(PYTHON) -m venv $(PROD_VENV)
	$(PROD_VENV)/bin/pip install --quiet --require-hashes -r requirements/base.txt
	touch $(PROD_STAMP)

install: $(STAMP) ## Create .venv from the lock file requirements/dev.txt (re-runs only when it changes)

LOCK = UV_CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/lock/bin/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --quiet $(LOCK_ARGS)
lock: ## Pin every package from pyproject.toml's ranges; LOCK_ARGS="--upgrade-package wagtail" upgrades one
	test -x $(VENV)/lock/bin/uv || { $(PYTHON) -m venv $(VENV)/lock && $(VENV)/lock/bin/pip install --quiet uv; }
	$(LOCK) -o requirements/base.txt
	$(LOCK) --extra dev -c requirements/base.txt -o requirements/dev.txt

run: export DJANGO_SETTINGS_MODULE = cms.settings.dev
run: $(STAMP) ## Set up and serve on http://127.0.0.1:8000 (SQLite + local media, demo content)
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_content
	$(MANAGE) runserver $(HOST):$(PORT)

load-data: export DJANGO_SETTINGS_MODULE = cms.settings.dev
load-data: $(STAMP) ## Load (or refresh) the demo content into the dev database
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_content

BENCH_DB ?= brightspots_bench
# BENCH_SITE_ARGS=--strict makes a missed throughput target fail the run as well.
BENCH_SITE_ARGS ?=
bench: export DJANGO_SETTINGS_MODULE = cms.settings.bench
bench: export DATABASE_URL = postgres://postgres@127.0.0.1:5432/$(BENCH_DB)
bench: export REDIS_URL = redis://127.0.0.1:6379/14
bench: $(STAMP) services bench-tools ## Time library search at 1k and 10k practices, then the site's throughput beside nginx (docs/performance.md)
	dropdb -h 127.0.0.1 -U postgres --if-exists $(BENCH_DB)
	createdb -h 127.0.0.1 -U postgres $(BENCH_DB)
	rm -rf .bench-media
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) collectstatic --no-input -v0
	$(MANAGE) load_demo_content > /dev/null
	$(MANAGE) bench_site --before-seeding
	$(MANAGE) bench_library; library=$$?; $(MANAGE) bench_site $(BENCH_SITE_ARGS) && exit $$library

services: ## Start PostgreSQL and Redis if they are down
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; pg_isready -h 127.0.0.1 -p 5432
	@redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
	@for i in $$(seq 1 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 1; done; redis-cli -h 127.0.0.1 ping

chromium: ## Install Debian's Chromium for the browser tests when it is absent
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	@/usr/bin/chromium --version

bench-tools: ## Install Debian's nginx and wrk (make bench, and the test that nginx serves the app's bytes) when absent
	@test -x /usr/sbin/nginx -a -x /usr/bin/wrk || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk; }

lint: $(STAMP) ## Ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Ruff fix and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: export DJANGO_SETTINGS_MODULE = cms.settings.test
check: $(STAMP) ## Django system checks and the missing-migrations check
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

test: export DJANGO_SETTINGS_MODULE = cms.settings.test
test: $(STAMP) $(PROD_STAMP) services chromium bench-tools lint check ## The whole suite on PostgreSQL (lint, checks, pytest, browser journeys)
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-fast: export DJANGO_SETTINGS_MODULE = cms.settings.test
test-fast: $(STAMP) $(PROD_STAMP) services ## Everything but the browser journeys, for the inner loop
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

clean: ## Remove the venv, the SQLite database, media and collected static files
	rm -rf $(VENV) $(PROD_VENV) db.sqlite3 media static_collected
