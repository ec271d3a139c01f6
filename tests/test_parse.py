"""The clause tree: kinds, ids, paths, numbers, blocks and source lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rspdiff.load import load_bytes
from rspdiff.model import ClauseKind, Document
from rspdiff.normalize import normalize
from rspdiff.parse import parse_markdown, split_number

POLICY = """---
title: Example Lab Policy
---

# Example Lab Policy

Intro sentence one. Intro sentence two, e.g. with an example.

## 3. Capability Assessment

### 3.1. Preliminary Assessment

We will test every model.[^1] We will publish the results.

- First duty.
  - A nested duty.
- Second duty.

| Risk | Threshold |
| --- | --- |
| Cyber | 4x |

[^1]: Testing means the full suite.

## 3. Capability Assessment

Same title again.
"""


def parsed(text: str, name: str = "policy.md") -> Document:
    return parse_markdown(normalize(text), name, raw=text.encode())


def test_kinds_paths_and_numbers() -> None:
    doc = parsed(POLICY)
    by_text = {c.text: c for c in doc.clauses}
    assert doc.title == "Example Lab Policy"
    heading = by_text["3.1. Preliminary Assessment"]
    assert heading.kind is ClauseKind.HEADING and heading.number == "3.1" and heading.level == 3
    assert heading.path == ("Example Lab Policy", "3. Capability Assessment")
    sentence = by_text["We will test every model."]
    assert sentence.kind is ClauseKind.PARAGRAPH
    assert sentence.path == ("Example Lab Policy", "3. Capability Assessment", "3.1. Preliminary Assessment")
    assert by_text["We will publish the results."].block == sentence.block
    nested = by_text["A nested duty."]
    assert nested.kind is ClauseKind.LIST_ITEM and nested.level == 2
    assert by_text["First duty."].kind is ClauseKind.LIST_ITEM and by_text["First duty."].level == 1
    assert by_text["Cyber | 4x"].kind is ClauseKind.TABLE_ROW
    footnote = by_text["Testing means the full suite."]
    assert footnote.kind is ClauseKind.FOOTNOTE
    assert footnote.path == sentence.path  # where it is referenced, not the end of the file


def test_paragraph_is_split_into_sentences_but_eg_is_not_an_end() -> None:
    texts = [c.text for c in parsed(POLICY).clauses]
    assert "Intro sentence one." in texts
    assert "Intro sentence two, e.g. with an example." in texts


def test_ids_are_unique_stable_and_derived_from_headings() -> None:
    doc1, doc2 = parsed(POLICY), parsed(POLICY)
    ids = [c.id for c in doc1.clauses]
    assert len(ids) == len(set(ids))
    assert ids == [c.id for c in doc2.clauses]
    assert any(i.startswith("3-1-preliminary-assessment/") for i in ids)
    # A repeated section title gets its own slug.
    assert any(i.startswith("3-capability-assessment-2/") for i in ids)


def test_ids_do_not_depend_on_text_elsewhere() -> None:
    """Editing one section leaves the ids of another section alone (no global counter)."""
    edited = POLICY.replace("Intro sentence one.", "A new first sentence. Intro sentence one.")
    a = {c.text: c.id for c in parsed(POLICY).clauses if c.path[-1:] == ("3.1. Preliminary Assessment",)}
    b = {c.text: c.id for c in parsed(edited).clauses if c.path[-1:] == ("3.1. Preliminary Assessment",)}
    assert a == b


def test_source_lines_point_at_the_source() -> None:
    doc = parsed(POLICY)
    lines = POLICY.split("\n")
    for clause in doc.clauses:
        start, end = clause.lines
        assert 1 <= start <= end <= len(lines)
        source = " ".join(lines[start - 1 : end])
        first_word = clause.text.split()[0].strip("|.")
        assert first_word in source, (clause.text, source)


def test_html_in_a_document_stays_text() -> None:
    doc = parsed("# T\n\nHello <script>alert(1)</script> world.\n")
    assert any("<script>alert(1)</script>" in c.text for c in doc.clauses)


@pytest.mark.parametrize(("heading", "number", "rest"), [
    ("3.1. Preliminary Assessment", "3.1", "Preliminary Assessment"),
    ("A. Definitions", "A", "Definitions"),
    ("Appendix C: Detailed Capability Thresholds", "C", "Detailed Capability Thresholds"),
    ("A Safer Web", None, "A Safer Web"),
    ("2024 in review", None, "2024 in review"),
])
def test_split_number(heading: str, number: str | None, rest: str) -> None:
    assert split_number(heading) == (number, rest)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(list("ab .#-*|>[]^:1\n\t`") + ["[[page 2]]", "\n\n", "## ", "[^1]"]),
                max_size=120).map("".join))
def test_parse_never_raises_and_maps_every_line(text: str) -> None:
    norm = normalize(text)
    doc = parse_markdown(norm, "fuzz.md")
    covered = set(doc.furniture)
    for start, end in norm.spans:
        covered.update(range(start, end + 1))
    source = text.split("\n")
    for number, line in enumerate(source, 1):
        if line.strip():
            assert number in covered


@pytest.mark.corpus
def test_rsp_v2_outline_has_its_real_structure(corpus_dir: Path) -> None:
    path = corpus_dir / "anthropic-rsp" / "v2.0_2024-10-15.md"
    doc = load_bytes(path.read_bytes(), str(path))
    headings = {h.text: h for h in doc.headings}
    top = headings["3. Capability Assessment"]
    subs = [h for h in doc.headings if h.number and h.number.startswith("3.") and h.number != "3"]
    assert len(subs) >= 3
    for sub in subs:
        assert sub.level == top.level + 1
        assert sub.path[-1] == "3. Capability Assessment"


@pytest.mark.corpus
def test_every_corpus_file_parses(corpus_dir: Path) -> None:
    files = sorted(p for p in corpus_dir.rglob("*.md") if p.name not in {"SOURCES.md", "README.md"}
                   and not p.name.startswith("CHANGES"))
    assert len(files) >= 40
    for path in files:
        doc = load_bytes(path.read_bytes(), str(path))
        assert doc.clauses, path
        assert len({c.id for c in doc.clauses}) == len(doc.clauses), path


def _nested(depth: int) -> str:
    return "# Nested\n\n" + "".join("  " * i + f"- duty at level {i}\n" for i in range(depth))


def test_thirty_nested_list_levels_keep_every_item() -> None:
    """markdown-it's default cap (20 levels, about ten lists) would silently drop the rest."""
    doc = load_bytes(_nested(30).encode(), "deep.md")
    items = [c.text for c in doc.clauses if c.kind is ClauseKind.LIST_ITEM]
    assert items == [f"duty at level {i}" for i in range(30)]


def test_nesting_beyond_the_cap_is_refused_not_cut() -> None:
    from rspdiff.errors import InputError
    from rspdiff.parse import MAX_NESTING

    with pytest.raises(InputError, match="nested too deeply"):
        load_bytes(_nested(MAX_NESTING).encode(), "deeper.md")
    with pytest.raises(InputError, match="nested too deeply"):
        load_bytes(("# Quotes\n\n" + ">" * (MAX_NESTING + 5) + " a deep quote\n").encode(), "quotes.md")


def test_a_rule_line_of_quote_marks_is_not_refused() -> None:
    doc = load_bytes(("# Rules\n\nWe will keep a ledger.\n\n" + ">" * 150 + "\n").encode(), "rule.md")
    assert [c.text for c in doc.clauses if c.kind is ClauseKind.PARAGRAPH] == ["We will keep a ledger."]
