"""The sentence splitter: one clause per commitment, without cutting at abbreviations."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rspdiff.sentences import split_clauses, split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_plain_sentences_are_split() -> None:
    assert sentences("We will test models. We will publish results.") == [
        "We will test models.", "We will publish results."]


def test_eg_and_ie_do_not_end_a_sentence() -> None:
    text = "We test models, e.g. large ones, and tools (i.e. agents) every month. Then we report."
    assert sentences(text) == [
        "We test models, e.g. large ones, and tools (i.e. agents) every month.", "Then we report."]


def test_no_abbreviation_does_not_end_a_sentence() -> None:
    expected = ["See No. 5 for the details.", "It binds us."]
    assert sentences("See No. 5 for the details. It binds us.") == expected


def test_numbered_items_inside_a_paragraph_stay_with_their_text() -> None:
    text = "The steps are: 1. evaluate the model. 2. Report to the Board."
    assert sentences(text) == ["The steps are: 1. evaluate the model.", "2. Report to the Board."]


def test_glued_sentence_ends_of_damaged_extractions_are_cut() -> None:
    assert sentences("It follows the Commitments (2024).We thank our reviewers.") == [
        "It follows the Commitments (2024).", "We thank our reviewers."]
    assert sentences("We publish model cards.AI labs should too.") == [
        "We publish model cards.", "AI labs should too."]
    assert sentences("absent enhancements.6To make the showing, we act.") == [
        "absent enhancements.6", "To make the showing, we act."]


def test_a_text_without_a_stop_is_one_sentence() -> None:
    assert sentences("ASL-3 Security Standard") == ["ASL-3 Security Standard"]
    assert split_sentences("   ") == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400)
       | st.lists(st.sampled_from(["word", "; ", ". ", " ", "We"]), max_size=80).map("".join))
def test_spans_are_ordered_non_empty_and_cover_all_visible_text(text: str) -> None:
    _covers(text, split_sentences(text))
    _covers(text, split_clauses(text))


def _covers(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[previous_end:start].strip()
        previous_end = end
    assert not text[previous_end:].strip()


def test_long_semicolon_joined_commitments_become_two_clauses() -> None:
    text = ("We will inspect every gadget before it leaves the workshop each spring; and we will "
            "publish the inspection ledger on the guild website within thirty days.")
    parts = [text[a:b] for a, b in split_clauses(text)]
    assert parts == ["We will inspect every gadget before it leaves the workshop each spring;",
                     "and we will publish the inspection ledger on the guild website within thirty days."]


def test_short_semicolon_lists_stay_whole() -> None:
    text = "The steward checks springs; gears; and the small brass fittings of every gadget."
    assert split_clauses(text) == [(0, len(text))]
    two = "We inspect gadgets. The steward checks springs; gears; and fittings."
    assert [two[a:b] for a, b in split_clauses(two)] == ["We inspect gadgets.",
                                                        "The steward checks springs; gears; and fittings."]


def test_a_list_of_short_items_after_a_long_clause_is_not_cut() -> None:
    text = ("After every serious incident we will notify, within three days, the board of directors; "
            "the long-term benefit trust; relevant government regulators; and affected customers.")
    assert split_clauses(text) == [(0, len(text))]


def test_a_semicolon_inside_brackets_belongs_to_the_aside() -> None:
    text = ("We will keep every returned gadget in the vault for two full years (including spare gadgets, "
            "which we keep in the vault for two full years; and returned gadgets, which we keep for longer "
            "than that) before we destroy it.")
    assert split_clauses(text) == [(0, len(text))]
