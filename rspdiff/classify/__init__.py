"""The classification stage: judge what each aligned change does to the author's commitments.

``classify(match)`` collects signals of every family in ../shared/rubric.md (modality,
quantities, hedges, intensifiers, scope, oversight, disclosure, specificity and whole-clause
rules), each quoting the words it came from, and aggregates them into one Effect with a
confidence. Word lists and weights are data (lexicon.toml); spaCy loads on first use only.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from rspdiff.classify.aggregate import aggregate
from rspdiff.classify.clause_rules import (
    addressee,
    binds_nobody,
    first_words,
    moved_signals,
    normalised,
    whole_clause_signals,
)
from rspdiff.classify.conditions import allowance_signals
from rspdiff.classify.duties import duty_signals, without_account_echoes
from rspdiff.classify.lexicon import Lexicon, load_lexicon
from rspdiff.classify.modality import modality_signals
from rspdiff.classify.nlp import Analysis, analyse
from rspdiff.classify.phrases import (
    consequence_signals,
    gate_signals,
    hedge_signals,
    intensifier_signals,
    oversight_signals,
    scope_signals,
    specificity_signals,
)
from rspdiff.classify.quantity import quantity_signals
from rspdiff.model import Clause, ClauseKind, Document, Effect, Judgement, Kind, Match, Signal, SignalType

__all__ = ["classify", "edit_signals"]


def _analyses(clauses: Sequence[Clause]) -> list[Analysis]:
    return [analyse(c.text) for c in clauses]


def edit_signals(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> list[Signal]:
    """Every signal comparing an edited pair of sides (a split or merge is judged on the union)."""
    signals: list[Signal] = []
    for family in (
        modality_signals,
        quantity_signals,
        hedge_signals,
        intensifier_signals,
        gate_signals,
        duty_signals,
        consequence_signals,
        scope_signals,
        oversight_signals,
        specificity_signals,
        allowance_signals,
    ):
        signals.extend(family(old, new, lex))
    return without_account_echoes(signals, old, new, lex)


@functools.lru_cache(maxsize=8)
def _texts(doc: Document) -> frozenset[str]:
    return frozenset(normalised(c.text) for c in doc.clauses)


def _whole_side(match: Match, old_doc: Document | None, new_doc: Document | None,
                own: bool) -> tuple[tuple[Clause, ...], Document, bool] | None:
    """For a clause added or removed whole: its clauses, a document and whether it was added.

    The document is the clause's own version (``own``) or the other one, when it is known.
    """
    if match.kind is Kind.ADDED:
        doc = new_doc if own else old_doc
        return (match.new, doc, True) if doc is not None else None
    if match.kind is Kind.REMOVED:
        doc = old_doc if own else new_doc
        return (match.old, doc, False) if doc is not None else None
    return None


def _duplicate(match: Match, old_doc: Document | None, new_doc: Document | None) -> Judgement | None:
    """A clause added or removed whose very words still stand elsewhere on the other side.

    A sentence printed twice in one version and once in the other leaves one copy unpaired; it
    is a copy added or dropped, not a commitment: the same words still bind on the other side.
    """
    side = _whole_side(match, old_doc, new_doc, own=False)
    if side is None:
        return None
    clauses, other, added = side
    texts = _texts(other)
    if not clauses or not all(normalised(c.text) in texts for c in clauses):
        return None
    quote = first_words(" ".join(c.text for c in clauses))
    where = "old" if added else "new"
    note = Signal(SignalType.CLAUSE, Effect.CLARIFIED, "" if added else quote, quote if added else "",
                  f"The same words stand elsewhere in the {where} version: a copy, not a change of duty.",
                  "clause.duplicate", 0.0)
    return Judgement(Effect.CLARIFIED, 0.9, (note,))


def _lead_in(clause: Clause, doc: Document) -> Clause | None:
    """The sentence that introduces the list ``clause`` is an item of ("You agree not to:")."""
    clauses = doc.clauses
    i = clause.index
    if clause.kind is not ClauseKind.LIST_ITEM or i >= len(clauses) or clauses[i].id != clause.id:
        return None
    while i > 0 and clauses[i - 1].kind is ClauseKind.LIST_ITEM and clauses[i - 1].block == clause.block:
        i -= 1
    prev = clauses[i - 1] if i > 0 else None
    if prev is None or prev.kind is not ClauseKind.PARAGRAPH or not prev.text.rstrip().endswith(":"):
        return None
    return prev


def _led_by_reader(match: Match, old_doc: Document | None, new_doc: Document | None,
                   lex: Lexicon) -> Judgement | None:
    """List items added or removed under a lead-in addressed to the reader bind the reader.

    "While using GitHub, you agree that you will not: - harass, abuse ...": each item is the
    user's duty, though the item itself names nobody.
    """
    side = _whole_side(match, old_doc, new_doc, own=True)
    if side is None:
        return None
    clauses, doc, added = side
    leads = {_lead_in(c, doc) for c in clauses}
    lead = leads.pop() if len(leads) == 1 else None
    if lead is None:
        return None
    party = addressee([analyse(lead.text)], lex)
    if party is None:
        return None
    quote = first_words(" ".join(c.text for c in clauses))
    why = f"The items follow '{first_words(lead.text, 8)}', addressed to '{party}': they bind the reader."
    note = binds_nobody("" if added else quote, quote if added else "", why, "clause.addressee")
    return Judgement(Effect.CLARIFIED, 0.8, (note,))


def _only_headings(clauses: Sequence[Clause]) -> bool:
    return bool(clauses) and all(c.kind is ClauseKind.HEADING for c in clauses)


def _renamed_heading(match: Match) -> Judgement:
    """A heading edited into another heading: titles name sections and bind nobody.

    "Section 4: Misalignment" → "Section 4: Governance" says nothing about what the author must
    do; the commitments under either heading are aligned and judged on their own.
    """
    why = "Headings name sections and bind nobody; the clauses beneath them are judged on their own."
    note = Signal(SignalType.CLAUSE, Effect.CLARIFIED, " ".join(c.text for c in match.old),
                  " ".join(c.text for c in match.new), why, "clause.heading", 0.0)
    return Judgement(Effect.CLARIFIED, round(0.5 + 0.4 * max(0.0, min(1.0, match.score)), 3), (note,))


def classify(match: Match, old_doc: Document | None = None, new_doc: Document | None = None) -> Judgement:
    """Judge one aligned change: its effect, confidence and quoted evidence.

    ``old_doc``/``new_doc`` are accepted for rules that need document context; the current rules
    read only the clauses and their heading paths.

    A heading paired with body text (the aligner matched "Evaluating risk" to "We evaluate ...")
    binds nobody: its words are a title, not a duty ("Evaluate & mitigate" is not an imperative).
    Such a change is judged as the body text appearing or disappearing as a whole.
    """
    lex = load_lexicon()
    if match.kind is Kind.UNCHANGED:
        return Judgement(Effect.CLARIFIED, 1.0, ())
    if (_only_headings(match.old) or not match.old) and (_only_headings(match.new) or not match.new):
        # a heading renamed, or added or removed on its own ("1.5 Evaluating Mitigations" is a
        # title, not an imperative): a title binds nobody
        return _renamed_heading(match)
    old_gone = not match.old or (_only_headings(match.old) and not _only_headings(match.new))
    new_gone = not match.new or (_only_headings(match.new) and not _only_headings(match.old))
    copy = _duplicate(match, old_doc, new_doc)
    if copy is not None:
        return copy
    led = _led_by_reader(match, old_doc, new_doc, lex)
    if led is not None:
        return led
    if match.kind is Kind.ADDED or old_gone:
        return aggregate(whole_clause_signals(match.new, _analyses(match.new), True, lex), lex, match.score)
    if match.kind is Kind.REMOVED or new_gone:
        return aggregate(whole_clause_signals(match.old, _analyses(match.old), False, lex), lex, match.score)
    signals: list[Signal] = []
    if match.kind is Kind.MOVED:
        signals.extend(moved_signals(match.old, match.new, lex))
    same = normalised(" ".join(c.text for c in match.old)) == normalised(" ".join(c.text for c in match.new))
    if not same:
        signals.extend(edit_signals(_analyses(match.old), _analyses(match.new), lex))
    return aggregate(signals, lex, match.score)
