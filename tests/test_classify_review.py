"""Regression tests for the classifier findings of a code review.

Each finding is a rule that misfired on ordinary text. For each, the misfire must not happen and
the rule must still fire on the case it was written for (in both directions where it has two).
Every sentence here was invented for these tests.
"""

from __future__ import annotations

from support_classify import judge, rules

from rspdiff.classify.lexicon import load_lexicon
from rspdiff.classify.modality import sentence_modals
from rspdiff.classify.nlp import analyse
from rspdiff.model import Effect


def modal_texts(text: str) -> list[str | None]:
    return [m.text if m is not None else None for m in sentence_modals(analyse(text), load_lexicon())]


# --- 1. a belief reaches only to the end of its own clause ------------------------------------


def test_duty_after_a_belief_and_so_still_binds() -> None:
    j = judge(
        "We believe transparency matters, so we will publish our evaluations.",
        "We believe transparency matters, so we may publish our evaluations.",
    )
    assert j.effect is Effect.WEAKENED
    assert "modality.permissive" in rules(j)


def test_duty_after_a_belief_and_and_still_binds_both_ways() -> None:
    old = "We think openness helps, and we must share our findings with partners."
    new = "We think openness helps, and we might share our findings with partners."
    assert judge(old, new).effect is Effect.WEAKENED
    assert judge(new, old).effect is Effect.STRENGTHENED


def test_duty_after_a_subordinate_belief_binds() -> None:
    assert modal_texts("Because we believe audits catch faults, we will audit every widget.") == ["will"]


def test_practice_before_a_belief_is_kept() -> None:
    text = "We review every widget before release, since we believe that hidden faults can appear."
    assert modal_texts(text) == ["We review"]


def test_modal_inside_the_belief_still_binds_nobody() -> None:
    # the rule's intended case: what the author believes is no duty, however it is worded
    assert modal_texts("We believe that gadgets of this size will soon need a second inspection.") == [None]
    assert modal_texts("We believe that if gadgets grow larger, we will need a second inspection.") == [None]
    assert modal_texts("We believe that gadgets fail, and that we will need more checks.") == [None]
    assert modal_texts("We believe that we review enough gadgets.") == [None]


def test_duty_turned_into_a_belief_still_weakens() -> None:
    j = judge(
        "We will publish our evaluations.",
        "We believe that publishing our evaluations will help, since openness builds trust.",
    )
    assert j.effect is Effect.WEAKENED


# --- 5. one more alternative condition counts only on a real allowance ------------------------


def test_widened_prohibition_is_no_allowance() -> None:
    j = judge(
        "We will not allow access to the vault if the visitor is unverified.",
        "We will not allow access to the vault if the visitor is unverified, or if the request is flagged.",
    )
    assert "condition.allowance" not in rules(j)
    assert j.effect is not Effect.WEAKENED


def test_trigger_added_before_an_exception_widens_the_duty() -> None:
    j = judge(
        "We will pause production if a defect is found, unless the line manager signs a waiver.",
        "We will pause production if a defect is found, or if an inspector asks,"
        " unless the line manager signs a waiver.",
    )
    assert "condition.allowance" not in rules(j)
    assert j.effect is not Effect.WEAKENED


def test_exception_as_the_object_of_a_duty_is_no_allowance() -> None:
    j = judge(
        "We will report every exception to the board when it is granted.",
        "We will report every exception to the board when it is granted, or when the board asks.",
    )
    assert "condition.allowance" not in rules(j)
    assert j.effect is not Effect.WEAKENED


def test_alternative_on_both_sides_is_not_gained_by_a_new_allowance_word() -> None:
    j = judge(
        "We may skip the check where the law does not forbid it or if a safety threat exists.",
        "We may skip the check unless the law forbids it or if a safety threat exists.",
    )
    assert "condition.allowance" not in rules(j)


def test_exception_gaining_an_alternative_after_unless_weakens_both_ways() -> None:
    old = "We will pause production if a defect is found, unless the line manager signs a waiver."
    new = (
        "We will pause production if a defect is found, unless the line manager signs a waiver"
        " or if the order is urgent."
    )
    j = judge(old, new)
    assert j.effect is Effect.WEAKENED and "condition.allowance" in rules(j)
    j = judge(new, old)
    assert j.effect is Effect.STRENGTHENED and "condition.allowance" in rules(j)


def test_permission_gaining_an_alternative_weakens_both_ways() -> None:
    old = "We will permit stewards to open the vault for audits."
    new = "We will permit stewards to open the vault for audits, or when a manager is away."
    j = judge(old, new)
    assert j.effect is Effect.WEAKENED and "condition.allowance" in rules(j)
    j = judge(new, old)
    assert j.effect is Effect.STRENGTHENED and "condition.allowance" in rules(j)


# --- 6. a disclaimer must be about the policy, not ordinary prose ------------------------------


def test_things_that_may_change_in_the_world_are_no_disclaimer() -> None:
    j = judge(
        "Risk levels rise as capabilities grow; we will reassess them each quarter.",
        "Risk levels may change as capabilities grow; we will reassess them each quarter.",
    )
    assert "hedge.disclaimer" not in rules(j)
    assert j.effect is not Effect.WEAKENED


def test_change_with_an_object_is_no_disclaimer() -> None:
    for old, new in (
        ("You can turn off widget emails in your settings.", "You may change your widget email preferences."),
        ("Stewards rotate shifts every week.", "Stewards may change shifts every week."),
    ):
        j = judge(old, new)
        assert "hedge.disclaimer" not in rules(j), (new, j.signals)


