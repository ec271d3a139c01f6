"""The spaCy pipeline and the per-text analysis every rule family reads.

No trained pipeline is available offline, so the pipeline is ``spacy.blank("en")`` with the
rule-based sentencizer and the lookup lemmatizer (spacy-lookups-data). Matching is done on
lemmas of lower-cased text so that "requires"/"required" and "months"/"month" meet one lexicon
entry. Text is normalised character for character (quotes, dashes, odd spaces), so character
offsets in the analysed text are offsets in the original and evidence quotes the author's words.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rspdiff.classify.lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:  # spaCy is heavy: imported lazily, only when a text is analysed
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

# one character in, one character out: offsets stay valid
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u00d7": "x",
        "\u25cf": " ",
        "\u2022": " ",
    }
)


def plain(text: str) -> str:
    """Lower-case, plain quotes and dashes, with the same length as ``text``."""
    out = []
    for ch in text.translate(_PLAIN):
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


# Function words and modals the lookup table does not list (they have no inflections).
_FUNCTION_WORDS = frozenset(
    "a an the of to and or in on at by for with as is are be was were that this these those we our us "
    "it its their they will shall must may can should would could might not no from into than then if "
    "any all each every has have had do does which who whom what when where while before after during "
    "until unless upon within without between through against also only such other whether because "
    "although there both either throughout otherwise therefore thereby thereafter afterwards beforehand "
    "whereas whereby hereby herein therein moreover furthermore however nevertheless nonetheless "
    "meanwhile without whenever wherever whatever whichever".split()
)


@functools.cache
def _vocabulary() -> tuple[frozenset[str], object]:
    """Known English words: lemmas of the lookup table plus function words (for re-spacing)."""
    table = pipeline_base().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]
    lemmas = frozenset(str(v) for _, v in table.items())
    # the lookup table lists only words that inflect: "about", "below", "available" are not in
    # it, and without them the splitter would cut "ahead" into "a head" (a "head of" body)
    return lemmas | _FUNCTION_WORDS | frozenset(load_lexicon().known_words), table


def _known(word: str) -> bool:
    words, table = _vocabulary()
    low = word.lower()
    if low in words or low in table:  # type: ignore[operator]
        return True
    # adverbs are not lemmas: "annually" is known when "annual" is
    return low.endswith("ly") and len(low) > 5 and (low[:-2] in words or low[:-3] + "y" in words)


@functools.lru_cache(maxsize=65536)
def _split_cached(word: str) -> tuple[str, ...]:
    return tuple(_split_glued(word))


def _split_glued(word: str, depth: int = 0) -> list[str]:
    """Split a word that lost its space in PDF extraction ("willshare" -> "will", "share").

    Only alphabetic, unknown words are split, and only where both parts are known words (a
    case change such as "TheASL" is a split point too), so ordinary vocabulary is never cut.
    """
    if depth > 2 or len(word) < 4 or not word.isalpha() or _known(word):
        return [word]
    best: tuple[tuple[int, int, int], int] | None = None
    for i in range(1, len(word)):
        left, right = word[:i], word[i:]
        camel = left[-1].islower() and right[0].isupper()
        short = (left, right)
        if not camel and any(len(p) < 3 and p.lower() not in _FUNCTION_WORDS for p in short):
            continue
        if not _known(left) or not (_known(right) or (camel and right.isupper())):
            continue
        function = left.lower() in _FUNCTION_WORDS or right.lower() in _FUNCTION_WORDS
        key = (int(camel), int(function), min(len(left), len(right)))
        if best is None or key > best[0]:
            best = (key, i)
    if best is None:
        if depth == 0 and any(ch.isupper() for ch in word[1:]):
            for i in range(1, len(word)):
                if word[i - 1].islower() and word[i].isupper():
                    return _split_glued(word[:i], depth + 1) + _split_glued(word[i:], depth + 1)
        return [word]
    i = best[1]
    return _split_glued(word[:i], depth + 1) + _split_glued(word[i:], depth + 1)


def _respace(nlp: Language, text: str) -> Doc:
    """Tokenise, then split glued words into separate tokens without changing the text."""
    from spacy.tokens import Doc

    doc = nlp.make_doc(text)
    words: list[str] = []
    spaces: list[bool] = []
    changed = False
    for tok in doc:
        t = tok.text
        pieces: list[str] = []
        for part in _colon_split(t):
            pieces.extend(_split_cached(part))
        changed = changed or len(pieces) > 1
        words.extend(pieces)
        spaces.extend([False] * (len(pieces) - 1) + [bool(tok.whitespace_)])
    return Doc(nlp.vocab, words=words, spaces=spaces) if changed else doc


def _colon_split(word: str) -> list[str]:
    """ "Audits:Develop" is two words and a colon."""
    if ":" in word.strip(":") and not word.startswith("http"):
        head, _, tail = word.partition(":")
        return [p for p in (head, ":", tail) if p]
    return [word]


def pipeline_base() -> Language:
    """The bare pipeline (sentencizer + lookup lemmatizer), shared with the rest of rspdiff."""
    from rspdiff.english import pipeline as shared

    return shared()


def pipeline() -> Language:
    return pipeline_base()


# Lemmas the lookup table gets wrong for matching: "as" -> "a" made "there is a need" match the
# hedge "as needed", "least" -> "little" named the anchor "at least" "at little" in evidence, and
# "ai" -> "have" (the contraction "ain't") named "AI R&D" "have r&d" and made "AI" a verb.
_LEMMA_FIXES = {"as": "as", "least": "least", "less": "less", "ai": "ai",
                # ordinals are words, not numbers: "third-party" was keyed "3 - party"
                "first": "first", "second": "second", "third": "third", "fourth": "fourth",
                "fifth": "fifth", "most": "most"}


def process(text: str) -> Doc:
    """Run the pipeline on ``text`` (plain), with glued words re-spaced."""
    nlp = pipeline()
    doc = _respace(nlp, text)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    for tok in doc:
        fixed = _LEMMA_FIXES.get(tok.lower_)
        if fixed is not None:
            tok.lemma_ = fixed
    return doc


# The phrase families matched in every text; each maps to a list of lexicon phrases.
def _families(lex: Lexicon) -> dict[str, tuple[str, ...]]:
    fams: dict[str, tuple[str, ...]] = {f"rung:{r.name}": r.phrases for r in lex.rungs}
    fams.update(
        {
            "hedge": lex.hedges,
            "exception": lex.exceptions,
            "intensifier": lex.intensifiers,
            "gate": lex.gates,
            "consequence": lex.consequences,
            "vague": lex.vague,
            "scope": lex.scope_terms,
            "exclusion": lex.exclusions,
            "example": lex.example_markers,
            "officer": lex.officers,
            "not_review": lex.not_review,
            "disclosure": lex.disclosure,
            "not_disclosure": lex.not_disclosure,
            "not_hedge": lex.not_hedge,
            "disclaimer": lex.disclaimers,
            "alternative": lex.alternatives,
            "allowance": lex.allowances,
            "posthoc": lex.posthoc_markers,
            "judgment": lex.judgment,
            "concrete": lex.concrete,
            "author": lex.authors,
            "descriptive": lex.descriptive_markers,
        }
    )
    for ladder in lex.ladders:
        for rank, phrases in ladder.ranks:
            fams[f"ladder:{ladder.name}:{rank}"] = phrases
    for rank, phrases in lex.frequency_ranks:
        fams[f"frequency:{rank}"] = phrases
    return fams


@functools.cache
def matcher() -> PhraseMatcher:
    """One lemma PhraseMatcher holding every family; the match label names the family."""
    from spacy.matcher import PhraseMatcher

    nlp = pipeline()
    pm = PhraseMatcher(nlp.vocab, attr="LEMMA")
    for family, phrases in _families(load_lexicon()).items():
        # patterns go through the same re-spacing as texts, so a word the splitter cuts
        # ("available" -> "avail" + "able") is cut the same way on both sides and still matches
        pm.add(family, [process(plain(p)) for p in phrases])
    return pm


@dataclass(frozen=True)
class Hit:
    """One phrase found in a text: its family, its canonical lemma form and the original words."""

    family: str
    key: str  # lemmas of the match, joined by spaces: identical for inflected variants
    text: str  # the words as written in the original
    start: int  # character offsets in the original
    end: int
    sent: int  # index of the sentence it is in


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Analysis:
    """What the rules need to know about one text."""

    text: str
    tokens: tuple[str, ...]  # lower-cased token texts
    lemmas: tuple[str, ...]
    offsets: tuple[tuple[int, int], ...]  # character span of each token
    sentences: tuple[Sentence, ...]
    token_sent: tuple[int, ...]  # sentence index of each token
    hits: tuple[Hit, ...]

    def family(self, name: str) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.family == name)

    def families(self, prefix: str) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.family.startswith(prefix))

    def quote(self, i: int, j: int) -> str:
        """Original words of tokens i..j-1."""
        return self.text[self.offsets[i][0] : self.offsets[j - 1][1]]


_AUXILIARIES = frozenset({"must", "shall", "will", "may", "should", "can", "could", "might", "would"})


def _in_a_name(doc: Doc, original: str, i: int, j: int) -> bool:
    """A modal word that is part of a capitalised name ("ASL-4 Required Safeguards") binds nobody.

    Capitalised mid-sentence (in the original text: the pipeline sees it lower-cased) and
    followed by another capitalised word, it names a defined term.
    """
    first = doc[i]
    if first.is_sent_start or j >= len(doc) or not original[first.idx : first.idx + 1].isupper():
        return False
    if first.lower_ in _AUXILIARIES:  # "We Will Test" is a headline, not a name
        return False
    following = doc[j]
    return following.is_alpha and original[following.idx : following.idx + 1].isupper()


def _hits(doc: Doc, original: str, token_sent: Iterable[int]) -> tuple[Hit, ...]:
    sents = list(token_sent)
    nlp = pipeline()
    out = []
    for match_id, i, j in matcher()(doc):
        span = doc[i:j]
        family = nlp.vocab.strings[match_id]
        if family.startswith("rung:") and _in_a_name(doc, original, i, j):
            continue
        out.append(
            Hit(
                family=family,
                key=" ".join(t.lemma_ for t in span),
                text=original[span.start_char : span.end_char],
                start=span.start_char,
                end=span.end_char,
                sent=sents[i],
            )
        )
    return tuple(sorted(out, key=lambda h: (h.start, -h.end, h.family)))


# Only this many characters of one clause are analysed. A real clause is a sentence or a list
# item (rarely over 2,000 characters); a longer "clause" is a document that lost its structure
# (a 1 MB single line), where the opening carries what the rules can use, and spaCy refuses
# texts over its max_length anyway.
MAX_ANALYSED_CHARS = 50_000


@functools.lru_cache(maxsize=8192)
def analyse(text: str) -> Analysis:
    """Tokenise, split and match one text (cached: the same clause text is analysed once)."""
    text = text[:MAX_ANALYSED_CHARS]
    doc = process(plain(text))
    sentences = tuple(Sentence(text[s.start_char : s.end_char], s.start_char, s.end_char) for s in doc.sents)
    token_sent = []
    for k, s in enumerate(doc.sents):
        token_sent.extend([k] * len(s))
    tokens, lemmas, offsets = [], [], []
    for t in doc:  # one pass: spaCy builds a Token object per access
        tokens.append(t.lower_)
        lemmas.append(t.lemma_)
        offsets.append((t.idx, t.idx + len(t)))
    return Analysis(
        text=text,
        tokens=tuple(tokens),
        lemmas=tuple(lemmas),
        offsets=tuple(offsets),
        sentences=sentences,
        token_sent=tuple(token_sent),
        hits=_hits(doc, text, token_sent),
    )


def longest(hits: Iterable[Hit]) -> list[Hit]:
    """Drop hits that lie inside a longer hit (of any of the given families)."""
    ordered = sorted(hits, key=lambda h: (-(h.end - h.start), h.start))
    kept: list[Hit] = []
    for h in ordered:
        if not any(k.start <= h.start and h.end <= k.end for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: (h.start, h.family))
