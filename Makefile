# Two commands for a fresh machine: `make run` (set up, then process the bundled sample into
# data/processed/minutes.duckdb) and `make test`. `make eval` prints the accuracy tables.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run repro test eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/minutes run data/raw --db data/processed/minutes.duckdb

# dvc.yaml's stages (extract -> link -> load, and the spaCy pipeline's); a second repro with
# nothing changed does nothing. The venv goes first on PATH for the stages' commands.
repro: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/dvc repro

test: setup
	$(BIN)/python -m pytest tests

# the accuracy tables: seeds per format, the annotated sets per organisation, the closed lockbox's totals (about 30 s),
# then the line classifier left-one-organisation-out in rules / model / both mode (about 45 min on 2 cores)
eval: setup
	$(BIN)/python scripts/eval_table.py
	$(BIN)/python scripts/train_lines.py loo

clean:
	rm -rf $(VENV) data/processed/minutes.duckdb data/processed/extracted data/processed/linked
