"""Rules from the third review of real outputs, each with minimal pairs both ways.

Who binds whom: a relative clause describes a noun, a user's duty is not the author's, a title
binds nobody, a copy of a sentence is no new duty. What points the other way: a duty lifted
("not required"), a comparison base ("than all models"), an exclusion ("not internal deployment"),
an outside threat ("external threat actors").
"""

from __future__ import annotations

from support_classify import added, clause, judge, removed, rules

from rspdiff.classify import classify
from rspdiff.compare import compare
from rspdiff.load import load_bytes
from rspdiff.model import ClauseKind, Effect, Kind, Match

# --- a relative clause describes a noun; a main clause states a practice ------------------------


def test_a_practice_in_a_relative_clause_is_report_content() -> None:
    """'the safeguards we have applied' names what a report covers, it is no new practice."""
    j = judge("Report contents: the safeguards we are applying to each gadget line.",
              "Report contents: the safeguards we have applied to each gadget line.")
    assert "modality.practice" not in rules(j)
    assert j.effect is Effect.CLARIFIED


def test_a_practice_in_a_main_clause_binds() -> None:
    """An intention become a practice the company names itself in ('xAI has implemented') gains."""
    j = judge("We intend to implement a written inspection standard.",
              "xAI has implemented a written inspection standard.")
    assert j.effect is Effect.STRENGTHENED and "modality.practice" in rules(j)


def test_a_time_phrase_before_the_author_is_no_relative_clause() -> None:
    assert added("Each quarter we review every deployed model.").effect is Effect.STRENGTHENED


# --- duties of the user are not commitments of the author -------------------------------------


def test_a_duty_of_the_user_added_or_removed_binds_the_author_to_nothing() -> None:
    assert added("You must not use the Services to harass anyone.").effect is Effect.CLARIFIED
    assert removed("You must comply with all applicable laws.").effect is Effect.CLARIFIED


def test_a_duty_of_the_company_still_binds() -> None:
    assert added("We will suspend accounts that break these rules.").effect is Effect.STRENGTHENED
    assert removed("The company must notify users of material changes.").effect is Effect.WEAKENED


# --- a heading on its own is a title -----------------------------------------------------------


def test_a_heading_added_or_removed_alone_binds_nobody() -> None:
    """'1.5 Evaluating Mitigations' is a title, not a gerund duty."""
    j = classify(Match(Kind.ADDED, (), (clause("1.5 Evaluating Mitigations", "n", ClauseKind.HEADING),)))
    assert j.effect is Effect.CLARIFIED and rules(j) == {"clause.heading"}
    j = classify(Match(Kind.REMOVED, (clause("Evaluate and mitigate", "o", ClauseKind.HEADING),), ()))
    assert j.effect is Effect.CLARIFIED


def test_the_same_words_as_a_paragraph_still_bind() -> None:
    assert added("Evaluate and mitigate every risk before deployment.").effect is Effect.STRENGTHENED


# --- a duty lifted outright -------------------------------------------------------------------


def test_a_clause_lifting_a_duty_weakens_when_added_and_strengthens_when_removed() -> None:
    text = "For now, extra inspections beyond the weekly check are not required."
    assert added(text).effect is Effect.WEAKENED
    assert removed(text).effect is Effect.STRENGTHENED
    assert added("A second review need not be conducted for low-risk deployments.").effect is Effect.WEAKENED


def test_a_duty_lifted_inside_an_edited_clause_weakens() -> None:
    j = judge("We will red-team every model before release.",
              "We will red-team every model before release, but a second review is not required.")
    assert j.effect is Effect.WEAKENED


# --- words that point away from coverage -------------------------------------------------------


def test_a_wider_comparison_base_is_not_a_wider_scope() -> None:
    """'than all models ...' names what a trigger is compared with: no anchor, no scope gained."""
    j = judge("We will report when a gadget is far faster than the gadgets in our last report.",
              "We will report when a gadget is far faster than all models we have already "
              "reviewed in public.")
    assert not any(s.direction is Effect.STRENGTHENED for s in j.signals), j.signals


def test_a_term_added_to_an_exclusion_is_no_wider_scope() -> None:
    j = judge("This check is required only before sale, not before bench testing.",
              "This check is required only before sale, not before internal deployment or bench "
              "testing.")
    assert j.effect is not Effect.STRENGTHENED, j.signals


