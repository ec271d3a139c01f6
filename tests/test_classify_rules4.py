"""Minimal pairs for the fourth round of classifier rules (issue #4: missed weakenings).

Each rule is tested in both directions, and beside it a pair that must NOT be flagged: a pure
rewording, a reordering, typography, renumbering or an added rationale sentence. Every sentence
here was written for these tests.
"""

from __future__ import annotations

import pytest
from support_classify import judge, rules

from rspdiff.classify.nlp import analyse
from rspdiff.model import Effect

# --- a requirement replaced by a duty only to give an account of it -------------------------


def test_requirement_replaced_by_a_description_weakens() -> None:
    # no duty verb on the old side ("... are required."), so the talk-for-act rule cannot see it
    j = judge(
        "For every model at this level, enhanced access controls are required.",
        "We will describe our access controls for models at this level in the annual report.",
    )
    assert j.effect is Effect.WEAKENED
    assert "duty.account" in rules(j)


def test_description_replaced_by_a_requirement_strengthens() -> None:
    j = judge(
        "We will describe our access controls for models at this level in the annual report.",
        "For every model at this level, enhanced access controls are required.",
    )
    assert j.effect is Effect.STRENGTHENED
    assert "duty.account" in rules(j)


def test_duty_to_publish_reworded_as_a_duty_to_describe_is_not_flagged() -> None:
    # publishing is itself an account: "publish X" -> "describe X in a report" binds the same
    j = judge(
        "We will publish the results of each evaluation.",
        "We will describe the results of each evaluation in a published report.",
    )
    assert "duty.account" not in rules(j)


def test_account_that_still_holds_the_act_back_is_not_an_account_only() -> None:
    j = judge(
        "The review board must approve each launch.",
        "Before any launch, we will explain our reasoning to the review board.",
    )
    assert "duty.account" not in rules(j)


# --- vague frequency words ------------------------------------------------------------------


def test_continually_to_periodically_weakens() -> None:
    j = judge(
        "We will continually monitor deployed models for misuse.",
        "We will periodically monitor deployed models for misuse.",
    )
    assert j.effect is Effect.WEAKENED
    assert "quantity.frequency" in rules(j)


def test_periodically_to_continuously_strengthens() -> None:
    j = judge(
        "We will periodically monitor deployed models for misuse.",
        "We will continuously monitor deployed models for misuse.",
    )
    assert j.effect is Effect.STRENGTHENED
    assert "quantity.frequency" in rules(j)


def test_same_rung_frequency_synonyms_are_a_rewording() -> None:
    j = judge(
        "We will regularly monitor deployed models for misuse.",
        "Deployed models are routinely monitored by us for misuse.",
    )
    assert j.effect is Effect.CLARIFIED


# --- disclaimers ------------------------------------------------------------------------------


def test_added_disclaimer_weakens() -> None:
    j = judge(
        "We will keep the monitoring system in place for all deployed models.",
        "We will keep the monitoring system in place for all deployed models, though the details may change.",
    )
    assert j.effect is Effect.WEAKENED
    assert "hedge.disclaimer" in rules(j)


def test_dropped_disclaimer_strengthens() -> None:
    j = judge(
        "We aim to meet these criteria, but we cannot guarantee success.",
        "We aim to meet these criteria.",
    )
    assert j.effect is Effect.STRENGTHENED
    assert "hedge.disclaimer" in rules(j)


def test_guarantee_inside_a_disclaimer_binds_nobody() -> None:
    # "cannot guarantee" denies a commitment: it must not read as the binding word "guarantee"
    j = judge("We cannot guarantee the result.", "We will guarantee the result.")
    assert j.effect is Effect.STRENGTHENED


# --- a gate whose condition is a judgment ----------------------------------------------------


def test_hard_stop_replaced_by_a_judgment_gate_weakens() -> None:
    j = judge(
        "If the threshold is crossed, we will stop development.",
        "If the threshold is crossed, we will continue development only if the risks are acceptable.",
    )
    assert j.effect is Effect.WEAKENED
    assert "gate.judgment" in rules(j)


