# Set-up and everyday commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3

.PHONY: install install-dev system-deps run test lint bench library

install:
	$(PYTHON) -m pip install -q -e .

install-dev:
	$(PYTHON) -m pip install -q -e '.[dev]'

# LibreOffice and fonts render the exported .docx in the layout tests: Noto Sans/Serif CJK SC
# (黑体, 小标宋), AR PL UKai (楷体), AR PL UMing (仿宋's stand-in), Liberation Serif (metric
# twin of Times New Roman, so digits are as wide as in Word). python3-uno lets the review tests
# edit documents in LibreOffice as reviewers do (run with /usr/bin/python3).
SYSTEM_PACKAGES = libreoffice-writer-nogui fontconfig fonts-noto-cjk fonts-arphic-ukai \
	fonts-arphic-uming fonts-liberation2 python3-uno

system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
			$$missing >/dev/null; \
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
