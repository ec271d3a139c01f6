"""``make eval``: rspdiff against people's labels in ../shared/gold, beside a naive baseline.

Scoring uses the reference scorer's own functions (../shared/gold/score.py, imported, not
copied), so the figures here are the figures that scorer prints. The baseline is the deliberately
naive tool the gold README describes, computed in the same run: paragraphs split at blank lines,
greedy one-to-one matching by word-set overlap, and a label from counting strong and weak modal
words.

Usage: python benchmarks/eval_gold.py [--gold FILE ...] [--json OUT] [--align-only]
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

_STRONG = {"must", "shall", "will", "require", "required", "commit", "ensure"}
_WEAK = {"may", "might", "could", "should", "aim", "intend", "hope", "plan", "consider", "can"}
# The baseline pairs paragraphs whose word sets overlap (Jaccard) at least this much.
_BASE_MIN = 0.3


def _scorer() -> Any:
    path = SHARED / "gold" / "score.py"
    spec = importlib.util.spec_from_file_location("gold_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the reference scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rspdiff_data(old: Path, new: Path, align_only: bool) -> dict[str, Any]:
    from rspdiff.load import load

    o, n = load(old), load(new)
    if align_only:
        from rspdiff.align import align
        from rspdiff.model import Kind

        al = align(o, n)
        data: dict[str, Any] = {"clauses": {
            "old": [{"id": c.id, "text": c.text} for c in o.clauses],
            "new": [{"id": c.id, "text": c.text} for c in n.clauses]}, "unchanged": [], "changes": []}
        for m in al.matches:
            if m.kind is Kind.UNCHANGED:
                data["unchanged"] += [[a.id, b.id] for a, b in zip(m.old, m.new, strict=True)]
            else:
                data["changes"].append({"old": [c.id for c in m.old], "new": [c.id for c in m.new],
                                        "effect": "clarified"})
        return data
    from rspdiff.compare import compare
    from rspdiff.render.json import to_json

    return json.loads(to_json(compare(o, n)))


def _baseline_label(old: str, new: str) -> str:
    def score(text: str) -> int:
        ws = re.findall(r"[a-z]+", text.lower())
        return sum(w in _STRONG for w in ws) - sum(w in _WEAK for w in ws)

    if not old:
        return "strengthened"
    if not new:
        return "weakened"
    a, b = score(old), score(new)
    return "clarified" if a == b else "strengthened" if b > a else "weakened"


def _baseline_data(old: Path, new: Path) -> dict[str, Any]:
    def paragraphs(path: Path, side: str) -> list[dict[str, Any]]:
        text = path.read_text(encoding="utf-8", errors="replace")
        parts = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
        return [{"id": f"{side}{k}", "text": p, "w": set(re.findall(r"\w+", p.lower()))}
                for k, p in enumerate(parts)]

    po, pn = paragraphs(old, "o"), paragraphs(new, "n")
    pairs = []
    for a in po:
        for b in pn:
            union = a["w"] | b["w"]
            j = len(a["w"] & b["w"]) / len(union) if union else 0.0
            if j >= _BASE_MIN:
                pairs.append((j, a["id"], b["id"]))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_o: set[str] = set()
    used_n: set[str] = set()
    by_id = {p["id"]: p["text"] for p in (*po, *pn)}
    unchanged, changes = [], []
    for _j, a, b in pairs:
        if a in used_o or b in used_n:
            continue
        used_o.add(a)
        used_n.add(b)
        if by_id[a] == by_id[b]:
            unchanged.append([a, b])
        else:
            changes.append({"old": [a], "new": [b], "effect": _baseline_label(by_id[a], by_id[b])})
    changes += [{"old": [p["id"]], "new": [], "effect": "weakened"} for p in po if p["id"] not in used_o]
    changes += [{"old": [], "new": [p["id"]], "effect": "strengthened"} for p in pn if p["id"] not in used_n]
    strip = lambda ps: [{"id": p["id"], "text": p["text"]} for p in ps]  # noqa: E731
    return {"clauses": {"old": strip(po), "new": strip(pn)}, "unchanged": unchanged, "changes": changes}


def _score(scorer: Any, rows: list[dict[str, Any]], make: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = collections.defaultdict(list)
    for row in rows:
        by_pair[(row["old_file"], row["new_file"])].append(row)
    results: list[dict[str, Any]] = []
    timings = []
    corpus = SHARED / "corpus"
    for (old_file, new_file), pair_rows in sorted(by_pair.items()):
        start = time.perf_counter()
        data = make(corpus / old_file, corpus / new_file)
        timings.append((old_file, new_file, time.perf_counter() - start, len(data["changes"])))
        old_c, new_c = scorer.clause_list(data, "old"), scorer.clause_list(data, "new")
        for row in pair_rows:
            res = scorer.judge(row, data, old_c, new_c)
            res["pair"] = f"{old_file} -> {new_file}"
            results.append(res)
    located = [r for r in results if r["located"]]
    pairs = [r for r in located if r["outcome"] in ("R", "S", "W")]
    aligned = [r for r in pairs if r["linked"]]
    right = [r for r in located if r["linked"] and r.get("right")]
    f = lambda a, b: a / b if b else 0.0  # noqa: E731
    recall = {}
    for cls in ("weakened", "strengthened", "clarified"):
        members = [r for r in located if scorer.CLASS[r["outcome"]] == cls]
        recall[cls] = round(f(len([r for r in members if r["linked"] and r.get("right")]), len(members)), 3)
    confusion = collections.Counter(
        (scorer.CLASS[r["outcome"]], r["effect"] or "not linked") for r in located)
    summary = {
        "rows": len(results), "located": len(located),
        "alignment_recall": round(f(len(aligned), len(pairs)), 3),
        "effect_accuracy": round(f(len(right), len(located)), 3),
        "recall": recall,
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
        "timings": [f"{a} -> {b}: {s:.2f} s, {c} changes" for a, b, s, c in timings],
    }
    return summary, results


def _print(name: str, s: dict[str, Any]) -> None:
    print(f"== {name}")
    for t in s["timings"]:
        print(f"   {t}")
    print(f"   located {s['located']}/{s['rows']}  alignment recall {s['alignment_recall']:.3f}  "
          f"effect accuracy {s['effect_accuracy']:.3f}  recall {s['recall']}")
    labels = ["weakened", "strengthened", "clarified"]
    preds = ["weakened", "strengthened", "clarified", "mixed", "unchanged", "not linked"]
    print("   confusion (gold rows x predicted):")
    print("   " + " " * 14 + "".join(f"{p:>13}" for p in preds))
    for g in labels:
        print("   " + f"{g:<14}" + "".join(f"{s['confusion'].get(f'{g}->{p}', 0):>13}" for p in preds))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", nargs="*", default=[str(SHARED / "gold" / "dev.jsonl")])
    ap.add_argument("--json", help="write both summaries and per-row results here")
    ap.add_argument("--align-only", action="store_true", help="skip classification (alignment figures only)")
    args = ap.parse_args()
    if not (SHARED / "gold").is_dir():
        print(f"eval: the gold set is not at {SHARED / 'gold'}", file=sys.stderr)
        return 2
    scorer = _scorer()
    rows = [json.loads(line) for g in args.gold for line in open(g, encoding="utf-8") if line.strip()]
    base, _ = _score(scorer, rows, _baseline_data)
    ours, results = _score(scorer, rows, lambda a, b: _rspdiff_data(a, b, args.align_only))
    _print("baseline (blank-line paragraphs, greedy word overlap, modal counts)", base)
    _print("rspdiff", ours)
    if args.json:
        report = {"baseline": base, "rspdiff": ours, "results": results}
        Path(args.json).write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
