"""Whole-clause rules: what an added, removed or moved clause does as a whole.

An added or removed clause is judged by what it carries: a commitment of the author (any rung
above descriptive), an exception to a commitment, or only explanation. A clause moved unedited is
a clarification unless it lands in a part of the document that does not bind the author
(recommendations, examples), where the same words no longer commit anyone.
"""

from __future__ import annotations

from collections.abc import Sequence

from rspdiff.classify.lexicon import Lexicon
from rspdiff.classify.modality import BINDING, strongest
from rspdiff.classify.nlp import Analysis
from rspdiff.classify.quantity import quantities
from rspdiff.model import Clause, Effect, Signal, SignalType

# exception words that only qualify a commitment when the clause also has a weak modal
# ("even if" in "we will acknowledge X even if Y" binds the author harder, not less); a duty
# lifted ("not required", "out of scope") beside a binding duty of the author ("We will implement
# X, but consider Y out of scope") leaves the clause a commitment: adding it binds, dropping it frees
_SOFT_EXCEPTIONS = frozenset({"unless", "except", "exception", "instead of", "lower the", "even if",
                              "not require", "not be require", "no long require", "not necessary",
                              "need not be", "not need to", "out of scope", "illustrative only",
                              "not subject to"})


def normalised(text: str) -> str:
    """Letters and digits only, lower-cased: what survives typography, wrapping and lost spaces."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _exception(sides: Sequence[Analysis], lex: Lexicon) -> str | None:
    """The exception phrase, when the clause's content is an exception to a commitment."""
    modal = strongest(sides, lex)
    rank = modal.rank if modal else 0
    for a in sides:
        for h in a.family("exception"):
            if h.key not in _SOFT_EXCEPTIONS or rank < BINDING:
                return h.text
    return None


def addressee(sides: Sequence[Analysis], lex: Lexicon) -> str | None:
    """The other party a clause is addressed to ("You must ...", "User is solely responsible").

    Terms of service bind their reader as much as their author; a clause whose sentences open on
    the reader ("You must ...", "Each user is ...") sets the reader's duties, so adding or dropping
    it changes nothing the author is bound to. Only the subject position counts, after an opening
    condition ("If you report a bug, we will fix it" is the author's), and any sentence opening
    on the author makes the clause the author's.
    """
    authors = {p for p in lex.practice_authors if " " not in p}
    party: str | None = None
    for a in sides:
        for k in range(len(a.sentences)):
            tokens = [a.tokens[i] for i, s in enumerate(a.token_sent) if s == k]
            words = [t for t in tokens if t.isalpha()]
            if words and words[0] in lex.belief_subordinators and "," in tokens:
                tokens = tokens[tokens.index(",") + 1:]
                words = [t for t in tokens if t.isalpha()]
            words = [w for w in words if w not in _DETERMINERS]
            if not words:
                continue
            if words[0] in authors:
                return None
            if party is None and k == 0 and words[0] in lex.other_parties:
                party = words[0]
    return party


# words that may stand before a subject without changing whose it is ("each user", "the customer")
_DETERMINERS = frozenset({"the", "a", "an", "each", "every", "any", "all", "such"})


# verbs that open a glossary entry after its "Term:" label ("Deployment Mitigations: are measures ...")
_DEFINING = frozenset({"is", "are", "means", "mean", "refers", "refer", "indicates", "indicate", "denotes",
                       "describes"})


def _definition(sides: Sequence[Analysis]) -> str | None:
    """The term a clause defines, when it reads as a glossary entry ("Term: is / are / means ...")."""
    if not sides:
        return None
    a = sides[0]
    first = [i for i, k in enumerate(a.token_sent) if k == 0]
    for p, i in enumerate(first[:9]):
        if a.tokens[i] == ":" and p > 0 and p + 1 < len(first) and a.tokens[first[p + 1]] in _DEFINING:
            return a.text[a.offsets[first[0]][0]:a.offsets[i][0]].strip()
    return None


def binds_nobody(old: str, new: str, why: str, rule: str) -> Signal:
    """The evidence of a clause added or removed that changes nothing the author is bound to."""
    return Signal(SignalType.CLAUSE, Effect.CLARIFIED, old, new, why, rule, 0.0)


