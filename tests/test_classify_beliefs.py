"""A modal inside a stated belief ("We believe that models will ...") or a hypothesis ("would
entail") binds nobody.

Minimal pairs written for these tests: the belief on its own is descriptive, a duty beside a
belief still binds, and turning a duty into a belief weakens it.
"""

from __future__ import annotations

from support_classify import added, judge

from rspdiff.model import Effect


def test_an_added_belief_is_no_commitment() -> None:
    j = added("We believe that gadgets of this size will soon need a second inspection.")
    assert j.effect is Effect.CLARIFIED, j.signals


def test_an_added_duty_is_a_commitment() -> None:
    assert added("We will give gadgets of this size a second inspection.").effect is Effect.STRENGTHENED


def test_a_duty_stated_before_a_belief_still_binds() -> None:
    j = added("We will inspect every gadget twice, and we believe that this will catch most faults.")
    assert j.effect is Effect.STRENGTHENED


def test_a_duty_turned_into_a_belief_weakens() -> None:
    j = judge("We will give every large gadget a second inspection.",
              "We believe that every large gadget will get a second inspection.")
    assert j.effect is Effect.WEAKENED


def test_a_belief_reworded_stays_clarified() -> None:
    j = judge("We believe that large gadgets will need a second inspection.",
              "We think that large gadgets will need a second inspection.")
    assert j.effect is Effect.CLARIFIED


# --- "would": a hypothesis unless the author is its subject ----------------------------------


def test_an_added_hypothetical_is_no_commitment() -> None:
    j = added("For example, doubling the number of gadgets would entail twice the inspections.")
    assert j.effect is Effect.CLARIFIED, j.signals


def test_an_added_conditional_duty_of_the_author_still_binds() -> None:
    assert added("We would pause production of any gadget that fails two inspections.").effect is (
        Effect.STRENGTHENED)


# --- a belief in a condition: "If we expect that X, we will Y" commits the author to Y ----------


def test_a_duty_after_a_conditional_belief_binds() -> None:
    j = added("If we expect that a gadget may overheat, we will inspect it again before sale.")
    assert j.effect is Effect.STRENGTHENED, j.signals


def test_a_duty_after_a_conditional_belief_kept_as_a_practice_is_no_gain() -> None:
    """The old duty binds as much as the new present-tense practice: no strengthening."""
    j = judge("If we expect that a gadget may overheat, we will inspect it again before sale.",
              "We also inspect gadgets again before sale when they may overheat.")
    assert j.effect is not Effect.STRENGTHENED, j.signals


def test_a_belief_in_a_condition_without_a_main_duty_binds_nobody() -> None:
    j = added("If we expect that gadgets will overheat, more of them will fail inspection.")
    assert j.effect is Effect.CLARIFIED, j.signals


# --- predictions and other statements of view ----------------------------------------------------


def test_a_prediction_with_an_activity_as_subject_binds_nobody() -> None:
    """'Protecting larger gadgets will require more planning' says what something will take."""
    assert added("Protecting larger gadgets will require more planning.").effect is Effect.CLARIFIED
    assert added("Achieving this will require reliable gadgets.").effect is Effect.CLARIFIED


def test_an_opening_participle_phrase_is_not_a_subject() -> None:
    assert added("Starting in 2026, inspection reports will include a summary.").effect is Effect.STRENGTHENED
    assert added("Following approval, the CEO will share the decision with the Board.").effect is (
        Effect.STRENGTHENED)


def test_an_assumption_is_a_belief() -> None:
    assert added("We assume that faulty gadgets would eventually overheat.").effect is Effect.CLARIFIED


def test_a_dash_before_the_author_ends_the_belief() -> None:
    j = added("We recognize that gadget faults change over time – we will continue to build new tests.")
    assert j.effect is Effect.STRENGTHENED
    assert added("We recognize that gadget faults will change over time.").effect is Effect.CLARIFIED
