# rspdiff: two commands for a new user (`make demo`, `make test`) and a few for developers.
# Everything runs inside .venv/, created here on first use; nothing else needs installing by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= output

.PHONY: demo test eval bench lint typecheck clean golden venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=23.1"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/rspdiff versions/example/v1.md versions/example/v2.md --no-color
	$(BIN)/rspdiff versions/example/v1.md versions/example/v2.md -o $(OUT)/example
	@echo
	@echo "Written under $(OUT)/example/: changelog.html (open it in a browser), changelog.pdf, changelog.md, changes.json"

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

eval: $(STAMP)
	$(BIN)/python benchmarks/eval_gold.py

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/run.py

lint: $(STAMP)
	$(BIN)/ruff check rspdiff tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy rspdiff

# Refresh the golden files of tests/golden/ after an intended change of output; review the diff.
golden: $(STAMP)
	RSPDIFF_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_golden.py

clean:
	rm -rf $(VENV) $(OUT)/* .pytest_cache .mypy_cache .ruff_cache
	touch $(OUT)/.gitkeep
