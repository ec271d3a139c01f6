"""Compare rspdiff's announced/unannounced call with people's, on the gold rows of RSP v2.2 → v3.0.

Rows of ../shared/gold/dev.jsonl carry an ``announcement`` code (ANN announced, ANN-P named without
its direction, SIL silent, NCL no account, NA not material). For every row the tool *links* (the
gold README's rules, using the reference scorer's own functions loaded with importlib), our call
is: ``announced`` when some changelog entry matched the linked change, ``unannounced`` when the
change is material but no entry matched, ``not material`` when rspdiff judged it clarified or
unchanged. Prints the confusion table (gold code → our call). Run from the repository root:

    .venv/bin/python benchmarks/eval_announce.py
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PAIR = ("anthropic-rsp/v2.2_2025-05-14.md", "anthropic-rsp/v3.0_2026-02-24.md")
CALLS = ("announced", "unannounced", "not material", "not linked")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gold_score", SHARED / "gold" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    from rspdiff.announce import MATERIAL, announce
    from rspdiff.compare import compare
    from rspdiff.load import load
    from rspdiff.model import Change

    score = _scorer()
    lines = (SHARED / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    rows = [r for r in rows if (r["old_file"], r["new_file"]) == PAIR]
    old = load(SHARED / "corpus" / PAIR[0], date="2025-05-14")
    new = load(SHARED / "corpus" / PAIR[1], date="2026-02-24")
    cl = compare(old, new)
    note = announce(cl, "3.0")
    matched = {cid for m in (note.entries if note else ()) for cid in m.change_ids}
    old_clauses = [{"id": c.id, "text": c.text, "_norm": score.norm(c.text)} for c in old.clauses]
    new_clauses = [{"id": c.id, "text": c.text, "_norm": score.norm(c.text)} for c in new.clauses]
    links: list[tuple[set[str], set[str], Change | None]] = [({a}, {b}, None) for a, b in cl.unchanged]
    links += [({c.id for c in ch.old}, {c.id for c in ch.new}, ch) for ch in cl.changes]
    table: Counter[tuple[str, str]] = Counter()
    for row in rows:
        code = row["outcome"]
        o_ids = score.locate(score.fragments(row.get("old_text")), old_clauses)
        n_ids = score.locate(score.fragments(row.get("new_text")), new_clauses)
        need_old, need_new = code != "A", code not in ("X", "L")
        best, best_score = "none", 0
        change = None
        if not ((need_old and not o_ids) or (need_new and not n_ids)):
            for old_ids, new_ids, ch in links:
                if len(old_ids) > score.MAX_SIDE or len(new_ids) > score.MAX_SIDE:
                    continue
                if need_old and need_new:
                    both = bool(old_ids & o_ids and new_ids & n_ids)
                    s = len(old_ids & o_ids) + len(new_ids & n_ids) if both else 0
                elif need_old:
                    s = len(old_ids & o_ids)
                else:
                    s = len(new_ids & n_ids)
                if s > best_score:
                    best, best_score, change = "linked", s, ch
        if best == "none":
            call = "not linked"
        elif change is None or change.shown_effect not in MATERIAL:
            call = "not material"
        elif change.id in matched:
            call = "announced"
        else:
            call = "unannounced"
        table[(row["announcement"], call)] += 1
    codes = sorted({code for code, _ in table})
    print(f"RSP v2.2 → v3.0: {len(rows)} gold rows; changelog entry: {note.heading if note else 'none'}")
    print("gold / rspdiff".ljust(14) + "".join(f"{c:>14}" for c in CALLS) + f"{'total':>8}")
    for code in codes:
        counts = [table[(code, c)] for c in CALLS]
        print(f"{code:<14}" + "".join(f"{n:>14}" for n in counts) + f"{sum(counts):>8}")
    linked = {k: v for k, v in table.items() if k[1] in ("announced", "unannounced")}
    agree = sum(v for (g, c), v in linked.items() if (g in ("ANN", "ANN-P")) == (c == "announced"))
    print(f"agreement on linked material rows (ANN/ANN-P vs announced, SIL vs unannounced): "
          f"{agree}/{sum(linked.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
