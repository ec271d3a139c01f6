"""One-to-one assignment of scored candidate pairs, and the order test that finds moves."""

from __future__ import annotations

import bisect
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


def in_order(pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The largest subset of ``pairs`` whose new positions increase with the old ones.

    Pairs outside it are the moves: a clause whose counterpart sits out of sequence. This is
    the longest increasing subsequence, O(n log n) by patience sorting.
    """
    ordered = sorted(pairs)
    tails: list[int] = []  # new index at the tail of the best run of each length
    tail_at: list[int] = []  # position in ``ordered`` of that tail
    back: list[int] = [-1] * len(ordered)
    for pos, (_i, j) in enumerate(ordered):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(pos)
        else:
            tails[k] = j
            tail_at[k] = pos
        back[pos] = tail_at[k - 1] if k > 0 else -1
    keep: set[tuple[int, int]] = set()
    pos = tail_at[-1] if tail_at else -1
    while pos >= 0:
        keep.add(ordered[pos])
        pos = back[pos]
    return keep
