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
from rspdiff.classify.modality import BINDING, Modal, modal_hits, sentence_modals
from rspdiff.classify.nlp import Analysis, analyse, plain
from rspdiff.model import Effect, Signal, SignalType


@dataclass(frozen=True)
class Duty:
    verb: str  # lemma of the governed verb
    talk: bool  # a duty only to describe, discuss, explain ...
    text: str  # the modal and its verb as written
    start: int = 0  # character offset of the modal


def duties(a: Analysis, lex: Lexicon) -> list[Duty]:
    """Each binding modal of ``a`` with the verb it governs (modals with no verb are skipped)."""
    skip, talk = set(lex.duty_skip), set(lex.duty_talk)
    out: list[Duty] = []
    for h in modal_hits(a):
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
            out.append(Duty(lemma, lemma in talk, a.quote(first, i + 1), h.start))
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
    return _account(old, new, o_act, o_talk, n_act, n_talk, lex)


def _binds_to_act(sides: Sequence[Analysis], acts: list[Duty], talks: list[Duty], lex: Lexicon) -> str | None:
    """The binding words of a side that binds the author to something other than an account.

    A binding side with no duty to talk and no disclosure word: "the standard is required",
    "we will pause training". A side that binds only to publish or report is itself an account,
    so "we will publish X" -> "we will describe X in our report" stays a rewording.
    """
    if talks or any(h for a in sides for h in a.family("disclosure")):
        return None
    if acts:
        return acts[0].text
    # "We define a widget as ..." states what a word means, not a requirement to meet
    for a in sides:
        for m in sentence_modals(a, lex):
            if m is not None and m.rank >= BINDING and not _definition(m, lex):
                return m.text
    return None


def _definition(m: Modal, lex: Lexicon) -> bool:
    """A practice statement whose verb only defines a term ("we define", "we mean")."""
    if m.rule != "modality.practice":
        return False
    lemmas = analyse(plain(m.text)).lemmas
    return bool(lemmas) and lemmas[-1] in lex.duty_definitional


def _account(
    old: Sequence[Analysis],
    new: Sequence[Analysis],
    o_act: list[Duty],
    o_talk: list[Duty],
    n_act: list[Duty],
    n_talk: list[Duty],
    lex: Lexicon,
) -> list[Signal]:
    """A requirement replaced outright by a duty only to give an account of it (and the reverse).

    "The Security Standard is required" -> "we will detail our security in the report": the
    standard no longer has to be met, only described. The talk-for-act rule above needs a duty
    verb on each side; a requirement is often stated with none ("X is required", "we must
    have X in place"), so this rule compares a side that binds to something other than an
    account with a side whose only binding duties are accounts. A side with a gate ("only
    after", "before deployment") still holds the act back, so it is not an account only.
    """
    w = lex.weight("duty_talk")
    # (side that talks, its act duties, its talk duties, side that may bind, its act and talk
    # duties, direction): old binds and new only talks weakens; the reverse strengthens
    for talks, t_act, t_talk, binds, b_act, b_talk, effect in (
        (new, n_act, n_talk, old, o_act, o_talk, Effect.WEAKENED),
        (old, o_act, o_talk, new, n_act, n_talk, Effect.STRENGTHENED),
    ):
        if not t_talk or t_act or any(a.family("gate") for a in talks):
            continue
        held = _binds_to_act(binds, b_act, b_talk, lex)
        if held is None:
            continue
        account = t_talk[0]
        if effect is Effect.WEAKENED:
            quoted = (held, account.text)
            why = f"A requirement ('{held}') gives way to a duty only to give an account ('{account.text}')."
        else:
            quoted = (account.text, held)
            why = f"A duty only to give an account ('{account.text}') becomes a requirement ('{held}')."
        return [Signal(SignalType.SPECIFICITY, effect, *quoted, why, f"duty.account:{account.verb}", w)]
    return []


# Signals that say an act gave way to an account (or the reverse), and the signals the account's
# own words raise on their own: "we will outline X in the annual report" is the account, so its
# "report" (a disclosure duty) and "annual" (a cadence anchor) are not further evidence against it.
_ACCOUNT_RULES = ("duty.account:", "duty.talk:", "duty.act:")
_ECHO_RULES = ("disclosure:", "specificity.anchor")


def without_account_echoes(
    signals: Sequence[Signal], old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon
) -> list[Signal]:
    """``signals`` without the disclosure and anchor signals drawn from the account's sentence.

    When a duty to act gives way to a duty only to give an account, the account's own words
    ("report", "annual") would otherwise count as a new disclosure duty and a new anchor and
    outvote the very change they belong to.
    """
    account = next((s for s in signals if s.rule.startswith(_ACCOUNT_RULES)), None)
    if account is None:
        return list(signals)
    weakened = account.direction is Effect.WEAKENED
    talk_side = new if weakened else old
    sentences = [
        sent.text
        for a in talk_side
        for d in duties(a, lex)
        if d.talk
        for sent in a.sentences
        if sent.start <= d.start < sent.end
    ]
    echo = Effect.STRENGTHENED if weakened else Effect.WEAKENED

    def echoes(s: Signal) -> bool:
        quote = s.new if weakened else s.old
        return (
            s.rule.startswith(_ECHO_RULES)
            and s.direction is echo
            and bool(quote)
            and any(quote in t for t in sentences)
        )

    return [s for s in signals if not echoes(s)]
