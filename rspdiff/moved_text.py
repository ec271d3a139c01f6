"""Words that left one clause and arrived in a neighbouring one moved: no change of commitment.

Revisions move phrases across sentence boundaries ("... and publish the findings. Reports
will ..." becomes "... . The findings and reports will ..."), and PDF extractions of one page
cut sentences differently from one version to the next. Judged one aligned pair at a time, the
phrase's leaving reads as a loss in one change and its arrival as a gain in the next: two false
alarms, one of them a "weakened" that no reader would accept.

So, before judging, a run of at least ``MIN_RUN`` words that one change deletes and the same or a
neighbouring change inserts, in the same order, is set aside. Deliberately narrow, because a
hidden weakening is the costliest error: only runs deleted once and inserted once in the whole
comparison, only between changes at most ``NEAR_CLAUSES`` apart (or runs of ``LONG_RUN`` words or more,
at any distance), and setting words aside may only
*remove* evidence from a change, never add any (``compare`` keeps just the signals the untrimmed
change also has). An added or removed clause is either moved text as a whole (clarified) or
judged as it is. The runs are found through an index of ``MIN_RUN``-grams, so the cost stays
linear in the number of changed words. A change keeps its redline and clauses: only what the
classifier reads is trimmed, and the change carries a ``clause.moved_text`` signal quoting the
words set aside.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rspdiff.model import Clause, ClauseKind, Effect, Kind, Match, Op, Signal, SignalType

# Shortest run of words, in order, that counts as moved. Three-word runs ("the model will",
# "as well as") recur by chance across a policy's changes; five or more of the same words in
# the same order, deleted here and inserted there, are the same text moving.
MIN_RUN = 5
# Two different changes exchange moved words only when their clauses lie at most this many clauses
# apart on one side: a phrase crossing a sentence boundary, or into the neighbouring sentence. A
# phrase reappearing far away may have joined another commitment ("at least every three months"
# leaving the tests for the calibrations): that is a real change and must be judged as one.
NEAR_CLAUSES = 2
# ... except a run this long, which is the same text moving wherever it lands: PDF extractions of
# one table interleave its columns differently from version to version, so a dozen words of one
# cell turn up many clauses away. Twelve words in the same order do not recur by chance, and the
# words left around them (where a real change of commitment would show) are still judged.
LONG_RUN = 12
# A removed or added clause whose words have moved at least this share is moved text as a whole
# (a stray word or two, a footnote number or a changed punctuation, may not travel with it).
WHOLE_SHARE = 0.8
# Words quoted from a moved run in the explanation.
_QUOTE_WORDS = 12

_WORD = re.compile(r"\w+(?:[-'\u2019.]\w+)*")


@dataclass(frozen=True)
class _Piece:
    """One redline run of one change, cut into words with their places in the run's text."""

    change: int
    op: Op
    text: str
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Trimmed:
    """What the classifier should read for one change, and the words set aside."""

    match: Match
    moved_out: tuple[str, ...]  # runs deleted here and inserted elsewhere
    moved_in: tuple[str, ...]  # runs inserted here that were deleted elsewhere
    whole: bool  # an added or removed clause whose words all moved

    @property
    def touched(self) -> bool:
        return bool(self.moved_out or self.moved_in)


def _pieces(index: int, ops: Sequence[tuple[Op, str]]) -> list[_Piece]:
    out = []
    for op, text in ops:
        found = list(_WORD.finditer(text))
        out.append(_Piece(index, op, text, tuple(m.group(0).lower() for m in found),
                          tuple(m.span() for m in found)))
    return out


def _grams(pieces: Sequence[Sequence[_Piece]], op: Op) -> dict[tuple[str, ...], list[tuple[int, int, int]]]:
    """Every MIN_RUN-gram of the runs of kind ``op``: where it occurs (change, run, word)."""
    grams: dict[tuple[str, ...], list[tuple[int, int, int]]] = defaultdict(list)
    for c, runs in enumerate(pieces):
        for r, p in enumerate(runs):
            if p.op is op:
                for k in range(len(p.words) - MIN_RUN + 1):
                    grams[p.words[k : k + MIN_RUN]].append((c, r, k))
    return grams


