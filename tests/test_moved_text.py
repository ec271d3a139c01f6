"""Words that move between clauses are set aside before judging (rspdiff.moved_text)."""

from __future__ import annotations

from rspdiff.compare import compare
from rspdiff.load import load_bytes
from rspdiff.model import Changelog, Clause, ClauseKind, Effect, Kind, Match, Op
from rspdiff.moved_text import MIN_RUN, trim

HEAD = "# Gadget Safety Charter\n\n## Reviews\n\n"
# Two sentences of one paragraph; the phrase in PHRASE moves from the first to the second.
PHRASE = "publish the inspection ledger with the"


def run(old: str, new: str) -> Changelog:
    return compare(load_bytes((HEAD + old).encode(), "old.md"), load_bytes((HEAD + new).encode(), "new.md"))


def rules(cl: Changelog) -> list[str]:
    return sorted(s.rule for ch in cl.changes for s in ch.signals)


def test_a_phrase_moving_to_the_next_sentence_raises_no_alarm() -> None:
    old = (f"The stewards will inspect every gadget each spring and {PHRASE} results. "
           "Findings from all of the above go to the guild council within a month.\n")
    new = ("The stewards will inspect every gadget each spring and results. "
           f"Findings {PHRASE} from all of the above go to the guild council within a month.\n")
    cl = run(old, new)
    assert cl.changes, "the edit itself is still reported"
    assert all(ch.effect is Effect.CLARIFIED for ch in cl.changes), [ch.signals for ch in cl.changes]
    assert "clause.moved_text" in rules(cl)
    # The redline still shows the words leaving and arriving: only the judgement sets them aside.
    runs = [(op, text) for ch in cl.changes for op, text in ch.redline]
    assert any(op is Op.DELETE and "inspection ledger" in text for op, text in runs)
    assert any(op is Op.INSERT and "inspection ledger" in text for op, text in runs)


def test_a_deleted_duty_that_reappears_nowhere_still_weakens() -> None:
    old = (f"The stewards will inspect every gadget each spring and {PHRASE} results. "
           "Findings from all of the above go to the guild council within a month.\n")
    new = ("The stewards will inspect every gadget each spring. "
           "Findings from all of the above go to the guild council within a month.\n")
    cl = run(old, new)
    assert "clause.moved_text" not in rules(cl)
    assert [ch.effect for ch in cl.changes] == [Effect.WEAKENED]


def test_the_same_words_moving_but_a_modal_weakening_on_top_is_still_caught() -> None:
    old = (f"The stewards will inspect every gadget each spring and {PHRASE} results. "
           "Findings from all of the above go to the guild council within a month.\n")
    new = ("The stewards may inspect every gadget each spring and results. "
           f"Findings {PHRASE} from all of the above go to the guild council within a month.\n")
    effects = {ch.effect for ch in run(old, new).changes}
    assert Effect.WEAKENED in effects


FILLER = "".join(f"The {tool} is oiled by the apprentice on duty after every shift.\n\n"
                 for tool in ("lathe", "anvil", "bellows", "chisel", "plane", "rasp", "vice", "awl"))


def test_a_removed_sentence_found_inside_the_next_clause_is_moved_text() -> None:
    old = ("The guild council meets twice a year to read the ledgers.\n\n"
           "The stewards will keep a written record of every inspection they make.\n\n" + FILLER)
    new = ("The guild council meets twice a year to read the ledgers, and the stewards will keep a "
           "written record of every inspection they make.\n\n" + FILLER)
    cl = run(old, new)
    assert cl.changes and all(ch.effect is Effect.CLARIFIED for ch in cl.changes), [
        (ch.kind, ch.effect, ch.signals) for ch in cl.changes]


def test_a_phrase_reappearing_far_away_is_judged_where_it_left() -> None:
    """Far from where it left, a phrase may belong to another commitment: judged as it is."""
    old = ("The stewards inspect each gadget at least every three months.\n\n" + FILLER +
           "## Council\n\nThe guild council reads the ledgers.\n")
    new = ("The stewards inspect each gadget.\n\n" + FILLER + "## Council\n\nThe guild council "
           "reads the ledgers at least every three months.\n")
    cl = run(old, new)
    assert "clause.moved_text" not in rules(cl)
    assert Effect.WEAKENED in {ch.effect for ch in cl.changes}


def test_a_long_run_reappearing_far_away_is_moved_text() -> None:
    """Twelve words or more in the same order are the same text wherever they land (LONG_RUN)."""
    old = ("The stewards will keep a written record of every inspection they make.\n\n" + FILLER +
           "## Council\n\nThe guild council meets twice a year to read the ledgers.\n")
    new = (FILLER + "## Council\n\nThe guild council meets twice a year to read the ledgers, and "
           "the stewards will keep a written record of every inspection they make.\n")
    cl = run(old, new)
    assert "clause.moved_text" in rules(cl)
    assert all(ch.effect is Effect.CLARIFIED for ch in cl.changes), [
        (ch.kind, ch.effect) for ch in cl.changes]


