"""Minimal-pair tests of the classification stage: every signal family in both directions,
and the clarifications that must never be flagged. All sentences here are written for the tests."""

from __future__ import annotations

import pytest
from support_classify import added, clause, judge, removed

from rspdiff.classify import classify
from rspdiff.model import Effect, Judgement, Kind, Match, SignalType


def types(j: Judgement) -> set[SignalType]:
    return {s.type for s in j.signals}


# --- quantities -------------------------------------------------------------------------------


def test_cadence_longer_is_weakened_and_quotes_both_phrases() -> None:
    j = judge("We will evaluate models every 3 months.", "We will evaluate models every 6 months.")
    assert j.effect is Effect.WEAKENED
    q = [s for s in j.signals if s.type is SignalType.QUANTITY]
    assert len(q) == 1
    assert q[0].old == "every 3 months" and q[0].new == "every 6 months"
    assert q[0].rule == "quantity.cadence"
    assert q[0].explanation


def test_cadence_shorter_is_strengthened() -> None:
    j = judge("We will evaluate models every six months.", "We will evaluate models every 3 months.")
    assert j.effect is Effect.STRENGTHENED


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("every three months", "every 3 months"),
        ("quarterly", "every 3 months"),
        ("annually", "every twelve months"),
        ("after every 6x increase", "after every six-fold increase"),
        ("after every 10x increase", "after every increase of an order of magnitude"),
        ("after every 100x increase", "after every increase of two orders of magnitude"),
    ],
)
def test_equal_quantities_in_other_units_are_not_a_change(old: str, new: str) -> None:
    j = judge(f"We will review the policy {old}.", f"We will review the policy {new}.")
    assert j.effect is Effect.CLARIFIED
    assert SignalType.QUANTITY not in types(j)


def test_trigger_threshold_raised_is_weakened() -> None:
    j = judge(
        "We will run evaluations after every 4x increase in effective compute.",
        "We will run evaluations after every 6x increase in effective compute.",
    )
    assert j.effect is Effect.WEAKENED
    assert any(s.old.endswith("4x") and s.new.endswith("6x") for s in j.signals)


def test_an_order_of_magnitude_given_way_to_a_vague_word_is_weakened() -> None:
    j = judge("Level 1: cuts the cost of an attack by an order of magnitude or more.",
              "Level 1: cuts the cost of an attack by a sufficient amount.")
    assert j.effect is Effect.WEAKENED
    assert any(s.old.endswith("an order of magnitude") for s in j.signals)


def test_minimum_lowered_is_weakened_and_raised_is_strengthened() -> None:
    a = "Each report is checked by at least 5 reviewers."
    b = "Each report is checked by at least 3 reviewers."
    assert judge(a, b).effect is Effect.WEAKENED
    assert judge(b, a).effect is Effect.STRENGTHENED


def test_maximum_raised_is_weakened() -> None:
    a = "No more than 10 people will have access to the weights."
    b = "No more than 50 people will have access to the weights."
    assert judge(a, b).effect is Effect.WEAKENED
    assert judge(b, a).effect is Effect.STRENGTHENED


def test_deadline_and_notice_period() -> None:
    assert (
        judge("We will notify the Board within 30 days.", "We will notify the Board within 90 days.").effect
        is Effect.WEAKENED
    )
    assert (
        judge(
            "We will give users 30 days' notice of changes.", "We will give users 7 days' notice of changes."
        ).effect
        is Effect.WEAKENED
    )


def test_number_replaced_by_vague_word_and_back() -> None:
    a = "We will evaluate models every 3 months."
    b = "We will evaluate models routinely."
    j = judge(a, b)
    assert j.effect is Effect.WEAKENED
    assert any(
        s.rule == "quantity.vague" and s.old == "every 3 months" and s.new == "routinely" for s in j.signals
    )
    assert judge(b, a).effect is Effect.STRENGTHENED


def test_ranges_compare_both_ends() -> None:
    j = judge("The threshold is tasks taking 2-8 hours.", "The threshold is tasks taking 4-16 hours.")
    assert j.effect is Effect.WEAKENED


# --- modality ---------------------------------------------------------------------------------


def test_will_to_may_is_weakened_and_back_strengthened() -> None:
    j = judge("We will evaluate every model.", "We may evaluate every model.")
    assert j.effect is Effect.WEAKENED
    m = [s for s in j.signals if s.type is SignalType.MODALITY]
    assert m and m[0].old == "will" and m[0].new == "may"
    assert (
        judge("We may evaluate every model.", "We will evaluate every model.").effect is Effect.STRENGTHENED
    )


