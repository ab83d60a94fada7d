# The course's commands. `make lab` and `make test` are all a fresh clone needs (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Two stamps: what a student needs (requirements.txt) and, on top, what the test suite needs
# (requirements-dev.txt). `make lab` installs the first only.
RUNTIME := $(VENV)/.runtime
DEV     := $(VENV)/.dev
PIP     := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# JupyterLab refuses to run as root unless told; only then is the flag added.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test execute install clean bench student self-study grade totals nbgrader present site facts-age

$(RUNTIME): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt
	touch $@

$(DEV): $(RUNTIME) requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	touch $@

# An environment of its own for a tool the students never need: $(call tool_env,FOLDER,REQUIREMENTS).
tool_env = test -x $(1)/bin/python || $(PYTHON) -m venv $(1); $(1)/bin/python -m pip install --quiet --disable-pip-version-check -r $(2)

# nbgrader and its JupyterLab extensions go into an environment of their own, so a student's .venv never gets
# them. (The requirements file is a prerequisite only where it exists, so that `make -n` works in a copy that
# holds the Makefile and requirements.txt alone.)
GRADING_VENV := .venv-grading
GRADING      := $(GRADING_VENV)/.grading
# The course itself is taken out again: nbgrader runs students' code in this environment's kernel, and the
# course's answer key must not be importable there (each assignment carries the course without its key).
$(GRADING): $(wildcard requirements-grading.txt) requirements.txt pyproject.toml
	$(call tool_env,$(GRADING_VENV),requirements-grading.txt)
	$(GRADING_VENV)/bin/python -m pip uninstall --quiet --yes tiktok-business-model
	touch $@

# Presenter mode's Voila, likewise in an environment of its own.
PRESENT_VENV := .venv-present
PRESENT      := $(PRESENT_VENV)/.present
$(PRESENT): $(wildcard requirements-present.txt) requirements.txt pyproject.toml
	$(call tool_env,$(PRESENT_VENV),requirements-present.txt)
	touch $@

# The website's Jupyter Book and MathJax (from PyPI and npm), in a folder of their own.
SITE_VENV := .venv-site
SITE      := $(SITE_VENV)/.site
$(SITE): $(wildcard requirements-site.txt) site/package.json site/package-lock.json
	$(call tool_env,$(SITE_VENV),requirements-site.txt)
	npm ci --prefix site --no-audit --no-fund --loglevel=error
	touch $@

# No news or update checks in JupyterLab: a classroom may have no network, and no pop-up should ask a student.
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
$(LAB_SETTINGS): tools/lab-overrides.json $(RUNTIME)
	mkdir -p $(dir $@)
	cp tools/lab-overrides.json $@
LAB_FLAGS := --ServerApp.ip=127.0.0.1 --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate

install: $(DEV)  ## create .venv with every package the course and its tests need

lab: $(RUNTIME) $(LAB_SETTINGS)  ## open the collection in JupyterLab at the start notebook (localhost only, with a token)
	$(BIN)/jupyter lab $(LAB_FLAGS) $(ROOT_FLAG) notebooks/00_start_here.ipynb

NB ?= 00
present: $(PRESENT)  ## show notebook NB's prose and live panels as an app for the lecture hall (Voila, localhost, token)
	$(PRESENT_VENV)/bin/python tools/present.py $(NB)

EDITION ?= student
site: $(SITE)  ## build the course's website (EDITION=student into _site/, or instructor into _site-instructor/)
	$(SITE_VENV)/bin/python tools/site.py --edition $(EDITION)

test: $(DEV) $(GRADING) $(PRESENT) $(SITE) $(LAB_SETTINGS)  ## run the whole test suite: unit, property, data, nbgrader, presenter, site and browser tests (each notebook run once, in the browser, its outputs compared with the saved ones)
	$(BIN)/python -m pytest

execute: $(RUNTIME)  ## re-execute every notebook in place, in order, in fresh kernels (after a data update)
	$(BIN)/python tools/execute.py

student: $(RUNTIME)  ## write student versions into student/ (never over a file you changed); CLASS=class.csv: one folder per student, with their own numbers (SEED=)
	$(BIN)/python tools/student.py $(if $(CLASS),--class $(CLASS)) $(if $(SEED),--seed $(SEED))

facts-age: $(RUNTIME)  ## list the facts by the date they were last checked, oldest first; flag stale fast-moving ones
	$(BIN)/python tools/facts_age.py

self-study: $(RUNTIME)  ## write self-study copies into self-study/: answers blank, what a good written answer covers collapsed
	$(BIN)/python tools/student.py --self-study

NBGRADER_OUT ?= nbgrader
nbgrader: $(GRADING)  ## write an nbgrader course folder: NBGRADER_OUT/source/NN_name/NN_name.ipynb and nbgrader_config.py (CLASS=, SEED=: each student's own numbers)
	$(GRADING_VENV)/bin/python tools/nbgrader_source.py --out $(NBGRADER_OUT) $(if $(CLASS),--class $(CLASS)) $(if $(SEED),--seed $(SEED))

SUBMISSIONS ?= submissions
OUT ?= graded
# Optional, each passed on only when set: JOBS (hand-ins at once), LIMIT (seconds per notebook), STUDENT and
# NOTEBOOK (grade only these; space-separated), TERM_FILE (due dates and penalty), HANDED_IN (hand-in times), MARKS
# (a filled-in written.csv), ROSTER (the class list) and EXPORT (canvas, moodle and/or brightspace).
GRADE_ARGS = --out $(OUT) $(if $(JOBS),--jobs $(JOBS)) $(if $(LIMIT),--limit $(LIMIT)) \
	$(foreach s,$(STUDENT),--student $(s)) $(foreach n,$(NOTEBOOK),--notebook $(n)) $(if $(TERM_FILE),--term $(TERM_FILE)) \
	$(if $(HANDED_IN),--handed-in $(HANDED_IN)) $(if $(MARKS),--marks $(MARKS)) $(if $(ROSTER),--roster $(ROSTER)) \
	$(foreach e,$(EXPORT),--export $(e))
grade: $(RUNTIME)  ## grade SUBMISSIONS/<student>/NN_name.ipynb into OUT (graded/), each hand-in sandboxed; see docs/instructors.md
	$(BIN)/python tools/grade.py $(SUBMISSIONS) $(GRADE_ARGS)

totals: $(RUNTIME)  ## rebuild OUT's tables, feedback and gradebooks from the results so far (merging MARKS), running nothing
	$(BIN)/python tools/grade.py --totals-only $(GRADE_ARGS)

clean:  ## remove the environment and generated folders (never your notebooks)
	rm -rf $(VENV) $(GRADING_VENV) $(PRESENT_VENV) $(SITE_VENV) site/node_modules _site _site-instructor test-artifacts .pytest_cache

bench: $(DEV)  ## measure run time, panel latency, Monte Carlo speed and memory against their floors
	$(BIN)/python tools/bench.py
