"""``rspdiff parse``: one document's clause tree, as an outline or as JSON.

For users debugging an odd PDF extraction: the outline shows which headings were found, how they
nest, and how many clauses of each kind sit under each, so a lost heading or a footer that
leaked into the text is visible at a glance.
"""

from __future__ import annotations

import json
from collections import Counter

from rspdiff.model import ClauseKind, Document


def outline_text(doc: Document) -> str:
    """Headings indented by level, each with the count of clauses directly under it."""
    counts: Counter[tuple[str, ...]] = Counter()
    for c in doc.clauses:
        if c.kind is not ClauseKind.HEADING:
            counts[c.path] += 1
    lines = [f"{doc.title}  ({len(doc.clauses)} clauses, {len(doc.furniture)} furniture lines dropped)"]
    if counts[()]:
        lines.append(f"  (before the first heading): {counts[()]} clauses")
    for h in doc.headings:
        depth = max(h.level - 1, 0)
        n = counts[h.path + (h.text,)]
        lines.append(f"{'  ' * depth}- {h.text}  [{n}]  lines {h.lines[0]}-{h.lines[1]}")
    return "\n".join(lines) + "\n"


def outline_json(doc: Document) -> str:
    """Every clause with its id, kind, path, number, block, source lines and text."""
    data = {
        "title": doc.title,
        "path": doc.name,
        "sha256": doc.sha256,
        "furniture": list(doc.furniture),
        "clauses": [
            {"id": c.id, "kind": c.kind.value, "path": list(c.path), "number": c.number, "level": c.level,
             "block": c.block, "lines": list(c.lines), "text": c.text}
            for c in doc.clauses
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
