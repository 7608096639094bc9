# Two commands for a fresh machine: `make demo` and `make test` (see README).
PORT ?= 8000
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
INSTALL_STAMP := $(VENV)/.install-stamp
# Debian packages. For the site: CJK fonts (Noto CJK for the printable pages and the inspection
# report; for the form PDFs, TrueType: WenQuanYi Micro Hei, DejaVu Sans for symbols and HanaMin
# for rare characters of names) and gettext for the translations. For the tests only: Chromium (browser tests) and Redis (django-q2's Redis broker).
SYSTEM_PACKAGES := fonts-noto-cjk fonts-wqy-microhei fonts-dejavu-core fonts-hanazono gettext
TEST_SYSTEM_PACKAGES := chromium redis-server

.PHONY: demo test lint messages migrations system-deps test-system-deps install serve clean bench wheel

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(INSTALL_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test,ocr,demo]"
	touch $@

install: $(INSTALL_STAMP)

# Install the Debian packages above when one is missing (needs root or sudo).
define apt_install_missing
	@if [ -n "$(strip $(1))" ]; then \
		echo "Installing Debian packages: $(strip $(1))"; \
		SUDO=""; [ "$$(id -u)" = "0" ] || SUDO="sudo"; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(1); \
	fi
endef

system-deps:
	$(call apt_install_missing,$(shell \
		fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || echo fonts-noto-cjk; \
		fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || echo fonts-wqy-microhei; \
		fc-list 2>/dev/null | grep -qi "DejaVu Sans" || echo fonts-dejavu-core; \
		fc-list 2>/dev/null | grep -qi "HanaMinB" || echo fonts-hanazono; \
		command -v msgfmt >/dev/null || echo gettext))

test-system-deps: system-deps
	$(call apt_install_missing,$(shell \
		command -v chromium >/dev/null || echo chromium; \
		command -v redis-server >/dev/null || echo redis-server))

# Each feature keeps its translations in locale/fragments/<feature>.po; they are merged
# into the catalogue Django reads and compiled (the .po and .mo are committed too).
PO := wagtail_gov_review/locale/zh_Hans/LC_MESSAGES/django.po
messages: install system-deps
	msgcat --use-first --sort-output -o $(PO) wagtail_gov_review/locale/fragments/*.po
	cd wagtail_gov_review && ../$(PY) ../manage.py compilemessages -l zh_Hans -v0

demo: install system-deps messages
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_demo --history
	$(MAKE) serve PORT=$(PORT)

# Runs the django-q2 worker beside the development server and stops it with the server.
serve: export PORT := $(PORT)
serve:
	@$(MANAGE) qcluster & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	echo "Portal: http://127.0.0.1:$(PORT)/   Admin: http://127.0.0.1:$(PORT)/admin/"; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# What differs between databases (append-only triggers, row locks, concurrent scans) runs
# again on PostgreSQL; `make test-postgres` runs the whole database-facing suite there.
PG_TESTS := tests/test_archive.py \
	tests/test_pii_archive.py \
	tests/test_gate_live_row.py \
	tests/test_concurrency_scan.py \
	tests/test_concurrency_chunks.py \
	tests/test_concurrency_security.py \
	tests/test_workflow_concurrency.py

test: install test-system-deps messages lint
	$(MANAGE) makemigrations --check --dry-run -v0
	$(VENV)/bin/pytest
	scripts/test-postgres.sh -q $(PG_TESTS)
	$(if $(NEWEST_PYTHON),$(MAKE) test-versions VERSION_PYTHONS="$(NEWEST_PYTHON)",@echo "No Python 3.13 found: version smoke test skipped")

# Supported versions (README): with every interpreter found here, a fresh venv gets the plugin
# and the newest Django it allows, then a smoke subset runs (the install path, ~2 min).
# Interpreters by name or path, e.g. VERSION_PYTHONS=~/.pyenv/versions/3.13.0/bin/python3.13.
VERSION_PYTHONS ?= python3.11 python3.12 python3.13
# make test runs the whole suite on the oldest (3.11) and the install tests on the newest.
NEWEST_PYTHON ?= $(lastword $(shell command -v python3.13) $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13))
VERSION_TESTS := tests/test_install.py tests/test_install_readme.py tests/test_install_wheel.py
.PHONY: test-versions
test-versions:
	@for py in $(VERSION_PYTHONS); do \
		$$py -c "" 2>/dev/null || { echo "$$py: not installed, skipped"; continue; }; \
		venv=var/versions/$$(basename $$py); \
		[ -x $$venv/bin/python ] || $$py -m venv $$venv || exit 1; \
		$$venv/bin/pip install --quiet --upgrade-strategy eager -e ".[test]" || exit 1; \
		echo "$$py: $$($$venv/bin/python -c 'import django, wagtail; print("Django", django.__version__, "Wagtail", wagtail.__version__)')"; \
		$$venv/bin/pytest -q -p no:cacheprovider $(VERSION_TESTS) || exit 1; \
	done

# The database-facing tests against a throwaway PostgreSQL server (docs/security.md).
# Not part of `make test`; installs the Debian postgresql package when missing.
.PHONY: test-postgres
test-postgres: install
	scripts/test-postgres.sh $(PYTEST_ARGS)

# Pre-release only: rebuild the plugin's migrations from the models as one initial migration.
migrations: install
	rm -f wagtail_gov_review/migrations/0*.py example_site/portal/migrations/0*.py
	$(MANAGE) makemigrations wagtail_gov_review portal -v0

# The wheel, built from a clean copy of the tracked files into dist/ (`pip wheel .` in the
# checkout would leave build/ and *.egg-info behind). Offline: uses the venv's setuptools.
wheel: install
	$(PY) scripts/build_wheel.py dist

bench: install
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache dist
