"""The rspdiff/1 JSON contract, on a hand-built changelog with every kind and effect."""

from __future__ import annotations

import json
from dataclasses import replace

from support_changelog import HOSTILE, build_changelog

from rspdiff.render.json import to_json

CLAUSE_KEYS = ["id", "kind", "path", "lines", "text"]
SIDE_KEYS = ["id", "path", "lines", "text"]
CHANGE_KEYS = ["id", "kind", "effect", "confidence", "old", "new", "redline", "signals", "note"]
SIGNAL_KEYS = ["type", "direction", "old", "new", "explanation"]


def _data() -> dict:
    return json.loads(to_json(build_changelog()))


def test_top_level_keys_in_contract_order() -> None:
    data = _data()
    assert list(data)[:7] == ["schema", "old", "new", "summary", "clauses", "unchanged", "changes"]
    assert data["schema"] == "rspdiff/1"
    assert list(data["old"])[:4] == ["path", "title", "sha256", "clauses"]
    assert data["old"]["path"] == "versions/example/policy-v1.md"
    assert data["old"]["clauses"] == 11 and data["new"]["sha256"] == "b" * 64
    assert list(data["summary"]) == ["weakened", "strengthened", "clarified", "mixed", "unchanged"]


def test_summary_counts_use_the_editors_override() -> None:
    # The moved change is clarified by rspdiff but weakened by the editor: the shown count follows the editor.
    expected = {"weakened": 3, "strengthened": 2, "clarified": 0, "mixed": 1, "unchanged": 5}
    assert _data()["summary"] == expected


def test_clause_change_and_signal_keys() -> None:
    data = _data()
    for side in ("old", "new"):
        for clause in data["clauses"][side]:
            assert list(clause)[:5] == CLAUSE_KEYS
            assert len(clause["lines"]) == 2
    for change in data["changes"]:
        assert list(change)[: len(CHANGE_KEYS)] == CHANGE_KEYS
        for side in ("old", "new"):
            for clause in change[side]:
                assert list(clause)[:4] == SIDE_KEYS
        for op, text in change["redline"]:
            assert op in {"=", "-", "+"} and isinstance(text, str)
        for signal in change["signals"]:
            assert list(signal)[:5] == SIGNAL_KEYS
            assert signal["rule"]


def test_every_clause_id_appears_exactly_once() -> None:
    data = _data()
    for index, side in enumerate(("old", "new")):
        listed = [c["id"] for c in data["clauses"][side]]
        used = [pair[index] for pair in data["unchanged"]]
        used += [c["id"] for change in data["changes"] for c in change[side]]
        assert sorted(used) == sorted(listed)
        assert len(set(used)) == len(used)


def test_kinds_effects_override_and_note() -> None:
    changes = {c["id"]: c for c in _data()["changes"]}
    kinds = {"modified", "moved", "split", "merged", "added", "removed"}
    assert {c["kind"] for c in changes.values()} == kinds
    moved = changes["chg-moved-hostile"]
    assert moved["effect"] == "clarified" and moved["editor_effect"] == "weakened"
    assert "editor_effect" not in changes["chg-modified-eval"]
    assert changes["chg-added-audit"]["note"] == "A welcome addition."
    assert changes["chg-modified-eval"]["note"] is None
    assert changes["chg-added-audit"]["old"] == [] and changes["chg-removed-annual"]["new"] == []
    assert len(changes["chg-split-report"]["new"]) == 2 and len(changes["chg-merged-access"]["old"]) == 2


def test_text_is_kept_verbatim_and_deterministic() -> None:
    first = to_json(build_changelog())
    assert first == to_json(build_changelog())
    assert first.endswith("}\n") and not first.endswith("\n\n")
    assert '\n  "schema"' in first  # indent=2
    texts = [c["text"] for c in json.loads(first)["clauses"]["old"]]
    assert HOSTILE in texts


def test_non_ascii_is_written_as_is() -> None:
    cl = build_changelog()
    cl = replace(cl, old=replace(cl.old, title="Politique de mise à l’échelle"))
    out = to_json(cl)
    assert '"title": "Politique de mise à l’échelle"' in out