def test_will_to_aim_to_is_weakened() -> None:
    assert judge("We will publish our results.", "We aim to publish our results.").effect is Effect.WEAKENED


def test_will_to_commit_to_is_no_change() -> None:
    j = judge("We will publish our results.", "We commit to publishing our results.")
    assert j.effect is Effect.CLARIFIED


def test_present_tense_practice_binds() -> None:
    j = judge("We conduct red-teaming before deployment.", "We may conduct red-teaming before deployment.")
    assert j.effect is Effect.WEAKENED
    assert judge("We will conduct red-teaming.", "We conduct red-teaming.").effect is Effect.CLARIFIED


def test_prohibition_binds() -> None:
    assert (
        judge("We will not deploy such models.", "We should not deploy such models.").effect
        is Effect.WEAKENED
    )


# --- hedges, intensifiers, exceptions ---------------------------------------------------------


def test_hedge_added_is_weakened_and_removed_strengthened() -> None:
    a = "We will share evaluation results with the government."
    b = "Where feasible, we will share evaluation results with the government."
    j = judge(a, b)
    assert j.effect is Effect.WEAKENED
    assert any(s.type is SignalType.HEDGE and s.new == "Where feasible" for s in j.signals)
    assert judge(b, a).effect is Effect.STRENGTHENED


def test_intensifier_added_is_strengthened_and_removed_weakened() -> None:
    a = "We will test models for dangerous capabilities."
    b = "We will test all models for dangerous capabilities prior to deployment."
    assert judge(a, b).effect is Effect.STRENGTHENED
    assert judge(b, a).effect is Effect.WEAKENED


def test_exception_added_is_weakened() -> None:
    j = judge(
        "We will pause training when a model crosses a threshold.",
        "We will pause training when a model crosses a threshold, unless the CEO decides otherwise.",
    )
    assert j.effect is Effect.WEAKENED


def test_added_exception_clause_is_weakened() -> None:
    j = added(
        "We may decide to lower the required safeguards if another developer has released a similar model."
    )
    assert j.effect is Effect.WEAKENED
    assert SignalType.EXCEPTION in types(j)


# --- scope, oversight, disclosure, specificity ------------------------------------------------


def test_scope_narrowed_is_weakened_and_widened_strengthened() -> None:
    a = "We will evaluate models for chemical, biological and nuclear risks."
    b = "We will evaluate models for biological risks."
    assert judge(a, b).effect is Effect.WEAKENED
    assert judge(b, a).effect is Effect.STRENGTHENED


def test_new_oversight_duty_is_strengthened() -> None:
    a = "The RSO will decide whether to deploy the model."
    b = "The RSO will decide whether to deploy the model, and the decision must be approved by the Board."
    j = judge(a, b)
    assert j.effect is Effect.STRENGTHENED
    assert SignalType.OVERSIGHT in types(j)


def test_approval_downgraded_to_informing_is_weakened() -> None:
    a = "Any change to the policy must be approved by the Board."
    b = "The Board will be informed of any change to the policy."
    assert judge(a, b).effect is Effect.WEAKENED


def test_external_review_replaced_by_internal_is_weakened() -> None:
    a = "Each capability report will receive an external review."
    b = "Each capability report will receive an internal review."
    assert judge(a, b).effect is Effect.WEAKENED


def test_disclosure_duty_added_is_strengthened() -> None:
    a = "We will evaluate each model for cyber capabilities."
    b = "We will evaluate each model for cyber capabilities and publish the results."
    assert judge(a, b).effect is Effect.STRENGTHENED


def test_measure_replaced_by_judgment_is_weakened() -> None:
    a = "We will verify that the model passes the required benchmark evaluations before deployment."
    b = "We will make an affirmative case that the model is safe before deployment."
    j = judge(a, b)
    assert j.effect is Effect.WEAKENED
    assert SignalType.SPECIFICITY in types(j)


# --- whole clauses ----------------------------------------------------------------------------


def test_removed_commitment_is_weakened_and_removed_background_clarified() -> None:
    assert removed("We will publish a model card for every new model.").effect is Effect.WEAKENED
    assert removed("Frontier models are trained on large amounts of data.").effect is Effect.CLARIFIED


def test_added_commitment_is_strengthened_and_added_explanation_clarified() -> None:
    assert added("We will notify the government of any serious incident.").effect is Effect.STRENGTHENED
    assert (
        added("This approach reflects our belief that risks grow with capability.").effect is Effect.CLARIFIED
    )


