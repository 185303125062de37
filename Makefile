# Two commands for a fresh machine: `make run` (set up, then process the bundled sample into
# data/processed/minutes.duckdb) and `make test`. `make eval` prints the seed score table.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/minutes run data/raw --db data/processed/minutes.duckdb

test: setup
	$(BIN)/python -m pytest tests

eval: setup
	$(BIN)/python scripts/eval_table.py

clean:
	rm -rf $(VENV) data/processed/minutes.duckdb
