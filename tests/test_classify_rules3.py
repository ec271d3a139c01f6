"""Minimal pairs for the third round of classifier rules: headings paired with body text,
named bodies as subjects, responses to a threshold, swapped hedges, binding concessions and
examples that do not set scope. Each rule is tested in both directions. All sentences are
written for the tests."""

from __future__ import annotations

from support_classify import added, clause, judge, removed

from rspdiff.classify import classify
from rspdiff.model import Clause, ClauseKind, Effect, Judgement, Kind, Match


def heading_pair(old: Clause, new: Clause) -> Judgement:
    return classify(Match(Kind.MOVED, (old,), (new,), 0.5))


# --- a heading paired with body text ----------------------------------------------------------


def test_heading_paired_with_a_new_commitment_is_an_added_commitment() -> None:
    j = heading_pair(
        clause("Testing and review", "o", ClauseKind.HEADING),
        clause("We will test every model before release.", "n"),
    )
    assert j.effect is Effect.STRENGTHENED


def test_commitment_paired_with_a_heading_is_a_removed_commitment() -> None:
    j = heading_pair(
        clause("We will test every model before release.", "o"),
        clause("Testing and review", "n", ClauseKind.HEADING),
    )
    assert j.effect is Effect.WEAKENED


def test_imperative_looking_heading_is_not_a_duty() -> None:
    # "Evaluate and mitigate" as a title binds nobody: the new text adds only background
    j = heading_pair(
        clause("Evaluate and mitigate", "o", ClauseKind.HEADING),
        clause("Frontier systems are becoming more capable each year.", "n"),
    )
    assert j.effect is Effect.CLARIFIED


def test_heading_renamed_stays_clarified() -> None:
    j = heading_pair(
        clause("Security measures", "o", ClauseKind.HEADING),
        clause("3.1 Security measures", "n", ClauseKind.HEADING),
    )
    assert j.effect is Effect.CLARIFIED


# --- named bodies, list imperatives and passive duties -----------------------------------------


def test_named_body_acting_in_present_tense_is_a_commitment() -> None:
    assert added("The Safety Committee oversees every release decision.").effect is Effect.STRENGTHENED
    assert removed("The Safety Committee oversees every release decision.").effect is Effect.WEAKENED


def test_named_body_described_is_not_a_commitment() -> None:
    assert added("The Safety Committee was formed several years ago.").effect is Effect.CLARIFIED


def test_added_list_of_imperatives_is_a_commitment() -> None:
    j = added("Rigorously study how the capability changes the balance between attackers and defenders.")
    assert j.effect is Effect.STRENGTHENED
    assert added("Re-evaluate the model once mitigations are in place.").effect is Effect.STRENGTHENED


def test_passive_process_step_is_a_commitment_and_background_is_not() -> None:
    assert added("Held-out test sets are held out from the training team.").effect is Effect.STRENGTHENED
    assert added("Large models are trained on text from many sources.").effect is Effect.CLARIFIED


# --- a response to a crossed threshold, with no modal of the author ----------------------------


def test_removed_response_to_a_threshold_is_weakened_and_added_strengthened() -> None:
    text = "If a model crosses the threshold, the response may involve putting training on hold until fixed."
    assert removed(text).effect is Effect.WEAKENED
    assert added(text).effect is Effect.STRENGTHENED


def test_removed_background_without_a_response_stays_clarified() -> None:
    assert removed("A model may reach the threshold sooner than forecast.").effect is Effect.CLARIFIED


# --- hedges compared by number, not by wording -------------------------------------------------


def test_one_hedge_swapped_for_another_is_a_rewording() -> None:
    j = judge(
        "We run red-team exercises with outside experts, where required.",
        "We run red-team exercises with outside experts, where appropriate.",
    )
    assert j.effect is Effect.CLARIFIED


def test_a_second_hedge_added_still_weakens_and_dropped_strengthens() -> None:
    one = "We run red-team exercises with outside experts, where required."
    two = "We generally run red-team exercises with outside experts, where required."
    assert judge(one, two).effect is Effect.WEAKENED
    assert judge(two, one).effect is Effect.STRENGTHENED