def test_words_set_aside_on_one_side_add_no_evidence() -> None:
    """The duty 'will update the charter' stands on both sides of the first change: no gain there."""
    old = ("If the review finds gaps in a gadget, we will update our gadget charter with the new findings, "
           "and the gadget can then be shipped to customers.\n\n"
           "Gadgets are inspected by the steward on duty every morning.\n")
    new = ("Gadgets flagged by the review will undergo additional inspection before they can be shipped "
           "to customers.\n\nGadgets are inspected by the steward on duty every morning, and we will "
           "update our gadget charter with the new findings.\n")
    for ch in run(old, new).changes:
        moved = any(s.rule == "clause.moved_text" for s in ch.signals)
        assert not (moved and any(s.rule.startswith("modality") and s.direction is Effect.STRENGTHENED
                                  for s in ch.signals)), ch.signals


def _clause(i: int, side: str) -> Clause:
    return Clause(f"{side}{i}", ClauseKind.PARAGRAPH, ("S",), "x", "x", (i, i), f"{side}b{i}", i)


def test_runs_shorter_than_min_run_do_not_count_as_moved() -> None:
    a = Match(Kind.MODIFIED, (_clause(0, "o"),), (_clause(0, "n"),))
    b = Match(Kind.MODIFIED, (_clause(1, "o"),), (_clause(1, "n"),))
    short = " ".join(PHRASE.split()[: MIN_RUN - 1])
    out = trim([a, b], [((Op.DELETE, f"alpha {short} beta"),), ((Op.INSERT, f"gamma {short} delta"),)])
    assert not any(t.touched for t in out)
    long = " ".join(PHRASE.split()[:MIN_RUN])
    out = trim([a, b], [((Op.DELETE, f"alpha {long} beta"),), ((Op.INSERT, f"gamma {long} delta"),)])
    assert [t.moved_out for t in out] == [(long,), ()]
    assert [t.moved_in for t in out] == [(), (long,)]


def test_only_near_changes_and_one_to_one_runs_exchange_words() -> None:
    long = " ".join(PHRASE.split()[:MIN_RUN])
    a = Match(Kind.MODIFIED, (_clause(0, "o"),), (_clause(0, "n"),))
    far = Match(Kind.MODIFIED, (_clause(30, "o"),), (_clause(30, "n"),))
    out = trim([a, far], [((Op.DELETE, f"alpha {long} beta"),), ((Op.INSERT, f"gamma {long} delta"),)])
    assert not any(t.touched for t in out)
    b = Match(Kind.MODIFIED, (_clause(1, "o"),), (_clause(1, "n"),))
    c = Match(Kind.MODIFIED, (_clause(2, "o"),), (_clause(2, "n"),))
    twice = [((Op.DELETE, f"alpha {long} beta"),), ((Op.INSERT, f"gamma {long} delta"),),
             ((Op.INSERT, f"epsilon {long} zeta"),)]
    assert not any(t.touched for t in trim([a, b, c], twice))


def test_moved_text_judgement_is_deterministic() -> None:
    old = (f"The stewards will inspect every gadget each spring and {PHRASE} results. "
           "Findings from all of the above go to the guild council within a month.\n")
    new = ("The stewards will inspect every gadget each spring and results. "
           f"Findings {PHRASE} from all of the above go to the guild council within a month.\n")
    assert run(old, new) == run(old, new)



def test_a_cell_fragment_cut_off_in_one_extraction_is_moved_text() -> None:
    """RSP v3.3's table: 'Perform systematic' stood alone in one extraction, led its sentence in
    the next. Removed here and taken in at the edge of another change far away: moved text."""
    tail = "alignment reviews of every gadget, with red-teaming of our auditing methods."
    old = "Perform systematic\n\n" + FILLER + "## Council\n\n" + tail.capitalize() + "\n"
    new = FILLER + "## Council\n\nPerform systematic " + tail + "\n"
    cl = run(old, new)
    assert all(ch.effect is Effect.CLARIFIED for ch in cl.changes), [
        (ch.kind, ch.effect, [s.rule for s in ch.signals]) for ch in cl.changes]
    assert "clause.moved_text" in rules(cl)


def test_a_short_clause_whose_words_recur_is_judged() -> None:
    """The same words taken in twice elsewhere: no telling where they went, so the removal counts."""
    old = ("Inspect gadgets.\n\n" + FILLER +
           "## Council\n\nThe council reviews ledgers.\n\nThe steward files ledgers.\n")
    new = (FILLER + "## Council\n\nThe council reviews ledgers and will inspect gadgets.\n\n"
           "The steward files ledgers and will inspect gadgets.\n")
    assert "clause.moved_text" not in rules(run(old, new))
