"""Phrase families compared across the two sides: hedges, intensifiers, scope, oversight,
disclosure and specificity.

Each family is a lexicon list matched by lemma; a phrase that appears more often on one side
than the other was added or removed, and the family says which way that points. Comparing
counts of the same lemma key (rather than raw strings) is what keeps pure rewording, reordering
and typography from producing any signal: the same phrases on both sides cancel out.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence

from rspdiff.classify.disclaimers import is_disclaimer
from rspdiff.classify.lexicon import Lexicon, load_lexicon
from rspdiff.classify.nlp import Analysis, Hit, longest
from rspdiff.model import Effect, Signal, SignalType


def _hits(sides: Sequence[Analysis], family: str) -> list[Hit]:
    hits = [h for a in sides for h in longest(a.family(family)) if not _inside_quantity(a, h, family)]
    if family in _DUTY_FAMILIES:
        hits = [h for a in sides for h in hits if h in a.hits and _committed(a, h) and not _described(a, h)]
    if family == "exception":
        hits = [h for a in sides for h in hits if h in a.hits and not _binding_concession(a, h)]
    if family == "scope":
        hits = [h for a in sides for h in hits if h in a.hits and not _illustrative(a, h)]
    if family in ("scope", "intensifier"):
        hits = [h for a in sides for h in hits if h in a.hits and not _compared_or_negated(a, h)]
    if family == "intensifier":  # "third-party applications" names a product, not a check
        hits = [h for a in sides for h in hits if h in a.hits and not _inside(a, h, "not_review")]
        hits = [h for a in sides for h in hits if h in a.hits and not _superlative(a, h)]
    if family in _MASKED_BY_HEDGES:
        hits = [h for a in sides for h in hits if h in a.hits and not _inside_hedge(a, h)]
    if family == "hedge":
        hits = [h for a in sides for h in hits if h in a.hits and not _inside(a, h, "not_hedge")]
    if family == "disclaimer":
        lex = load_lexicon()
        hits = [h for a in sides for h in hits if h in a.hits and is_disclaimer(a, h, lex)]
    return hits


def _superlative(a: Analysis, h: Hit) -> bool:
    """ "most" as a superlative ("the most capable models", "most likely"), not "most of the risk"."""
    if h.key != "most":
        return False
    at = next((i for i, (b, _e) in enumerate(a.offsets) if b == h.start), None)
    if at is None:
        return True
    prev = a.tokens[at - 1] if at > 0 else ""
    nxt = a.tokens[at + 1] if at + 1 < len(a.tokens) else ""
    # ... nor "Most CCLs define ...", a share of the sentence's subject
    opening = at == 0 or a.token_sent[at - 1] != a.token_sent[at] or not prev.isalpha()
    return opening or prev in ("the", "our", "its", "their", "at") or nxt.endswith("ly") or nxt in (
        "important", "recent")


def _compared_or_negated(a: Analysis, h: Hit) -> bool:
    """``h`` names a comparison base or something excluded, not what a commitment covers.

    "more capable than all models we have analysed" widens the base a trigger is compared with
    (it fires less often), and "not internal deployment" excludes: in both the word points the
    other way from coverage, so it is no evidence of wider scope or a firmer anchor.
    """
    before = [i for i, (b, _e) in enumerate(a.offsets) if b < h.start and a.token_sent[i] == h.sent]
    return any(a.tokens[i] in ("than", "not") for i in before[-2:])


def _inside(a: Analysis, h: Hit, family: str) -> bool:
    """``h`` lies within a hit of ``family`` in the same text (a longer phrase that disarms it)."""
    return any(n.start <= h.start and h.end <= n.end for n in a.family(family))


def _illustrative(a: Analysis, h: Hit) -> bool:
    """A term after "such as" / "e.g." names an example, not what is covered.

    The examples run to the closing parenthesis (when the marker sits inside one: a parenthesis
    opened after the marker is part of the examples) or semicolon after the marker, or else to the
    end of the sentence: in "people with basic skills (e.g., a degree) create CBRN weapons" the
    weapons are what the threshold covers, not an example.
    """
    for m in a.family("example"):
        if m.sent != h.sent or m.end > h.start:
            continue
        in_parens = a.text.rfind("(", 0, m.start) > a.text.rfind(")", 0, m.start)
        close = a.text.find(")", m.end) if in_parens else -1
        stop = min((i for i in (close, a.text.find(";", m.end)) if i >= 0), default=-1)
        if stop < 0 or h.start < stop:
            return True
    return False


# Concessions that bind the author harder when the sentence binds: "we will acknowledge X even if
# Y" holds the author to X in more cases, not fewer. In a weaker sentence they still open a door.
_CONCESSIONS = frozenset({"even if", "even when", "even though"})


def _binding_concession(a: Analysis, h: Hit) -> bool:
    from rspdiff.classify.lexicon import load_lexicon
    from rspdiff.classify.modality import BINDING, sentence_modals

    if h.key not in _CONCESSIONS:
        return False
    modals = sentence_modals(a, load_lexicon())
    m = modals[h.sent] if h.sent < len(modals) else None
    return m is not None and m.rank >= BINDING


# A judgment word or a measure inside a hedge is part of the hedge ("where appropriate",
# "where required"): the hedge family compares it, so it must not count a second time.
_MASKED_BY_HEDGES = frozenset({"judgment", "concrete"})


def _inside_hedge(a: Analysis, h: Hit) -> bool:
    return any(g.start <= h.start and h.end <= g.end and g is not h for g in a.family("hedge"))


def _described(a: Analysis, h: Hit) -> bool:
    """A disclosure word inside a phrase that only describes a thing ("publicly available models")."""
    return any(
        n.start <= h.start and h.end <= n.end and (h.end - h.start) <= (n.end - n.start)
        for n in a.family("not_disclosure")
    )


# Families that name a duty only when a sentence commits someone to it: "publicly available
# models" or "a public report exists" is background, "we will publish" is a duty.
_DUTY_FAMILIES = frozenset({"disclosure"})


def _committed(a: Analysis, h: Hit) -> bool:
    from rspdiff.classify.lexicon import load_lexicon
    from rspdiff.classify.modality import sentence_modals

    modals = sentence_modals(a, load_lexicon())
    return h.sent < len(modals) and modals[h.sent] is not None


def _inside_quantity(a: Analysis, h: Hit, family: str) -> bool:
    """ "every" in "every 3 months" is part of a bound, compared by the quantity rules instead."""
    if family != "intensifier":
        return False
    from rspdiff.classify.lexicon import load_lexicon
    from rspdiff.classify.quantity import quantities

    return any(q.start <= h.start and h.end <= q.end for q in quantities(a, load_lexicon()))


def diff(old: Sequence[Analysis], new: Sequence[Analysis], family: str) -> tuple[list[Hit], list[Hit]]:
    """Hits of ``family`` added in ``new`` and removed from ``old`` (one per surplus key)."""
    oh, nh = _hits(old, family), _hits(new, family)
    oc, nc = Counter(h.key for h in oh), Counter(h.key for h in nh)
    added = [next(h for h in nh if h.key == k) for k in sorted(nc) if nc[k] > oc[k]]
    removed = [next(h for h in oh if h.key == k) for k in sorted(oc) if oc[k] > nc[k]]
    return added, removed


def _pair(
    old: Sequence[Analysis],
    new: Sequence[Analysis],
    family: str,
    type_: SignalType,
    when_added: Effect,
    rule: str,
    weight: float,
    what: str,
) -> list[Signal]:
    added, removed = diff(old, new, family)
    other = Effect.STRENGTHENED if when_added is Effect.WEAKENED else Effect.WEAKENED
    out = [
        Signal(type_, when_added, "", h.text, f"Adds {what} '{h.text}'.", f"{rule}:{h.key}", weight)
        for h in added
    ]
    out += [
        Signal(type_, other, h.text, "", f"Drops {what} '{h.text}'.", f"{rule}:{h.key}", weight)
        for h in removed
    ]
    return out


def _presence(
    old: Sequence[Analysis],
    new: Sequence[Analysis],
    family: str,
    type_: SignalType,
    when_added: Effect,
    rule: str,
    weight: float,
    what: str,
) -> list[Signal]:
    """A signal only when one side has the family and the other has none of it at all.

    Used for families whose members are near-synonyms ("Board" / "Board of Directors",
    "report" / "publish"): swapping one for another is rewording, not a change of duty.
    """
    oh, nh = _hits(old, family), _hits(new, family)
    if oh and not nh:
        other = Effect.STRENGTHENED if when_added is Effect.WEAKENED else Effect.WEAKENED
        return [
            Signal(
                type_, other, oh[0].text, "", f"Drops {what} '{oh[0].text}'.", f"{rule}:{oh[0].key}", weight
            )
        ]
    if nh and not oh:
        return [
            Signal(
                type_,
                when_added,
                "",
                nh[0].text,
                f"Adds {what} '{nh[0].text}'.",
                f"{rule}:{nh[0].key}",
                weight,
            )
        ]
    return []


def hedge_signals(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> list[Signal]:
    exceptions = _pair(
        old,
        new,
        "exception",
        SignalType.EXCEPTION,
        Effect.WEAKENED,
        "exception",
        lex.weight("exception"),
        "the exception",
    )
    keys = {s.rule.split(":", 1)[1] for s in exceptions}
    hedges = _pair(
        old,
        new,
        "hedge",
        SignalType.HEDGE,
        Effect.WEAKENED,
        "hedge",
        lex.weight("hedge"),
        "the hedge or escape hatch",
    )
    hedges = [s for s in hedges if s.rule.split(":", 1)[1] not in keys]
    disclaimers = _pair(
        old,
        new,
        "disclaimer",
        SignalType.HEDGE,
        Effect.WEAKENED,
        "hedge.disclaimer",
        lex.weight("disclaimer"),
        "the disclaimer",
    )
    return exceptions + _net(hedges) + _net(disclaimers)


def _net(signals: list[Signal]) -> list[Signal]:
    """Only the surplus of one direction: one hedge swapped for another is a rewording.

    "where required" -> "where appropriate" keeps one escape hatch on each side; only a side
    with more of them than the other leaves the author more (or less) room.
    """
    weak = [s for s in signals if s.direction is Effect.WEAKENED]
    strong = [s for s in signals if s.direction is Effect.STRENGTHENED]
    n = min(len(weak), len(strong))
    return weak[n:] + strong[n:]


def intensifier_signals(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> list[Signal]:
    return _pair(
        old,
        new,
        "intensifier",
        SignalType.INTENSIFIER,
        Effect.STRENGTHENED,
        "intensifier",
        lex.weight("intensifier"),
        "the anchor",
    )


@functools.cache
def _lemma_key(phrase: str) -> str:
    """The lemma key a phrase of the lexicon gets when it is matched in a text."""
    from rspdiff.classify.nlp import analyse, plain

    return " ".join(analyse(plain(phrase)).lemmas)


def _covered(sides: Sequence[Analysis], lex: Lexicon) -> dict[str, Hit]:
    """What a side's scope terms cover, umbrella terms expanded: member key -> the words that named it."""
    expands = {_lemma_key(k): tuple(_lemma_key(m) for m in v) for k, v in lex.scope_expands.items()}
    out: dict[str, Hit] = {}
    for h in _hits(sides, "scope"):
        for member in expands.get(h.key, (h.key,)):
            out.setdefault(member, h)
    return out


