"""Aggregation: many signals -> one effect and a confidence (rubric, "Aggregating").

Signals are summed by direction. Several small signals of one family (say, three hedge words)
are capped at twice the family's weight so a long rewording cannot outvote one real change by
sheer word count. One-way evidence gives that effect; two-way evidence goes to the clearly
heavier side, or to mixed when neither dominates. Confidence falls with conflict and with weak
alignment of the two sides.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rspdiff.classify.lexicon import Lexicon
from rspdiff.model import Effect, Judgement, Signal, SignalType


def totals(signals: Sequence[Signal]) -> dict[Effect, float]:
    """Weight per direction, each (family, direction) capped at twice its largest signal."""
    by: dict[tuple[SignalType, Effect], list[float]] = defaultdict(list)
    for s in signals:
        by[(s.type, s.direction)].append(s.weight)
    out = {Effect.WEAKENED: 0.0, Effect.STRENGTHENED: 0.0}
    for (_, direction), weights in by.items():
        if direction in out:
            out[direction] += min(sum(weights), 2 * max(weights))
    return out


def aggregate(signals: Sequence[Signal], lex: Lexicon, score: float = 1.0) -> Judgement:
    """The effect of a change from its signals, per the rubric's aggregation rules."""
    align = 0.5 + 0.5 * max(0.0, min(1.0, score))
    ordered = tuple(sorted(signals, key=lambda s: (-s.weight, s.type.value, s.direction.value, s.rule)))
    t = totals(signals)
    w, s = t[Effect.WEAKENED], t[Effect.STRENGTHENED]
    if w == 0 and s == 0:
        return Judgement(Effect.CLARIFIED, round(lex.no_signal_confidence * align, 3), ordered)
    heavy, light = max(w, s), min(w, s)
    if light == 0:
        effect = Effect.WEAKENED if w > 0 else Effect.STRENGTHENED
        conf = lex.one_way_confidence * min(1.0, 0.7 + 0.15 * heavy)
    elif heavy >= lex.dominance * light:
        effect = Effect.WEAKENED if w > s else Effect.STRENGTHENED
        conf = lex.one_way_confidence * (1 - 0.5 * light / heavy)
    else:
        effect = Effect.MIXED
        conf = lex.one_way_confidence * (0.4 + 0.3 * (1 - light / heavy))
    return Judgement(effect, round(min(1.0, conf * align), 3), ordered)
