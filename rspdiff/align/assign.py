"""One-to-one assignment of scored candidate pairs, and the order test that finds moves."""

from __future__ import annotations

from collections.abc import Sequence

# Above this many rows or columns the dense cost matrix of the Hungarian method would cost too
# much memory and time (it is cubic); a greedy pass over the sparse candidates takes over. Real
# policies leave a few hundred unmatched clauses after the exact pass, far below it.
DENSE_LIMIT = 2500


def assign(scores: dict[tuple[int, int], float], min_score: float) -> list[tuple[int, int]]:
    """Best one-to-one pairs among ``scores`` whose score is at least ``min_score``.

    Uses scipy's ``linear_sum_assignment`` (maximising the total score) when the problem is small
    enough, else a deterministic greedy pass (highest score first, ties by position).
    """
    pairs = {p: s for p, s in scores.items() if s >= min_score}
    if not pairs:
        return []
    rows = sorted({i for i, _ in pairs})
    cols = sorted({j for _, j in pairs})
    if len(rows) > DENSE_LIMIT or len(cols) > DENSE_LIMIT:
        return _greedy(pairs)
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    ri = {r: n for n, r in enumerate(rows)}
    ci = {c: n for n, c in enumerate(cols)}
    weight = np.zeros((len(rows), len(cols)))
    for (i, j), s in pairs.items():
        weight[ri[i], ci[j]] = s
    r_idx, c_idx = linear_sum_assignment(weight, maximize=True)
    out = [(rows[r], cols[c]) for r, c in zip(r_idx.tolist(), c_idx.tolist(), strict=True)
           if weight[r, c] >= min_score]
    return sorted(out)


def _greedy(pairs: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    used_i: set[int] = set()
    used_j: set[int] = set()
    out = []
    for (i, j), _s in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        out.append((i, j))
    return sorted(out)


def in_order(pairs: Sequence[tuple[int, int]],
             weight: dict[tuple[int, int], float] | None = None) -> set[tuple[int, int]]:
    """The heaviest subset of ``pairs`` whose new positions increase with the old ones.

    Pairs outside it are the moves: a clause whose counterpart sits out of sequence. With unit
    weights this is the longest increasing subsequence; with similarity weights, one identical
    clause outweighs several doubtful rewrites, so a reorganised document does not make its
    untouched sentences look moved. O(n log n): a Fenwick tree holds, for each new position, the
    best chain ending at or before it.
    """
    ordered = sorted(pairs)
    if not ordered:
        return set()
    w = weight or {}
    size = max(j for _, j in ordered) + 2
    tree_val = [0.0] * (size + 1)
    tree_at = [-1] * (size + 1)
    best = [0.0] * len(ordered)
    back = [-1] * len(ordered)

    def query(pos: int) -> tuple[float, int]:  # best chain ending at new index < pos
        val, at = 0.0, -1
        while pos > 0:
            if tree_val[pos] > val:
                val, at = tree_val[pos], tree_at[pos]
            pos -= pos & -pos
        return val, at

    def update(pos: int, val: float, at: int) -> None:
        while pos <= size:
            if val > tree_val[pos]:
                tree_val[pos], tree_at[pos] = val, at
            pos += pos & -pos

    start = 0
    while start < len(ordered):
        # Pairs sharing an old index may not chain with each other: query all, then update.
        end = start
        while end < len(ordered) and ordered[end][0] == ordered[start][0]:
            end += 1
        for k in range(start, end):
            val, at = query(ordered[k][1] + 1)
            best[k] = val + w.get(ordered[k], 1.0)
            back[k] = at
        for k in range(start, end):
            update(ordered[k][1] + 2, best[k], k)
        start = end
    keep: set[tuple[int, int]] = set()
    pos = max(range(len(ordered)), key=lambda k: (best[k], -k))
    while pos >= 0:
        keep.add(ordered[pos])
        pos = back[pos]
    return keep
