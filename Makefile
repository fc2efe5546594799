# make build: set up .venv, install quizgen, build every recipe in decks/ into build/
# make test:  set up .venv and run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

build: $(STAMP)
	$(BIN)/quizgen build -o build

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf build $(VENV) dist
