"""Quantities: numbers with the kind of bound they set, normalised to comparable units.

What a larger number means depends on the kind of bound (rubric section 2): a longer interval
or a higher trigger weakens, a larger minimum strengthens. So each number is read together with
the cue in front of it ("every", "within", "at least", ...) and its unit ("3 months" and
"quarterly" are both 90 days; "6x" and "six-fold" are both a factor of 6). A number that gives
way to a vague word ("every 3 months" -> "routinely") weakens: the bound can no longer be checked.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from rspdiff.classify.lexicon import Lexicon, QuantityKind, load_lexicon
from rspdiff.classify.nlp import Analysis, analyse
from rspdiff.model import Effect, Signal, SignalType

_LOOKBACK = 4  # tokens in front of a number searched for its cue
_MAGNITUDE = "order of magnitude"  # the one unit that counts powers of ten


@dataclass(frozen=True)
class Quantity:
    kind: str
    dimension: str  # "day", "factor", "percent" or "count"
    low: float  # normalised to the dimension's base unit
    high: float
    text: str  # the words as written, cue included
    start: int = 0  # character span in the analysed text
    end: int = 0


def _number(tok: str, lex: Lexicon) -> tuple[float, str | None] | None:
    """The value of one token and an attached unit ("6x" -> 6, "x"), or None."""
    t = tok.lstrip("~≈<>")
    if t in lex.number_words:
        return lex.number_words[t], None
    unit: str | None = None
    if t.endswith(("x", "%")) and len(t) > 1:
        unit = t[-1]
        t = t[:-1]
    t = t.replace(",", "")
    try:
        return float(t), unit
    except ValueError:
        return None


def _unit(a: Analysis, i: int, lex: Lexicon) -> tuple[str | None, int]:
    """A unit starting at token i (skipping "-", "'s", "'"), and the index after it."""
    j = i
    while j < len(a.tokens) and a.tokens[j] in ("-", "'", "'s", "calendar", "business", "working"):
        j += 1
    if j < len(a.tokens):
        for cand in (a.lemmas[j], a.tokens[j]):
            if cand in lex.units:
                return cand, j + 1
        if j + 1 < len(a.tokens) and f"{a.tokens[j]} {a.lemmas[j + 1]}" in lex.units:
            return f"{a.tokens[j]} {a.lemmas[j + 1]}", j + 2
        if j + 2 < len(a.tokens) and f"{a.lemmas[j]} {a.tokens[j + 1]} {a.lemmas[j + 2]}" in lex.units:
            return f"{a.lemmas[j]} {a.tokens[j + 1]} {a.lemmas[j + 2]}", j + 3
    return None, i


def _cue(a: Analysis, i: int, kinds: Sequence[QuantityKind]) -> tuple[QuantityKind | None, int]:
    """The longest cue ending just before token i (within a few tokens), and where it starts."""
    best: tuple[QuantityKind | None, int, int] = (None, i, 0)
    window = a.tokens[max(0, i - _LOOKBACK - 3) : i]
    for kind in kinds:
        for cue in kind.cues:
            words = tuple(cue.split())
            if words[-1] not in window or len(words) <= best[2]:
                continue
            for end in range(i, max(-1, i - _LOOKBACK), -1):
                start = end - len(words)
                if start >= 0 and a.tokens[start:end] == words:
                    best = (kind, start, len(words))
                    break
    return best[0], best[1]


def _after(a: Analysis, end: int, kinds: Sequence[QuantityKind]) -> QuantityKind | None:
    """A cue that follows the number and its unit ("30 days' notice", "a 6x buffer")."""
    for kind in kinds:
        for cue in kind.after:
            words = cue.split()
            for at in (end, end + 1):
                if list(a.tokens[at : at + len(words)]) == words:
                    return kind
    return None


def _skip(a: Analysis, i: int, value: float, unit: str | None) -> bool:
    """Numbers that are labels, not bounds: "ASL-3", "Section 4", years."""
    prev = a.tokens[i - 1] if i > 0 else ""
    if prev == "-" and i > 1 and a.tokens[i - 2].isalpha():
        return True
    if prev in (
        "section",
        "sections",
        "appendix",
        "table",
        "figure",
        "step",
        "level",
        "version",
        "v",
        "tier",
    ):
        return True
    return unit is None and 1900 <= value <= 2100


def quantities(a: Analysis, lex: Lexicon) -> list[Quantity]:
    """Every bound stated in ``a`` (cached per text: several rules ask for the same clause)."""
    if lex is load_lexicon():
        return list(_cached(a.text))
    return _quantities(a, lex)


@functools.lru_cache(maxsize=8192)
def _cached(text: str) -> tuple[Quantity, ...]:
    return tuple(_quantities(analyse(text), load_lexicon()))


def _quantities(a: Analysis, lex: Lexicon) -> list[Quantity]:
    """Every bound stated in ``a``: numbers with a unit or a cue, and frequency words."""
    kinds = {k.name: k for k in lex.quantity_kinds}
    out: list[Quantity] = []
    i = 0
    n = len(a.tokens)
    while i < n:
        tok = a.tokens[i]
        if tok in lex.frequency_words:
            dim, size = lex.frequency_words[tok]
            out.append(Quantity("cadence", dim, size, size, a.quote(i, i + 1), *_span(a, i, i + 1)))
            i += 1
            continue
        parsed = _number(tok, lex)
        if parsed is None or (tok in ("a", "an", "one", "single") and _unit(a, i + 1, lex)[0] is None):
            i += 1
            continue
        value, unit = parsed
        low = high = value
        end = i + 1
        # a range "2-8 hours" or "2 to 8 hours"
        if end + 1 < n and a.tokens[end] in ("-", "to") and (nxt := _number(a.tokens[end + 1], lex)):
            high, unit = nxt[0], unit or nxt[1]
            end += 2
        if unit is None:
            unit, end = _unit(a, end, lex) if _unit(a, end, lex)[0] else (None, end)
        if _skip(a, i, value, unit):
            i = end
            continue
        kind, start = _cue(a, i, list(kinds.values()))
        after = _after(a, end, lex.quantity_kinds)
        if after is not None:
            kind = after
        if kind is None and unit is None:
            i = end
            continue
        dim, size = lex.units[unit] if unit else ("count", 1.0)
        if kind is None or (kind.name == "minimum" and dim == "day" and "every" in a.tokens[start:i]):
            kind = (
                kinds["cadence"]
                if dim == "day" and "every" in a.tokens[max(0, i - _LOOKBACK) : i]
                else (kind or kinds["threshold"])
            )
        if unit == _MAGNITUDE:  # "two orders of magnitude" is 10 ** 2, not 2 x 10
            low, high, size = 10.0 ** low, 10.0 ** high, 1.0
        out.append(
            Quantity(kind.name, dim, low * size, high * size, a.quote(start, end), *_span(a, start, end))
        )
        i = end
    return out


def _span(a: Analysis, i: int, j: int) -> tuple[int, int]:
    return a.offsets[i][0], a.offsets[j - 1][1]


def _compare(o: Quantity, n: Quantity) -> int:
    """-1 smaller, 0 same, 1 larger (both ends of a range must agree)."""
    tol = 0.02
    lo = 0 if abs(n.low - o.low) <= tol * max(o.low, 1e-9) else (1 if n.low > o.low else -1)
    hi = 0 if abs(n.high - o.high) <= tol * max(o.high, 1e-9) else (1 if n.high > o.high else -1)
    if lo == hi or hi == 0:
        return lo
    if lo == 0:
        return hi
    return 0


def _fmt(q: Quantity) -> str:
    return q.text


def quantity_signals(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> list[Signal]:
    """Compare the bounds of each kind and dimension found on the two sides."""
    kinds = {k.name: k for k in lex.quantity_kinds}
    oq = [q for a in old for q in quantities(a, lex)]
    nq = [q for a in new for q in quantities(a, lex)]
    signals: list[Signal] = []
    groups = sorted({(q.kind, q.dimension) for q in oq + nq})
    for key in groups:
        os_ = [q for q in oq if (q.kind, q.dimension) == key]
        ns = [q for q in nq if (q.kind, q.dimension) == key]
        kind = kinds[key[0]]
        if os_ and ns:
            if len(os_) != len(ns):
                continue
            o_sorted = sorted(os_, key=lambda q: (q.low, q.high))
            n_sorted = sorted(ns, key=lambda q: (q.low, q.high))
            for o, n in zip(o_sorted, n_sorted, strict=True):
                cmp = _compare(o, n)
                if cmp == 0:
                    continue
                larger = kind.larger
                direction = larger if cmp > 0 else _mirror(larger)
                signals.append(
                    Signal(
                        type=SignalType.QUANTITY,
                        direction=direction,
                        old=_fmt(o),
                        new=_fmt(n),
                        explanation=(
                            f"The {kind.describe} goes {'up' if cmp > 0 else 'down'} from "
                            f"'{o.text}' to '{n.text}', which binds the author to "
                            f"{'less' if direction is Effect.WEAKENED else 'more'}."
                        ),
                        rule=f"quantity.{kind.name}",
                        weight=lex.weight("quantity"),
                    )
                )
    signals.extend(_vague(old, new, oq, nq, lex))
    signals.extend(_frequency(old, new, lex))
    return signals


def _most_often(sides: Sequence[Analysis]) -> tuple[int, str]:
    """The highest rung of the vague how-often ladder named on a side, and its words."""
    best = (0, "")
    for a in sides:
        for h in a.families("frequency:"):
            rank = int(h.family.split(":", 1)[1])
            if rank > best[0]:
                best = (rank, h.text)
    return best


def _frequency(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> list[Signal]:
    """ "continually" -> "periodically": no number on either side, yet done less often.

    Only when both sides name a vague frequency: a number on one side is the job of the rules
    above, and a frequency word that simply disappears may have moved into another sentence.
    """
    (o_rank, o_text), (n_rank, n_text) = _most_often(old), _most_often(new)
    if not o_rank or not n_rank or o_rank == n_rank:
        return []
    less = n_rank < o_rank
    return [
        Signal(
            SignalType.QUANTITY,
            Effect.WEAKENED if less else Effect.STRENGTHENED,
            o_text,
            n_text,
            f"'{o_text}' becomes '{n_text}': the duty is done {'less' if less else 'more'} often.",
            "quantity.frequency",
            lex.weight("frequency"),
        )
    ]


def _mirror(effect: Effect) -> Effect:
    return Effect.STRENGTHENED if effect is Effect.WEAKENED else Effect.WEAKENED


def _vague(
    old: Sequence[Analysis], new: Sequence[Analysis], oq: list[Quantity], nq: list[Quantity], lex: Lexicon
) -> list[Signal]:
    """A number replaced by a vague word weakens; a vague word replaced by a number strengthens."""
    ov = {h.key: h.text for a in old for h in a.family("vague")}
    nv = {h.key: h.text for a in new for h in a.family("vague")}
    out: list[Signal] = []
    lost = [q for q in oq if (q.kind, q.dimension) not in {(n.kind, n.dimension) for n in nq}]
    gained = [q for q in nq if (q.kind, q.dimension) not in {(o.kind, o.dimension) for o in oq}]
    new_vague = sorted(set(nv) - set(ov))
    old_vague = sorted(set(ov) - set(nv))
    if lost and new_vague and not gained:
        out.append(
            Signal(
                SignalType.QUANTITY,
                Effect.WEAKENED,
                lost[0].text,
                nv[new_vague[0]],
                f"The checkable bound '{lost[0].text}' gives way to the vaguer '{nv[new_vague[0]]}'.",
                "quantity.vague",
                lex.weight("vague_quantity"),
            )
        )
    elif gained and old_vague and not lost:
        out.append(
            Signal(
                SignalType.QUANTITY,
                Effect.STRENGTHENED,
                ov[old_vague[0]],
                gained[0].text,
                f"The vague '{ov[old_vague[0]]}' is replaced by the checkable bound '{gained[0].text}'.",
                "quantity.vague",
                lex.weight("vague_quantity"),
            )
        )
    elif not out and oq and not nq:
        out.append(_anchor(Effect.WEAKENED, oq[0], lex))
    elif not out and nq and not oq:
        out.append(_anchor(Effect.STRENGTHENED, nq[0], lex))
    return out


def _anchor(direction: Effect, q: Quantity, lex: Lexicon) -> Signal:
    """Every number of one side is gone from the other: the bound can no longer be checked (or now can)."""
    lost = direction is Effect.WEAKENED
    # a bound on the author's own conduct (how often, how soon, how much at least) is a commitment
    # in itself and weighs as a quantity change; a bare trigger number is weighed as specificity
    weight = lex.weight("quantity") if q.kind in _DUTY_BOUNDS else lex.weight("anchor")
    return Signal(
        SignalType.SPECIFICITY,
        direction,
        q.text if lost else "",
        "" if lost else q.text,
        f"The checkable bound '{q.text}' is "
        + ("dropped; no number is left." if lost else "added where none was."),
        "specificity.anchor",
        weight,
    )


_DUTY_BOUNDS = frozenset({"cadence", "deadline", "notice", "minimum"})
