"""A history as JSON (schema ``rspdiff-history/1``, documented in docs/history-schema.md).

Built from plain dicts and lists in a fixed order and dumped without sorting, so the same
versions always give byte-identical output, whatever the number of worker processes.
"""

from __future__ import annotations

import json
from typing import Any

from rspdiff.announce import Announcement
from rspdiff.history import History, Lineage
from rspdiff.model import Signal

SCHEMA = "rspdiff-history/1"


def _signal(s: Signal) -> dict[str, Any]:
    return {"type": s.type.value, "direction": s.direction.value, "old": s.old, "new": s.new,
            "explanation": s.explanation}


def _announcement(a: Announcement | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "heading": a.heading,
        "entries": [
            {"text": m.entry.text, "clauses": list(m.entry.clause_ids),
             "changes": [{"id": cid, "score": score}
                         for cid, score in zip(m.change_ids, m.scores, strict=True)]}
            for m in a.entries
        ],
        "announced": list(a.announced),
        "unannounced": list(a.unannounced),
        "excluded": list(a.excluded),
    }


def _lineage(h: History, lin: Lineage) -> dict[str, Any]:
    return {
        "id": lin.id,
        "fate": lin.fate.value,
        "origin": lin.origin,
        "first": h.versions[lin.first].label,
        "last": h.versions[lin.last].label,
        "nodes": [{"version": h.versions[n.version].label, "clauses": list(n.clause_ids),
                   "path": list(n.path), "text": n.text} for n in lin.nodes],
        "steps": [
            {"from": h.versions[s.pair].label, "to": h.versions[s.pair + 1].label, "kind": s.kind.value,
             "effect": s.effect.value if s.effect else None, "confidence": s.confidence,
             "changes": list(s.change_ids), "signals": [_signal(sig) for sig in s.signals],
             "merged_into": s.merged_into, "relinked": s.relinked}
            for s in lin.steps
        ],
    }


def history_dict(h: History) -> dict[str, Any]:
    notes = h.announcements or tuple(None for _ in h.changelogs)
    return {
        "schema": SCHEMA,
        "versions": [{"label": v.label, "date": v.date, "path": v.doc.name, "title": v.doc.title,
                      "sha256": v.doc.sha256, "clauses": len(v.doc.clauses)} for v in h.versions],
        "steps": [
            {"from": h.versions[i].label, "to": h.versions[i + 1].label, "summary": cl.summary(),
             "announcement": _announcement(notes[i])}
            for i, cl in enumerate(h.changelogs)
        ],
        "weakened_repeatedly": [lin.id for lin in h.weakened_repeatedly()],
        "lineages": [_lineage(h, lin) for lin in h.lineages],
    }


def to_json(h: History) -> str:
    return json.dumps(history_dict(h), ensure_ascii=False, indent=2) + "\n"
