"""Large synthetic version pairs with known edits, built at run time from the corpus.

Why: the real RSP pair is ~10k words, too small to show how the pipeline scales, and its changes
are not labelled. Here the old side is corpus documents concatenated (each under a renamed "Part N"
heading, so repeated copies stay distinguishable by place) until the size is reached; the new side
is the old one with edits whose kind and place we know: reworded sentences, changed numbers,
deleted and inserted sentences, and moved paragraphs. ``score`` then checks how many of them the
aligner reported as the right kind of change.

Nothing here is committed as text: the pair is written into a temporary folder by the caller.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from rspdiff.model import Changelog, Clause, Kind

# Lines that are page furniture in the corpus extractions; dropped so copies do not repeat them.
_PAGE_MARK = re.compile(r"^\[\[page \d+\]\]$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NUMBER = re.compile(r"\b\d+\b")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Words substituted into reworded sentences: neutral enough to be a plausible edit of any clause.
_REWORDS = ("particular", "relevant", "applicable", "designated", "specified", "appropriate")
# Vocabulary of the inserted sentences (our own words, never corpus text).
_NOUNS = ("audit", "review", "assessment", "evaluation", "inspection", "report")
_OBJECTS = ("deployment", "training run", "model release", "access request", "incident", "vendor")
# One edit every this many long prose paragraphs: a few per cent of all blocks change, as in a real revision.
EDIT_EVERY = 6


class EditKind(Enum):
    REWORD = "reword"
    NUMBER = "number"
    DELETE = "delete"
    INSERT = "insert"
    MOVE = "move"


# What the aligner should report for each edit kind.
EXPECTED = {
    EditKind.REWORD: Kind.MODIFIED,
    EditKind.NUMBER: Kind.MODIFIED,
    EditKind.DELETE: Kind.REMOVED,
    EditKind.INSERT: Kind.ADDED,
    EditKind.MOVE: Kind.MOVED,
}


@dataclass(frozen=True)
class Edit:
    """One known edit: where it is (a source line of the old or new side) and a phrase to find it."""

    kind: EditKind
    line: int  # 1-based line of the paragraph, old side (new side for inserts)
    phrase: str  # words of the affected sentence, to pick the clause among a paragraph's sentences


@dataclass
class Pair:
    old: str
    new: str
    words: int
    edits: list[Edit] = field(default_factory=list)


def corpus_files(corpus: Path) -> list[Path]:
    """Every document version of the corpus, in a fixed order (notes files excluded)."""
    return sorted(
        p for p in corpus.glob("*/*.md") if not p.name.startswith("CHANGES") and p.name != "SOURCES.md"
    )


def _blocks(text: str) -> list[str]:
    """Blank-line separated blocks; hard-wrapped prose is joined to one line, other blocks kept."""
    out: list[str] = []
    for raw in re.split(r"\n\s*\n", text):
        lines = [ln for ln in raw.splitlines() if ln.strip() and not _PAGE_MARK.match(ln.strip())]
        if not lines:
            continue
        if _is_prose(lines[0]) and all(_is_prose(ln) for ln in lines):
            out.append(" ".join(ln.strip() for ln in lines))
        else:
            out.append("\n".join(lines))
    return out


def _is_prose(line: str) -> bool:
    s = line.lstrip()
    return bool(s) and not (s[0] in "#|>-*+[" or re.match(r"\d+[.)]\s", s))


def _heading(block: str, part: int) -> str:
    """Shift a heading one level down and tag it with the part number, so copies differ."""
    hashes, _, title = block.partition(" ")
    level = min(len(hashes) + 1, 6)
    return f"{'#' * level} {title.strip()} (part {part})"


def build_old(corpus: Path, target_words: int) -> list[str]:
    """Blocks of the old side: corpus documents, each under ``# Part N``, until the size is reached."""
    files = corpus_files(corpus)
    if not files:
        raise FileNotFoundError(f"no corpus documents under {corpus}")
    blocks: list[str] = []
    words = 0
    part = 0
    while words < target_words:
        path = files[part % len(files)]
        part += 1
        blocks.append(f"# Part {part}")
        for block in _blocks(path.read_text(encoding="utf-8")):
            if block.startswith("#"):
                block = _heading(block.splitlines()[0], part)
            blocks.append(block)
            words += len(block.split())
            if words >= target_words:
                break
    return blocks


def _sentences(par: str) -> list[str]:
    return _SENTENCE_END.split(par)


def _phrase(sentence: str) -> str:
    return " ".join(sentence.split()[1:7])


def _line_numbers(blocks: Iterable[str]) -> list[int]:
    """1-based first line of each block once joined with blank lines."""
    out = []
    line = 1
    for b in blocks:
        out.append(line)
        line += b.count("\n") + 2
    return out