def _near(a: Match, b: Match) -> bool:
    """Two changes close enough on one side for a phrase to have crossed between them."""
    for xs, ys in ((a.old, b.old), (a.new, b.new)):
        if xs and ys and min(abs(x.index - y.index) for x in xs for y in ys) <= NEAR_CLAUSES:
            return True
    return False


def _mark(pieces: Sequence[Sequence[_Piece]], matches: Sequence[Match]) -> dict[tuple[int, int], set[int]]:
    """Moved word positions, keyed by (change, run).

    A MIN_RUN-gram counts when it is deleted exactly once and inserted exactly once in the whole
    comparison (one-to-one: boilerplate and names that recur everywhere are not "a phrase that
    moved"), within one change or between two near ones (NEAR_CLAUSES). Each gram is looked at
    once, so the cost is linear in the number of changed words.
    """
    inserted = _grams(pieces, Op.INSERT)
    moved: dict[tuple[int, int], set[int]] = defaultdict(set)
    far: dict[tuple[int, int, int, int, int], list[tuple[int, int]]] = defaultdict(list)
    for gram, deleted in _grams(pieces, Op.DELETE).items():
        hits = inserted.get(gram)
        if not hits or len(hits) != 1 or len(deleted) != 1:
            continue
        (c, r, k), (hc, hr, hk) = deleted[0], hits[0]
        if c != hc and not _near(matches[c], matches[hc]):
            far[(c, r, hc, hr, k - hk)].append((k, hk))  # kept only as part of a long run, below
            continue
        moved[(c, r)].update(range(k, k + MIN_RUN))
        moved[(hc, hr)].update(range(hk, hk + MIN_RUN))
    for (c, r, hc, hr, _shift), starts in sorted(far.items()):
        for first, last in _chains(sorted(starts)):
            if last[0] + MIN_RUN - first[0] >= LONG_RUN:
                moved[(c, r)].update(range(first[0], last[0] + MIN_RUN))
                moved[(hc, hr)].update(range(first[1], last[1] + MIN_RUN))
    return moved


def _mark_fragments(pieces: Sequence[Sequence[_Piece]], matches: Sequence[Match],
                    moved: dict[tuple[int, int], set[int]]) -> None:
    """A clause of fewer than MIN_RUN words, added or removed whole, that another change takes in
    as the very start or end of one of its runs: a cell fragment ("Perform systematic") that the
    extraction of one version cut off from its sentence and the other's did not.

    Only when those words, in order, occur exactly once among all the other side's runs of the
    comparison, and at a run's edge, where a cut would put them.
    """
    starts: dict[Op, dict[str, list[tuple[int, int, int]]]] = {Op.INSERT: defaultdict(list),
                                                                 Op.DELETE: defaultdict(list)}
    for hc, hruns in enumerate(pieces):  # where each word starts in the runs, to look up fast
        for hr, p in enumerate(hruns):
            if p.op is not Op.EQUAL:
                for k, w in enumerate(p.words):
                    starts[p.op][w].append((hc, hr, k))
    for c, (match, runs) in enumerate(zip(matches, pieces, strict=True)):
        op = Op.DELETE if match.kind is Kind.REMOVED else Op.INSERT if match.kind is Kind.ADDED else None
        own = [p for p in runs if p.op is not Op.EQUAL]
        clauses = match.old or match.new
        if (op is None or len(own) != 1 or own[0].op is not op or not 0 < len(own[0].words) < MIN_RUN
                or any(cl.kind is ClauseKind.HEADING for cl in clauses)):
            continue
        words = own[0].words
        other = Op.INSERT if op is Op.DELETE else Op.DELETE
        found = [(hc, hr, k) for hc, hr, k in starts[other].get(words[0], [])
                 if hc != c and pieces[hc][hr].words[k:k + len(words)] == words]
        if len(found) != 1:
            continue
        hc, hr, k = found[0]
        if k not in (0, len(pieces[hc][hr].words) - len(words)):
            continue
        moved[(c, runs.index(own[0]))].update(range(len(words)))
        moved[(hc, hr)].update(range(k, k + len(words)))


