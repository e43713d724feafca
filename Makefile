# Every target bootstraps .venv itself, so a fresh clone needs only `make demo` or `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test docs bench accuracy clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# The main job on the bundled fixtures: batch them into facts.duckdb, then show what it holds.
demo: $(STAMP)
	$(VENV)/bin/finfacts batch fixtures/releases --out facts.duckdb
	$(VENV)/bin/finfacts query --db facts.duckdb --example summary
	$(VENV)/bin/finfacts query --db facts.duckdb --example failed

test: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider

# The documentation site into site/ (mkdocs build --strict: a broken link or reference fails).
docs: $(STAMP)
	$(PY) -m pip install --quiet -e ".[docs]"
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

bench: $(STAMP)
	$(PY) benchmarks/throughput.py

accuracy: $(STAMP)
	$(PY) ../shared/eval/score_mentions.py ../shared/eval/peers/recognizers_currency.jsonl \
	  ../shared/eval/peers/recognizers_percent.jsonl ../shared/eval/peers/duckling_money.jsonl \
	  ../shared/eval/peers/quantulum_quantities.jsonl --types money,percent,count --show 0
	$(PY) ../shared/eval/score_mentions.py ../shared/eval/dev/gold.jsonl --types money,percent,count --show 0

clean:
	rm -rf $(VENV) dist build site facts.duckdb facts.duckdb.wal
