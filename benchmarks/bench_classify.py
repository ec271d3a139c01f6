"""Speed of the classification stage: ~500 matches after spaCy has loaded.

Builds its own sentences (no corpus text), so it runs anywhere: python benchmarks/bench_classify.py
"""

from __future__ import annotations

import time

from rspdiff.classify import classify
from rspdiff.model import Clause, ClauseKind, Kind, Match

TEMPLATES = (
    ("We will evaluate models every {n} months.", "We may evaluate models every {m} months where feasible."),
    ("No more than {n} people will have access.", "At most {m} people have access to the weights."),
    (
        "The Board must approve deployment of model {n}.",
        "The Board will be informed of deployment of model {m}.",
    ),
    ("We conduct red-teaming on {n} domains.", "We intend to conduct red-teaming on {m} domains."),
)


def _clause(text: str, side: str, i: int) -> Clause:
    return Clause(f"{side}{i}", ClauseKind.PARAGRAPH, ("Bench",), text, text, (i, i), side, i)


def matches(n: int = 500) -> list[Match]:
    out = []
    for i in range(n):
        old, new = TEMPLATES[i % len(TEMPLATES)]
        out.append(
            Match(
                Kind.MODIFIED,
                (_clause(old.format(n=i, m=i + 1), "o", i),),
                (_clause(new.format(n=i, m=i + 2), "n", i),),
            )
        )
    return out


def main() -> None:
    ms = matches()
    t0 = time.perf_counter()
    classify(ms[0])
    print(f"first call (loads spaCy and the lexicon): {time.perf_counter() - t0:.2f}s")
    t0 = time.perf_counter()
    for m in ms:
        classify(m)
    print(f"classified {len(ms)} matches in {time.perf_counter() - t0:.3f}s")


if __name__ == "__main__":
    main()
