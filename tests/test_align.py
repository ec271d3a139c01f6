"""Alignment on small hand-written versions: each kind of change, and the traps around them."""

from __future__ import annotations

from rspdiff.align import align
from rspdiff.load import load_bytes
from rspdiff.model import Document, Kind, Match


def doc(text: str, name: str = "v.md") -> Document:
    return load_bytes(text.encode(), name)


def kinds(old: str, new: str) -> list[Match]:
    return [m for m in align(doc(old), doc(new)).matches if m.kind is not Kind.UNCHANGED]


BOILER = "All staff must complete the annual security training before they receive access."


def test_identical_versions_have_no_changes() -> None:
    text = "# P\n\nWe will test models. We will report results.\n"
    assert kinds(text, text) == []


def test_lost_spaces_and_typography_are_not_changes() -> None:
    old = "# P\n\nWe will publish model cards. “Frontier” models are tested.\n"
    new = "# P\n\nWe will publishmodel cards. \"Frontier\" models are tested.\n"
    assert kinds(old, new) == []


def test_an_edited_sentence_is_modified_in_place() -> None:
    old = "# P\n\nWe will test models every 3 months. We will report results.\n"
    new = "# P\n\nWe will test models every 6 months. We will report results.\n"
    (m,) = kinds(old, new)
    assert m.kind is Kind.MODIFIED and "3 months" in m.old[0].text and "6 months" in m.new[0].text


def test_an_edited_copy_of_a_repeated_sentence_is_not_two_moves() -> None:
    filler = "\n\n".join(f"Paragraph {n} explains a distinct point about topic {n}." for n in range(6))
    old = f"# P\n\n{BOILER}\n\n{filler}\n\n{BOILER}\n"
    edited = BOILER.replace("annual", "biennial")
    new = f"# P\n\n{edited}\n\n{filler}\n\n{BOILER}\n"
    changes = kinds(old, new)
    assert [m.kind for m in changes] == [Kind.MODIFIED]
    assert "biennial" in changes[0].new[0].text and changes[0].new[0].index < 3


def test_crossed_twins_are_dealt_back_in_order() -> None:
    """However earlier steps crossed two identical clauses, the final pairing keeps their order."""
    from rspdiff.align import _State, _untangle
    from rspdiff.align.text import key

    edited = BOILER.replace("annual", "biennial")
    old = doc(f"# P\n\n{BOILER}\n\nA middle sentence about something else entirely.\n\n{BOILER}\n").clauses
    new = doc(f"# P\n\n{edited}\n\nA middle sentence about something else entirely.\n\n{BOILER}\n").clauses
    state = _State(old, new)
    for i, j in ((0, 0), (1, 3), (2, 2), (3, 1)):  # the two copies crossed
        state.pair(i, j)
    sims = _untangle(state, [key(c.text) for c in old], [key(c.text) for c in new], {(3, 1): 0.9})
    assert state.o2n == {0: 0, 1: 1, 2: 2, 3: 3}
    assert sims == {(1, 1): 0.9}


def test_a_moved_paragraph_is_one_move() -> None:
    a = "The board approves every deployment of a frontier model. It records each decision."
    body = "\n\n".join(f"Section text {n} covers its own separate subject matter." for n in range(5))
    old = f"# P\n\n## One\n\n{a}\n\n## Two\n\n{body}\n"
    new = f"# P\n\n## One\n\n## Two\n\n{body}\n\n{a}\n"
    changes = kinds(old, new)
    assert [m.kind for m in changes] == [Kind.MOVED]
    assert len(changes[0].old) == 2 and len(changes[0].new) == 2


def test_a_split_sentence_is_one_split() -> None:
    old = "# P\n\nEvaluations are designed by the safety team and reviewed by the chief scientist.\n"
    new = "# P\n\nEvaluations are designed by the safety team. The chief scientist reviews the evaluations.\n"
    (m,) = kinds(old, new)
    assert m.kind is Kind.SPLIT and len(m.old) == 1 and len(m.new) == 2


def test_a_renamed_section_pairs_its_heading() -> None:
    body = "We keep model weights in a secured store. Two people approve every export of weights."
    old = f"# P\n\n## 3. Safeguards\n\n{body}\n"
    new = f"# P\n\n## 3. Protective Measures\n\n{body}\n"
    (m,) = kinds(old, new)
    assert m.kind is Kind.MODIFIED
    assert m.old[0].text == "3. Safeguards" and m.new[0].text == "3. Protective Measures"


def test_added_and_removed_sentences() -> None:
    old = "# P\n\nWe will test models.\n\nWe will run an annual penetration test of our storage.\n"
    new = "# P\n\nWe will test models.\n\nThe board must approve every deployment of a new model.\n"
    got = sorted(m.kind.value for m in kinds(old, new))
    assert got == ["added", "removed"]


def test_partners_go_to_the_nearest_twins_in_order() -> None:
    from rspdiff.align import _deal

    # Three copies of a sentence, one partner left near the end: it goes to the last copy.
    assert _deal([0.1, 0.5, 0.9], [0.85]) == [2]
    assert _deal([0.1, 0.5, 0.9], [0.05, 0.95]) == [0, 2]
    assert _deal([0.2, 0.4], [0.3, 0.35]) == [0, 1]
