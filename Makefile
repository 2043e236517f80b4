# Every target creates .venv with the project installed if it is missing, then does its job.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_NB := --nbval --nbval-current-env
LINTED    := analysis tests benchmarks notebooks
export MPLBACKEND := Agg
export PYTHONHASHSEED := 0

.PHONY: all install figures test check test-lib test-notebooks validate lab lint format bench workbook notebooks report test-browser clean

all: figures

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (ipykernel)" > /dev/null
	$(BIN)/python -m pip freeze --exclude-editable --disable-pip-version-check > $(VENV)/freeze.txt
	@echo "Installed into $(VENV) ($$(wc -l < $(VENV)/freeze.txt) pinned packages; see $(VENV)/freeze.txt)."
	touch $(STAMP)

install: $(STAMP)

## Regenerate every figure into figures/ (only those whose inputs changed; FORCE=1 redraws all).
figures: $(STAMP)
	$(BIN)/chile73 figures $(if $(FORCE),--force,)

## Everything CI checks: lint, the data package (independently, with Frictionless), the committed
## figures against the code, then the library tests, every notebook (nbval) and the browser test.
test: $(STAMP) check
	$(BIN)/python -m pytest -n 2 --dist loadfile tests notebooks $(PYTEST_NB)

## The quick gates that come before the tests.
check: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/frictionless validate datasets/datapackage.json
	$(BIN)/chile73 figures --check

test-lib: $(STAMP)
	$(BIN)/python -m pytest -n 2 tests

test-notebooks: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile notebooks $(PYTEST_NB)

## Re-run every notebook and store its outputs (after a change of data).
notebooks: $(STAMP)
	$(BIN)/chile73 notebooks

## Check every dataset against datasets/datapackage.json.
validate: $(STAMP)
	$(BIN)/chile73 validate

## Open JupyterLab on notebooks/ (loopback only, token on) with the project's kernel.
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks $(if $(filter 0,$(shell id -u)),--ServerApp.allow_root=True,)

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

format: $(STAMP)
	$(BIN)/ruff format $(LINTED)
	$(BIN)/ruff check --fix $(LINTED)

## Every dataset in one Excel workbook: dist/chile-1973-stats.xlsx
workbook: $(STAMP)
	$(BIN)/chile73 workbook export --out dist/chile-1973-stats.xlsx

## An HTML edition of every notebook, with an index: dist/report/index.html
report: workbook
	$(BIN)/chile73 report

## The browser test alone: every notebook opened and run in JupyterLab (Chromium, loopback only).
test-browser: $(STAMP)
	$(BIN)/python -m pytest tests/browser

## Time figure regeneration against executing every notebook.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) .pytest_cache
