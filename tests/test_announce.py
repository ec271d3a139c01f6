"""Changelog entries of RSP v2.1 and v2.2 matched to the detected changes of their steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from rspdiff.announce import MATERIAL, announce, changelog_regions
from rspdiff.compare import compare
from rspdiff.load import load


@pytest.mark.corpus
@pytest.mark.parametrize("old, new, label", [("v2.0_2024-10-15.md", "v2.1_2025-03-31.md", "2.1"),
                                             ("v2.1_2025-03-31.md", "v2.2_2025-05-14.md", "2.2")])
def test_every_entry_matches_a_change(corpus_dir: Path, old: str, new: str, label: str) -> None:
    folder = corpus_dir / "anthropic-rsp"
    cl = compare(load(folder / old), load(folder / new))
    note = announce(cl, label)
    assert note is not None and label in note.heading
    assert note.entries and all(m.change_ids for m in note.entries)
    by_id = {c.id: c for c in cl.changes}
    inside = {c.id for region in changelog_regions(cl.new) for c in region}
    for cid in (*note.unannounced, *note.announced):
        change = by_id[cid]
        assert change.shown_effect in MATERIAL
        assert not all(c.id in inside for c in (*change.old, *change.new))
    assert set(note.unannounced).isdisjoint(note.announced)
    material = [c for c in cl.changes if c.shown_effect in MATERIAL and c.id not in note.excluded]
    assert note.material == len(material)
    print(f"{old} -> {new}: {len(note.unannounced)} of {note.material} material changes unannounced")
