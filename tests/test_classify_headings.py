"""A heading edited into another heading binds nobody: it is clarified, whatever its words."""

from __future__ import annotations

from rspdiff.classify import classify
from rspdiff.model import Clause, ClauseKind, Effect, Kind, Match


def heading(text: str, side: str) -> Clause:
    return Clause(f"{side}0", ClauseKind.HEADING, (), text, text, (1, 1), f"{side}b", 0)


def test_a_renamed_heading_that_drops_a_scope_word_is_clarified() -> None:
    j = classify(Match(Kind.MODIFIED, (heading("Section 4: Misuse of Gadgets", "o"),),
                       (heading("Section 4: Governance", "n"),), 0.5))
    assert j.effect is Effect.CLARIFIED
    assert [s.rule for s in j.signals] == ["clause.heading"]


def test_a_heading_with_a_modal_word_is_still_only_a_title() -> None:
    j = classify(Match(Kind.MODIFIED, (heading("What We Will Test", "o"),),
                       (heading("What We May Test", "n"),), 0.7))
    assert j.effect is Effect.CLARIFIED


def test_the_same_words_as_body_text_are_judged() -> None:
    def para(text: str, side: str) -> Clause:
        return Clause(f"{side}0", ClauseKind.PARAGRAPH, ("Tests",), text, text, (1, 1), f"{side}b", 0)

    j = classify(Match(Kind.MODIFIED, (para("We will test every gadget.", "o"),),
                       (para("We may test every gadget.", "n"),), 0.7))
    assert j.effect is Effect.WEAKENED
