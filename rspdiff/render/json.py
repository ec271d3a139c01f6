"""The ``rspdiff/1`` JSON contract (../shared/DESIGN.md), byte-for-byte deterministic.

Other tools diff and archive this output, so keys follow the contract's order (dicts keep
insertion order; nothing is sorted that the contract orders), floats are rounded once, and the
serialiser settings are fixed. Extra keys (``rule`` on signals, ``editor_effect`` on overridden
changes, ``date`` on documents, ``warnings``) come after the contract's keys and never replace one.
"""

from __future__ import annotations

import json
from typing import Any

from rspdiff.model import Change, Changelog, Clause, Document, Signal

SCHEMA = "rspdiff/1"


def _document(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.name,
        "title": doc.title,
        "sha256": doc.sha256,
        "clauses": len(doc.clauses),
        "date": doc.date,
    }


def _clause(clause: Clause) -> dict[str, Any]:
    return {
        "id": clause.id,
        "kind": clause.kind.value,
        "path": list(clause.path),
        "lines": list(clause.lines),
        "text": clause.text,
    }


def _side(clause: Clause) -> dict[str, Any]:
    return {"id": clause.id, "path": list(clause.path), "lines": list(clause.lines), "text": clause.text}


def _signal(signal: Signal) -> dict[str, Any]:
    return {
        "type": signal.type.value,
        "direction": signal.direction.value,
        "old": signal.old,
        "new": signal.new,
        "explanation": signal.explanation,
        "rule": signal.rule,
    }


def _change(change: Change) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": change.id,
        "kind": change.kind.value,
        "effect": change.effect.value,
        "confidence": round(change.confidence, 3),
        "old": [_side(c) for c in change.old],
        "new": [_side(c) for c in change.new],
        "redline": [[op.value, text] for op, text in change.redline],
        "signals": [_signal(s) for s in change.signals],
        "note": change.note,
    }
    if change.editor_effect is not None and change.editor_effect is not change.effect:
        out["editor_effect"] = change.editor_effect.value
    return out


def to_dict(cl: Changelog) -> dict[str, Any]:
    """The contract as plain Python values, for callers that embed it rather than print it."""
    return {
        "schema": SCHEMA,
        "old": _document(cl.old),
        "new": _document(cl.new),
        "summary": cl.summary(),
        "clauses": {
            "old": [_clause(c) for c in cl.old.clauses],
            "new": [_clause(c) for c in cl.new.clauses],
        },
        "unchanged": [[old_id, new_id] for old_id, new_id in cl.unchanged],
        "changes": [_change(c) for c in cl.changes],
        "warnings": list(cl.warnings),
    }


def to_json(cl: Changelog) -> str:
    """The changelog as ``rspdiff/1`` JSON: indent 2, UTF-8 text as is, one trailing newline."""
    return json.dumps(to_dict(cl), indent=2, ensure_ascii=False) + "\n"