def test_no_guarantee_given_as_a_reason_is_no_disclaimer() -> None:
    j = judge(
        "We will test every batch, because faults can appear late.",
        "We will test every batch, because there is no guarantee that faults appear at once.",
    )
    assert "hedge.disclaimer" not in rules(j)
    assert j.effect is not Effect.WEAKENED


def test_an_update_process_is_no_disclaimer() -> None:
    j = judge(
        "The handbook is reviewed each year and may be updated if deemed necessary.",
        "The handbook is reviewed each year and updated if deemed necessary.",
    )
    assert "hedge.disclaimer" not in rules(j)
    assert j.effect is Effect.CLARIFIED


def test_the_policy_itself_may_change_weakens_both_ways() -> None:
    old = "We will inspect every widget before shipping."
    new = "We will inspect every widget before shipping. This framework may change over time."
    j = judge(old, new)
    assert j.effect is Effect.WEAKENED and "hedge.disclaimer" in rules(j)
    j = judge(new, old)
    assert j.effect is Effect.STRENGTHENED and "hedge.disclaimer" in rules(j)


def test_changing_the_terms_or_an_unconditional_revision_is_a_disclaimer() -> None:
    base = "We will inspect every widget before shipping."
    for extra in ("We may change these terms at any time.", "This handbook may be revised without notice."):
        j = judge(base, f"{base} {extra}")
        assert "hedge.disclaimer" in rules(j), (extra, j.signals)
        assert j.effect is Effect.WEAKENED


# --- 7. gate.posthoc needs a new after-the-fact timing word -----------------------------------


def test_the_following_list_is_no_after_the_fact_timing() -> None:
    j = judge(
        "Before deployment, we will apply the following safeguards to every widget.",
        "We will apply the following safeguards to every widget.",
    )
    assert "gate.posthoc" not in rules(j)
    gate = [s for s in j.signals if s.rule.startswith("gate:")]
    assert gate and gate[0].weight == 1.5 and gate[0].direction is Effect.WEAKENED


def test_after_on_both_sides_did_not_replace_the_gate() -> None:
    j = judge(
        "We will complete all inspections before deployment. After that, we will inform the board.",
        "We will complete all inspections. After that, we will inform the board.",
    )
    assert "gate.posthoc" not in rules(j)
    assert "gate" in rules(j) and j.effect is Effect.WEAKENED


def test_precondition_replaced_by_new_after_the_fact_timing_still_fires() -> None:
    j = judge(
        "We will tell the board before moving forward with a launch.",
        "Following approval of a launch, we will tell the board.",
    )
    posthoc = [s for s in j.signals if s.rule.startswith("gate.posthoc")]
    assert posthoc and posthoc[0].new == "Following" and posthoc[0].weight == 3.0
    assert j.effect is Effect.WEAKENED


# --- 8. "limited" describes; "limited to" restricts ------------------------------------------


def test_limited_evidence_is_no_commitment() -> None:
    j = judge("The evidence for this risk is limited.", "The evidence for this risk is growing.")
    assert j.effect is Effect.CLARIFIED, j.signals
    assert modal_texts("The evidence for this risk is limited.") == [None]


def test_access_limited_to_a_team_is_a_restriction_both_ways() -> None:
    old = "Access to the vault is limited to a small security team."
    new = "Access to the vault is open to the wider staff."
    assert modal_texts(old) == ["is limited to"]
    j = judge(old, new)
    assert j.effect is Effect.WEAKENED and "modality.descriptive" in rules(j)
    j = judge(new, old)
    assert j.effect is Effect.STRENGTHENED and "modality.practice" in rules(j)


# --- 14. an account's own words do not outvote the account ------------------------------------


def test_requirement_replaced_by_an_annual_account_weakens() -> None:
    j = judge(
        "Vault access is restricted to two stewards.",
        "We will outline vault access arrangements in the annual report.",
    )
    assert j.effect is Effect.WEAKENED
    assert "duty.account" in rules(j)
    assert "disclosure" not in rules(j) and "specificity.anchor" not in rules(j)


def test_annual_account_replaced_by_a_requirement_strengthens() -> None:
    j = judge(
        "We will outline vault access arrangements in the annual report.",
        "Vault access is restricted to two stewards.",
    )
    assert j.effect is Effect.STRENGTHENED
    assert "duty.account" in rules(j)
    assert "disclosure" not in rules(j) and "specificity.anchor" not in rules(j)


def test_a_definition_is_no_requirement_for_an_account_to_replace() -> None:
    j = judge(
        "We define a widget as any device with a motor.",
        "We will describe widgets in the annual report.",
    )
    assert "duty.account" not in rules(j)
    assert j.effect is not Effect.WEAKENED


def test_report_beside_an_unrelated_account_still_counts() -> None:
    # the disclosure duty is in a sentence of its own, not among the account's words
    j = judge(
        "We will pause any line whose widgets fail inspection.",
        "We will outline how widget lines are paused. Inspection results are published.",
    )
    assert rules(j) & {"duty.talk", "duty.account"}
    assert "disclosure" in rules(j)


def test_act_turned_into_an_annual_description_weakens() -> None:
    j = judge(
        "We will test every widget before shipping.",
        "We will describe widget tests in the annual report.",
    )
    assert j.effect is Effect.WEAKENED
    assert "duty.talk" in rules(j) and "specificity.anchor" not in rules(j)