def test_moved_unedited_is_clarified_but_into_recommendations_is_weakened() -> None:
    text = "We will share threat intelligence with other developers."
    moved_to = clause(text, "n", path=("4. Security",))
    plain_move = classify(Match(Kind.MOVED, (clause(text, "o"),), (moved_to,)))
    assert plain_move.effect is Effect.CLARIFIED
    into = classify(
        Match(
            Kind.MOVED, (clause(text, "o"),),
            (clause(text, "n", path=("Annex", "Recommendations for industry")),),
        )
    )
    assert into.effect is Effect.WEAKENED


def test_split_with_same_content_is_clarified() -> None:
    old = (clause("We will evaluate every model every 3 months and we will publish the results.", "o"),)
    new = (
        clause("We will evaluate every model every three months.", "n", i=0),
        clause("And we will publish the results.", "n", i=1),
    )
    assert classify(Match(Kind.SPLIT, old, new)).effect is Effect.CLARIFIED


def test_unchanged_is_clarified_without_signals() -> None:
    text = "We will evaluate models."
    j = classify(Match(Kind.UNCHANGED, (clause(text),), (clause(text, "n"),)))
    assert j.effect is Effect.CLARIFIED and j.signals == ()


# --- what must never be flagged ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # typography: quotes, dashes, a space lost in extraction
        (
            'We will publish a "safety report" - before launch.',
            "We will publish a \u201csafety report\u201d \u2014 before launch.",
        ),
        (
            "Publication of model cards for every model is required.",
            "Publicationof model cards for every model is required.",
        ),
        # renumbering
        ("3.1 We will review the policy annually.", "4.2 We will review the policy annually."),
        # reordering
        (
            "We will publish the report and notify the Board.",
            "We will notify the Board and publish the report.",
        ),
        # pure rewording with the same signals
        (
            "We will run dangerous-capability evaluations on every frontier model.",
            "Every frontier model will undergo dangerous-capability evaluations.",
        ),
        # an added rationale sentence
        (
            "We will evaluate models every 3 months.",
            "We will evaluate models every 3 months. This helps us track how capabilities change over time.",
        ),
    ],
)
def test_clarifications_are_not_flagged(old: str, new: str) -> None:
    j = judge(old, new)
    assert j.effect is Effect.CLARIFIED, j.signals


def test_mixed_when_comparable_signals_conflict() -> None:
    j = judge(
        "We will evaluate models for biological risks after every 4x increase in compute.",
        "We will evaluate models for biological and chemical risks after every 6x increase in compute.",
    )
    assert j.effect is Effect.MIXED
    assert {s.direction for s in j.signals} == {Effect.WEAKENED, Effect.STRENGTHENED}


def test_confidence_falls_with_weak_alignment_and_conflict() -> None:
    a, b = "We will evaluate models every 3 months.", "We will evaluate models every 6 months."
    strong = classify(Match(Kind.MODIFIED, (clause(a),), (clause(b, "n"),), 1.0))
    weak = classify(Match(Kind.MODIFIED, (clause(a),), (clause(b, "n"),), 0.3))
    assert weak.confidence < strong.confidence
    mixed = judge(
        "We will evaluate models for biological risks after every 4x increase in compute.",
        "We will evaluate models for biological and chemical risks after every 6x increase in compute.",
    )
    assert mixed.confidence < strong.confidence


def test_every_signal_carries_evidence_and_a_rule() -> None:
    j = judge(
        "We will evaluate all models every 3 months and publish the results.",
        "Where feasible, we may evaluate models every 6 months.",
    )
    assert j.signals
    for s in j.signals:
        assert s.old or s.new
        assert s.rule and s.explanation and s.weight > 0


# --- duties reassigned, umbrella scopes, gates, act vs talk -----------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "The audit team is responsible for reviewing every deployment decision.",
            "Reviewing every deployment decision is the job of the audit team.",
        ),
        (
            "The security lead is responsible for approving access to the weights.",
            "Approving access to the weights is the responsibility of the security lead.",
        ),
    ],
)
def test_duty_turned_around_is_a_rewording(old: str, new: str) -> None:
    assert judge(old, new).effect is Effect.CLARIFIED
    assert judge(new, old).effect is Effect.CLARIFIED


def test_umbrella_term_spelled_out_is_a_rewording() -> None:
    j = judge(
        "We will test for CBRN weapons uplift.",
        "We will test for chemical, biological, radiological and nuclear weapons uplift.",
    )
    assert j.effect is Effect.CLARIFIED


