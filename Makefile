# `make run` runs the bot, `make test` runs every test (after mypy), `make lint` only checks
# (ruff, formatting, mypy). All set up .venv by themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Re-installs only when the dependencies change.
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
# setuptools warns at every editable install ("Editable installation ... Please be careful with
# folders in your working directory"): advice for packagers that someone starting the bot cannot
# act on. Silenced for the build only (pip passes the environment to the build backend).
PIP_INSTALL := PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install \
	--quiet --disable-pip-version-check

.PHONY: run test lint typecheck bench bench-quick clean

run: $(STAMP) config.env
	$(BIN)/kamtibmas run

test: typecheck
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: typecheck
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy over the `files` of [tool.mypy] in pyproject.toml (services, delivery, storage, CLI).
typecheck: $(STAMP)
	$(BIN)/mypy

# Print speed and memory figures (see bench/README.md): area lookup (~30 s), delivery
# (tens of minutes; bench-quick runs the delivery benchmark with 2,000 recipients, ~1 minute),
# then whole /lapor conversations (~3 minutes, needs the PostgreSQL of TEST_DATABASE_URL or
# 127.0.0.1:5432; bench-quick: SQLite only, 100 residents, ~30 s), then the start-up with
# 1,000 and 10,000 patrol shifts (~75 s, SQLite and that PostgreSQL; bench-quick: 2,000, SQLite),
# then kill -9 of a bot process mid-broadcast and its restart (~90 s, SQLite and PostgreSQL),
# then start-up, idle memory and commands against a bare PTB bot (~4 minutes, SQLite and
# PostgreSQL), then 100,000 random updates against the bot (bench/fuzz.py, ~30 minutes on SQLite),
# then the bot as a process against a bare PTB bot (bench/speed.py, ~10 minutes, SQLite and
# PostgreSQL), then a /siaga call to 2,000 people and their answers over 2 minutes (bench/siaga.py,
# ~4 minutes in real time, SQLite; not in bench-quick: even --quick takes a minute of real time),
# then the dashboard's Laporan page with 10,000 reports and the bot's reply latency while a
# dashboard polls (bench/dasbor.py, ~10 minutes, SQLite and PostgreSQL; not in bench-quick).
bench: $(BENCH_STAMP)
	PYTHONPATH=. $(BIN)/python bench/areas.py
	PYTHONPATH=. $(BIN)/python bench/delivery.py $(BENCH_ARGS)
	PYTHONPATH=. $(BIN)/python bench/reports.py $(REPORTS_ARGS)
	PYTHONPATH=. $(BIN)/python bench/patrols.py $(PATROLS_ARGS)
	PYTHONPATH=. $(BIN)/python bench/crash.py $(CRASH_ARGS)
	PYTHONPATH=. $(BIN)/python bench/startup.py $(STARTUP_ARGS)
	PYTHONPATH=. $(BIN)/python bench/fuzz.py $(FUZZ_ARGS)
	PYTHONPATH=. $(BIN)/python bench/speed.py $(SPEED_ARGS)
	PYTHONPATH=. $(BIN)/python bench/siaga.py $(SIAGA_ARGS)
	PYTHONPATH=. $(BIN)/python bench/dasbor.py $(DASBOR_ARGS)

bench-quick: $(BENCH_STAMP)
	PYTHONPATH=. $(BIN)/python bench/delivery.py --quick $(BENCH_ARGS)
	PYTHONPATH=. $(BIN)/python bench/reports.py --quick $(REPORTS_ARGS)
	PYTHONPATH=. $(BIN)/python bench/patrols.py --quick $(PATROLS_ARGS)

$(BENCH_STAMP): $(STAMP)
	$(PIP_INSTALL) -c constraints.txt -e '.[dev,bench]'
	touch $(BENCH_STAMP)

# 0600: the token (and a PostgreSQL password) are for the bot's own user alone.
config.env:
	install -m 600 config.example.env config.env
	@echo "Created config.env from config.example.env: put your bot token in it."

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (set PYTHON=python3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --upgrade pip
	$(PIP_INSTALL) -c constraints.txt -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache *.egg-info
