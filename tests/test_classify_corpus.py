"""The classifier on text we write in a realistic shape, and a smoke run over the real corpus.

The corpus is never copied: the corpus test reads it at run time, classifies every sentence as
added and removed, and asserts properties that must hold for any text (evidence quotes words that
are in the text, effects are valid, identical text is never flagged).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rspdiff.classify import classify
from rspdiff.model import Clause, ClauseKind, Effect, Kind, Match, SignalType


def _clause(text: str, side: str, i: int = 0) -> Clause:
    return Clause(f"{side}{i}", ClauseKind.PARAGRAPH, ("Capability assessment",), text, text, (1, 1), side, i)


def test_cadence_case_in_a_policy_paragraph() -> None:
    old = (
        "Capability assessment. We will evaluate our most capable models every three months, and "
        "before any external deployment, using the evaluations listed in Appendix A."
    )
    new = (
        "Capability assessment. We will evaluate our most capable models every 6 months, and "
        "before any external deployment, using the evaluations listed in Appendix A."
    )
    j = classify(Match(Kind.MODIFIED, (_clause(old, "o"),), (_clause(new, "n"),), 0.95))
    assert j.effect is Effect.WEAKENED
    (q,) = [s for s in j.signals if s.type is SignalType.QUANTITY]
    assert (q.old, q.new) == ("every three months", "every 6 months")
    assert q.old in old and q.new in new
    assert j.confidence > 0.6


@pytest.mark.corpus
def test_real_sentences_give_valid_judgements_with_true_quotes(corpus_dir: Path) -> None:
    doc = corpus_dir / "anthropic-rsp" / "v2.2_2025-05-14.md"
    lines = [ln.strip() for ln in doc.read_text(encoding="utf-8").splitlines() if len(ln.split()) >= 8][:300]
    assert lines, "expected prose in the corpus document"
    for i, text in enumerate(lines):
        c = _clause(text, "x", i)
        for match in (Match(Kind.ADDED, (), (c,)), Match(Kind.REMOVED, (c,), ())):
            j = classify(match)
            assert j.effect in (Effect.WEAKENED, Effect.STRENGTHENED, Effect.CLARIFIED, Effect.MIXED)
            assert 0.0 <= j.confidence <= 1.0
        same = classify(Match(Kind.MODIFIED, (c,), (_clause(text, "y", i),)))
        assert same.effect is Effect.CLARIFIED and not same.signals
        edited = classify(Match(Kind.MODIFIED, (c,), (_clause(text.replace(" will ", " may "), "y", i),)))
        for s in edited.signals:
            assert s.old == "" or s.old in text