def make_pair(corpus: Path, target_words: int, seed: int = 0) -> Pair:
    """Old and new text of about ``target_words`` words, and the list of known edits."""
    rng = random.Random(seed)
    old = build_old(corpus, target_words)
    new: list[str | None] = list(old)
    old_lines = _line_numbers(old)
    pending: list[tuple[EditKind, int, str]] = []  # (kind, old block index, phrase) ; inserts by block
    moved: list[tuple[int, str]] = []
    prose = [i for i, b in enumerate(old) if _is_prose(b) and len(b.split()) >= 25]
    kinds = list(EditKind)
    for n, i in enumerate(prose[::EDIT_EVERY]):
        kind = kinds[n % len(kinds)]
        sents = _sentences(old[i])
        long_ones = [j for j, s in enumerate(sents) if len(s.split()) >= 10]
        if kind is EditKind.MOVE:
            moved.append((i, old[i]))
            new[i] = None
            pending.append((kind, i, _phrase(sents[0])))
        elif kind is EditKind.INSERT:
            sent = (
                f"A {rng.choice(_NOUNS)} of every {rng.choice(_OBJECTS)} takes place within "
                f"{rng.randint(2, 90)} days under provision {n}."
            )
            new[i] = " ".join([sents[0], sent, *sents[1:]])
            pending.append((kind, i, f"under provision {n}"))
        elif kind is EditKind.DELETE and len(sents) >= 3 and long_ones:
            j = long_ones[len(long_ones) // 2]
            new[i] = " ".join(s for k, s in enumerate(sents) if k != j)
            pending.append((kind, i, _phrase(sents[j])))
        elif kind is EditKind.NUMBER and any(_NUMBER.search(sents[j]) for j in long_ones):
            j = next(j for j in long_ones if _NUMBER.search(sents[j]))
            sents2 = list(sents)
            sents2[j] = _NUMBER.sub(lambda m: str(int(m.group()) + 7), sents[j], count=1)
            new[i] = " ".join(sents2)
            pending.append((kind, i, _phrase(sents[j])))
        elif long_ones:  # reword (also the fallback of delete and number when they do not apply)
            j = long_ones[0]
            words = sents[j].split()
            cands = [k for k in range(2, len(words) - 1) if words[k].isalpha() and len(words[k]) >= 5]
            if not cands:
                continue
            k = cands[len(cands) // 2]
            words[k] = next(w for w in _REWORDS if w != words[k].lower())
            sents2 = list(sents)
            sents2[j] = " ".join(words)
            new[i] = " ".join(sents2)
            pending.append((EditKind.REWORD, i, _phrase(sents[j])))
    # Each moved paragraph goes to the end of a part about a third of the document further on
    # (of the next part when there are only two or three): far enough that position cannot help.
    starts = [i for i, b in enumerate(old) if b.startswith("# Part ")]
    dest: dict[int, list[str]] = {}
    for i, text in moved:
        part = max(p for p, s in enumerate(starts) if s <= i)
        to = (part + max(1, len(starts) // 3)) % len(starts)
        end = starts[to + 1] if to + 1 < len(starts) else len(old)
        dest.setdefault(end, []).append(text)
    new_blocks: list[str] = []
    new_index: dict[int, int] = {}
    for i in range(len(old) + 1):
        new_blocks.extend(dest.get(i, []))
        if i < len(old) and new[i] is not None:
            new_index[i] = len(new_blocks)
            new_blocks.append(new[i])  # type: ignore[arg-type]
    new_lines = _line_numbers(new_blocks)
    edits = []
    for kind, i, phrase in pending:
        line = new_lines[new_index[i]] if kind is EditKind.INSERT else old_lines[i]
        edits.append(Edit(kind, line, phrase))
    size = sum(len(b.split()) for b in old)
    return Pair("\n\n".join(old) + "\n", "\n\n".join(new_blocks) + "\n", size, edits)


def _key(text: str) -> str:
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def _find(clauses: Iterable[Clause], edit: Edit) -> list[Clause]:
    """Clauses of the edited paragraph that contain the edit's phrase (all of them for a move)."""
    here = [c for c in clauses if c.lines[0] <= edit.line <= c.lines[1]]
    if edit.kind is EditKind.MOVE:
        return here
    phrase = _key(edit.phrase)
    return [c for c in here if phrase in _key(c.text)]


def score(cl: Changelog, edits: Iterable[Edit]) -> dict[EditKind, tuple[int, int]]:
    """(found as the expected kind, total) per edit kind; an edit whose clause is missing is not found."""
    kind_of: dict[tuple[str, str], Kind] = {}
    for a, b in cl.unchanged:
        kind_of["old", a] = Kind.UNCHANGED
        kind_of["new", b] = Kind.UNCHANGED
    for ch in cl.changes:
        for c in ch.old:
            kind_of["old", c.id] = ch.kind
        for c in ch.new:
            kind_of["new", c.id] = ch.kind
    result: dict[EditKind, list[int]] = {k: [0, 0] for k in EditKind}
    for e in edits:
        side = "new" if e.kind is EditKind.INSERT else "old"
        doc = cl.new if side == "new" else cl.old
        found = _find(doc.clauses, e)
        result[e.kind][1] += 1
        if found and all(kind_of.get((side, c.id)) is EXPECTED[e.kind] for c in found):
            result[e.kind][0] += 1
    return {k: (v[0], v[1]) for k, v in result.items()}