def test_an_added_quantifier_or_scope_term_still_counts() -> None:
    assert judge("We will share reports with staff.", "We will share reports with all staff.").effect is (
        Effect.STRENGTHENED)
    j = judge("We will review deployments.", "We will review internal deployments and deployments.")
    assert j.effect is Effect.STRENGTHENED


def test_external_threats_are_not_external_review() -> None:
    j = judge("Our security protects weights against insiders.",
              "Our security protects weights against insiders and external threat actors.")
    assert not any(s.rule.startswith("oversight") for s in j.signals), j.signals
    j = judge("We will review every model internally.", "An external auditor will review every model.")
    assert j.effect is Effect.STRENGTHENED


# --- a copy of a sentence ---------------------------------------------------------------------


def test_a_sentence_printed_twice_then_once_is_a_copy_dropped() -> None:
    duty = "We will commission an annual penetration test of our weight storage."
    old = f"# Charter\n\n## Security\n\n{duty}\n\n## Summary\n\nWe review weekly.\n\n{duty}\n"
    new = f"# Charter\n\n## Security\n\n{duty}\n\n## Summary\n\nWe review weekly.\n"
    cl = compare(load_bytes(old.encode(), "old.md"), load_bytes(new.encode(), "new.md"))
    assert [(c.effect, [s.rule for s in c.signals]) for c in cl.changes] == [
        (Effect.CLARIFIED, ["clause.duplicate"])]
    # a duty that is really gone still weakens
    cl = compare(load_bytes(old.encode(), "old.md"),
                 load_bytes(new.replace(duty, "We review our storage.").encode(), "new.md"))
    assert Effect.WEAKENED in {c.effect for c in cl.changes}


# --- "AI" is a noun, a practice refused binds, parts that bind nobody --------------------------


def test_ai_is_named_as_ai_in_evidence() -> None:
    """The lemma table read "AI" as "have" (from "ain't"): rules named "AI R&D" "have r&d"."""
    j = judge("We track CBRN and AI R&D capabilities.", "We track CBRN capabilities.")
    assert "scope:ai r&d" in {s.rule for s in j.signals}
    assert j.effect is Effect.WEAKENED


def test_a_practice_refused_binds_like_a_prohibition() -> None:
    text = "We do not sell personal data to advertisers."
    assert removed(text).effect is Effect.WEAKENED
    assert added(text).effect is Effect.STRENGTHENED


def test_a_clause_added_to_a_glossary_or_illustration_binds_nobody() -> None:
    for part in ("Appendix A: Glossary", "Appendix C: Illustrative safeguards"):
        c = clause("We will publish every evaluation result within a week.", "n", path=(part,))
        j = classify(Match(Kind.ADDED, (), (c,)))
        assert j.effect is Effect.CLARIFIED and rules(j) == {"clause.nonbinding"}, part


def test_a_clause_added_under_background_or_recommendations_still_counts() -> None:
    """RSP v2's "Background" says what models must meet; RSP v3's recommendations hold its own plans."""
    for part in ("1. Background", "1. Our Recommendations for Industry-Wide Safety"):
        c = clause("We will publish every evaluation result within a week.", "n", path=(part,))
        assert classify(Match(Kind.ADDED, (), (c,))).effect is Effect.STRENGTHENED, part


# --- a product, a source, a recipient is no overseer; a carve-out from checks -----------------------


def test_third_party_products_and_government_recipients_are_not_oversight() -> None:
    j = judge("We collect information about the links you click.",
              "We collect information about the links you click and about third-party applications you use.")
    assert not any(s.rule.startswith(("oversight", "intensifier")) for s in j.signals), j.signals
    j = judge("We may share personal data with our service providers.",
              "We may share personal data with our service providers and with government authorities.")
    assert not any(s.rule.startswith("oversight") for s in j.signals), j.signals


def test_a_third_party_auditor_is_still_oversight() -> None:
    j = judge("We will review every model internally.",
              "We will have every model reviewed by a third-party auditor.")
    assert j.effect is Effect.STRENGTHENED
    assert "intensifier:third - party" in {s.rule for s in j.signals}  # an ordinal is a word, not "3"


