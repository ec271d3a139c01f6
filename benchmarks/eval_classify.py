"""Measure the classifier alone on the labelled real changes in ../shared/gold/dev.jsonl.

Each row becomes one Match (R/S/W -> modified, X/L -> removed, A -> added) so the figure
measures classification only, not alignment. A naive baseline (count strong vs weak modal words)
runs in the same pass for comparison. Usage: python benchmarks/eval_classify.py [--errors N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from rspdiff.classify import classify
from rspdiff.model import Clause, ClauseKind, Effect, Kind, Match

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "dev.jsonl"
EFFECTS = [e.value for e in Effect]
_STRONG = re.compile(r"\b(must|shall|will|required|commit)\b", re.I)
_WEAK = re.compile(r"\b(may|might|could|should|intend|aim|expect|hope|plan|where appropriate)\b", re.I)


def _clause(text: str, side: str) -> Clause:
    return Clause(f"{side}-0", ClauseKind.PARAGRAPH, ("Gold",), text, text, (1, 1), f"{side}-b", 0)


def to_match(row: dict[str, object]) -> Match:
    old, new, outcome = row["old_text"], row["new_text"], row["outcome"]
    if outcome == "A" or old is None:
        return Match(Kind.ADDED, (), (_clause(str(new), "new"),))
    if outcome in ("X", "L") or new is None:
        return Match(Kind.REMOVED, (_clause(str(old), "old"),), ())
    return Match(Kind.MODIFIED, (_clause(str(old), "old"),), (_clause(str(new), "new"),))


def accepted(row: dict[str, object]) -> set[str]:
    outcome = row["outcome"]
    if outcome == "R":
        return {"clarified", "unchanged"}
    if outcome in ("S", "A"):
        return {"strengthened"}
    return {"weakened", "mixed"} if row.get("mix") else {"weakened"}


def baseline(row: dict[str, object]) -> str:
    """Count strong minus weak modal words on each side; more strength is strengthened."""

    def strength(t: object) -> int:
        s = str(t or "")
        return len(_STRONG.findall(s)) - len(_WEAK.findall(s))

    d = strength(row["new_text"]) - strength(row["old_text"])
    return "strengthened" if d > 0 else "weakened" if d < 0 else "clarified"


def report(name: str, rows: list[dict[str, object]], preds: list[str]) -> None:
    right = sum(p in accepted(r) for r, p in zip(rows, preds, strict=True))
    print(f"\n== {name}: accuracy {right / len(rows):.3f} ({right}/{len(rows)})")
    for label in ("clarified", "strengthened", "weakened"):
        idx = [i for i, r in enumerate(rows) if r["label"] == label]
        rec = sum(preds[i] in accepted(rows[i]) for i in idx) / len(idx)
        print(f"  recall {label:<13} {rec:.3f} (n={len(idx)})")
    conf = Counter((str(r["label"]), p) for r, p in zip(rows, preds, strict=True))
    print("  gold \\ predicted " + " ".join(f"{e:>12}" for e in EFFECTS))
    for g in ("clarified", "strengthened", "weakened"):
        print(f"  {g:<17}" + " ".join(f"{conf[(g, e)]:>12}" for e in EFFECTS))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong rows per outcome")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    matches = [to_match(r) for r in rows]
    classify(matches[0])  # load spaCy outside the timing
    t0 = time.perf_counter()
    judgements = [classify(m) for m in matches]
    elapsed = time.perf_counter() - t0
    preds = [j.effect.value for j in judgements]
    print(f"classified {len(rows)} rows in {elapsed:.3f}s (spaCy already loaded)")
    report("rspdiff.classify", rows, preds)
    report("baseline (modal word count)", rows, [baseline(r) for r in rows])
    by_outcome = Counter((str(r["outcome"]), p in accepted(r)) for r, p in zip(rows, preds, strict=True))
    print(
        "\n  by outcome: "
        + ", ".join(
            f"{o} {by_outcome[(o, True)]}/{by_outcome[(o, True)] + by_outcome[(o, False)]}" for o in "RSWXLA"
        )
    )
    if args.errors:
        shown: Counter[str] = Counter()
        for r, j in zip(rows, judgements, strict=True):
            o = str(r["outcome"])
            if j.effect.value not in accepted(r) and shown[o] < args.errors:
                shown[o] += 1
                print(
                    f"\n[{o} -> {j.effect.value}] OLD: {str(r['old_text'])[:200]}"
                    f"\n   NEW: {str(r['new_text'])[:200]}"
                )
                for s in j.signals:
                    print(f"   - {s.direction.value} {s.rule} {s.old!r} -> {s.new!r} ({s.weight})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
