# Omvärld. `make run` serves the platform; `make test` runs every check and test.
SHELL := /bin/bash
PY := .venv/bin/python
PORT ?= 8000
export PORT

.PHONY: help run install test lint format typecheck migrations-check translations-check \
        schema-check deploy-check test-runs pytest-sqlite pytest-postgres e2e messages eval bench fuzz load \
        clean

help:
	@echo "make run    install, migrate, load data, serve on http://127.0.0.1:$(PORT) with a worker"
	@echo "make test   every check and test (installs what it needs)"
	@echo "make eval   accuracy of the EU-impact engine on the labelled agendas"
	@echo "make bench  speed of the engine and the web pages"
	@echo "make fuzz   fuzzing of the engine's readers and segmenter (FUZZ_SECONDS=60)"
	@echo "make load   load, write-wait and fault figures on SQLite and PostgreSQL with gunicorn"

install:
	@bash scripts/bootstrap.sh >/dev/null

run:
	@bash scripts/run.sh

# Everything at once on two cores, each target's output printed when it ends: the two test runs
# start as soon as the translation check (which rewrites the catalogues for a moment) is done,
# beside the type check and the other checks.
test: install
	@bash scripts/system-deps.sh
	@$(MAKE) --no-print-directory -j4 --output-sync=target test-runs typecheck lint \
	  migrations-check schema-check deploy-check

test-runs: translations-check
	@$(MAKE) --no-print-directory -j2 --output-sync=target pytest-postgres pytest-sqlite

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports --no-cache

format:
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

typecheck:
	.venv/bin/mypy src config

migrations-check:
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

translations-check:
	bash scripts/check-translations.sh

compile-messages:
	$(PY) manage.py compilemessages --ignore .venv -v 0

messages:
	$(PY) scripts/messages.py

schema-check:
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py spectacular --validate --fail-on-warn --file /dev/null

deploy-check:
	DJANGO_SETTINGS_MODULE=config.settings.production \
	OMVARLD_SECRET_KEY="$$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	OMVARLD_ALLOWED_HOSTS=omvarld.example.se \
	$(PY) manage.py check --deploy --fail-level WARNING

# The suite runs twice, both runs at the same time: every test in order on a throw-away PostgreSQL
# server (the production database), the browser journeys first, over PYTEST_WORKERS xdist workers
# (one database each, copied from one migrated template; a worker that runs dry takes tests from
# the others); and, in one process in exactly reverse order, on SQLite (the default of make run),
# every test that uses a database but the journeys, which also catches tests that depend on their
# order. Running them side by side fills the time a browser journey waits for its page with the
# other run's work. Measured on 2 cores: SQLite in one process ended make test 41 s sooner than
# over two workers (6 min 57 s against 7 min 38 s), and a third PostgreSQL worker made it slower.
# PYTEST_WORKERS=0 runs the PostgreSQL run in one process too.
PYTEST_WORKERS ?= 2
XDIST = $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist worksteal)

pytest-postgres: compile-messages
	bash scripts/with-postgres.sh $(PY) -m pytest -q $(XDIST) tests src

pytest-sqlite: compile-messages
	$(PY) -m pytest -q --reverse -m "not e2e" --database-tests-only -p no:cacheprovider

e2e: compile-messages
	$(PY) -m pytest -q -m e2e

eval: install
	$(PY) benchmarks/eval_engine.py

bench: install
	$(PY) benchmarks/bench_engine.py
	$(PY) benchmarks/bench_worst_case.py
	$(PY) benchmarks/bench_web.py

# Mutation fuzzing with figures, then atheris where it installs (the "fuzz" dependency group).
FUZZ_SECONDS ?= 60
fuzz: install
	$(PY) benchmarks/fuzz_engine.py --seconds $(FUZZ_SECONDS)
	@UV=$$(bash scripts/bootstrap.sh); \
	if "$$UV" run --quiet --group fuzz python -c "import atheris" 2>/dev/null; then \
	  set -o pipefail; \
	  "$$UV" run --quiet --group fuzz python benchmarks/fuzz_engine.py --atheris \
	    --seconds $(FUZZ_SECONDS) 2>&1 | grep -E "^(#[0-9]+ +DONE|Done |==|atheris)"; \
	else echo "atheris: does not install on this platform, skipped"; fi

# Load, write-wait and fault figures (benchmarks/load.py): gunicorn with DEBUG off, 127.0.0.1 only,
# bounded in users and time; SQLite, then PostgreSQL, then both side by side with the commit.
load: install compile-messages
	$(PY) benchmarks/load.py --database sqlite
	bash scripts/with-postgres.sh $(PY) benchmarks/load.py --database postgres
	$(PY) benchmarks/load.py --report

clean:
	rm -rf .venv var .pytest_cache .mypy_cache .ruff_cache
