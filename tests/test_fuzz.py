"""Fuzzing: the text stages never raise on arbitrary input, and compare() keeps its invariant.

Examples are bounded (``max_examples``, small sizes) so the whole file runs in well under a minute;
hypothesis remembers failing examples between runs only when its database is on, which the
project's ``make test`` turns off, so every found bug must be pinned as a plain test.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rspdiff.compare import compare
from rspdiff.model import Changelog, Document
from rspdiff.normalize import normalize
from rspdiff.parse import parse_markdown

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PAIRS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Markdown-ish building blocks: structure characters hypothesis would rarely combine on its own.
_WORDS = st.sampled_from(
    ["we", "will", "must", "may", "not", "evaluate", "model", "every", "3", "six", "months", "board",
     "e.g.", "No.", "1.", "(a)", "—", "-", "*", "#", "|", "[[page 2]]", "\u200b", "é", "\u202e", "`",
     "[x](y)"]
)
_SENTENCE = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)
_LINE = st.one_of(
    _SENTENCE,
    _SENTENCE.map(lambda s: "# " + s),
    _SENTENCE.map(lambda s: "## " + s),
    _SENTENCE.map(lambda s: "- " + s),
    _SENTENCE.map(lambda s: "  - " + s),
    _SENTENCE.map(lambda s: "1. " + s),
    _SENTENCE.map(lambda s: "| " + s + " | x |"),
    _SENTENCE.map(lambda s: "[^1]: " + s),
    st.just(""),
    st.just("---"),
    st.text(max_size=40),
)
MARKDOWN = st.lists(_LINE, max_size=25).map("\n".join)


def doc(text: str, name: str) -> Document:
    return parse_markdown(normalize(text), name)


def assert_covered(cl: Changelog) -> None:
    """Every clause id of each side exactly once across unchanged and changes."""
    old = [a for a, _ in cl.unchanged] + [c.id for ch in cl.changes for c in ch.old]
    new = [b for _, b in cl.unchanged] + [c.id for ch in cl.changes for c in ch.new]
    assert sorted(old) == sorted(c.id for c in cl.old.clauses)
    assert sorted(new) == sorted(c.id for c in cl.new.clauses)


@FUZZ
@given(st.text(max_size=3000))
def test_normalize_and_parse_never_raise_on_any_text(text: str) -> None:
    d = doc(text, "fuzz.md")
    ids = [c.id for c in d.clauses]
    assert len(ids) == len(set(ids))  # ids are unique within a document
    assert [c.index for c in d.clauses] == list(range(len(d.clauses)))


@FUZZ
@given(MARKDOWN)
def test_parse_markdown_like_text(text: str) -> None:
    d = doc(text, "fuzz.md")
    for c in d.clauses:
        assert c.lines[0] <= c.lines[1]
        assert "\n" not in c.text or c.kind.value == "table_row"


@PAIRS
@given(MARKDOWN, MARKDOWN)
def test_compare_never_raises_and_covers_every_clause(a: str, b: str) -> None:
    cl = compare(doc(a, "old.md"), doc(b, "new.md"))
    assert_covered(cl)
    for ch in cl.changes:
        assert ch.old or ch.new
        assert 0.0 <= ch.confidence <= 1.0
    assert len({ch.id for ch in cl.changes}) == len(cl.changes)


@PAIRS
@given(MARKDOWN)
def test_compare_with_itself_is_unchanged(text: str) -> None:
    d = doc(text, "same.md")
    cl = compare(d, d)
    assert cl.changes == ()
    assert len(cl.unchanged) == len(d.clauses)