def test_hard_stop_replaced_by_a_checkable_gate_is_not_discounted() -> None:
    j = judge(
        "If the threshold is crossed, we will stop development.",
        "If the threshold is crossed, we will continue development"
        " only if the attack success rate is below 5%.",
    )
    assert "gate.judgment" not in rules(j)
    assert j.effect is not Effect.WEAKENED


def test_judgment_after_the_gate_clause_does_not_discount_it() -> None:
    j = judge(
        "Models are deployed with appropriate controls.",
        "Models are deployed only after the evaluation suite passes, and with appropriate controls.",
    )
    assert "gate" in rules(j) and "gate.judgment" not in rules(j)
    assert j.effect is Effect.STRENGTHENED


# --- a qualifier that narrows a plain head noun ----------------------------------------------


def test_deployments_narrowed_to_internal_deployments_weakens() -> None:
    j = judge(
        "We will use the monitor in high-risk deployments.",
        "We will use the monitor in high-risk internal deployments.",
    )
    assert j.effect is Effect.WEAKENED
    assert "scope.narrowed" in rules(j)


def test_internal_deployments_widened_to_deployments_strengthens() -> None:
    j = judge(
        "We will use the monitor in high-risk internal deployments.",
        "We will use the monitor in high-risk deployments.",
    )
    assert j.effect is Effect.STRENGTHENED
    assert "scope.widened" in rules(j)


def test_internal_deployments_added_beside_external_ones_still_widens() -> None:
    j = judge(
        "We will use the monitor in external deployments.",
        "We will use the monitor in external deployments and in internal deployments.",
    )
    assert j.effect is Effect.STRENGTHENED
    assert "scope.narrowed" not in rules(j)


# --- one more condition on an allowance -------------------------------------------------------


def test_allowance_gaining_an_alternative_condition_weakens() -> None:
    j = judge(
        "We will allow the model to answer such questions for vetted researchers.",
        "We will allow the model to answer such questions for vetted researchers,"
        " or if the answer is easy to find online.",
    )
    assert j.effect is Effect.WEAKENED
    assert "condition.allowance" in rules(j)


def test_allowance_losing_an_alternative_condition_strengthens() -> None:
    j = judge(
        "We will allow the model to answer such questions for vetted researchers,"
        " or if the answer is easy to find online.",
        "We will allow the model to answer such questions for vetted researchers.",
    )
    assert j.effect is Effect.STRENGTHENED
    assert "condition.allowance" in rules(j)


def test_duty_gaining_an_alternative_trigger_is_not_an_allowance() -> None:
    j = judge(
        "We will pause training if an evaluation fails.",
        "We will pause training if an evaluation fails, or if an incident is reported.",
    )
    assert "condition.allowance" not in rules(j)
    assert j.effect is not Effect.WEAKENED


# --- matcher fixes: words that are not the phrase they look like -----------------------------


def test_a_need_is_not_the_hedge_as_needed() -> None:
    keys = {h.key for h in analyse("There is a need for a new category.").family("hedge")}
    assert keys == set()
    assert {h.key for h in analyse("We update it as needed.").family("hedge")} == {"as need"}


def test_ahead_is_not_a_head_of_anything() -> None:
    assert analyse("This helps us get ahead of emerging risks.").family("officer") == ()
    assert analyse("The head of security signs off.").family("officer") != ()


def test_generally_available_models_are_no_hedge() -> None:
    j = judge(
        "We will test every model before release.",
        "We will test every model before release, including generally available models.",
    )
    assert not any(s.rule.startswith("hedge") for s in j.signals)


def test_document_naming_the_policy_is_no_disclosure_duty() -> None:
    j = judge(
        "We will review the thresholds each year, as described later in this document.",
        "We will review the thresholds each year.",
    )
    assert j.effect is Effect.CLARIFIED


# --- must NOT be flagged: clarifications ------------------------------------------------------


