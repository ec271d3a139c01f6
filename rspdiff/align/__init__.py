"""Pair every clause of the old version with its counterpart in the new one.

The algorithm, in the order it runs (cheap, certain steps first, as difflib does):

1. **Identical text in place.** Clauses whose key (letters and digits only) is equal and whose
   order is preserved are found with ``difflib.SequenceMatcher`` over the two key sequences.
2. **Identical text elsewhere.** Remaining clauses with equal keys are paired in order of
   appearance; the order test at the end calls them moves.
3. **Rewritten clauses.** The rest are scored by TF-IDF cosine of their content-word lemmas and of
   their character 4-grams, only for candidate pairs that share rare terms (``vectors``), then
   assigned one-to-one globally (``assign``). A first round takes only strong text matches; the
   second adds context: a bonus when the two clauses sit in corresponding sections (sections are
   paired by where their already-aligned clauses went) and when a neighbour is already aligned
   to the neighbour of the candidate.
4. **Gaps between anchors.** Clauses left over between two consecutive aligned pairs are compared
   with each other at a lower bar: a careful reader assumes that what sits in the same place of
   the same section, and shares some words, is the same commitment rewritten.
5. **Splits and merges.** A left-over clause next to an aligned one, whose words are mostly
   contained in the aligned clause on the other side, joins that pair (1 → n split, n → 1 merge).
6. **Order.** The longest run of pairs in increasing order on both sides is in place; pairs out of
   that run are moves. Consecutive moved clauses of one paragraph moving together are reported as
   one move, and consecutive added or removed sentences of one paragraph as one change.

Everything else is added or removed. Every clause of each side ends in exactly one match.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher

from rspdiff.align.assign import assign, in_order
from rspdiff.align.text import Segmenter, char_grams, key
from rspdiff.align.vectors import candidates, row_cosine, tfidf
from rspdiff.model import Alignment, Clause, ClauseKind, Document, Kind, Match

# Candidate pairs need at least this word-TF-IDF cosine: below it two clauses share only a stray
# common term, and real rewrites of one commitment nearly always share more.
CANDIDATE_MIN = 0.08
# Round one accepts a pair on text alone at this combined similarity: at 0.6 the two clauses
# share most of their content words and character runs, which unrelated policy sentences
# (even boilerplate look-alikes, which round one handles first by position) rarely do.
STRONG_MIN = 0.6
# Round two's bar, with context bonuses added to the text score. Two rewritten sentences of one
# commitment typically land at 0.3-0.5 text similarity; the bonuses lift those that sit where the
# commitment used to be above this bar, while a lone mid-similarity pair elsewhere stays below it.
MATCH_MIN = 0.3
# Bonus when both clauses sit in sections already paired by their other clauses.
SECTION_BONUS = 0.12
# Bonus when the clause before (or after) is already aligned to the clause before (after) the
# candidate: the strongest evidence of "same place".
NEIGHBOUR_BONUS = 0.12
# Inside a gap between two anchors the bar drops to this text similarity: the place already
# vouches for the pair, so fewer shared words suffice.
GAP_MIN = 0.22
# Gaps larger than this on either side are not searched: a gap that large is a rewritten
# section, where position no longer vouches for anything.
GAP_MAX = 40
# A left-over clause joins a neighbouring pair as a split (or merge) part when at least this share
# of its content terms occur in the other side's clause.
SPLIT_MIN = 0.6
# A left-over clause this similar to an aligned clause on the other side joins its pair even when
# not adjacent (see _absorb): at this level the words shared are the commitment's own.
ABSORB_MIN = 0.35
# Mutual best candidates among left-overs pair at this text similarity (see _mutual): low, because
# mutual preference is itself strong evidence, yet above the level two unrelated sentences of one
# policy reach by sharing its stock vocabulary.
MUTUAL_MIN = 0.2
# The low-bar passes (round two, gaps, mutual best) only pair clauses with at least this many content terms:
# between a one-word heading fragment and a sentence, any shared word is chance.
LOW_BAR_TERMS = 3
# ... and only when it sits in the same section as the clause it joins, or this close to it: the
# parts of one rewritten commitment stay together, while a distant look-alike (a changelog entry
# describing the change, say) is a different clause.
ABSORB_WINDOW = 6
# Round two, helped by context bonuses, still needs two content terms a side: a one-word clause
# ("Autonomous") shares its only word with many sentences and would pair by accident.
ROUND_TWO_TERMS = 2
# A split part must carry at least this many content terms: "It does." is not a split.
SPLIT_TERMS = 3
# Moves, additions and removals of consecutive sentences of one block are grouped up to this size,
# so a moved paragraph is reported once; larger groups would be too coarse to judge.
GROUP_MAX = 4
# In the order test, an identical clause pair counts this much against a rewrite's similarity
# (at most 1): two doubtful rewrites must not push a verbatim sentence out of place.
EXACT_WEIGHT = 2.0
# Every pair counts at least this much in the order test, so a pair made on structure alone (a
# renamed heading, whose words may share nothing) still stays in place when nothing contradicts it.
MIN_ORDER_WEIGHT = 0.05
# Weights of the two text similarities: words carry meaning, character grams survive lost spaces
# and inflection the lemma table does not know.
WORD_WEIGHT = 0.6
CHAR_WEIGHT = 0.4


class _State:
    """The growing one-to-one pairing, plus what the context bonuses need to know about it."""

    def __init__(self, old: Sequence[Clause], new: Sequence[Clause]) -> None:
        self.old = old
        self.new = new
        self.o2n: dict[int, int] = {}
        self.n2o: dict[int, int] = {}
        self.text: dict[tuple[int, int], float] = {}  # text similarity of scored candidate pairs

    def pair(self, i: int, j: int) -> None:
        self.o2n[i] = j
        self.n2o[j] = i

    def unpair(self, i: int, j: int) -> None:
        self.o2n.pop(i, None)
        self.n2o.pop(j, None)

    def left_old(self) -> list[int]:
        return [i for i in range(len(self.old)) if i not in self.o2n]

    def left_new(self) -> list[int]:
        return [j for j in range(len(self.new)) if j not in self.n2o]

    def section_map(self) -> dict[tuple[str, ...], tuple[str, ...]]:
        """Each old section → the new section that received most of its aligned clauses."""
        votes: dict[tuple[str, ...], Counter[tuple[str, ...]]] = defaultdict(Counter)
        for i, j in self.o2n.items():
            votes[self.old[i].path][self.new[j].path] += 1
        return {p: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for p, c in votes.items()}

    def neighbours(self, i: int, j: int) -> bool:
        return self.o2n.get(i - 1) == j - 1 or self.o2n.get(i + 1) == j + 1


class _Features:
    """Word and character TF-IDF rows for every clause of both sides."""

    def __init__(self, old: Sequence[Clause], new: Sequence[Clause]) -> None:
        seg = Segmenter(c.text for c in (*old, *new))
        terms = [seg.terms(c.text) for c in (*old, *new)]
        self.terms = [frozenset(t) for t in terms]
        self.n_old = len(old)
        words = tfidf(terms)
        grams = tfidf([char_grams(key(c.text)) for c in (*old, *new)])
        self.w_old, self.w_new = words[: len(old)], words[len(old) :]
        self.c_old, self.c_new = grams[: len(old)], grams[len(old) :]

    def similarity(self, pairs: Sequence[tuple[int, int]]) -> list[float]:
        w = row_cosine(self.w_old, self.w_new, pairs)
        c = row_cosine(self.c_old, self.c_new, pairs)
        return [WORD_WEIGHT * a + CHAR_WEIGHT * b for a, b in zip(w, c, strict=True)]

    def substantial(self, i: int, j: int, terms: int = 0) -> bool:
        """Both clauses carry enough content words for a low-bar match to mean anything."""
        need = terms or LOW_BAR_TERMS
        return len(self.old_terms(i)) >= need and len(self.new_terms(j)) >= need

    def old_terms(self, i: int) -> frozenset[str]:
        return self.terms[i]

    def new_terms(self, j: int) -> frozenset[str]:
        return self.terms[self.n_old + j]


def _exact(state: _State, ko: list[str], kn: list[str]) -> None:
    matcher = SequenceMatcher(None, ko, kn, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for t in range(size):
            state.pair(a + t, b + t)
    waiting: dict[str, list[int]] = defaultdict(list)
    for j in state.left_new():
        waiting[kn[j]].append(j)
    for i in state.left_old():
        queue = waiting.get(ko[i])
        if queue:
            state.pair(i, queue.pop(0))


def _fuzzy(state: _State, feats: _Features) -> dict[tuple[int, int], float]:
    """Rounds one and two of step 3; returns the text similarity of every pair it made."""
    sims: dict[tuple[int, int], float] = {}
    lo, ln = state.left_old(), state.left_new()
    if not lo or not ln:
        return sims
    cand = candidates(feats.w_old[lo], feats.w_new[ln], CANDIDATE_MIN)
    pairs = sorted((lo[a], ln[b]) for a, b in cand)
    text = dict(zip(pairs, feats.similarity(pairs), strict=True))
    state.text = text
    for i, j in assign(text, STRONG_MIN):
        state.pair(i, j)
        sims[(i, j)] = text[(i, j)]
    sections = state.section_map()
    scored = {}
    for (i, j), s in text.items():
        if i in state.o2n or j in state.n2o or not feats.substantial(i, j, ROUND_TWO_TERMS):
            continue
        bonus = SECTION_BONUS if sections.get(state.old[i].path) == state.new[j].path else 0.0
        bonus += NEIGHBOUR_BONUS if state.neighbours(i, j) else 0.0
        scored[(i, j)] = s + bonus
    for i, j in assign(scored, MATCH_MIN):
        state.pair(i, j)
        sims[(i, j)] = text[(i, j)]
    return sims


def _gaps(state: _State, feats: _Features) -> dict[tuple[int, int], float]:
    """Step 4: pair left-overs lying between the same two in-order anchors."""
    sims: dict[tuple[int, int], float] = {}
    anchors = sorted(in_order(list(state.o2n.items())))
    bounds = [(-1, -1), *anchors, (len(state.old), len(state.new))]
    for (a1, b1), (a2, b2) in zip(bounds, bounds[1:], strict=False):
        gap_o = [i for i in range(a1 + 1, a2) if i not in state.o2n]
        gap_n = [j for j in range(b1 + 1, b2) if j not in state.n2o]
        if not gap_o or not gap_n or len(gap_o) > GAP_MAX or len(gap_n) > GAP_MAX:
            continue
        pairs = [(i, j) for i in gap_o for j in gap_n if feats.substantial(i, j)]
        text = dict(zip(pairs, feats.similarity(pairs), strict=True))
        for i, j in assign(text, GAP_MIN):
            state.pair(i, j)
            sims[(i, j)] = text[(i, j)]
    return sims


def _mutual(state: _State, feats: _Features) -> dict[tuple[int, int], float]:
    """Left-overs that are each other's best remaining candidate are paired at a low bar.

    In a rewritten section neither position nor many shared words vouch for a pair, but when
    an old clause's closest new clause also finds that old clause closest, a reader would take
    them for the same commitment rewritten.
    """
    best_o: dict[int, tuple[float, int]] = {}
    best_n: dict[int, tuple[float, int]] = {}
    for (i, j), s in sorted(state.text.items()):
        if i in state.o2n or j in state.n2o or s < MUTUAL_MIN or not feats.substantial(i, j):
            continue
        if i not in best_o or s > best_o[i][0]:
            best_o[i] = (s, j)
        if j not in best_n or s > best_n[j][0]:
            best_n[j] = (s, i)
    sims = {}
    for i, (s, j) in sorted(best_o.items()):
        if best_n.get(j, (0.0, -1))[1] == i:
            state.pair(i, j)
            sims[(i, j)] = s
    return sims


def _renamed_sections(state: _State) -> None:
    """Pair left-over headings whose sections' clauses went to each other: a renamed section.

    A heading's words may change completely ("Safeguards" → "Protective Measures"); what
    identifies the section is where its content went.
    """
    sections = state.section_map()
    new_heads = {state.new[j].path + (state.new[j].text,): j for j in state.left_new()
                 if state.new[j].kind is ClauseKind.HEADING}
    for i in state.left_old():
        head = state.old[i]
        if head.kind is not ClauseKind.HEADING:
            continue
        target = sections.get(head.path + (head.text,))
        j = new_heads.get(target) if target is not None else None
        if j is not None and j not in state.n2o:
            state.pair(i, j)


def _untangle(state: _State, ko: list[str], kn: list[str],
              sims: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    """Give identical clauses their partners in document order.

    Two clauses with the same text are interchangeable: whichever partner one has, its twin could
    have at the same similarity. Earlier steps may have crossed them (a repeated boilerplate
    sentence, one copy of which was edited or deleted), which would read as moves. Re-dealing the
    partners of each group of twins, in position order and to the twins whose relative places
    are nearest theirs, keeps every similarity and removes the crossing.
    """
    out = dict(sims)
    for keys, forward in ((ko, True), (kn, False)):
        pairs = state.o2n if forward else state.n2o
        size_a = len(state.old if forward else state.new) or 1
        size_b = len(state.new if forward else state.old) or 1
        twins: dict[str, list[int]] = defaultdict(list)
        for a in range(len(keys)):
            twins[keys[a]].append(a)
        for group in twins.values():
            paired = [a for a in group if a in pairs]
            if len(group) < 2 or not paired or len(group) > _TWINS_MAX:
                continue
            partners = sorted(pairs[a] for a in paired)
            # The similarity of a pair depends only on the partner, the twins being identical.
            sim_of = {pairs[a]: sims.get((a, pairs[a]) if forward else (pairs[a], a)) for a in paired}
            chosen = _deal([a / size_a for a in group], [b / size_b for b in partners])
            for a in paired:
                state.unpair(a if forward else pairs[a], pairs[a] if forward else a)
            for x, b in zip(chosen, partners, strict=True):
                i, j = (group[x], b) if forward else (b, group[x])
                state.pair(i, j)
                sim = sim_of[b]
                if sim is not None:
                    out[(i, j)] = sim
    return {p: v for p, v in out.items() if state.o2n.get(p[0]) == p[1]}


# Groups of identical clauses larger than this are left as they are: re-dealing costs time
# quadratic in the group, and a sentence repeated that often carries no place of its own.
_TWINS_MAX = 200


def _deal(twins: list[float], partners: list[float]) -> list[int]:
    """Indices of ``twins`` (sorted positions) for the sorted ``partners``, in order, nearest first.

    An order-preserving assignment of every partner to a distinct twin minimising the total gap
    of relative positions: a small dynamic programme (len(twins) x len(partners)).
    """
    n, m = len(twins), len(partners)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    for x in range(n + 1):
        cost[x][0] = 0.0
    for x in range(1, n + 1):
        for y in range(1, min(x, m) + 1):
            take = cost[x - 1][y - 1] + abs(twins[x - 1] - partners[y - 1])
            cost[x][y] = min(cost[x - 1][y], take)
    chosen: list[int] = []
    x, y = n, m
    while y > 0:
        if cost[x][y] == cost[x - 1][y] and x - 1 >= y:
            x -= 1
            continue
        chosen.append(x - 1)
        x, y = x - 1, y - 1
    return chosen[::-1]


def _containment(part: frozenset[str], whole: frozenset[str]) -> float:
    return len(part & whole) / len(part) if len(part) >= SPLIT_TERMS else 0.0


def _splits(state: _State, feats: _Features) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Step 5: extra new clauses of split old ones, extra old clauses of merged new ones."""
    extra_new: dict[int, list[int]] = defaultdict(list)  # old i -> more new clauses
    extra_old: dict[int, list[int]] = defaultdict(list)  # new j -> more old clauses
    taken_new: set[int] = set()
    for j in state.left_new():
        best: tuple[float, int] | None = None
        for dj in (-1, 1, -2, 2):
            i = state.n2o.get(j + dj)
            if i is None or extra_old.get(j + dj):
                continue
            score = _containment(feats.new_terms(j), feats.old_terms(i))
            if score >= SPLIT_MIN and (best is None or score > best[0]):
                best = (score, i)
        if best is not None:
            extra_new[best[1]].append(j)
            taken_new.add(j)
    for i in state.left_old():
        best = None
        for di in (-1, 1, -2, 2):
            host = state.o2n.get(i + di)
            if host is None or extra_new.get(i + di):
                continue
            score = _containment(feats.old_terms(i), feats.new_terms(host))
            if score >= SPLIT_MIN and (best is None or score > best[0]):
                best = (score, host)
        if best is not None:
            extra_old[best[1]].append(i)
    _absorb(state, extra_new, extra_old, taken_new)
    return extra_new, extra_old


