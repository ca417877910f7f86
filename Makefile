# Set-up and everyday commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3

.PHONY: install install-dev system-deps run test lint bench library

install:
	$(PYTHON) -m pip install -q -e .

install-dev:
	$(PYTHON) -m pip install -q -e '.[dev]'

# LibreOffice and CJK fonts render the exported .docx in the layout tests; python3-uno lets
# the review tests edit documents in LibreOffice as reviewers do (run with /usr/bin/python3).
system-deps:
	@if ! command -v soffice >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q . \
		|| ! /usr/bin/python3 -c 'import uno' >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
			libreoffice-writer-nogui python3-uno fonts-noto-cjk fontconfig >/dev/null; \
	fi

run: install
	drafter

test: system-deps install-dev
	$(PYTHON) -m pytest -q

lint: install-dev
	ruff check .
	mypy

bench: install
	$(PYTHON) bench/run.py

# Rebuild the built-in library from the seed plans (after a parser change).
library: install
	rm -rf library/*/
	drafter --library library import tests/fixtures/seeds
