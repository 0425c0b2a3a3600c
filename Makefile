# The two commands a newcomer needs: `make serve` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt 2>/dev/null | cksum | cut -d' ' -f1)
SITE ?= site
DIST ?= dist

# mkdocs-material prints an end-of-life banner on every run; our own warnings stay.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test pytest linkcheck linkcheck-only linkcheck-external clean requirements browser office node schemas check-dates urls actionlint

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $@

# npm tools (Nu Html Checker, Lighthouse), pinned by package-lock.json.
NODE_STAMP := node_modules/.installed-$(shell cat package-lock.json 2>/dev/null | cksum | cut -d' ' -f1)
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@rm -f node_modules/.installed-* && touch $@
node: $(NODE_STAMP)

# Another port when 8000 is taken: make serve PORT=8001
PORT ?= 8000
serve: $(STAMP)
	@# tools/serve.py is `mkdocs serve --strict` that shows a failed build in the browser and recovers by itself.
	SITE_URL=http://127.0.0.1:$(PORT)/ $(BIN)/python tools/serve.py --dev-addr 127.0.0.1:$(PORT)

# Strict build into a folder of its own, swapped in only when it succeeds (tools/build.py):
# a failed or interrupted build leaves the last good site/ in place; two builds at once take turns.
build: $(STAMP)
	@$(BIN)/python tools/build.py --site-dir $(SITE)
	@# The list of published addresses grows by itself (tools/urls.py): a new page never fails a check.
	@if [ -f tools/urls.py ]; then $(BIN)/python tools/urls.py add $(SITE); fi

# node: the Nu Html Checker (vnu-jar) for tests/test_html_valid.py.
test: build browser office node offline pdf
	SITE_DIR=$(SITE) DIST_DIR=$(DIST) $(BIN)/python -m pytest
	$(MAKE) --no-print-directory linkcheck-only

# Internal links and anchors over the file:// build; external URLs are only syntax-checked (CI has no internet).
linkcheck: build linkcheck-only
linkcheck-only:
	$(BIN)/python tools/linkcheck.py internal $(SITE)

# Every external URL, where there is internet (weekly in CI): prints dead links with the pages that use them,
# and writes the day each working URL answered into data/linkcontrole.json (the site shows it; nobody types it).
linkcheck-external: build
	$(BIN)/python tools/linkcheck.py external $(SITE) --record data/linkcontrole.json

# Offline bundle: $(DIST)/<name>-<version>-offline.zip, a separate build (OFFLINE=true) into $(SITE)-offline/
# with our own search-worker stand-in for file:// (tools/offline.py). The PDF: $(DIST)/<name>-<version>.pdf, the print
# page of $(SITE)/ printed by headless Chromium (tools/pdf.py). <version> is the edition (tools/edition.py).
.PHONY: offline pdf
offline: $(STAMP)
	$(BIN)/python tools/offline.py --site-dir $(SITE)-offline --out $(DIST)
pdf: build browser
	$(BIN)/python tools/pdf.py --site $(SITE) --out $(DIST)

# An edition (tools/release.py; version vJJJJ.MM, a second one in a month vJJJJ.MM.2): records the
# change notes since the previous edition in data/edities.yml, commits and tags that, then makes the
# edition's offline bundle, PDF (both with "Wijzigingen in deze editie") and release text in $(DIST)/.
# Refuses on a dirty tree, off main, or without new notes. `make release-plan` only shows what it would do.
# Publishing is a push of main and the tag: the deploy workflow then makes the GitHub release.
.PHONY: release release-plan
release-plan: $(STAMP)
	$(BIN)/python tools/release.py plan
release: $(STAMP)
	$(BIN)/python tools/release.py make
	$(MAKE) --no-print-directory build offline pdf
	$(BIN)/python tools/release.py notes --out $(DIST)/wijzigingen-$$($(BIN)/python tools/edition.py --version).md

# Benchmark, not a test (not in `make test`): Lighthouse (pinned in package-lock.json) in mobile and desktop
# mode on one page of each kind, served with gzip and cache headers (tools/serve_gzip.py); the time of
# `make build`; build time and size with the data multiplied 1x, 10x, 100x (tools/synth_data.py).
# Writes bench/results.json and bench/results.md. BENCH_ARGS='--scales 1,10' for a shorter run;
# BENCH_ARGS='--pages start,proces,ambitiekaart --scales "" --out /tmp/bench' for Lighthouse on the figure pages only.
.PHONY: bench
bench: $(STAMP) $(NODE_STAMP) browser
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

# Headless Chromium for the browser tests: Debian's package where we can install it, else Playwright's own.
browser: $(STAMP)
	@$(BIN)/python tools/find_chromium.py --ensure

# LibreOffice Writer for tests/test_bestekbouwer_pdf.py (the builder's .docx and .odt printed to PDF): Debian's
# libreoffice-writer-nogui, installed with apt-get when we are root; otherwise it says what to install, and that test fails.
office: $(STAMP)
	@$(BIN)/python tools/find_office.py --ensure

# Editors' checks (CONTRIBUTING.md). JSON Schemas for VS Code, regenerated after a change to macros/model.py:
schemas: $(STAMP)
	$(BIN)/python tools/schemas.py

# Resources whose link the weekly link check has not found working in a year, or ever (fails when there are any).
check-dates: $(STAMP)
	$(BIN)/python -m macros.verouderd

# The list of published URLs (tests/published-urls.txt): `make build` adds new pages; this also
# fails when a published page is gone without a redirect. It never removes an address.
urls: build
	$(BIN)/python tools/urls.py check $(SITE)

# Rename or move a page, or remove one for the page that replaces it (tools/pagina.py; CONTRIBUTING.md 7):
#   make verplaats VAN=inleiding/aan-de-slag.md NAAR=inleiding/starten.md
#   make verwijder PAGINA=inleiding/oud.md VERVANG=inleiding/index.md
# The file, the navigation, every link in docs/ and data/, the redirect from the old address, the
# tests' page lists; then a build, which adds the new address to tests/published-urls.txt.
.PHONY: verplaats verwijder
verplaats: $(STAMP)
	$(BIN)/python tools/pagina.py verplaats "$(VAN)" "$(NAAR)"
	@$(MAKE) --no-print-directory build urls
verwijder: $(STAMP)
	$(BIN)/python tools/pagina.py verwijder "$(PAGINA)" "$(VERVANG)"
	@$(MAKE) --no-print-directory build urls

# The GitHub Actions workflows, checked by the pinned actionlint (also part of `make test`, via pytest).
actionlint: $(STAMP)
	$(BIN)/actionlint -no-color -shellcheck=$(BIN)/shellcheck .github/workflows/*.yml

requirements:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in

clean:
	rm -rf $(SITE) $(SITE)-offline .$(SITE).* .$(SITE)-offline.* $(DIST) .pytest_cache
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +
