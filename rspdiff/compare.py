"""Two documents → ``Changelog``: align, then redline and judge every change.

The one place the stages meet, so the library's main call is a single pure function. Change ids
are a hash of the change's kind and clause ids: stable across runs and machines, unique within a
comparison, and safe in URLs and HTML ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from rspdiff.align import align
from rspdiff.model import (
    Change,
    Changelog,
    Clause,
    Document,
    Effect,
    Judgement,
    Kind,
    Match,
    Op,
    Signal,
    SignalType,
)
from rspdiff.moved_text import Trimmed, moved_signal, trim
from rspdiff.redline import redline


def change_id(match: Match) -> str:
    parts = [match.kind.value, *(c.id for c in match.old), "|", *(c.id for c in match.new)]
    return "c-" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def _redline(match: Match) -> tuple[tuple[Op, str], ...]:
    old = " ".join(c.text for c in match.old)
    new = " ".join(c.text for c in match.new)
    return redline(old, new)


def compare(old: Document, new: Document) -> Changelog:
    """Align two versions and judge each change (../shared/rubric.md).

    Words that one change deletes and another inserts moved (``moved_text``); each change is
    judged on what is left, so a phrase travelling between sentences raises no alarm. A change
    lying wholly inside the document's own changelog is the author's account of a revision,
    background that binds nobody (the rubric's descriptive rung): it is clarified whatever its
    verbs ("It now requires ...").
    """
    from rspdiff.announce import account_regions
    from rspdiff.classify import classify

    alignment = align(old, new)
    unchanged: list[tuple[str, str]] = []
    edited = [m for m in alignment.matches if m.kind is not Kind.UNCHANGED]
    for match in alignment.matches:
        if match.kind is Kind.UNCHANGED:
            unchanged.extend((a.id, b.id) for a, b in zip(match.old, match.new, strict=True))
    redlines = [_redline(m) for m in edited]
    account = {c.id for doc in (old, new) for region in account_regions(doc) for c in region}
    changes: list[Change] = []
    for match, ops, seen in zip(edited, redlines, trim(edited, redlines), strict=True):
        if all(c.id in account for c in (*match.old, *match.new)):
            judgement = _account(match)
        else:
            judgement = _judge(classify, match, seen, old, new)
        changes.append(
            Change(
                id=change_id(match),
                kind=match.kind,
                effect=judgement.effect,
                confidence=round(judgement.confidence, 2),
                old=match.old,
                new=match.new,
                redline=ops,
                signals=judgement.signals,
            )
        )
    return Changelog(old=old, new=new, unchanged=tuple(unchanged), changes=tuple(changes))


def _account(match: Match) -> Judgement:
    """A change inside the changelog: described, not committed to (see ``compare``)."""
    from rspdiff.classify.clause_rules import first_words

    def quote(clauses: tuple[Clause, ...]) -> str:
        return first_words(" ".join(c.text for c in clauses)) if clauses else ""

    why = "The document's own account of its revisions: it describes a change and binds nobody."
    note = Signal(SignalType.CLAUSE, Effect.CLARIFIED, quote(match.old), quote(match.new), why,
                  "clause.changelog", 0.0)
    return Judgement(Effect.CLARIFIED, 0.9, (note,))


def _judge(classify: Callable[[Match, Document, Document], Judgement], match: Match, seen: Trimmed,
           old: Document, new: Document) -> Judgement:
    """The classifier's judgement once moved words are set aside.

    Setting words aside may only take evidence away: of the untrimmed change's signals, those the
    trimmed change no longer has are dropped, and nothing the trimmed text alone suggests is added
    (a word set aside on one side may still stand on the other).
    """
    full = classify(match, old, new)
    if not seen.touched:
        return full
    from rspdiff.classify.aggregate import aggregate
    from rspdiff.classify.lexicon import load_lexicon

    note = moved_signal(seen)
    if seen.whole:
        return Judgement(Effect.CLARIFIED, round(0.75 * (0.5 + 0.5 * match.score), 3), (note,))
    still = {(s.rule, s.direction) for s in classify(seen.match, old, new).signals}
    kept = [s for s in full.signals if (s.rule, s.direction) in still]
    judgement = aggregate(kept, load_lexicon(), match.score)
    return Judgement(judgement.effect, judgement.confidence, (*judgement.signals, note))
