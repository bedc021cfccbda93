# Two commands on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test serve clean lint bench eval deploy browser-deps

build: $(STAMP)
	$(BIN)/sitegen build

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest

serve: $(STAMP)
	$(BIN)/sitegen serve

deploy: $(STAMP)
	$(BIN)/sitegen deploy

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py

eval: $(STAMP)
	$(BIN)/python benchmarks/eval_annotations.py

# The lock file pins every package, the spaCy model included, with its sha256. It is complete,
# so pip installs it as it is (--no-deps) and `pip check` proves it whole: pip's resolver refused
# uv's lock over a dependency asked for with an extra (weasel's smart-open[http]).
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip check
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

clean:
	rm -rf build .sitegen .pytest_cache .ruff_cache

# What the browser and HTML-validity tests need, installed for local use (CI runs this too):
# Debian's chromium (Playwright drives it; never a browser download), Java for the
# W3C Nu HTML Checker (only when missing), and the checker itself, vnu-jar from npm,
# into the git-ignored .cache/vnu (tests find it there, or at $$VNU_JAR).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
VNU_DIR := .cache/vnu
VNU_JAR := $(VNU_DIR)/node_modules/vnu-jar/build/dist/vnu.jar

browser-deps: $(VNU_JAR)
	@if ! command -v chromium >/dev/null || ! command -v java >/dev/null; then \
		packages=chromium; command -v java >/dev/null || packages="$$packages default-jre-headless"; \
		echo "installing $$packages"; \
		$(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y --no-install-recommends $$packages; \
	fi
	chromium --version
	java -version

# --ignore-scripts: the package's post-install step would download a Java; the machine's is used.
$(VNU_JAR):
	@command -v npm >/dev/null || { $(SUDO) apt-get update && $(SUDO) env \
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm; }
	mkdir -p $(VNU_DIR)
	npm install --prefix $(VNU_DIR) --no-save --no-audit --no-fund --ignore-scripts vnu-jar
	test -f $(VNU_JAR)
