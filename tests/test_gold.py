"""rspdiff against people's labels (../shared/gold): guard the measured figures from regressions.

The floors sit a little below the figures measured when they were set (README, "Measured"), so a
change that makes alignment or labels worse on real policies fails here, not silently.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

ALIGNMENT_FLOOR = 0.71
ACCURACY_FLOOR = 0.67
WEAKENED_FLOOR = 0.40  # the costliest miss for users: a weakening reported as anything else
LOCATED_FLOOR = 380


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_gold", REPO / "benchmarks" / "eval_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.corpus
@pytest.mark.slow
def test_gold_figures_hold(gold_dir: Path, corpus_dir: Path) -> None:
    ev = _eval_module()
    scorer = ev._scorer()
    rows = [json.loads(line) for line in (gold_dir / "dev.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    ours, results = ev._score(scorer, rows, lambda a, b: ev._rspdiff_data(a, b, False))
    base, _ = ev._score(scorer, rows, ev._baseline_data)
    assert ours["located"] >= LOCATED_FLOOR
    assert ours["alignment_recall"] >= ALIGNMENT_FLOOR
    assert ours["effect_accuracy"] >= ACCURACY_FLOOR
    assert ours["recall"]["weakened"] >= WEAKENED_FLOOR
    # The tool must beat the naive baseline it is measured against, on both figures.
    assert ours["alignment_recall"] > base["alignment_recall"]
    assert ours["effect_accuracy"] > base["effect_accuracy"]
    assert len(results) == len(rows)
