"""TF-IDF vectors and nearest-neighbour candidates, so alignment never compares all with all.

Both versions share one vocabulary and one IDF, so a term common to the whole policy ("model",
"safeguards") weighs little and a rare shared term ("quarterly", "Long-Term Benefit Trust") weighs
a lot. Candidate pairs come from a sparse product of the two term matrices: only clauses sharing
at least one content term ever meet, and of those only each clause's best few are kept.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

# Each clause keeps at most this many candidates from the other side. Real rewrites put a
# clause's counterpart among its few nearest neighbours; boilerplate look-alikes beyond that are
# noise that only slows the assignment.
TOP_K = 8
# Rows multiplied at once: bounds the memory of the sparse product on very large inputs.
_CHUNK = 2048


def tfidf(docs: Sequence[Sequence[str]]) -> Any:
    """L2-normalised TF-IDF rows (scipy CSR), sublinear term frequency, smoothed IDF."""
    import numpy as np
    from scipy.sparse import csr_matrix

    vocab: dict[str, int] = {}
    df: list[int] = []
    rows: list[dict[int, int]] = []
    for doc in docs:
        counts: dict[int, int] = {}
        for term in doc:
            idx = vocab.get(term)
            if idx is None:
                idx = vocab[term] = len(df)
                df.append(0)
            counts[idx] = counts.get(idx, 0) + 1
        for idx in counts:
            df[idx] += 1
        rows.append(counts)
    n = max(len(docs), 1)
    idf = [math.log((1 + n) / (1 + d)) + 1.0 for d in df]
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for counts in rows:
        items = sorted(counts.items())
        vals = [(1.0 + math.log(c)) * idf[i] for i, c in items]
        norm = math.sqrt(sum(v * v for v in vals)) or 1.0
        indices.extend(i for i, _ in items)
        data.extend(v / norm for v in vals)
        indptr.append(len(indices))
    return csr_matrix(
        (np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64), np.array(indptr)),
        shape=(len(docs), max(len(df), 1)),
    )


def candidates(a: Any, b: Any, min_sim: float, k: int = TOP_K) -> dict[tuple[int, int], float]:
    """Pairs (row of ``a``, row of ``b``) with cosine ≥ ``min_sim`` among each row's top ``k``.

    A pair is kept when it is in the top ``k`` of either side, so a clause split in two still
    reaches both halves.
    """
    import numpy as np

    out: dict[tuple[int, int], float] = {}
    if a.shape[0] == 0 or b.shape[0] == 0:
        return out
    bt = b.T.tocsr()
    best_b: dict[int, list[tuple[float, int]]] = {}
    for start in range(0, a.shape[0], _CHUNK):
        prod = (a[start : start + _CHUNK] @ bt).tocsr()
        for r in range(prod.shape[0]):
            lo, hi = prod.indptr[r], prod.indptr[r + 1]
            if lo == hi:
                continue
            cols = prod.indices[lo:hi]
            vals = prod.data[lo:hi]
            keep = vals >= min_sim
            cols, vals = cols[keep], vals[keep]
            if len(vals) == 0:
                continue
            # Stable order: by similarity, then column, so ties never depend on hashing.
            order = np.lexsort((cols, -vals))[:k]
            i = start + r
            for o in order:
                out[(i, int(cols[o]))] = float(vals[o])
            for c, v in zip(cols.tolist(), vals.tolist(), strict=True):
                best_b.setdefault(c, []).append((v, i))
    for j, lst in best_b.items():
        lst.sort(key=lambda t: (-t[0], t[1]))
        for v, i in lst[:k]:
            out[(i, j)] = v
    return out


def row_cosine(a: Any, b: Any, pairs: Sequence[tuple[int, int]]) -> list[float]:
    """Cosine of selected row pairs of two L2-normalised matrices, without a full product."""
    import numpy as np

    if not pairs:
        return []
    ia = np.array([p[0] for p in pairs])
    ib = np.array([p[1] for p in pairs])
    prod = a[ia].multiply(b[ib])
    return [float(x) for x in np.asarray(prod.sum(axis=1)).ravel()]
