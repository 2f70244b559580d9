# Two commands a new user needs: `make run` (set up, then build output/ from seeds/) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup run test test-quick lint bench train clean

setup: $(VENV)/.installed

# torch comes in through camel-tools; the CPU wheel on disk first, or pip pulls GBs of CUDA
$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

run: setup
	$(BIN)/conflict-kg build seeds --out output

lint: setup
	$(BIN)/ruff check kg tests benchmarks

test: setup lint
	$(BIN)/python -m pytest -q

# the unit tests only (no servers, browser, Dask or notebook): a quick loop while editing
test-quick: setup lint
	$(BIN)/python -m pytest -q -m "not integration"

# rebuild every learned model from annotations/ and ../shared (fixed seed), then compare with the rules
train: setup
	$(BIN)/python -m kg.training.train
	$(BIN)/python -m benchmarks.learned --test

# quick figures; each script also runs alone with full settings (see README "Benchmarks")
bench: setup
	$(BIN)/python -m benchmarks.score_extraction
	$(BIN)/python -m benchmarks.extract_speed --limit 2000
	$(BIN)/python -m benchmarks.scale --quick

clean:
	rm -rf output .pytest_cache
