"""Builders for the classifier's minimal-pair tests: one invented clause a side, judged alone.

Every classify test file used to carry its own copy of these few lines; they live here once. The
default section path is neutral (not a recommendations or examples part), so no rule reads it.
"""

from __future__ import annotations

from rspdiff.classify import classify
from rspdiff.model import Clause, ClauseKind, Judgement, Kind, Match

PATH = ("1. Evaluations",)


def clause(text: str, side: str = "o", kind: ClauseKind = ClauseKind.PARAGRAPH, path: tuple[str, ...] = PATH,
           i: int = 0) -> Clause:
    return Clause(f"{side}{i}", kind, path, text, text, (i + 1, i + 1), f"{side}b", i)


def judge(old: str, new: str, kind: Kind = Kind.MODIFIED) -> Judgement:
    return classify(Match(kind, (clause(old, "o"),), (clause(new, "n"),), 0.9))


def added(text: str) -> Judgement:
    return classify(Match(Kind.ADDED, (), (clause(text, "n"),)))


def removed(text: str) -> Judgement:
    return classify(Match(Kind.REMOVED, (clause(text, "o"),), ()))


def rules(j: Judgement) -> set[str]:
    """Rule ids of a judgement's signals, without their ':word' suffix."""
    return {s.rule.split(":", 1)[0] for s in j.signals}