def _absorb(state: _State, extra_new: dict[int, list[int]], extra_old: dict[int, list[int]],
            taken_new: set[int]) -> None:
    """Left-overs whose best candidate is already aligned join that pair, wherever it is.

    Rewrites often fold two old commitments into one new sentence (or spread one over two):
    a one-to-one assignment can keep only one of them, and the other would wrongly read as
    removed. Only clearly similar left-overs join (``ABSORB_MIN``), and no group grows past
    ``GROUP_MAX`` clauses a side or becomes many-to-many.
    """
    taken_old = {i for lst in extra_old.values() for i in lst}
    best_old: dict[int, tuple[float, int]] = {}
    best_new: dict[int, tuple[float, int]] = {}
    for (i, j), s in sorted(state.text.items()):
        if s < ABSORB_MIN:
            continue
        if i not in state.o2n and i not in taken_old and j in state.n2o:
            if i not in best_old or s > best_old[i][0]:
                best_old[i] = (s, j)
        if j not in state.n2o and j not in taken_new and i in state.o2n:
            if j not in best_new or s > best_new[j][0]:
                best_new[j] = (s, i)
    for i, (_s, j) in sorted(best_old.items(), key=lambda kv: (-kv[1][0], kv[0])):
        host = state.n2o[j]
        if (not extra_new.get(host) and len(extra_old[j]) < GROUP_MAX - 1
                and _near(state.old, i, host)):
            extra_old[j].append(i)
    for j, (_s, i) in sorted(best_new.items(), key=lambda kv: (-kv[1][0], kv[0])):
        host = state.o2n[i]
        if (not extra_old.get(host) and len(extra_new[i]) < GROUP_MAX - 1
                and _near(state.new, j, host)):
            extra_new[i].append(j)
            taken_new.add(j)


