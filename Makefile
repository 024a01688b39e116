# One command for each common task. Every target sets up what it needs first (Debian, Python 3.11, Node 20).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
# The checker's data file, written from the content; its name is checker/data.py's (RULES_FILE).
RULES := checker/$(shell sed -n 's/^RULES_FILE = "\(.*\)"$$/\1/p' checker/data.py)

.PHONY: setup system browser serve build check test bench rules screenshots clean

## setup: Python packages (pinned with their sha256, requirements.txt), the Pyodide runtime (pinned, package-lock.json)
## and the checker's data, so `python -m checker` answers from a fresh clone. The project itself is installed with the
## setuptools that requirements.txt pins (--no-build-isolation): pip would otherwise fetch one, unpinned.
setup: $(VENV)/.installed node_modules/.installed $(RULES)

# Written from every content file as mkdocs.yml configures them (languages, catalogues, measures).
$(RULES): $(shell find content -name '*.yml') mkdocs.yml $(VENV)/.installed
	$(PY) -m generator.checker_data

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## system: what WeasyPrint needs to print the information documents (Pango, HarfBuzz), the fonts they embed
## (generator/document.py: FONTS), poppler's pdftotext, with which the tests read them back, and binaryen, whose
## wasm-opt and wasm-split cut the calculator's Pyodide (Debian 12's 108-1: generator/runtime_build/cut.py stops the
## build on another version); installed from Debian only when a package is missing
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core poppler-utils binaryen
system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${db:Status-Abbrev}' $$p 2>/dev/null | grep -q '^ii' || echo $$p; done); \
	[ -z "$$missing" ] || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; }

## browser: Debian's Chromium, driven by Playwright in the tests (no browser download), the Java runtime
## the Nu HTML Checker (npm vnu-jar) runs on, and zbar, which reads the printed summaries' QR codes back
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }
	@command -v zbarimg >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends zbar-tools; }
	@command -v java >/dev/null 2>&1 || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends default-jre-headless; }

## rules: the checker's data (its file named in checker/data.py) from the content, now
rules: $(VENV)/.installed
	$(PY) -m generator.checker_data

## build: the static site into site/, replaced only when the whole build succeeded
build: setup system
	rm -rf .site-build
	$(PY) -m mkdocs build --strict --site-dir .site-build
	$(PY) -m generator.precompress .site-build
	rm -rf site && mv .site-build site

## serve: build and serve at http://$(HOST), rebuilding when content or templates change
serve: setup system
	$(PY) -m mkdocs serve --strict --dev-addr $(HOST)

## check: the loop to run while working, in under a minute: the checker, the content's schema, catalogues and words,
## bad content and bad input; no MkDocs build, no browser (the tests marked build or browser, by the rule in
## tests/conftest.py, are left out)
check: $(VENV)/.installed $(RULES)
	$(PY) -m pytest -q -m "not build and not browser"

## test: every test, in real MkDocs builds and a real Chromium, on as many pytest-xdist workers as cores (a test file
## stays on one worker); the sites many tests read are built once, ahead of them, while the tests that need none run
test: setup system browser
	$(PY) -m pytest -n auto --dist loadfile

## bench: builds and serves the site, then prints time to first answer (beside bare Pyodide), page weights
## and build times (beside plain Material, 50/100/200 generated procedures); a few minutes on two cores
bench: setup system browser
	$(PY) bench/run.py $(BENCH_ARGS)

## screenshots: PNGs of every page and state in every language at 320 and 1280 px, and the PDFs' pages, into
## screenshots/ (ignored), with the width of each at 320 px (tests/browser/states.py lists them)
screenshots: build browser
	$(PY) -m tests.browser.screenshots site

clean:
	rm -rf site .site-build $(VENV) node_modules $(RULES)
