"""What each binding duty is a duty *to do*: act, or only talk about acting.

"We will not deploy unless the safeguards pass" and "we will describe the safeguards in a report"
both sit on the binding rung, yet only the first binds the author to an act an outsider can check.
A rewrite that keeps the modal but turns the act into an account ("we will discuss whether ...")
lowers what the author is held to, so it weakens even though no modal word changed. The verb a
binding modal governs is the word after the modal, skipping adverbs and auxiliaries ("will also
be described" -> describe).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rspdiff.classify.lexicon import Lexicon
from rspdiff.classify.nlp import Analysis, longest
from rspdiff.model import Effect, Signal, SignalType


@dataclass(frozen=True)
class Duty:
    verb: str  # lemma of the governed verb
    talk: bool  # a duty only to describe, discuss, explain ...
    text: str  # the modal and its verb as written


def duties(a: Analysis, lex: Lexicon) -> list[Duty]:
    """Each binding modal of ``a`` with the verb it governs (modals with no verb are skipped)."""
    skip, talk = set(lex.duty_skip), set(lex.duty_talk)
    out: list[Duty] = []
    for h in longest(a.families("rung:")):
        if h.family != "rung:binding":
            continue
        i = next((k for k, (s, _) in enumerate(a.offsets) if s >= h.end), None)
        while i is not None and i < len(a.tokens) and a.token_sent[i] == h.sent:
            tok = a.tokens[i]
            if tok in skip or not tok.isalpha():
                i += 1
                continue
            lemma = a.lemmas[i]
            first = next(k for k, (s, _) in enumerate(a.offsets) if s >= h.start)
            out.append(Duty(lemma, lemma in talk, a.quote(first, i + 1)))
            break
    return out


def _count(sides: Sequence[Analysis], lex: Lexicon) -> tuple[list[Duty], list[Duty]]:
    acts: list[Duty] = []
    talks: list[Duty] = []
    for a in sides:
        for d in duties(a, lex):
            (talks if d.talk else acts).append(d)
    return acts, talks


def duty_signals(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> list[Signal]:
    """A duty to act replaced by a duty to talk about it weakens; the reverse strengthens."""
    o_act, o_talk = _count(old, lex)
    n_act, n_talk = _count(new, lex)
    w = lex.weight("duty_talk")
    if len(n_act) < len(o_act) and len(n_talk) > len(o_talk):
        o, n = o_act[0], n_talk[0]
        return [
            Signal(
                SignalType.SPECIFICITY,
                Effect.WEAKENED,
                o.text,
                n.text,
                f"A duty to act ('{o.text}') gives way to a duty to give an account ('{n.text}').",
                f"duty.talk:{n.verb}",
                w,
            )
        ]
    if len(n_act) > len(o_act) and len(n_talk) < len(o_talk):
        o, n = o_talk[0], n_act[0]
        return [
            Signal(
                SignalType.SPECIFICITY,
                Effect.STRENGTHENED,
                o.text,
                n.text,
                f"A duty to give an account ('{o.text}') becomes a duty to act ('{n.text}').",
                f"duty.act:{n.verb}",
                w,
            )
        ]
    return []
