# The two commands the README names: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test crash-test bench clean
CRASH_ROUNDS ?= 2000

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/annotator demo

test: $(STAMP)
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The long crash run (docs/reliability.md, promise 1); e.g. `make crash-test CRASH_ROUNDS=300`.
crash-test: $(STAMP)
	ANNOTATOR_CRASH_ROUNDS=$(CRASH_ROUNDS) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/test_crash.py -s -p no:cacheprovider

# Speed figures with their targets beside them (not part of make test).
bench: $(STAMP)
	status=0; for script in benchmarks/bench_*.py; do QT_QPA_PLATFORM=offscreen $(BIN)/python $$script || status=1; done; exit $$status

clean:
	rm -rf $(VENV) build dist *.egg-info
