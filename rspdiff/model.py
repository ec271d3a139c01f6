"""The types that flow between the pipeline's stages.

Every stage is a pure function from these frozen dataclasses to others, so a stage can be tested
alone with hand-built values and nothing downstream can mutate what upstream produced. Kinds and
labels are enums, never bare strings; their ``value`` is the spelling used in the JSON contract
(schema ``rspdiff/1`` in ../shared/DESIGN.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class ClauseKind(Enum):
    """What sort of unit a clause is. A sentence of a paragraph is a ``paragraph`` clause."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"
    FOOTNOTE = "footnote"


class Kind(Enum):
    """How the clauses of one match relate across the two versions."""

    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    MOVED = "moved"  # possibly also edited
    SPLIT = "split"  # 1 old -> n new
    MERGED = "merged"  # n old -> 1 new
    ADDED = "added"
    REMOVED = "removed"


class Effect(Enum):
    """What a change does to the author's commitments (../shared/rubric.md)."""

    WEAKENED = "weakened"
    STRENGTHENED = "strengthened"
    CLARIFIED = "clarified"
    MIXED = "mixed"


class SignalType(Enum):
    """The families of evidence named in the rubric and the JSON contract."""

    MODALITY = "modality"
    QUANTITY = "quantity"
    HEDGE = "hedge"
    INTENSIFIER = "intensifier"
    SCOPE = "scope"
    OVERSIGHT = "oversight"
    SPECIFICITY = "specificity"
    EXCEPTION = "exception"
    CLAUSE = "clause"


class Op(Enum):
    """One step of a word-level redline."""

    EQUAL = "="
    DELETE = "-"
    INSERT = "+"


@dataclass(frozen=True)
class Clause:
    """The smallest unit that can carry one commitment.

    ``id`` is derived from the heading path and the position inside the section, never from a
    global counter, so the same document always yields the same ids. ``lines`` is the 1-based,
    inclusive span of *source* lines (before normalisation) the clause came from. ``block`` names
    the paragraph, list or table the clause belongs to, so renderers can rebuild whole paragraphs.
    """

    id: str
    kind: ClauseKind
    path: tuple[str, ...]
    text: str
    markdown: str
    lines: tuple[int, int]
    block: str
    index: int  # position in document order, 0-based
    level: int = 0  # heading level (1-6) or list nesting depth (1-based); 0 otherwise
    number: str | None = None  # "3.1" for a heading "3.1. Preliminary Assessment"


@dataclass(frozen=True)
class Document:
    """One version of a policy, parsed into clauses in document order."""

    name: str  # the path or label the user gave
    title: str
    sha256: str  # of the raw input bytes
    clauses: tuple[Clause, ...]
    furniture: tuple[int, ...] = ()  # source lines dropped as page furniture
    date: str | None = None

    def by_id(self) -> dict[str, Clause]:
        return {c.id: c for c in self.clauses}

    @property
    def headings(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.kind is ClauseKind.HEADING)


@dataclass(frozen=True)
class Match:
    """The aligner's verdict on a group of clauses: which old ones became which new ones."""

    kind: Kind
    old: tuple[Clause, ...]
    new: tuple[Clause, ...]
    score: float = 1.0  # alignment similarity in [0, 1]; 1.0 for added/removed


@dataclass(frozen=True)
class Alignment:
    old: Document
    new: Document
    matches: tuple[Match, ...]


@dataclass(frozen=True)
class Signal:
    """One piece of evidence for an effect, with the words it came from."""

    type: SignalType
    direction: Effect
    old: str
    new: str
    explanation: str
    rule: str  # id of the lexicon rule that fired, shown with the evidence
    weight: float = 1.0


@dataclass(frozen=True)
class Judgement:
    effect: Effect
    confidence: float
    signals: tuple[Signal, ...] = ()


@dataclass(frozen=True)
class Change:
    """One reported difference between the versions, with its effect and evidence."""

    id: str
    kind: Kind
    effect: Effect
    confidence: float
    old: tuple[Clause, ...]
    new: tuple[Clause, ...]
    redline: tuple[tuple[Op, str], ...]
    signals: tuple[Signal, ...] = ()
    note: str | None = None
    editor_effect: Effect | None = None  # a commentator's override; ``effect`` stays rspdiff's

    @property
    def shown_effect(self) -> Effect:
        """The effect to display: the editor's override when there is one."""
        return self.editor_effect or self.effect

    @property
    def path(self) -> tuple[str, ...]:
        side = self.new or self.old
        return side[0].path if side else ()


@dataclass(frozen=True)
class Changelog:
    """Everything a renderer needs: both documents, the unchanged pairs and the changes."""

    old: Document
    new: Document
    unchanged: tuple[tuple[str, str], ...]
    changes: tuple[Change, ...]
    warnings: tuple[str, ...] = field(default=())

    def summary(self) -> dict[str, int]:
        """Counts by shown effect in the contract's key order, plus unchanged clause pairs."""
        counts = {e.value: 0 for e in Effect}
        for change in self.changes:
            counts[change.shown_effect.value] += 1
        counts["unchanged"] = len(self.unchanged)
        return counts
