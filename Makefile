# make build: set up .venv, install quizgen, build every recipe in decks/ into build/
# make test:  set up .venv and run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

build: $(STAMP)
	$(BIN)/quizgen build -o build
	@echo "quizgen is in $(VENV): run 'source $(VENV)/bin/activate' (or use $(BIN)/quizgen) to type quizgen commands"

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf build $(VENV) dist
