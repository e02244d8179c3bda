# Two commands a newcomer needs: `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
ECOSYSTEM_DATA ?= $(abspath ../shared/data)
export ECOSYSTEM_DATA

.PHONY: report test bench install chromium clean

# pip -qq prints errors only: setuptools' deprecation notices would bury the report's output.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -qq --upgrade pip
	$(PY) -m pip install -qq -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium drives the browser tests (playwright cannot download browsers here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "could not install chromium: browser tests will skip"; }

report: $(STAMP)
	$(VENV)/bin/ecosystem report analyses/ocean-commitments.toml

test: $(STAMP) chromium
	$(PY) -m pytest -q

# Speed and memory on synthetic registries (7k, 70k, 700k) and on the real ones, with ratios
# to the plain networkx way; then organisation extraction (against labels/partner_splits.csv),
# resolution, actor types read from names (against the types the Ocean platform states),
# overlap candidates, gaps/power, link prediction, and the report's sections with the call
# counts of the pieces they share; free text at hostile sizes (500-5,000 partners in one
# record); graph files, projection/constraint/roles/betweenness, the store's second load and
# overlap scaling, each against its best peer in the same run; then one table per stage (load,
# projection, hubs, betweenness, constraint, Gould-Fernandez, communities, overlap, crowding,
# exports, the whole report) against the best peer, for Ocean and synthetic 7k
# (--sizes ocean,7000,70000 for 70k; python -m benchmarks.iati_scale for the IATI size).
bench: $(STAMP)
	$(PY) -m benchmarks.run
	$(PY) -m benchmarks.partner_splits
	$(PY) -m benchmarks.resolve_bench
	$(PY) -m benchmarks.actor_types_bench
	$(PY) -m benchmarks.overlap_bench
	$(PY) -m benchmarks.gaps_power_bench
	$(PY) -m benchmarks.link_prediction_bench
	$(PY) -m benchmarks.report_sections
	$(PY) -m benchmarks.hostile_sizes
	$(PY) -m benchmarks.export_bench
	$(PY) -m benchmarks.network_bench --sizes ocean,7000
	$(PY) -m benchmarks.store_bench
	$(PY) -m benchmarks.overlap_scaling --sizes ocean,7000,20000 --cap 300
	$(PY) -m benchmarks.stage_table --sizes ocean,7000

clean:
	rm -rf $(VENV) .ecosystem out
