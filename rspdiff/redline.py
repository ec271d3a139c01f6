"""Word-level redline of one aligned pair, with diff-match-patch.

Alignment comes first; this only diffs inside a pair, never a whole document. The diff runs on
words, not characters (each word is mapped to one code point, the "lines mode" trick from
diff-match-patch's documentation), so no half-word is ever marked. Differences of whitespace or
typography alone (curly quotes, dashes, a lost space) are folded back into equal text: the rubric
says they are never changes.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from rspdiff.align.text import key
from rspdiff.model import Op

# A token is a word with its trailing whitespace, or a run of punctuation: diffing these keeps
# spaces attached to the words they follow, so a redline reads naturally.
_TOKEN = re.compile(r"\w+(?:[-'\u2019.]\w+)*\s*|[^\w\s]+\s*|\s+")
# Above this many distinct tokens a pair is not diffed word by word (one delete and one insert):
# such clauses are not sentences, and each distinct token costs one private-use code point.
_MAX_TOKENS = 60_000


@cache
def _dmp() -> Any:
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # deterministic: never cut short by the clock
    return dmp


def _encode(tokens: list[str], table: dict[str, str]) -> str:
    out = []
    for tok in tokens:
        code = table.get(tok)
        if code is None:
            code = table[tok] = chr(0xE000 + len(table)) if len(table) < 6400 else chr(0x10000 + len(table))
        out.append(code)
    return "".join(out)


def redline(old: str, new: str) -> tuple[tuple[Op, str], ...]:
    """Equal / delete / insert runs turning ``old`` into ``new``, cleaned to whole words."""
    if old == new:
        return ((Op.EQUAL, old),) if old else ()
    if key(old) == key(new):
        return ((Op.EQUAL, new),)
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(set(a) | set(b)) > _MAX_TOKENS:
        return tuple(x for x in ((Op.DELETE, old), (Op.INSERT, new)) if x[1])
    table: dict[str, str] = {}
    ea, eb = _encode(a, table), _encode(b, table)
    back = {v: k for k, v in table.items()}
    dmp = _dmp()
    diffs = dmp.diff_main(ea, eb, False)
    dmp.diff_cleanupSemantic(diffs)
    ops: list[tuple[Op, str]] = []
    for op, codes in diffs:
        text = "".join(back[c] for c in codes)
        kind = Op.EQUAL if op == 0 else Op.DELETE if op < 0 else Op.INSERT
        ops.append((kind, text))
    return _tidy(ops)


def _tidy(ops: list[tuple[Op, str]]) -> tuple[tuple[Op, str], ...]:
    """Fold typography-only delete/insert pairs into equal text and merge neighbours."""
    out: list[tuple[Op, str]] = []
    i = 0
    while i < len(ops):
        op, text = ops[i]
        nxt = ops[i + 1] if i + 1 < len(ops) else None
        if op is Op.DELETE and nxt is not None and nxt[0] is Op.INSERT and key(text) == key(nxt[1]):
            out.append((Op.EQUAL, ops[i + 1][1]))
            i += 2
            continue
        if op is not Op.EQUAL and not key(text) and not text.strip():
            # whitespace-only insertions or deletions are not shown
            i += 1
            continue
        out.append((op, text))
        i += 1
    merged: list[tuple[Op, str]] = []
    for op, text in out:
        if merged and merged[-1][0] is op:
            merged[-1] = (op, merged[-1][1] + text)
        elif text:
            merged.append((op, text))
    return tuple(merged)
