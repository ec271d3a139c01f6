"""Two documents → ``Changelog``: align, then redline and judge every change.

The one place the stages meet, so the library's main call is a single pure function. Change ids
are a hash of the change's kind and clause ids: stable across runs and machines, unique within a
comparison, and safe in URLs and HTML ids.
"""

from __future__ import annotations

import hashlib

from rspdiff.align import align
from rspdiff.model import Change, Changelog, Document, Kind, Match, Op
from rspdiff.redline import redline


def change_id(match: Match) -> str:
    parts = [match.kind.value, *(c.id for c in match.old), "|", *(c.id for c in match.new)]
    return "c-" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def _redline(match: Match) -> tuple[tuple[Op, str], ...]:
    old = " ".join(c.text for c in match.old)
    new = " ".join(c.text for c in match.new)
    return redline(old, new)


def compare(old: Document, new: Document) -> Changelog:
    """Align two versions and judge each change (../shared/rubric.md)."""
    from rspdiff.classify import classify

    alignment = align(old, new)
    unchanged: list[tuple[str, str]] = []
    changes: list[Change] = []
    for match in alignment.matches:
        if match.kind is Kind.UNCHANGED:
            unchanged.extend((a.id, b.id) for a, b in zip(match.old, match.new, strict=True))
            continue
        judgement = classify(match, old, new)
        changes.append(
            Change(
                id=change_id(match),
                kind=match.kind,
                effect=judgement.effect,
                confidence=round(judgement.confidence, 2),
                old=match.old,
                new=match.new,
                redline=_redline(match),
                signals=judgement.signals,
            )
        )
    return Changelog(old=old, new=new, unchanged=tuple(unchanged), changes=tuple(changes))
