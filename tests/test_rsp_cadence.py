"""RSP v1.0 → v2.0: the comprehensive-assessment cadence, the change watchers cite first.

v1.0 evaluates models "every 3 months"; v2.0 speaks of six months of accumulated post-training
enhancements. The comparison must pair the two and call it weakened, quoting both quantities.
Search words are looked up at run time; no corpus text is copied here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rspdiff.compare import compare
from rspdiff.load import load
from rspdiff.model import Effect, SignalType


@pytest.mark.corpus
def test_cadence_change_is_weakened_with_a_quantity_signal(corpus_dir: Path) -> None:
    rsp = corpus_dir / "anthropic-rsp"
    cl = compare(load(rsp / "v1.0_2023-09-19.md"), load(rsp / "v2.0_2024-10-15.md"))
    hits = [ch for ch in cl.changes if any("every 3 months" in c.text for c in ch.old)]
    assert len(hits) == 1, "the v1.0 cadence clause must sit in exactly one change"
    change = hits[0]
    assert change.new, "the cadence clause must be paired with its v2.0 counterpart, not removed"
    assert any("six months" in c.text.lower() for c in change.new)
    assert change.effect is Effect.WEAKENED
    quantity = [s for s in change.signals if s.type is SignalType.QUANTITY and s.direction is Effect.WEAKENED]
    assert quantity, [(s.type, s.old, s.new) for s in change.signals]
    assert "3 months" in quantity[0].old and "six months" in quantity[0].new.lower()
