"""Split a paragraph into sentences, because one policy paragraph often holds several commitments.

spaCy's rule-based sentencizer on ``spacy.blank("en")`` does the work (no trained model can be
installed here). Its tokenizer already keeps "e.g." and "i.e." whole; on top of it we re-join the
pieces it cuts too eagerly: after an abbreviation that the tokenizer splits ("No." then "5"), after
a bare list number ("The steps are: 1." then "evaluate ..."), and before a piece that starts in
lower case, which is never a new sentence in a policy text.

Cheap check first (difflib's habit): a paragraph with no ".", "!" or "?" followed by a space is
one sentence, and the tokenizer is never run on it.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from rspdiff.english import MAX_CHARS

# A sentence can only end at a terminal mark followed by whitespace; anything without one is a
# single sentence and skips spaCy entirely.
_MAYBE_SPLIT = re.compile(r"[.!?][\"')\]\u201d\u2019]*\s")
# A stop glued to the next sentence by a damaged PDF extraction: "cards.AI", "(2024).We", or with a
# footnote number between them, "enhancements.6To". spaCy keeps such a run as one token, so the
# text is cut there first; the footnote number stays with the sentence it annotates.
_GLUED_STOP = re.compile(r"(?<=[a-z)\]”’\"'])[.!?](?:\d{1,2})?(?=[A-Z“][A-Za-z])")
# A trailing bare list marker: "1.", "12.", "a.", "iv." (lower-case roman numerals up to 8 chars).
_MARKER_END = re.compile(r"(?:^|[\s:;,(])(?:\d{1,3}|[a-zA-Z]|[ivxlc]{1,8})\.$")
# A sentence is also cut after a semicolon when both sides have at least this many words: policy
# sentences chain separate commitments with semicolons ("we will test X; and we will publish Y"),
# and each can change on its own. Shorter sides are list fragments ("a; b; and c") that mean
# nothing alone.
SEMICOLON_MIN_WORDS = 8
_SEMICOLON = re.compile(r";\s+")
# spaCy refuses texts longer than its max_length; such paragraphs (a 1 MB single line, say) are cut
# into pieces of this many characters at a whitespace before splitting.
_CHUNK = MAX_CHARS


@cache
def _abbreviations() -> frozenset[str]:
    text = resources.files("rspdiff.data").joinpath("abbreviations.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _sentencize(text: str) -> Any:
    """Tokenise and run only the sentencizer of the shared pipeline (no lemmas needed here)."""
    from rspdiff.english import pipeline

    nlp = pipeline()
    return nlp.get_pipe("sentencizer")(nlp.make_doc(text))


def _needs_model(text: str) -> bool:
    return bool(_MAYBE_SPLIT.search(text) or _GLUED_STOP.search(text))


def _chunks(text: str) -> list[tuple[int, str]]:
    """Cut an over-long text at whitespace into pieces spaCy accepts, keeping offsets."""
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + _CHUNK)
        if end < len(text):
            cut = text.rfind(" ", start + _CHUNK // 2, end)
            end = cut + 1 if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out


def _pieces(text: str) -> list[tuple[int, str]]:
    """Cut at glued stops (see _GLUED_STOP), then into pieces short enough for spaCy."""
    cuts = [m.end() for m in _GLUED_STOP.finditer(text)]
    out: list[tuple[int, str]] = []
    start = 0
    for end in [*cuts, len(text)]:
        for offset, chunk in _chunks(text[start:end]):
            out.append((start + offset, chunk))
        start = end
    return out


def _raw_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for offset, chunk in _pieces(text):
        if not _MAYBE_SPLIT.search(chunk):
            spans.append((offset, offset + len(chunk)))
            continue
        doc = _sentencize(chunk)
        for sent in doc.sents:
            spans.append((offset + sent.start_char, offset + sent.end_char))
    return spans


def _joins(prev: str, nxt: str) -> bool:
    """Whether the sentencizer's cut between ``prev`` and ``nxt`` should be undone."""
    prev = prev.rstrip()
    nxt = nxt.lstrip()
    if not prev or not nxt:
        return True
    if nxt[0].islower():
        return True
    if prev.endswith("."):
        last = re.split(r"[\s(]", prev[:-1])[-1].lower()
        if last in _abbreviations():
            return True
        if _MARKER_END.search(prev) and (len(prev) <= 6 or prev[:-1].rstrip()[-2:-1] in {":", ";"}):
            return True
        if _MARKER_END.search(prev) and re.search(r"[:;]\s*\S{1,8}\.$", prev):
            return True
    return False


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, whitespace trimmed.

    The spans cover every non-blank character of ``text`` exactly once and in order, so the
    caller can slice both plain text and its source with them.
    """
    if not text.strip():
        return []
    if not _needs_model(text):
        return [_trim(text, 0, len(text))]
    merged: list[list[int]] = []
    for start, end in _raw_spans(text):
        if merged and _joins(text[merged[-1][0] : merged[-1][1]], text[start:end]):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    # Sentences are contiguous: stretch each to the next one's start so no character is lost.
    spans = []
    for i, (start, _end) in enumerate(merged):
        stop = merged[i + 1][0] if i + 1 < len(merged) else len(text)
        begin = 0 if i == 0 else start
        spans.append(_trim(text, begin, stop))
    return [s for s in spans if s[1] > s[0]]


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Like ``split_sentences``, with long semicolon-joined parts cut apart (SEMICOLON_MIN_WORDS).

    Each side of a cut is measured to the neighbouring semicolon, so a list of short items
    ("the board; the trust; regulators; and customers") is never cut; nor is a semicolon inside
    brackets or quotes, which belongs to an aside.
    """
    out: list[tuple[int, int]] = []
    for start, end in split_sentences(text):
        marks = [m for m in _SEMICOLON.finditer(text, start, end) if _outside_asides(text[start : m.start()])]
        bounds = [start, *(m.end() for m in marks), end]
        begin = start
        for n, m in enumerate(marks):
            left = text[bounds[n] : m.start()]
            right = text[m.end() : bounds[n + 2]]
            if len(left.split()) >= SEMICOLON_MIN_WORDS and len(right.split()) >= SEMICOLON_MIN_WORDS:
                out.append(_trim(text, begin, m.end()))
                begin = m.end()
        out.append(_trim(text, begin, end))
    return out


def _outside_asides(before: str) -> bool:
    """Whether a point preceded by ``before`` (from the sentence start) lies outside brackets and quotes."""
    return (before.count("(") <= before.count(")") and before.count("[") <= before.count("]")
            and before.count("\u201c") <= before.count("\u201d") and before.count('"') % 2 == 0)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end)
