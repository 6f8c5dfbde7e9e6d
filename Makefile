# Two commands do everything on a fresh machine: `make demo` and `make test`.
# Each creates .venv when missing and installs the project with its pinned dependencies.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= data/archive.db

.PHONY: demo test lint bench clean-db

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

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy clipping_archive
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy clipping_archive

clean-db:
	rm -f $(DB) $(DB)-wal $(DB)-shm
