"""Conditions of an allowance: the cases in which the author lets itself off a commitment.

"We will allow X for vetted users" is an exception to a refusal; "... for vetted users, or if the
information is already public" lets the author off in one more case (rubric 3: a broader
condition under which a commitment may be suspended weakens, even when the commitment's own
words are untouched). The same "or if" widens a *duty* instead ("we will pause if A, or if B"),
so an alternative counts only when it belongs to an allowance:

- it comes after the allowance word, in the same clause (an "or if" before "unless" is one more
  trigger of the duty, not one more exception);
- the allowance is not negated: "we will not allow X if A, or if B" widens a prohibition;
- an allowance noun or verb governed by a binding duty to do something else is the duty's
  object, not a permission: "we will report every exception when it is granted, or when the
  board asks" widens the reporting duty. (The conjunctions "unless" / "except" open an
  exception whatever verb comes before them.)

A signal needs the count of alternatives itself to differ between the sides: when both sides
say "or if B" and only the allowance word is new, the exception rule already reports that word.
"""

from __future__ import annotations

from collections.abc import Sequence

from rspdiff.classify.duties import duties
from rspdiff.classify.lexicon import Lexicon
from rspdiff.classify.nlp import Analysis, Hit
from rspdiff.model import Effect, Signal, SignalType


def _token_before(a: Analysis, start: int) -> str:
    """The lower-cased token just before character ``start`` ("" at the start of the text)."""
    prev = [i for i, (_, e) in enumerate(a.offsets) if e <= start]
    return a.tokens[prev[-1]] if prev else ""


def _grants(a: Analysis, h: Hit, lex: Lexicon) -> bool:
    """Whether allowance hit ``h`` lets the author off something (see the module docstring)."""
    if _token_before(a, h.start) in lex.allowance_negators:
        return False
    if h.key in lex.allowance_conjunctions:
        return True
    allowing = {w for w in lex.allowances if " " not in w}
    return not any(
        d.start < h.start and d.verb not in allowing
        for d in duties(a, lex)
        if a.sentences[h.sent].start <= d.start
    )


def _clause_end(a: Analysis, h: Hit) -> int:
    """Where the clause of ``h`` ends: the next semicolon of its sentence, or the sentence end."""
    sent = a.sentences[h.sent]
    semi = a.text.find(";", h.end, sent.end)
    return semi if semi >= 0 else sent.end


def _alternatives(sides: Sequence[Analysis], lex: Lexicon) -> list[Hit]:
    """Alternative conditions ("or if") that extend an allowance of their clause."""
    out: list[Hit] = []
    for a in sides:
        spans = [(h.end, _clause_end(a, h)) for h in a.family("allowance") if _grants(a, h, lex)]
        out.extend(h for h in a.family("alternative") if any(b <= h.start < e for b, e in spans))
    return out


def allowance_signals(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> list[Signal]:
    """One more alternative condition on an allowance weakens; one fewer strengthens."""
    o, n = _alternatives(old, lex), _alternatives(new, lex)
    if len(n) == len(o):
        return []
    wider = len(n) > len(o)
    # the alternatives of the whole side must change the same way: an allowance word that now
    # governs an "or if" both sides had is a new exception, reported by the exception rule
    o_all = sum(len(a.family("alternative")) for a in old)
    n_all = sum(len(a.family("alternative")) for a in new)
    if (n_all > o_all) != wider or n_all == o_all:
        return []
    h = n[len(o)] if wider else o[len(n)]
    return [
        Signal(
            SignalType.EXCEPTION,
            Effect.WEAKENED if wider else Effect.STRENGTHENED,
            "" if wider else h.text,
            h.text if wider else "",
            f"The allowance {'gains' if wider else 'loses'} an alternative condition ('{h.text}'): "
            f"the author is let off in {'more' if wider else 'fewer'} cases.",
            "condition.allowance",
            lex.weight("allowance"),
        )
    ]
