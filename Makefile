# Two commands on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test serve clean lint bench eval deploy

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

# The lock file pins every package, the spaCy model included, with its sha256.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

clean:
	rm -rf build .sitegen .pytest_cache .ruff_cache