def test_a_carve_out_from_checks_weakens() -> None:
    j = judge("Trial gadgets are sold as they are.",
              "Trial gadgets are sold as they are and are not subject to the same safety checks "
              "and auditing.")
    assert j.effect is Effect.WEAKENED


def test_sole_discretion_is_a_hedge() -> None:
    j = judge("We will remove content that breaks these rules.",
              "We will remove content that breaks these rules, at our sole discretion.")
    assert j.effect is Effect.WEAKENED


# --- a clause addressed to the reader ---------------------------------------------------------


def test_a_clause_addressed_to_the_reader_binds_the_author_to_nothing() -> None:
    """Terms of service: 'User is solely responsible for all taxes (except ...)' is the user's duty."""
    for text in ("User is solely responsible for all taxes (except for taxes based on our net income).",
                 "Each user must keep their password secret. Except as permitted, you must not share it."):
        for j in (added(text), removed(text)):
            assert j.effect is Effect.CLARIFIED and rules(j) == {"clause.addressee"}, text


def test_a_condition_on_the_reader_does_not_make_the_authors_duty_theirs() -> None:
    assert removed("If you report a bug, we will fix it within a week.").effect is Effect.WEAKENED
    assert added("Enforcement of a usage policy that restricts users from harmful uses.").effect is (
        Effect.STRENGTHENED)


# --- "most" as a share of what is covered; a definition -----------------------------------------


def test_most_of_a_risk_given_way_to_its_basic_part_weakens() -> None:
    """A share of a risk narrowed to its basic part (the shape of RSP v2.2's headline change)."""
    j = judge("We will fit locks to prevent most theft risk.",
              "We will fit locks to prevent basic theft risk.")
    assert j.effect is Effect.WEAKENED and "intensifier:most" in {s.rule for s in j.signals}
    j = judge("We will fit locks to prevent basic theft risk.",
              "We will fit locks to prevent most theft risk.")
    assert j.effect is Effect.STRENGTHENED


def test_the_superlative_most_is_no_anchor() -> None:
    assert judge("We will evaluate the most capable models.",
                 "We will evaluate the highly capable models.").effect is Effect.CLARIFIED
    assert judge("Misuse is most likely to come from insiders.",
                 "Misuse is likely to come from insiders.").effect is Effect.CLARIFIED


def test_a_definition_added_is_no_commitment() -> None:
    j = added("We define basic theft risk as theft by a visitor without keys to the store.")
    assert j.effect is Effect.CLARIFIED


def test_a_practice_turned_into_an_option_weakens() -> None:
    """A practice of the company named ('Meta utilizes X') becomes an option ('may utilize')."""
    j = judge("Meta utilizes public test suites to rate each gadget.",
              "Meta may utilize public test suites to rate each gadget.")
    assert j.effect is Effect.WEAKENED and "modality.permissive" in {s.rule for s in j.signals}


# --- the author's name in a possessive; "have" + another verb; "Most X ..." ------------------------


def test_a_possessive_of_the_author_is_no_practice() -> None:
    """"xAI's gadgets were tested on ..." is a fact about gadgets, not 'xAI has ...'."""
    assert added("xAI’s gadgets were tested on thousands of samples.").effect is Effect.CLARIFIED
    assert added("xAI's gadgets may refuse unsafe commands.").effect is Effect.CLARIFIED


def test_have_with_the_participle_of_a_non_practice_verb_is_no_practice() -> None:
    assert added("OpenAI has focused on the risks of gadget misuse.").effect is Effect.CLARIFIED
    assert added("We have a process for reporting noncompliance.").effect is Effect.STRENGTHENED


def test_most_opening_a_sentence_is_no_anchor() -> None:
    j = judge("Most inspection levels define one part of our acceptance rules.",
              "Inspection levels are one part of our acceptance rules.")
    assert j.effect is Effect.CLARIFIED


def test_need_not_without_a_duty_lifted_is_no_exception() -> None:
    j = judge("These failure cases do not reflect current gadgets.",
              "These failure cases need not reflect current gadgets.")
    assert j.effect is Effect.CLARIFIED


def test_a_practice_inside_a_condition_is_no_practice() -> None:
    """"when Microsoft operates its shops, ..." sets a condition; the main clause binds or not."""
    assert added("When Microsoft operates its repair shops, records are kept.").effect is (
        Effect.CLARIFIED)
    assert added("When we deploy a model, we publish a model card.").effect is Effect.STRENGTHENED