def test_may_include_examples_instead_of_as_appropriate_examples_is_a_rewording() -> None:
    j = judge(
        "We build safeguards. This includes, as appropriate, filtering and monitoring.",
        "We build safeguards, which may include filtering and monitoring.",
    )
    assert j.effect is Effect.CLARIFIED


# --- "even if" in a binding sentence -----------------------------------------------------------


def test_even_if_added_to_a_binding_sentence_does_not_weaken() -> None:
    j = judge(
        "We will say publicly when we judge a model to be dangerous.",
        "We will say publicly when we judge a model to be dangerous, even if other labs disagree.",
    )
    assert j.effect is not Effect.WEAKENED


def test_even_if_added_to_a_permission_weakens() -> None:
    j = judge(
        "We may deploy the model once the review passes.",
        "We may deploy the model once the review passes, even if some tests fail.",
    )
    assert j.effect is Effect.WEAKENED


# --- examples do not set scope -----------------------------------------------------------------


def test_swapping_examples_after_such_as_is_a_rewording() -> None:
    j = judge(
        "We will build safeguards such as fine-tuning and filters.",
        "We will build safeguards such as post-training and filters.",
    )
    assert j.effect is Effect.CLARIFIED


def test_scope_after_a_closed_parenthetical_example_still_counts() -> None:
    j = judge(
        "We will test whether novices (e.g., students) can build CBRN weapons with the model.",
        "We will test whether novices (e.g., students) can build biological weapons with the model.",
    )
    assert j.effect is Effect.WEAKENED
    j = judge(
        "We will test whether novices (e.g., students) can build biological weapons with the model.",
        "We will test whether novices (e.g., students) can build CBRN weapons with the model.",
    )
    assert j.effect is Effect.STRENGTHENED


# --- bounds on the author's own conduct, weak modals, named bodies, compliance, glued words ------


def test_new_cadence_outweighs_a_new_hedge_and_dropping_it_weakens() -> None:
    old = "We will update the policy based on what we learn."
    new = "We will update the policy based on what we learn, as needed, and at least every twelve months."
    assert judge(old, new).effect is Effect.STRENGTHENED
    assert judge(new, old).effect is Effect.WEAKENED


def test_weak_modal_before_any_mention_of_the_company_commits_nobody() -> None:
    # a capability definition: "can" is what the model does, not a permission of the author
    old = "Level 1: Can fully automate the research pipeline at a competitive cost."
    new = "Can fully automate the work of any research team at the company at a comparable cost."
    assert judge(old, new).effect is Effect.CLARIFIED
    # the author before the modal still counts: "we will" -> "we can" weakens
    assert judge("We will run the tests.", "We can run the tests.").effect is Effect.WEAKENED


def test_stated_compliance_is_a_commitment_in_both_directions() -> None:
    text = "This framework complies with the state's frontier AI transparency act."
    assert added(text).effect is Effect.STRENGTHENED
    assert removed(text).effect is Effect.WEAKENED


def test_informing_without_a_named_body_is_not_oversight() -> None:
    j = judge(
        "We track the model's progress to inform what evaluations we run.",
        "We track the model's progress to anticipate what evaluations we run.",
    )
    assert j.effect is Effect.CLARIFIED
    # with a named body, informing it is still a rung of the decision ladder
    j = judge("The CEO will approve each release.", "The CEO will be informed of each release.")
    assert j.effect is Effect.WEAKENED


def test_gate_glued_to_the_previous_word_is_still_a_gate() -> None:
    j = judge(
        "They will share the report with the Trustbefore moving forward.",
        "They will share the report with the Trust.",
    )
    assert j.effect is Effect.WEAKENED


def test_external_deployment_is_an_audience_not_a_reviewer() -> None:
    j = judge(
        "We will apply these mitigations to models that reach a threshold.",
        "We will apply these mitigations to external deployments of models that reach a threshold.",
    )
    assert all(s.rule != "oversight.review" for s in j.signals)
    # an external reviewer is still a step up the review ladder
    j = judge("We will review each report.", "We will have external experts review each report.")
    assert any(s.rule == "oversight.review" and s.direction is Effect.STRENGTHENED for s in j.signals)
