"""Conditions of an allowance: the cases in which the author lets itself off a commitment.

"We will allow X for vetted users" is an exception to a refusal; "... for vetted users, or if the
information is already public" lets the author off in one more case (rubric 3: a broader
condition under which a commitment may be suspended weakens, even when the commitment's own
words are untouched). An extra "or if" in a sentence that imposes a duty ("we will pause if A,
or if B") widens the duty instead, so only sentences with an allowance word count.
"""

from __future__ import annotations

from collections.abc import Sequence

from rspdiff.classify.lexicon import Lexicon
from rspdiff.classify.nlp import Analysis, Hit
from rspdiff.model import Effect, Signal, SignalType


def _alternatives(sides: Sequence[Analysis]) -> list[Hit]:
    """Alternative conditions ("or if") in sentences that grant an allowance."""
    out: list[Hit] = []
    for a in sides:
        allowing = {h.sent for h in a.family("allowance")}
        out.extend(h for h in a.family("alternative") if h.sent in allowing)
    return out


def allowance_signals(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> list[Signal]:
    """One more alternative condition on an allowance weakens; one fewer strengthens."""
    o, n = _alternatives(old), _alternatives(new)
    if len(n) == len(o):
        return []
    wider = len(n) > len(o)
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