def test_renaming_a_third_party_product_is_no_change_of_oversight() -> None:
    j = judge("Third-party Connectors are not built or checked by us.",
              "Third-party Apps are not built or checked by us.")
    assert j.effect is Effect.CLARIFIED, j.signals


# --- definitions, questions and aims ------------------------------------------------------------


def test_a_glossary_entry_is_a_definition() -> None:
    """A glossary flattened by a PDF extraction: 'Term: are ...' (as in GDM v3.1)."""
    for text in ("Gadget Safeguards: are measures we apply to prevent misuse.",
                 "Spot Checks: indicate whether a full inspection is required."):
        j = added(text)
        assert j.effect is Effect.CLARIFIED and rules(j) == {"clause.definition"}, text
    assert added("Model weights: we will protect them against theft.").effect is Effect.STRENGTHENED


def test_a_requirement_inside_a_question_binds_nobody() -> None:
    j = added("We review new models to understand whether a second assessment is required.")
    assert "required" not in " ".join(s.explanation for s in j.signals)
    j = added("Where regulations exceed what this policy covers, we will address them separately.")
    assert j.effect is Effect.STRENGTHENED


def test_an_aim_to_ensure_is_no_duty() -> None:
    j = added("The plan may include raising the alarm level to ensure the margin stays adequate.")
    assert "ensure" not in " ".join(s.explanation for s in j.signals)
    assert added("We will ensure that every model is evaluated.").effect is Effect.STRENGTHENED


# --- whose modal: the author's own clause, not a clause it introduces ------------------------------


def test_a_modal_of_a_clause_the_author_introduces_is_not_the_authors() -> None:
    """'where we determine that a gadget could ...': the 'could' is the gadget's."""
    j = judge("We raise the alarm at a fourfold increase in output.",
              "We raise the alarm where we determine that a gadget could double its output in a year.")
    assert "modality.permissive" not in {s.rule for s in j.signals}, j.signals
    assert added("We determine each quarter that we may run extra evaluations.").effect is Effect.STRENGTHENED


def test_a_participle_the_lemma_table_misses_is_still_read() -> None:
    """'developed' is looked up as 'develope': 'We have developed tools' is still a practice."""
    assert added("We have developed tools to test for cyber risks.").effect is Effect.STRENGTHENED


def test_also_responsible_binds() -> None:
    assert added("Risk owners are also responsible for periodic audits.").effect is Effect.STRENGTHENED


def test_list_items_under_a_lead_in_to_the_reader_bind_the_reader() -> None:
    """Terms that list the user's prohibitions under 'you agree that you will not:' (as GitHub's do)."""
    def run(lead: str, items: list[str]) -> list[tuple[Effect, list[str]]]:
        head = "# Terms\n\n## Conduct\n\n"
        old = head + lead + "\n\n" + "\n".join(f"- {i}" for i in items) + "\n"
        new = head + lead + "\n\n" + "\n".join(f"- {i}" for i in items[:1]) + "\n"
        cl = compare(load_bytes(old.encode(), "old.md"), load_bytes(new.encode(), "new.md"))
        return [(c.effect, [s.rule for s in c.signals]) for c in cl.changes]

    items = ["spam other users;", "harass, abuse or threaten anyone, or incite violence against any group."]
    assert run("While using the service, you agree that you will not:", items) == [
        (Effect.CLARIFIED, ["clause.addressee"])]
    items = ["publish a model card for every model;", "notify the board of every incident within a week."]
    assert run("We will:", items) == [(Effect.WEAKENED, ["clause.removed"])]


def test_any_ly_adverb_may_stand_between_the_author_and_the_practice() -> None:
    assert added("We systematically check every gadget for faults.").effect is Effect.STRENGTHENED


def test_a_definition_that_sets_a_number_is_not_dismissed_as_a_definition() -> None:
    j = added("Level 3: means a gadget that fails less than 1% of inspections.")
    assert "clause.definition" not in rules(j)


def test_a_practice_verb_ending_in_ly_is_no_adverb() -> None:
    assert added("We apply the brakes before every test run.").effect is Effect.STRENGTHENED
    assert added("We comply with every gadget safety law.").effect is Effect.STRENGTHENED
