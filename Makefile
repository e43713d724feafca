# Every target bootstraps .venv itself, so a fresh clone needs only `make demo` or `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench accuracy clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/finfacts extract --format table fixtures/releases/*
	$(VENV)/bin/finfacts extract --facts --format table fixtures/releases/aurora-devices-fy2023.txt
	-$(VENV)/bin/finfacts check fixtures/releases/*.txt

test: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(PY) benchmarks/throughput.py

accuracy: $(STAMP)
	$(PY) ../shared/eval/score_mentions.py ../shared/eval/peers/recognizers_currency.jsonl \
	  ../shared/eval/peers/recognizers_percent.jsonl ../shared/eval/peers/duckling_money.jsonl \
	  ../shared/eval/peers/quantulum_quantities.jsonl --types money,percent,count --show 0
	$(PY) ../shared/eval/score_mentions.py ../shared/eval/dev/gold.jsonl --types money,percent,count --show 0

clean:
	rm -rf $(VENV) dist build