def first_words(text: str, n: int = 12) -> str:
    """The opening ``n`` words of a clause, to quote it in evidence."""
    words = text.split()
    return " ".join(words[:n]) + (" ..." if len(words) > n else "")


def whole_clause_signals(
    clauses: Sequence[Clause], sides: Sequence[Analysis], added: bool, lex: Lexicon
) -> list[Signal]:
    """The signal of a clause that appears (``added``) or disappears as a whole."""
    text = " ".join(c.text for c in clauses)
    quote = first_words(text)
    old, new = ("", quote) if added else (quote, "")
    part = next((h for c in clauses if (h := _nonbinding(c.path, lex.nonbinding_whole))), None)
    if part is not None and all(_nonbinding(c.path, lex.nonbinding_whole) for c in clauses):
        why = f"The clause is {'added' if added else 'removed'} under '{part}', a part that binds nobody."
        return [binds_nobody(old, new, why, "clause.nonbinding")]
    term = _definition(sides)
    # a definition that sets a number ("ASL-3: ... less than 1% of the training cost") is a bound
    if term is not None and not any(quantities(a, lex) for a in sides):
        why = f"The clause defines '{term}': a definition says what a word means, not what must be done."
        return [binds_nobody(old, new, why, "clause.definition")]
    party = addressee(sides, lex)
    if party is not None:
        why = f"The clause speaks to '{party}', not of the author: its duties and exceptions bind the reader."
        return [binds_nobody(old, new, why, "clause.addressee")]
    exc = _exception(sides, lex)
    if exc is not None:
        return [
            Signal(
                SignalType.EXCEPTION,
                Effect.WEAKENED if added else Effect.STRENGTHENED,
                old,
                new,
                f"The clause {'adds' if added else 'drops'} an exception to a commitment ('{exc}').",
                "clause.exception",
                lex.weight("exception_clause"),
            )
        ]
    modal = strongest(sides, lex)
    if modal is None:
        return _response_clause(sides, added, old, new, lex)
    weight = lex.weight("clause") * (1.0 if modal.rank >= 2 else 0.6)
    return [
        Signal(
            SignalType.CLAUSE,
            Effect.STRENGTHENED if added else Effect.WEAKENED,
            old,
            new,
            f"A {modal.rung} commitment ('{modal.text}') is {'added' if added else 'removed'}.",
            f"clause.{'added' if added else 'removed'}",
            weight,
        )
    ]


def _response_clause(
    sides: Sequence[Analysis], added: bool, old: str, new: str, lex: Lexicon
) -> list[Signal]:
    """A clause with no modal of the author that still names a response to a risk.

    "The response plan may involve putting deployment on hold until ..." commits nobody by its
    verb, yet it is the policy's statement of what happens when a threshold is crossed: removing
    it leaves the reader with less to hold the author to. It weighs as a permissive commitment.
    """
    hit = next((h for a in sides for h in (*a.family("consequence"), *a.family("gate"))), None)
    if hit is None:
        return []
    return [
        Signal(
            SignalType.CLAUSE,
            Effect.STRENGTHENED if added else Effect.WEAKENED,
            old,
            new,
            f"A response to a crossed threshold ('{hit.text}') is {'added' if added else 'removed'}.",
            f"clause.{'added' if added else 'removed'}.response",
            lex.weight("clause") * 0.6,
        )
    ]


def _nonbinding(path: Sequence[str], markers: Sequence[str]) -> str | None:
    """The first heading of ``path`` naming a part that binds nobody (see ``markers``)."""
    for heading in path:
        low = heading.lower()
        for marker in markers:
            if marker in low:
                return heading
    return None


def moved_signals(old: Sequence[Clause], new: Sequence[Clause], lex: Lexicon) -> list[Signal]:
    """Moving a clause into a part that does not bind the author weakens it."""
    old_nb = any(_nonbinding(c.path, lex.nonbinding_paths) for c in old)
    target = next((h for c in new if (h := _nonbinding(c.path, lex.nonbinding_paths))), None)
    if target is None or old_nb:
        return []
    return [
        Signal(
            SignalType.CLAUSE,
            Effect.WEAKENED,
            " > ".join(old[0].path) if old else "",
            " > ".join(new[0].path),
            f"The clause moves under '{target}', a part that does not bind the author.",
            "clause.moved_nonbinding",
            lex.weight("moved_nonbinding"),
        )
    ]