def _chains(starts: Sequence[tuple[int, int]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Runs of grams starting at consecutive words (both sides move together): first and last."""
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for s in starts:
        if out and out[-1][1][0] == s[0] - 1:
            out[-1] = (out[-1][0], s)
        else:
            out.append((s, s))
    return out


def _runs(p: _Piece, positions: set[int]) -> list[str]:
    """The moved words of a piece as quoted runs (consecutive positions joined)."""
    out: list[list[int]] = []
    for k in sorted(positions):
        if out and out[-1][-1] == k - 1:
            out[-1].append(k)
        else:
            out.append([k])
    return [p.text[p.spans[g[0]][0] : p.spans[g[-1]][1]] for g in out]


def _kept(p: _Piece, positions: set[int]) -> str:
    """The piece's text without its moved words (the punctuation and spaces between stay)."""
    text, last = [], 0
    for k, (a, b) in enumerate(p.spans):
        if k in positions:
            text.append(p.text[last:a])
            last = b
    text.append(p.text[last:])
    return "".join(text)


def _side(clauses: tuple[Clause, ...], text: str) -> tuple[Clause, ...]:
    """One clause standing for a whole side, with the trimmed text (a split or merge is judged
    on the union of its clauses anyway)."""
    if not clauses:
        return clauses
    return (replace(clauses[0], text=" ".join(text.split())),)


def trim(matches: Sequence[Match], redlines: Sequence[Sequence[tuple[Op, str]]]) -> list[Trimmed]:
    """For each change (``matches[i]`` with redline ``redlines[i]``), what the judge should read."""
    pieces = [_pieces(i, ops) for i, ops in enumerate(redlines)]
    moved = _mark(pieces, matches)
    _mark_fragments(pieces, matches, moved)
    out = []
    for c, (match, runs) in enumerate(zip(matches, pieces, strict=True)):
        gone: list[str] = []
        came: list[str] = []
        old_text, new_text = [], []
        words = moved_words = 0
        for r, p in enumerate(runs):
            pos = moved.get((c, r), set())
            if p.op is not Op.EQUAL:
                words += len(p.words)
                moved_words += len(pos)
            if p.op is Op.DELETE:
                gone += _runs(p, pos)
            elif p.op is Op.INSERT:
                came += _runs(p, pos)
            kept = _kept(p, pos) if pos else p.text
            if p.op is not Op.INSERT:
                old_text.append(kept)
            if p.op is not Op.DELETE:
                new_text.append(kept)
        if not gone and not came:
            out.append(Trimmed(match, (), (), False))
            continue
        whole = match.kind in (Kind.ADDED, Kind.REMOVED) and moved_words >= WHOLE_SHARE * max(words, 1)
        if match.kind in (Kind.ADDED, Kind.REMOVED) and not whole:
            # A clause that appears or disappears with only part of it moved is judged whole: cut
            # mid-sentence, what is left would be quoted as words nobody wrote.
            out.append(Trimmed(match, (), (), False))
            continue
        trimmed = replace(match, old=_side(match.old, "".join(old_text)),
                          new=_side(match.new, "".join(new_text)))
        out.append(Trimmed(trimmed, tuple(gone), tuple(came), whole))
    return out


def moved_signal(t: Trimmed) -> Signal:
    """The evidence that words were set aside, quoting them, so a reader can check."""
    def quote(runs: tuple[str, ...]) -> str:
        words = " … ".join(runs).split()
        cut = " ".join(words[:_QUOTE_WORDS]).removesuffix(" …")
        return cut + (" …" if len(words) > _QUOTE_WORDS else "")

    def words(runs: tuple[str, ...]) -> list[str]:
        return sorted(w.lower() for run in runs for w in _WORD.findall(run))

    if t.moved_out and words(t.moved_out) == words(t.moved_in):
        why = "These words only changed place within the clause: a reordering, not a change of commitment."
    elif t.moved_out and t.moved_in:
        why = ("Words left this clause and others arrived from another one: moved text is not judged "
               "as a change of commitment.")
    elif t.moved_out:
        why = "These words reappear in another clause of the new version: moved text, not a removal."
    else:
        why = "These words come from another clause of the old version: moved text, not an addition."
    return Signal(SignalType.CLAUSE, Effect.CLARIFIED, quote(t.moved_out), quote(t.moved_in), why,
                  "clause.moved_text", 0.0)
