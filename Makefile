# The README's two commands: `make run` and `make test`. Both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test check lint format db demo build fetch bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.run-deps

run: $(VENV)/.run-deps
	$(BIN)/python -m kohtaanto ensure
	$(BIN)/python -m kohtaanto serve --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

# Every tier on both cores (each worker builds its own databases and starts its own servers):
# serial, the suite outgrew CI's time.
test: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2 --durations=25

# The fast loop after every change: ruff, the unit tests and the pages on the tiny database
# (tests/unit, tests/app), on both cores; the demo and real databases are left to make test.
check: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest tests/unit tests/app -m "not realdata and not browser and not demo" -q -n 2

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-deps
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

fetch: $(VENV)/.run-deps
	$(BIN)/python -m kohtaanto fetch

build: $(VENV)/.run-deps
	$(BIN)/python -m kohtaanto build

demo: $(VENV)/.run-deps
	$(BIN)/python -m kohtaanto demo

bench: $(VENV)/.dev-deps
	$(BIN)/python benchmarks/bench_data.py --raw ../shared/raw

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-output
