"""Modality: how binding each sentence is, on the rubric's five-rung scale.

A sentence's rung is its strongest modal phrase, found by the lexicon's phrase lists with the
longest match winning (so "will generally" is qualified, not binding). A sentence with no modal
but a present-tense statement of the author's own practice ("we conduct X", "evaluations are
run") binds. Weaker modals (should, may) count only when the author is the subject somewhere
in the sentence: "a model may reach a threshold" commits nobody to anything.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from rspdiff.classify.disclaimers import disclaimers as real_disclaimers
from rspdiff.classify.lexicon import Lexicon, load_lexicon
from rspdiff.classify.nlp import Analysis, Hit, analyse, longest
from rspdiff.model import Effect, Signal, SignalType

DESCRIPTIVE = 0
BINDING = 4
# "would" states a hypothesis ("that scale-up would entail 81x") unless the author is its
# subject ("we would pause"): like a weak modal, it binds only an author named before it.
_HYPOTHETICAL = frozenset({"would"})
# finite verbs that make a sentence-initial gerund its subject rather than a listed duty
_FINITE = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "can",
        "may",
        "will",
        "would",
        "requires",
        "could",
        "might",
        "should",
        "must",
        "shall",
    }
)


@dataclass(frozen=True)
class Modal:
    rank: int
    rung: str
    rule: str
    text: str  # the words as written


def _practice(a: Analysis, sent: int, lex: Lexicon, beliefs: Sequence[tuple[int, int]] = ()) -> Modal | None:
    """A present-tense practice statement in sentence ``sent``, if there is one.

    A practice whose subject lies inside one of ``beliefs`` (character spans of stated beliefs) is
    the content of the belief ("we believe that we review enough"), not a practice.
    """
    idx = [i for i, s in enumerate(a.token_sent) if s == sent]

    def believed(i: int) -> bool:
        return any(b <= a.offsets[i][0] < e for b, e in beliefs)

    imperative = _imperative(a, idx, lex)
    if imperative is not None:
        return imperative
    authors = {p for p in lex.practice_authors if " " not in p}
    adverbs = set(lex.practice_adverbs)
    verbs = set(lex.practice_verbs)
    # a named accountable body acting in the present tense states a practice too
    # ("the Chief AI Officer oversees ..."): the last word of the body is the subject's end
    officer_ends = {h.end for h in a.family("officer") if h.sent == sent}
    for pos, i in enumerate(idx):
        if believed(i):
            continue
        if ((a.tokens[i] in authors and not _relative(a, idx, pos, lex))
                or a.offsets[i][1] in officer_ends):
            j = pos + 1
            # "we do not sell", "we never share": a practice refused binds like a prohibition;
            # "we systematically identify": any "-ly" adverb may stand between ("apply" is a verb)
            while j < len(idx) and (a.tokens[idx[j]] in adverbs or a.tokens[idx[j]] in ("not", "never")
                                    or (a.tokens[idx[j]].endswith("ly") and len(a.tokens[idx[j]]) > 4
                                        and a.lemmas[idx[j]] not in verbs)):
                j += 1
            if (j < len(idx) and a.lemmas[idx[j]] in verbs and a.tokens[idx[j]] not in _NOT_PRACTICE
                    and not _perfect_of_other(a, idx, j, verbs)):
                return Modal(BINDING, "binding", "modality.practice", a.quote(i, idx[j] + 1))
        if a.tokens[i] in lex.passive_be and not (pos >= 2 and a.tokens[idx[pos - 2]] == "need"
                                                  and a.tokens[idx[pos - 1]] == "not"):
            # "are routinely monitored": adverbs between the verb "be" and its participle;
            # "need not be conducted" lifts the duty instead
            k = pos + 1
            while k < len(idx) and (a.tokens[idx[k]] in adverbs or a.tokens[idx[k]].endswith("ly")):
                k += 1
            n = _passive_verb(a, idx[k:], lex)
            # "to understand whether an assessment is required": the content of a question
            cut = max((q for q in range(pos) if a.tokens[idx[q]] in (",", ";")), default=0)
            asked = any(a.tokens[idx[q]] in ("whether", "what") for q in range(max(cut, 1), pos))
            if n and not asked:
                return Modal(BINDING, "binding", "modality.practice", a.quote(i, idx[k + n - 1] + 1))
    return None


# "had" reports the past; "'s" after an author is a possessive ("xAI's models"), not "xAI has"
_NOT_PRACTICE = frozenset({"had", "'s", "\u2019s"})


def _possessive(a: Analysis, end: int) -> bool:
    """Whether the word ending at character ``end`` is followed by a possessive "'s"."""
    nxt = next((i for i, (b, _e) in enumerate(a.offsets) if b >= end), None)
    return nxt is not None and a.tokens[nxt] in ("'s", "\u2019s")


def _perfect_of_other(a: Analysis, idx: list[int], j: int, verbs: set[str]) -> bool:
    """ "have" + the participle of a verb that is no practice ("xAI has focused on X").

    "We have a process" and "xAI has implemented safeguards" state practices; "has focused on"
    describes where attention went.
    """
    if a.lemmas[idx[j]] != "have" or j + 1 >= len(idx):
        return False
    nxt = idx[j + 1]
    tok = a.tokens[nxt]
    participle = tok.endswith("ed") and a.lemmas[nxt] != tok
    # the lookup table misses some participles ("developed" -> "develope"): try the stems too
    stems = {a.lemmas[nxt], tok[:-2], tok[:-1], tok[:-3]}
    return participle and not stems & verbs


def _relative(a: Analysis, idx: list[int], pos: int, lex: Lexicon) -> bool:
    """Whether the author at ``idx[pos]`` opens a relative or conditional clause, not a practice.

    "The mitigations we have implemented" names report content; "we have implemented X" states
    a practice. Without a tagger, a word of the sentence (not an opener such as "and", "if",
    "today", nor an "-ly" adverb) right before the author marks the relative clause.
    """
    if pos == 0:
        return False
    prev = a.tokens[idx[pos - 1]]
    # "when Anthropic operates X, ...", "if we deploy X, ...": a condition, not a standing practice
    if prev in lex.belief_subordinators:
        return True
    return prev.isalpha() and prev not in lex.practice_openers and not prev.endswith("ly")


def _gerund_subject(a: Analysis, h: Hit) -> bool:
    """A "will" (or "require") whose sentence opens with a gerund subject predicts, it does not bind.

    "Doing this will require reliable systems", "Protecting larger models will require more
    planning": the subject is an activity, and the sentence says what it will take.
    """
    if h.key not in ("will", "would", "'ll", "require"):
        return False
    before = [a.tokens[i] for i, (b, _e) in enumerate(a.offsets) if b < h.start and a.token_sent[i] == h.sent]
    words = [t for t in before if t.isalpha()]
    # "Starting in 2026, reports will ...": a participle phrase closed by a comma is no subject
    # ... nor is a gerund label before a colon ("Forecasting: Make ... ")
    return (bool(words) and len(words[0]) > 4 and words[0].endswith("ing") and "," not in before
            and ":" not in before)


def _embedded(a: Analysis, h: Hit) -> bool:
    """A modal inside an embedded question or a purpose clause binds nobody.

    "to understand whether an assessment is required", "we cannot anticipate what mitigations will
    be appropriate": the modal is the content of a question. "designed to ensure", "in order to
    ensure": an aim, not a duty (a duty to aim is carried by the verb before it, "we will act").
    """
    before = [a.tokens[i] for i, (b, _e) in enumerate(a.offsets) if b < h.start and a.token_sent[i] == h.sent]
    if h.key == "ensure" and before and before[-1] == "to":
        return True
    # the question runs to the next comma: "..., we will address them" is the main clause again
    cut = max((k for k, t in enumerate(before) if t in (",", ";")), default=0)
    return any(t in ("whether", "what") for t in before[max(cut, 1):])


def _lifted(a: Analysis, h: Hit) -> bool:
    """A requirement denied ("are not required", "no longer required", "need not be required").

    "Required" binds on its own, but "additional mitigations are not required" lifts a duty: the
    exception rules read it, and it must not count as a binding word of the author as well.
    """
    if h.key != "require":
        return False
    before = [a.tokens[i] for i, (b, _e) in enumerate(a.offsets) if b < h.start and a.token_sent[i] == h.sent]
    return bool(before) and (before[-1] in ("not", "longer") or before[-2:] == ["not", "be"])


def _other_party(a: Analysis, start: int, lex: Lexicon) -> bool:
    """Whether the modal starting at character ``start`` has a party other than the author as subject.

    "You must not misuse the Services" binds the user; "your account will be suspended" speaks of
    the user's account. Looks back at most four words, not past punctuation or an author.
    """
    before = [i for i, (b, _e) in enumerate(a.offsets) if b < start]
    authors = {p for p in lex.practice_authors if " " not in p}
    for i in reversed(before[-4:]):
        tok = a.tokens[i]
        if not tok.isalpha() or tok in authors:
            return False
        if tok in lex.other_parties:
            return True
    return False


def _passive_verb(a: Analysis, idx: list[int], lex: Lexicon) -> int:
    """How many tokens at the start of ``idx`` form one of the lexicon's passive verbs (0: none).

    An entry may be several words: "is limited to a core team" is a restriction, while "the
    evidence is limited" only describes.
    """
    best = 0
    for verb in lex.passive_verbs:
        words = verb.split()
        if len(words) > best and [a.tokens[i] for i in idx[: len(words)]] == words:
            best = len(words)
    return best


def _imperative(a: Analysis, idx: list[int], lex: Lexicon) -> Modal | None:
    """An imperative or nominalised duty at the start of a sentence or after "Label:"."""
    starts = [0] + [p + 1 for p, i in enumerate(idx[:-1]) if a.tokens[i] == ":" and p < 8]
    adverbs = set(lex.practice_adverbs)
    for p in starts:
        # leading adverbs ("Rigorously study", "Further develop") are not the verb
        while p < len(idx) and (
            not a.tokens[idx[p]].isalpha() or a.tokens[idx[p]] in adverbs or a.tokens[idx[p]].endswith("ly")
        ):
            p += 1
        # "Re-evaluate", "Re-run": the verb is the word after the prefix
        if p + 2 < len(idx) and a.tokens[idx[p]] in ("re", "pre") and a.tokens[idx[p + 1]] == "-":
            p += 2
        if p >= len(idx):
            continue
        i = idx[p]
        tok, lemma = a.tokens[i], a.lemmas[i]
        weak = ("have", "do", "make", "take", "use")
        if tok == lemma and tok in lex.practice_verbs and tok not in weak:
            return Modal(BINDING, "binding", "modality.imperative", a.quote(i, i + 1))
        # a list of duties in gerunds ("Developing safety cases ...", "Sharing summaries ...");
        # a gerund that is the subject of a verb ("Developing X is hard") is not a duty
        # a verb inside parentheses belongs to an aside ("(the board can change this)"), not to
        # the gerund, so it does not make the gerund a subject
        rest = {a.tokens[k] for k in _outside_parentheses(a, idx[p + 1 :])}
        # the lookup lemmatizer misses some gerunds ("developing" -> "develope"): try the stems too
        stems = {lemma, tok[:-3], tok[:-3] + "e", tok[:-4]} if tok.endswith("ing") else set()
        verbs = stems & set(lex.practice_verbs) - set(weak)
        if verbs and not rest & _FINITE:
            return Modal(BINDING, "binding", "modality.imperative", a.quote(i, i + 1))
        nxt = a.tokens[i + 1] if i + 1 < len(a.tokens) else ""
        # "Publication of model cards" heads a list of duties; "Deployment of the model could
        # contribute to ..." is the subject of a verb, like a gerund subject above
        if tok in lex.duty_nouns and nxt == "of" and not rest & _FINITE:
            return Modal(BINDING, "binding", "modality.imperative", a.quote(i, i + 2))
    return None


def modal_hits(a: Analysis) -> list[Hit]:
    """The modal phrases of ``a``, longest first, without those inside a disclaimer.

    "We cannot guarantee X" denies a commitment: its "guarantee" is no binding word. Only a real
    disclaimer disarms its words: in "we may change our suppliers" the "may" is the author's option.
    """
    disclaimers = real_disclaimers(a, load_lexicon())
    return [
        h
        for h in longest(a.families("rung:"))
        if not any(d.start <= h.start and h.end <= d.end for d in disclaimers)
    ]


def _outside_parentheses(a: Analysis, idx: list[int]) -> list[int]:
    """Token indices of ``idx`` not inside parentheses (an unclosed one runs to the end)."""
    depth = 0
    out: list[int] = []
    for k in idx:
        tok = a.tokens[k]
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(k)
    return out


def sentence_modals(a: Analysis, lex: Lexicon) -> list[Modal | None]:
    """The commitment-bearing modal of each sentence of ``a`` (None: descriptive)."""
    if lex is load_lexicon():
        return list(_cached(a.text))
    return _sentence_modals(a, lex)


@functools.lru_cache(maxsize=8192)
def _cached(text: str) -> tuple[Modal | None, ...]:
    return tuple(_sentence_modals(analyse(text), load_lexicon()))


def belief_reaches(a: Analysis, lex: Lexicon) -> dict[int, list[tuple[int, int]]]:
    """The character spans of each sentence that only state a belief, by sentence.

    A belief ("we believe that ...") reaches from its marker to the end of its own clause: a
    semicolon, "therefore", a connective after a comma (", so", ", and", ", but" — unless "that"
    goes on with the belief: ", and that ..."), or a connective opening a clause with its own
    author ("and we must ..."). "We believe X, so we will Y" commits the author to Y; only X is the
    belief. A belief inside a subordinate clause ("Because we believe X, we will Y") ends where
    the main clause starts: at a comma followed by the author.
    """
    ends = set(lex.belief_ends)
    connectives = set(lex.belief_connectives)
    subordinators = set(lex.belief_subordinators)
    authors = {p for p in lex.practice_authors if " " not in p}
    out: dict[int, list[tuple[int, int]]] = {}
    for h in a.family("descriptive"):
        sent = a.sentences[h.sent]
        idx = [i for i, s in enumerate(a.token_sent) if s == h.sent]
        first = next((p for p, i in enumerate(idx) if a.offsets[i][0] >= h.start), len(idx))
        subordinate = first > 0 and a.tokens[idx[first - 1]] in subordinators
        stop = sent.end
        for p in range(first + 1, len(idx)):
            tok = a.tokens[idx[p]]
            nxt = a.tokens[idx[p + 1]] if p + 1 < len(idx) else ""
            after = a.tokens[idx[p + 2]] if p + 2 < len(idx) else ""
            if (
                tok in ends
                or (tok == "," and nxt in connectives and after != "that")
                or (tok in connectives and nxt in authors)
                or (tok == "," and subordinate and nxt in authors)
                # "We recognize that X – we will continue to Y": a dash or colon before a new
                # author opens the main clause
                or (tok in ("\u2013", "\u2014", "-", "--", ":") and nxt in authors)
            ):
                stop = a.offsets[idx[p]][0]
                break
        out.setdefault(h.sent, []).append((h.start, stop))
    return out


# words that open a clause with its own subject after the author: "we determine that a model could"
_COMPLEMENTIZERS = frozenset({"that", "whether", "which", "who", "where", "when", "if"})


def _sentence_modals(a: Analysis, lex: Lexicon) -> list[Modal | None]:
    ranks = {f"rung:{r.name}": r for r in lex.rungs}
    # where the author (or a named body) is first named in each sentence: a weak modal binds the
    # author only when the author comes before it ("we may run ..."), not when the company is
    # merely mentioned later ("can automate the work of any team at the company")
    authors_at: dict[int, list[int]] = {}
    for h in (*a.family("author"), *a.family("officer")):
        if _possessive(a, h.end):  # "xAI's models may ...": the models', not the author's, option
            continue
        authors_at.setdefault(h.sent, []).append(h.end)

    def authored_before(sent: int, start: int) -> bool:
        """An author named before the modal, in the modal's own clause: "we determine that a
        model could ..." gives the "could" to the model, not to the author."""
        between = [i for i, (b, _e) in enumerate(a.offsets) if b < start and a.token_sent[i] == sent]
        for end in authors_at.get(sent, []):
            if end <= start and not any(a.tokens[i] in _COMPLEMENTIZERS for i in between
                                        if a.offsets[i][0] >= end):
                return True
        return False
    hits = modal_hits(a)
    # what a sentence says it only believes ("we believe that models will ..."): a modal or a
    # practice inside a belief is its content, not a duty; one outside it still binds
    beliefs = belief_reaches(a, lex)
    out: list[Modal | None] = []
    for k in range(len(a.sentences)):
        reach = beliefs.get(k, [])
        best: Modal | None = None
        for h in hits:
            if h.sent != k:
                continue
            rung = ranks[h.family]
            authored = authored_before(k, h.start)
            if (rung.rank < 3 or h.key in _HYPOTHETICAL) and not authored:
                continue
            if any(b <= h.start < e for b, e in reach):
                continue
            if _other_party(a, h.start, lex) or _lifted(a, h) or (not authored and _gerund_subject(a, h)):
                continue
            if _embedded(a, h):
                continue
            if best is None or rung.rank > best.rank:
                best = Modal(rung.rank, rung.name, rung.rule, h.text)
        if best is None or best.rank < BINDING:
            practice = _practice(a, k, lex, reach)
            if practice is not None:
                best = practice
        out.append(best)
    return out


