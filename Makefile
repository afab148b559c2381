# The two commands the README names: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test crash-test bench bundle bundle-smoke clean
CRASH_ROUNDS ?= 2000
CRASH_WINDOW_ROUNDS ?= 60
CRASH_SERVER_ROUNDS ?= 300

# Before anything else, what the system must provide (scripts/system-packages.sh installs
# what is missing): a real window's libraries for `make run`, Qt's offscreen ones for the
# rest. It takes about 0.1 s (one dpkg-query, one Python start), so it runs every time and
# a package removed since is caught too. Once .venv exists its Python is the one asked
# (a pyenv shim alone takes 0.5 s to start).
SYSTEM_NEEDS := test
run: SYSTEM_NEEDS := run
.PHONY: system-packages
system-packages:
	@PYTHON=$(if $(wildcard $(BIN)/python),$(BIN)/python,$(PYTHON)) bash scripts/system-packages.sh $(SYSTEM_NEEDS)

$(BIN)/python: | system-packages
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | system-packages $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/annotator demo

test: $(STAMP)
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The long crash run (docs/reliability.md, promise 1); e.g. `make crash-test CRASH_ROUNDS=300`.
# Then the window killed with the command line beside it (CRASH_WINDOW_ROUNDS windows).
# Then a project on PostgreSQL: the client killed and the server restarted (CRASH_SERVER_ROUNDS).
crash-test: $(STAMP)
	ANNOTATOR_CRASH_ROUNDS=$(CRASH_ROUNDS) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/test_crash.py -s -p no:cacheprovider
	ANNOTATOR_CRASH_WINDOW_ROUNDS=$(CRASH_WINDOW_ROUNDS) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/test_crash_window.py -s -p no:cacheprovider
	ANNOTATOR_CRASH_SERVER_ROUNDS=$(CRASH_SERVER_ROUNDS) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/test_crash_server.py -s -p no:cacheprovider

# Speed figures with their targets beside them (not part of make test).
bench: $(STAMP)
	status=0; for script in benchmarks/bench_*.py; do QT_QPA_PLATFORM=offscreen $(BIN)/python $$script || status=1; done; exit $$status

# The one-folder app in dist/annotator/ (packaging/README.md). PyInstaller is a build tool,
# installed here rather than listed among the dependencies.
bundle: $(STAMP)
	$(BIN)/python -m pip install --quiet 'pyinstaller>=6.10,<7'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/annotator.spec
	du -sh dist/annotator

# Start the built app offscreen on a fresh demo project and check that it exits cleanly.
bundle-smoke: bundle
	$(BIN)/python packaging/smoke_test.py dist/annotator

clean:
	rm -rf $(VENV) build dist *.egg-info
