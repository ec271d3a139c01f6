"""A modal word inside a capitalised defined term ("Required Safeguards") binds nobody."""

from __future__ import annotations

from rspdiff.classify import classify
from rspdiff.model import Clause, ClauseKind, Effect, Kind, Match


def removed(text: str) -> Effect:
    clause = Clause(id="o", kind=ClauseKind.PARAGRAPH, path=(), text=text, markdown=text, lines=(1, 1),
                    block="b", index=0)
    return classify(Match(Kind.REMOVED, (clause,), ())).effect


def test_a_defined_term_is_not_a_commitment() -> None:
    assert removed("The ASL-3 Required Safeguards are described in Appendix B.") is Effect.CLARIFIED


def test_the_same_word_as_a_duty_still_binds() -> None:
    assert removed("The ASL-3 safeguards are required before any deployment.") is Effect.WEAKENED


def test_a_capitalised_auxiliary_in_a_headline_still_binds() -> None:
    assert removed("Frontier Models Must Pass Every Evaluation Before Release.") is Effect.WEAKENED