def gate_signals(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> list[Signal]:
    """A condition the gated action must wait for ("only after", "before deployment"): added binds more.

    A gate whose condition is the author's own judgment ("proceed only if the risks are
    acceptable") weighs less than one an outsider can check (rubric 7), by the lexicon's
    [gate.judgment] factor: it still holds the act back, but only as far as the author judges.
    """
    added, removed = diff(old, new, "gate")
    # one gate worded another way ("before deployment" -> "before deploying") is a rewording
    n = min(len(added), len(removed))
    added, removed = added[n:], removed[n:]
    out: list[Signal] = []
    for hits, sides, direction in ((added, new, Effect.STRENGTHENED), (removed, old, Effect.WEAKENED)):
        posthoc = direction is Effect.WEAKENED and _posthoc(old, new, lex)
        for h in hits:
            judged = _judged_gate(sides, h)
            weight = lex.weight("gate") * (lex.gate_judgment_factor if judged else 1.0)
            verb = "Adds" if direction is Effect.STRENGTHENED else "Drops"
            what = "the gate, on a judgment," if judged else "the gate"
            if posthoc and not judged:
                weight = lex.weight("gate") * lex.gate_posthoc_factor
                out.append(
                    Signal(
                        SignalType.INTENSIFIER,
                        Effect.WEAKENED,
                        h.text,
                        posthoc,
                        f"The precondition '{h.text}' gives way to after-the-fact timing ('{posthoc}').",
                        f"gate.posthoc:{h.key}",
                        weight,
                    )
                )
                continue
            out.append(
                Signal(
                    SignalType.INTENSIFIER,
                    direction,
                    "" if direction is Effect.STRENGTHENED else h.text,
                    h.text if direction is Effect.STRENGTHENED else "",
                    f"{verb} {what} '{h.text}'.",
                    f"{'gate.judgment' if judged else 'gate'}:{h.key}",
                    weight,
                )
            )
    return out


def _posthoc_markers(a: Analysis, lex: Lexicon) -> list[Hit]:
    """The after-the-fact timing words of ``a`` ("following approval", "after the launch").

    Matched on the words as written ("following" as a verb is no marker); one inside a gate
    ("only after") is the gate itself, and "the following safeguards" / "as follows: ..." name
    what comes next in the text, not in time.
    """
    markers = set(lex.posthoc_markers)
    gates = a.family("gate")
    out: list[Hit] = []
    for h in a.family("posthoc"):
        if h.text.lower() not in markers or any(g.start <= h.start and h.end <= g.end for g in gates):
            continue
        before = [i for i, (_, e) in enumerate(a.offsets) if e <= h.start]
        after = [i for i, (b, _) in enumerate(a.offsets) if b >= h.end]
        if before and a.tokens[before[-1]] in lex.posthoc_not_after:
            continue
        if after and a.tokens[after[0]] == ":":
            continue
        out.append(h)
    return out


def _posthoc(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> str:
    """The first after-the-fact timing word new in ``new`` (as written), or "".

    Only a marker the old side did not already have counts: an "After that, we will inform the
    board" on both sides did not replace the dropped gate.
    """
    had = Counter(h.text.lower() for a in old for h in _posthoc_markers(a, lex))
    seen: Counter[str] = Counter()
    for a in new:
        for h in _posthoc_markers(a, lex):
            seen[h.text.lower()] += 1
            if seen[h.text.lower()] > had[h.text.lower()]:
                return h.text
    return ""


# where a gate's condition ends: "deploy only if the risks are acceptable, and publish ..."
_CLAUSE_ENDS = (",", ";", ":", " and ", " or ")


def _judged_gate(sides: Sequence[Analysis], h: Hit) -> bool:
    """The gate's condition (the words after it, up to the end of its clause) rests on a judgment."""
    for a in sides:
        if h in a.hits:
            sent = a.sentences[h.sent]
            ends = [i for i in (a.text.find(e, h.end, sent.end) for e in _CLAUSE_ENDS) if i >= 0]
            stop = min(ends, default=sent.end)
            return any(h.end <= j.start < stop for j in _hits([a], "judgment"))
    return False


def consequence_signals(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> list[Signal]:
    """Stopping, pausing or delaying as the response to a crossed threshold: dropped, it weakens.

    Compared by presence, so "pause training" -> "halt training" is a rewording.
    """
    return _presence(
        old,
        new,
        "consequence",
        SignalType.MODALITY,
        Effect.STRENGTHENED,
        "consequence",
        lex.weight("consequence"),
        "the consequence",
    )


def scope_signals(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> list[Signal]:
    """Scope as a set of covered members: a member named on one side only widens or narrows it.

    Compared by presence, not count, so mentioning a covered domain twice in a rewording is not a
    wider scope; umbrella terms are expanded, so "CBRN" -> "chemical, biological, radiological and
    nuclear" is a rewording while "CBRN" -> "chemical and biological" narrows the scope.
    """
    o, n = _covered(old, lex), _covered(new, lex)
    w = lex.weight("scope")
    qualified = {_lemma_key(t) for t in lex.scope_qualified}
    flipped = [k for k in sorted(set(n) ^ set(o)) if k in qualified and _plain_head_moves(old, new, k)]
    for k in flipped:
        o.pop(k, None)
        n.pop(k, None)
    out = _qualified_signals(old, new, flipped, w)
    out += [
        Signal(
            SignalType.SCOPE,
            Effect.STRENGTHENED,
            "",
            n[k].text,
            f"Adds '{k}' to the covered scope ('{n[k].text}').",
            f"scope:{k}",
            w,
        )
        for k in sorted(set(n) - set(o))
    ]
    out += [
        Signal(
            SignalType.SCOPE,
            Effect.WEAKENED,
            o[k].text,
            "",
            f"Drops '{k}' from the covered scope ('{o[k].text}').",
            f"scope:{k}",
            w,
        )
        for k in sorted(set(o) - set(n))
    ]
    out += _pair(
        old,
        new,
        "exclusion",
        SignalType.SCOPE,
        Effect.WEAKENED,
        "scope.exclusion",
        lex.weight("exclusion"),
        "the restriction",
    )
    return out


def _plain(sides: Sequence[Analysis], key: str, qualifiers: frozenset[str]) -> int:
    """How often the head noun of ``key`` ("deployment" of "internal deployment") stands unqualified.

    "external release" is no plain "release" either: a head right after any restricting word of
    the lexicon's [scope.qualified] qualifiers is qualified.
    """
    head = key.split()[-1]
    n = 0
    for a in sides:
        for i, lemma in enumerate(a.lemmas):
            if lemma == head and not (i > 0 and a.lemmas[i - 1] in qualifiers):
                n += 1
    return n


def _plain_head_moves(old: Sequence[Analysis], new: Sequence[Analysis], key: str) -> bool:
    """The plain head noun is on the side without the qualified term more often than on the other."""
    o_has = any(h.key == key for h in _hits(old, "scope"))
    with_q, without_q = (old, new) if o_has else (new, old)
    qualifiers = frozenset(load_lexicon().scope_qualifiers) | {w for w in key.split()[:-1]}
    return _plain(without_q, key, qualifiers) > _plain(with_q, key, qualifiers)


def _qualified_signals(
    old: Sequence[Analysis], new: Sequence[Analysis], keys: list[str], w: float
) -> list[Signal]:
    """ "in deployments" -> "in internal deployments": the qualifier narrows what is covered.

    A qualified scope term ("internal deployment") that takes the place of its plain head noun
    ("deployment") covers less, not more: the plain word covered every kind. Its removal, with
    the plain word left in its place, widens the scope again.
    """
    out: list[Signal] = []
    for k in keys:
        narrowed = any(h.key == k for h in _hits(new, "scope"))
        side = new if narrowed else old
        text = next(h.text for h in _hits(side, "scope") if h.key == k)
        out.append(
            Signal(
                SignalType.SCOPE,
                Effect.WEAKENED if narrowed else Effect.STRENGTHENED,
                "" if narrowed else text,
                text if narrowed else "",
                f"'{text}' {'narrows' if narrowed else 'no longer narrows'} the plain '{k.split()[-1]}'"
                f" {'it replaces' if narrowed else 'left in its place'}.",
                f"scope.{'narrowed' if narrowed else 'widened'}:{k}",
                w,
            )
        )
    return out


def oversight_signals(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> list[Signal]:
    """Move along each oversight ladder (approval > consultation > informed; external > internal)."""
    out: list[Signal] = []
    for ladder in lex.ladders:

        def top(sides: Sequence[Analysis], name: str = ladder.name) -> tuple[int, str]:
            best = (0, "")
            for a in sides:
                bodies = {o.sent for o in a.family("officer")}
                for h in a.families(f"ladder:{name}:"):
                    if name == "decision" and h.sent not in bodies:
                        continue
                    if any(n.start <= h.start and h.end <= n.end for n in a.family("not_review")):
                        continue
                    rank = int(h.family.rsplit(":", 1)[1])
                    if rank > best[0]:
                        best = (rank, h.text)
            return best

        (o_rank, o_text), (n_rank, n_text) = top(old), top(new)
        if o_rank != n_rank:
            up = n_rank > o_rank
            out.append(
                Signal(
                    SignalType.OVERSIGHT,
                    Effect.STRENGTHENED if up else Effect.WEAKENED,
                    o_text,
                    n_text,
                    f"The {ladder.describe} moves {'up' if up else 'down'} from "
                    f"'{o_text or 'none'}' to '{n_text or 'none'}'.",
                    f"oversight.{ladder.name}",
                    lex.weight("oversight"),
                )
            )
    out += _presence(
        old,
        new,
        "officer",
        SignalType.OVERSIGHT,
        Effect.STRENGTHENED,
        "oversight.officer",
        lex.weight("oversight") * 0.6,
        "the accountable body",
    )
    out += _presence(
        old,
        new,
        "disclosure",
        SignalType.OVERSIGHT,
        Effect.STRENGTHENED,
        "disclosure",
        lex.weight("disclosure"),
        "the disclosure duty",
    )
    return out


def specificity_signals(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> list[Signal]:
    """A judgment standing where a checkable measure stood weakens; the reverse strengthens."""
    j_added, j_removed = diff(old, new, "judgment")
    c_added, c_removed = diff(old, new, "concrete")
    hedges = {h.key for a in list(old) + list(new) for h in a.family("hedge")}
    j_added = [h for h in j_added if h.key not in hedges]
    j_removed = [h for h in j_removed if h.key not in hedges]
    w = lex.weight("specificity")
    if j_added and len(c_removed) > len(c_added):
        o, n = c_removed[0], j_added[0]
        return [
            Signal(
                SignalType.SPECIFICITY,
                Effect.WEAKENED,
                o.text,
                n.text,
                f"The checkable '{o.text}' gives way to a judgment ('{n.text}').",
                f"specificity:{n.key}",
                w,
            )
        ]
    if j_removed and len(c_added) > len(c_removed):
        o, n = j_removed[0], c_added[0]
        return [
            Signal(
                SignalType.SPECIFICITY,
                Effect.STRENGTHENED,
                o.text,
                n.text,
                f"A judgment ('{o.text}') gives way to the checkable '{n.text}'.",
                f"specificity:{o.key}",
                w,
            )
        ]
    return []
