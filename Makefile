# Two commands do everything on a fresh machine: `make demo` and `make test`.
# Each creates .venv when missing and installs the project with its pinned dependencies.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= data/archive.db

.PHONY: demo setup test lint bench clean-db

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/clip --db $(DB) import seeds/
	@echo; echo '--- Dutch: aanslag'
	$(BIN)/clip --db $(DB) search aanslag --limit 3
	@echo; echo '--- Arabic: خراسان'
	$(BIN)/clip --db $(DB) search 'خراسان' --limit 3
	@echo; echo '--- English: attacks'
	$(BIN)/clip --db $(DB) search attacks --limit 3
	@echo; $(BIN)/clip --db $(DB) stats

# System packages the tests use (PostgreSQL 15 + RUM, chromium, LibreOffice Calc): installs
# only what is missing, as root; says what is missing otherwise.
setup:
	sh scripts/setup-system.sh

# The tests run against the PostgreSQL server on 127.0.0.1:5432 (or $$CLIP_TEST_PG); where
# none answers, tests/pg_server.py starts a throwaway one for the run and removes it after.
test: setup $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy clipping_archive
	$(BIN)/python tests/pg_server.py -- $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy clipping_archive

clean-db:
	rm -f $(DB) $(DB)-wal $(DB)-shm
