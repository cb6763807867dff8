# The two commands of README.md: `make run` starts the platform, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format lock messages clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# --no-compile: Python compiles what it imports on first use, not the whole of every package.
	$(BIN)/python -m pip install --quiet --no-compile -r requirements.lock
	touch $@

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_reference_data
	DEBUG=1 $(BIN)/python manage.py load_demo
	@echo
	@echo "  Healthy Cities Sverige: http://$(HOST):$(PORT)/"
	@echo "  Log in at http://$(HOST):$(PORT)/konto/logga-in/ as koordinator / healthy-cities-demo"
	@echo "  (the secretariat), as kontaktperson / healthy-cities-demo (Halmstad's contact"
	@echo "  person: the member pages at http://$(HOST):$(PORT)/medlem/), or as"
	@echo "  planerare / healthy-cities-demo (a member's planner: Platskompassen at"
	@echo "  http://$(HOST):$(PORT)/platskompassen/)"
	@echo
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python scripts/run_tests.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-lock after changing dependencies in pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 -o requirements.lock

# Refresh the Swedish catalogue after changing marked strings (needs GNU gettext).
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l sv --no-obsolete --no-location --ignore=.venv --ignore=bench
	DEBUG=1 $(BIN)/python manage.py compilemessages -l sv --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
