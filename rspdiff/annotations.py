"""A commentator's notes and label overrides, merged into a changelog before it is rendered.

rspdiff's labels are a first reading; an editor publishing a changelog may disagree with one or
want to explain a change. Their notes live in a small TOML file next to the inputs, so they survive
re-running the comparison (change ids are stable across runs) and can be reviewed like any text.

Format::

    # One [[note]] table per annotation.
    [[note]]
    change = "c-3f2a9c01d7"          # the id of a change (see the JSON or the page's anchors) ...
    note = "The interval doubled; this matters for frontier models."
    effect = "weakened"              # optional: overrides rspdiff's label

    [[note]]
    phrase = "every six months"      # ... or words quoted from the old or new text
    note = "Compare with the 2023 version."

Each table has exactly one of ``change`` (an exact change id) or ``phrase`` (matches every change
whose old or new text contains the phrase, ignoring case), and at least one of ``note`` and
``effect``. ``effect`` is one of weakened, strengthened, clarified, mixed; it is kept apart from
rspdiff's own label (``Change.editor_effect``) and every renderer says so: "marked weakened by the
editor; rspdiff said clarified". Several notes on one change are kept in order, separated by a blank
line. An annotation that matches no change is reported as a warning, never silently dropped.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass

from rspdiff.errors import AnnotationError
from rspdiff.model import Change, Changelog, Effect

_KEYS = frozenset({"change", "phrase", "note", "effect"})


@dataclass(frozen=True)
class Annotation:
    """One ``[[note]]`` table. Exactly one of ``change`` and ``phrase`` is set."""

    change: str | None
    phrase: str | None
    note: str | None
    effect: Effect | None
    position: int  # 1-based place in the file, for messages

    @property
    def target(self) -> str:
        return f'change "{self.change}"' if self.change is not None else f'phrase "{self.phrase}"'


@dataclass(frozen=True)
class Annotations:
    name: str  # the file the notes came from, for messages
    notes: tuple[Annotation, ...]


def _string(table: dict[str, object], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise AnnotationError(f"{where}: {key} must be a non-empty string")
    return value.strip()


def _effect(value: str | None, where: str) -> Effect | None:
    if value is None:
        return None
    try:
        return Effect(value.lower())
    except ValueError:
        allowed = ", ".join(e.value for e in Effect)
        raise AnnotationError(f'{where}: unknown effect "{value}" (use one of: {allowed})') from None


def _annotation(table: object, position: int, name: str) -> Annotation:
    where = f"{name}: note {position}"
    if not isinstance(table, dict):
        raise AnnotationError(f"{where}: each note must be a [[note]] table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise AnnotationError(f"{where}: unknown key {unknown[0]!r} (use change, phrase, note, effect)")
    change = _string(table, "change", where)
    phrase = _string(table, "phrase", where)
    if (change is None) == (phrase is None):
        raise AnnotationError(f'{where}: give exactly one of change = "c-…" or phrase = "…"')
    note = _string(table, "note", where)
    effect = _effect(_string(table, "effect", where), where)
    if note is None and effect is None:
        raise AnnotationError(f"{where}: give a note, an effect, or both")
    return Annotation(change=change, phrase=phrase, note=note, effect=effect, position=position)


def load_annotations(data: bytes, name: str) -> Annotations:
    """Parse an annotations file; any problem is one ``AnnotationError`` line naming ``name``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise AnnotationError(f"{name}: not UTF-8 text (byte {err.start})") from None
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise AnnotationError(f"{name}: not valid TOML: {err}") from None
    unknown = sorted(set(parsed) - {"note"})
    if unknown:
        raise AnnotationError(f"{name}: unknown table {unknown[0]!r} (annotations are [[note]] tables)")
    tables = parsed.get("note", [])
    if not isinstance(tables, list):
        raise AnnotationError(f"{name}: write notes as [[note]] tables, not [note]")
    return Annotations(name=name, notes=tuple(_annotation(t, i, name) for i, t in enumerate(tables, 1)))


def _matches(annotation: Annotation, change: Change) -> bool:
    if annotation.change is not None:
        return change.id == annotation.change
    needle = (annotation.phrase or "").casefold()
    return any(needle in clause.text.casefold() for clause in change.old + change.new)


def _apply_one(change: Change, annotation: Annotation) -> Change:
    note = change.note
    if annotation.note is not None:
        note = annotation.note if not note else f"{note}\n\n{annotation.note}"
    editor_effect = change.editor_effect
    if annotation.effect is not None:
        # Agreeing with rspdiff is not an override; saying so would only confuse readers.
        editor_effect = None if annotation.effect is change.effect else annotation.effect
    return dataclasses.replace(change, note=note, editor_effect=editor_effect)


def apply_annotations(cl: Changelog, ann: Annotations) -> tuple[Changelog, tuple[str, ...]]:
    """A new changelog with the notes and overrides merged in, and warnings for unmatched notes.

    Notes are applied in file order, so when two notes override the same change the later wins,
    as a reader of the file would expect.
    """
    changes = list(cl.changes)
    warnings: list[str] = []
    for annotation in ann.notes:
        hits = [i for i, change in enumerate(changes) if _matches(annotation, change)]
        if not hits:
            warnings.append(f"{ann.name}: note {annotation.position} ({annotation.target}) matches no change")
            continue
        for i in hits:
            changes[i] = _apply_one(changes[i], annotation)
    return dataclasses.replace(cl, changes=tuple(changes)), tuple(warnings)