def test_umbrella_term_narrowed_to_some_members_is_weakened_and_widened_is_strengthened() -> None:
    a = "We will test for CBRN weapons uplift."
    b = "We will test for chemical and biological weapons uplift."
    j = judge(a, b)
    assert j.effect is Effect.WEAKENED
    assert {s.rule for s in j.signals} == {"scope:nuclear", "scope:radiological"}
    assert judge(b, a).effect is Effect.STRENGTHENED


def test_naming_a_domain_twice_is_not_a_wider_scope() -> None:
    j = judge(
        "We will test biological uplift before deployment.",
        "Before deployment, we will test biological uplift and report the biological results.",
    )
    assert SignalType.SCOPE not in types(j)


def test_restriction_that_is_the_safeguard_is_not_a_scope_carve_out() -> None:
    j = judge(
        "Access to the weights is limited to a small security team.",
        "Access to the weights is managed by a small security team.",
    )
    assert j.effect is not Effect.STRENGTHENED


def test_gate_removed_is_weakened_and_added_is_strengthened() -> None:
    a = "We will deploy a model only after the safety review is complete."
    b = "We will deploy a model and complete the safety review."
    j = judge(a, b)
    assert j.effect is Effect.WEAKENED
    assert any(s.rule == "gate:only after" for s in j.signals)
    assert judge(b, a).effect is Effect.STRENGTHENED


def test_duty_to_act_becomes_duty_to_discuss_is_weakened_and_reverse_strengthened() -> None:
    a = "We will pause training when a model crosses the capability threshold."
    b = "We will discuss whether to pause training when a model crosses the capability threshold."
    j = judge(a, b)
    assert j.effect is Effect.WEAKENED
    assert any(s.rule == "duty.talk:discuss" and s.old == "will pause" for s in j.signals)
    assert judge(b, a).effect is Effect.STRENGTHENED


def test_talk_verb_on_both_sides_is_a_rewording() -> None:
    j = judge(
        "We will describe the results of each evaluation in the system card.",
        "In the system card, we will explain the results of each evaluation.",
    )
    assert j.effect is Effect.CLARIFIED


def test_consequence_dropped_is_weakened_and_added_is_strengthened() -> None:
    a = "If a model crosses the threshold, we will pause training and notify the Board."
    b = "If a model crosses the threshold, we will notify the Board."
    j = judge(a, b)
    assert j.effect is Effect.WEAKENED
    assert any(s.rule.startswith("consequence:") for s in j.signals)
    assert judge(b, a).effect is Effect.STRENGTHENED


def test_consequence_reworded_is_a_rewording() -> None:
    j = judge(
        "If a model crosses the threshold, we will pause training.",
        "We will halt training if a model crosses the threshold.",
    )
    assert j.effect is Effect.CLARIFIED


def test_disclosure_word_outside_any_duty_is_not_a_new_duty() -> None:
    j = judge(
        "We will compare the model with other widely available models.",
        "We will compare the model with other publicly available models.",
    )
    assert j.effect is Effect.CLARIFIED


def test_disclosure_duty_added_in_a_commitment_still_strengthens() -> None:
    j = judge("We will review each model.", "We will review each model and publish the results.")
    assert j.effect is Effect.STRENGTHENED


def test_every_number_dropped_is_weakened_and_added_is_strengthened() -> None:
    a = "We will act when progress accelerates 2x beyond historical rates."
    b = "We will act when progress accelerates beyond historical rates."
    j = judge(a, b)
    assert j.effect is Effect.WEAKENED
    assert any(s.rule == "specificity.anchor" for s in j.signals)
    assert judge(b, a).effect is Effect.STRENGTHENED


def test_added_list_of_gerund_duties_is_a_commitment() -> None:
    assert added("Developing safety cases before each frontier release.").effect is Effect.STRENGTHENED
    assert added("Rigorously evaluate how the capability helps attackers.").effect is Effect.STRENGTHENED


def test_gerund_as_subject_is_background_not_a_duty() -> None:
    assert added("Developing safety cases is intrinsically difficult.").effect is Effect.CLARIFIED


def test_added_commitment_with_even_if_binds_more_not_less() -> None:
    j = added("We will report serious risks, even if our own share of the risk is small.")
    assert j.effect is Effect.STRENGTHENED
    assert removed("We will report serious risks, even if our own share of the risk is small.").effect is (
        Effect.WEAKENED
    )
