"""The perfect tense reports what was done; a present-tense practice binds (rubric: modality)."""

from __future__ import annotations

from support_classify import added, judge, removed, rules

from rspdiff.model import Effect


def test_a_report_of_what_was_done_is_not_a_practice_gained() -> None:
    """'the mitigations we are implementing' → 'we have implemented': no new commitment."""
    j = judge("Risk mitigations: the mitigations we are implementing across security domains.",
              "Risk mitigations: the mitigations we have implemented across security domains.")
    assert "modality.practice" not in rules(j)
    assert j.effect is Effect.CLARIFIED


def test_adverbs_between_have_and_its_participle_do_not_hide_the_perfect() -> None:
    j = added("We have also published our first three reports.")
    assert j.effect is Effect.CLARIFIED and "clause.added" not in rules(j)


def test_have_as_a_main_verb_still_states_a_practice() -> None:
    """'We have a process ...' is a standing practice: dropping it weakens."""
    j = removed("We have a process for staff to report suspected noncompliance anonymously.")
    assert j.effect is Effect.WEAKENED
    assert "clause.removed" in rules(j)


def test_a_practice_verb_before_an_ed_adjective_still_binds() -> None:
    """Only 'have' takes a participle: 'we run automated evaluations' is a practice."""
    j = added("We run automated evaluations on every new model before release.")
    assert j.effect is Effect.STRENGTHENED and "clause.added" in rules(j)
