# The course's commands. `make lab` and `make test` are all a fresh clone needs (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# JupyterLab refuses to run as root unless told; only then is the flag added.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test execute install clean bench student grade

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)  ## create .venv with every package the course and its tests need

lab: $(STAMP)  ## open the collection in JupyterLab at the start notebook (localhost only, with a token)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 $(ROOT_FLAG) notebooks/00_start_here.ipynb

test: $(STAMP)  ## run the whole test suite: unit, property, data, nbval and browser tests
	$(BIN)/python -m pytest

execute: $(STAMP)  ## re-execute every notebook in place, in order, in fresh kernels (after a data update)
	$(BIN)/python tools/execute.py

student: $(STAMP)  ## write student versions of every notebook into student/ (never over a file you changed)
	$(BIN)/python tools/student.py

SUBMISSIONS ?= submissions
grade: $(STAMP)  ## grade SUBMISSIONS/<student>/NN_name.ipynb into graded/scores.csv
	$(BIN)/python tools/grade.py $(SUBMISSIONS)

clean:  ## remove the environment and generated folders (never your notebooks)
	rm -rf $(VENV) test-artifacts .pytest_cache

bench: $(STAMP)  ## measure run time, panel latency, Monte Carlo speed and memory against their floors
	$(BIN)/python tools/bench.py