def _near(clauses: Sequence[Clause], a: int, b: int) -> bool:
    """Two clauses of one side are close enough to be parts of one commitment."""
    return clauses[a].path == clauses[b].path or abs(a - b) <= ABSORB_WINDOW


def _group_runs(matches: list[Match], kind: Kind) -> list[Match]:
    """Join consecutive single-clause matches of ``kind`` within one block (see GROUP_MAX)."""
    out: list[Match] = []
    for m in matches:
        prev = out[-1] if out else None
        if (
            prev is not None
            and m.kind is kind
            and prev.kind is kind
            and len(m.old) <= 1
            and len(m.new) <= 1
            and max(len(prev.old), len(prev.new)) < GROUP_MAX
            and _continues(prev.old, m.old)
            and _continues(prev.new, m.new)
            and (prev.old or prev.new)
        ):
            out[-1] = Match(kind, prev.old + m.old, prev.new + m.new, min(prev.score, m.score))
        else:
            out.append(m)
    return out


def _continues(run: tuple[Clause, ...], nxt: tuple[Clause, ...]) -> bool:
    if not run and not nxt:
        return True
    if not run or not nxt:
        return False
    last, first = run[-1], nxt[0]
    return first.index == last.index + 1 and first.block == last.block


def align(old: Document, new: Document) -> Alignment:
    """Align the clauses of two versions; see the module docstring for the algorithm."""
    o, n = old.clauses, new.clauses
    ko = [key(c.text) for c in o]
    kn = [key(c.text) for c in n]
    state = _State(o, n)
    _exact(state, ko, kn)
    sims: dict[tuple[int, int], float] = {}
    if state.left_old() and state.left_new():
        feats = _Features(o, n)
        sims.update(_fuzzy(state, feats))
        sims.update(_gaps(state, feats))
        sims.update(_mutual(state, feats))
        _renamed_sections(state)
        sims = _untangle(state, ko, kn, sims)
        extra_new, extra_old = _splits(state, feats)
    else:
        sims = _untangle(state, ko, kn, sims)
        extra_new, extra_old = {}, {}

    base = list(state.o2n.items())
    # Identical text weighs most: its place is certain; a rewrite's weight is its similarity.
    weights = {(i, j): (EXACT_WEIGHT if ko[i] == kn[j] else max(sims.get((i, j), 0.0), MIN_ORDER_WEIGHT))
               for i, j in base}
    ordered = in_order(base, weights)
    grouped_new = {j for js in extra_new.values() for j in js}
    grouped_old = {i for is_ in extra_old.values() for i in is_}
    matches: list[tuple[float, int, Match]] = []
    for i, j in sorted(base):
        olds = tuple(o[x] for x in sorted([i, *extra_old.get(j, [])]))
        news = tuple(n[x] for x in sorted([j, *extra_new.get(i, [])]))
        same = ko[i] == kn[j] and len(olds) == len(news) == 1
        if len(news) > 1:
            kind = Kind.SPLIT
        elif len(olds) > 1:
            kind = Kind.MERGED
        elif (i, j) not in ordered:
            kind = Kind.MOVED
        else:
            kind = Kind.UNCHANGED if same else Kind.MODIFIED
        score = 1.0 if same else round(sims.get((i, j), 0.0), 3)
        matches.append((float(j), i, Match(kind, olds, news, score)))
    # A removed clause is listed where its neighbourhood went in the new version.
    last_new = -1.0
    for i in range(len(o)):
        if i in state.o2n:
            last_new = float(state.o2n[i])
        elif i not in grouped_old:
            matches.append((last_new + 0.5, i, Match(Kind.REMOVED, (o[i],), (), 1.0)))
    for j in state.left_new():
        if j not in grouped_new:
            matches.append((float(j), -1, Match(Kind.ADDED, (), (n[j],), 1.0)))
    matches.sort(key=lambda t: (t[0], t[1]))
    flat = [m for _, _, m in matches]
    for kind in (Kind.MOVED, Kind.ADDED, Kind.REMOVED):
        flat = _group_runs(flat, kind)
    return Alignment(old=old, new=new, matches=tuple(flat))