CLARIFICATIONS = [
    # pure rewording
    (
        "We will run the full evaluation suite on each frontier model before deployment.",
        "Before deploying any frontier model, we will run our full evaluation suite on it.",
    ),
    # reordering of list members
    (
        "We will share our findings with the board, the safety team and outside experts.",
        "We will share our findings with outside experts, the safety team and the board.",
    ),
    # typography: quotes, dashes, non-breaking spaces
    (
        'We will publish a "model card" for each release - including the evaluation results.',
        "We will publish a \u201cmodel card\u201d for each release"
        " \u2014 including the evaluation\u00a0results.",
    ),
    # renumbering
    (
        "3.2 We will notify the board within 30 days of any serious incident.",
        "4.1 We will notify the board within 30 days of any serious incident.",
    ),
    # an added rationale sentence
    (
        "We will continually monitor deployed models for misuse.",
        "We will continually monitor deployed models for misuse."
        " We believe this is how misuse is caught early.",
    ),
    # a disclaimer kept on both sides, reworded
    (
        "We will maintain these controls; the details may change over time.",
        "We will maintain these controls, although the details may change.",
    ),
    # a judgment gate kept on both sides, reworded
    (
        "We will proceed only if the residual risk is acceptable.",
        "Only if the residual risk is acceptable will we proceed.",
    ),
    # the same allowance and its one alternative, reordered
    (
        "We will allow exceptions for vetted researchers, or if the content is public.",
        "For vetted researchers, or if the content is public, we will allow exceptions.",
    ),
]


@pytest.mark.parametrize(("old", "new"), CLARIFICATIONS)
def test_clarifications_are_not_flagged(old: str, new: str) -> None:
    j = judge(old, new)
    assert j.effect is Effect.CLARIFIED, [(s.rule, s.direction.value) for s in j.signals]


# --- a precondition replaced by after-the-fact timing -----------------------------------------


def test_before_replaced_by_following_weakens() -> None:
    j = judge(
        "The leads will share their decision with the board before moving forward.",
        "Following the launch review, the leads will share their decision with the board.",
    )
    assert j.effect is Effect.WEAKENED
    assert "gate.posthoc" in rules(j)


def test_after_replaced_by_before_strengthens() -> None:
    j = judge(
        "Following the launch review, the leads will share their decision with the board.",
        "The leads will share their decision with the board before moving forward.",
    )
    assert j.effect is Effect.STRENGTHENED
    assert "gate.posthoc" not in rules(j)


def test_gate_dropped_with_only_after_elsewhere_is_a_plain_gate() -> None:
    # "only after" is itself a gate, not after-the-fact timing
    j = judge(
        "We will notify the board before deployment.",
        "We will deploy only after we notify the board.",
    )
    assert "gate.posthoc" not in rules(j)


# --- what binds: list duties, subjects and restrictions ---------------------------------------


def test_gerund_duty_keeps_binding_despite_a_verb_in_an_aside() -> None:
    # the "can" belongs to the parenthesis: the list item still states a duty
    j = judge(
        "Providing a monthly report to the board (as the board has asked).",
        "A report is submitted to the board.",
    )
    assert j.effect is Effect.WEAKENED
    assert not any(s.rule.startswith("modality") for s in j.signals)


def test_duty_noun_that_is_the_subject_of_a_modal_is_no_duty() -> None:
    j = judge(
        "Some models could contribute to a threat scenario.",
        "Deployment of some models could contribute to a threat scenario.",
    )
    assert j.effect is Effect.CLARIFIED
    from rspdiff.classify.lexicon import load_lexicon
    from rspdiff.classify.modality import strongest

    listed = strongest([analyse("Publication of model cards for each release.")], load_lexicon())
    assert listed is not None and listed.rule == "modality.imperative"


def test_access_is_limited_is_a_standing_restriction() -> None:
    from rspdiff.classify.lexicon import load_lexicon
    from rspdiff.classify.modality import strongest

    m = strongest([analyse("Access is limited to a core team.")], load_lexicon())
    assert m is not None and m.rule == "modality.practice"
    j = judge("Access is limited to a core team.", "Access is restricted to a core team.")
    assert j.effect is Effect.CLARIFIED


def test_primarily_by_names_the_means_not_an_escape() -> None:
    j = judge(
        "The officer is responsible for reducing risk, primarily by running the review process.",
        "The officer is responsible for reducing risk by running the review process.",
    )
    assert not any(s.rule.startswith("hedge") for s in j.signals)
    j = judge("We will review each launch.", "We will primarily review each launch.")
    assert any(s.rule.startswith("hedge") for s in j.signals)