def strongest(sides: Sequence[Analysis], lex: Lexicon) -> Modal | None:
    """The most binding modal of a whole side (several clauses for a split or merge)."""
    best: Modal | None = None
    for a in sides:
        for m in sentence_modals(a, lex):
            if m is not None and (best is None or m.rank > best.rank):
                best = m
    return best


def commitment_count(sides: Sequence[Analysis], lex: Lexicon) -> int:
    """How many sentences of a side bind the author (binding or qualified)."""
    return sum(1 for a in sides for m in sentence_modals(a, lex) if m is not None and m.rank >= 3)


def modality_signals(old: Sequence[Analysis], new: Sequence[Analysis], lex: Lexicon) -> list[Signal]:
    """One signal when the strongest modal of the two sides sits on different rungs."""
    o, n = strongest(old, lex), strongest(new, lex)
    o_rank = o.rank if o else DESCRIPTIVE
    n_rank = n.rank if n else DESCRIPTIVE
    if o_rank == n_rank:
        return []
    o_name = o.rung if o else "descriptive"
    n_name = n.rung if n else "descriptive"
    weaker = n_rank < o_rank
    return [
        Signal(
            type=SignalType.MODALITY,
            direction=Effect.WEAKENED if weaker else Effect.STRENGTHENED,
            old=o.text if o else "",
            new=n.text if n else "",
            explanation=(
                f"The strongest commitment moves from {o_name} to {n_name} "
                f"({'less' if weaker else 'more'} binding)."
            ),
            rule=n.rule if n else "modality.descriptive",
            weight=lex.weight("modality"),
        )
    ]
