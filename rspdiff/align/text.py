"""Text keys and features for alignment, blind to whitespace, punctuation and typography.

Two clauses are "the same text" when their keys are equal: lower case, typographic quotes and
dashes made plain, every character that is not a letter or digit dropped. That one rule makes
re-wrapping, list-marker style, curly quotes and the lost spaces of a damaged PDF extraction
("Publicationof") invisible, which the rubric says must never be reported as changes.

For similarity we need words too. Words glued together by a damaged extraction are cut back into
words found elsewhere in either version (``Segmenter``), then lemmatised with spaCy's offline
lookup table so "evaluations" meets "evaluation".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

_TYPO = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}
)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_WORD = re.compile(r"[a-z]+|\d+(?:\.\d+)?")
# Glued words shorter than this are left alone: short unknown tokens are usually acronyms or
# names, and cutting them produces nonsense pairs like "as" + "l".
_SEGMENT_MIN = 7
# A glued token is cut into at most this many known words; damaged extractions glue two or three.
_SEGMENT_PARTS = 4
# Parts of a cut must be at least this long, except a few common short function words.
_PART_MIN = 3
_SHORT_OK = frozenset({"a", "an", "as", "at", "be", "by", "do", "if", "in", "is", "it", "of", "on",
                       "or", "so", "to", "up", "us", "we"})


_NUMBER = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several)"
# Kinds of quantity a commitment can set; each adds its token to a clause's terms.
_QUANTITY_KINDS = (
    ("<duration>", re.compile(_NUMBER + r"[\s-]*(?:calendar\s+)?(?:hours?|days?|weeks?|months?|years?)\b"
                              r"|\b(?:daily|weekly|monthly|quarterly|annually|yearly)\b")),
    ("<multiple>", re.compile(r"\b\d+(?:\.\d+)?\s*x\b|" + _NUMBER + r"[\s-]*fold\b")),
    ("<percent>", re.compile(r"\d+(?:\.\d+)?\s*(?:%|percent\b)")),
)


def key(text: str) -> str:
    """The alignment key: letters and digits only, lower case."""
    return _NON_ALNUM.sub("", text.translate(_TYPO).lower())


def words(text: str) -> list[str]:
    """Lower-case words and numbers of ``text``, typography made plain."""
    return _WORD.findall(text.translate(_TYPO).lower())


def _lemma_table() -> Any:
    from rspdiff.english import lemma_table

    return lemma_table()


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def lemma(word: str) -> str:
    return str(_lemma_table().get(word, word))


class Segmenter:
    """Cuts glued words ("modelcards") into words that occur elsewhere in the two versions.

    The vocabulary is the set of words seen in either document; a token already in it, or in the
    lemma table, is a real word and is kept whole.
    """

    def __init__(self, texts: Iterable[str]) -> None:
        counts: dict[str, int] = {}
        for text in texts:
            for w in words(text):
                counts[w] = counts.get(w, 0) + 1
        self.vocab = counts
        self._known = _lemma_table()
        self._cache: dict[str, list[str]] = {}

    def _is_word(self, w: str) -> bool:
        if len(w) < _PART_MIN:
            return w in _SHORT_OK
        return w in self._known or self.vocab.get(w, 0) > 1

    def split(self, token: str) -> list[str]:
        if len(token) < _SEGMENT_MIN or not token.isalpha() or token in self._known:
            return [token]
        if token in self._cache:
            return self._cache[token]
        n = len(token)
        # best[i] = fewest parts covering token[:i]; ties broken by longer first part (stable).
        best: list[list[str] | None] = [None] * (n + 1)
        best[0] = []
        for i in range(1, n + 1):
            for j in range(max(0, i - 24), i):
                prev = best[j]
                if prev is None or len(prev) >= _SEGMENT_PARTS:
                    continue
                part = token[j:i]
                if self._is_word(part):
                    cand = prev + [part]
                    cur = best[i]
                    if cur is None or len(cand) < len(cur):
                        best[i] = cand
        found = best[n]
        result = found if found is not None and len(found) > 1 else [token]
        self._cache[token] = result
        return result

    def terms(self, text: str) -> list[str]:
        """Content-word lemmas of ``text`` (stop words dropped), glued words cut apart.

        Bare numbers are dropped (in PDF extractions most are footnote marks and list numbers,
        which match by chance); instead each quantity adds a token for its kind of unit, so two
        clauses that both set a time interval ("every 3 months", "six months' worth") share it.
        """
        stops = _stop_words()
        out: list[str] = []
        for w in words(text):
            if w[0].isdigit():
                continue
            for part in self.split(w):
                if part not in stops and len(part) > 1:
                    out.append(lemma(part))
        lowered = text.lower()
        for token, pattern in _QUANTITY_KINDS:
            out.extend(token for _ in pattern.finditer(lowered))
        return out


def char_grams(k: str, n: int = 4) -> list[str]:
    """Character n-grams of a key: similarity that survives lost spaces and small edits."""
    if len(k) <= n:
        return [k] if k else []
    return [k[i : i + n] for i in range(len(k) - n + 1)]
