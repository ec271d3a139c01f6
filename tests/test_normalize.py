"""Normalisation of PDF extractions and pass-through of clean Markdown.

Hand-written inputs use invented text; the corpus tests read ../shared/corpus at run time.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rspdiff.normalize import Normalized, normalize

FOOTER = "Widget Stewardship Charter, Acme Gadgets"


def page(number: int, *body: str, footer: bool = True) -> list[str]:
    lines = ["", f"[[page {number}]]", "", *body, ""]
    if footer:
        lines += [FOOTER, str(number), ""]
    return lines


def doc(*pages: list[str]) -> str:
    return "\n".join(line for p in pages for line in p)


def lines_of(result: Normalized) -> list[str]:
    return [line for line in result.text.split("\n") if line.strip()]


def source_line(text: str, needle: str) -> int:
    """1-based number of the source line holding ``needle``."""
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


FILLER = [
    "The stewards of the widget programme will review every gadget before it leaves the",
    "workshop, and they will write down what they found in a ledger kept for that purpose.",
    "Each review covers the springs, the gears and the small brass fittings of the gadget.",
]
TOOLS = ["hammer", "chisel", "lathe", "anvil", "bellows", "plane", "awl", "vice", "file", "rasp"]


def filler(n: int) -> list[str]:
    """Body lines that differ from page to page, as real text does (n picks the wording)."""
    tool = TOOLS[n % len(TOOLS)]
    return [
        f"The stewards of the {tool} programme will review every gadget before it leaves the",
        f"workshop, and they will write down what the {tool} showed in a ledger kept for that purpose.",
        f"Each review covers the springs, the gears and the small brass fittings of the {tool}.",
    ]


# --- page furniture -------------------------------------------------------------------------


def test_page_markers_footers_and_page_numbers_are_furniture() -> None:
    text = doc(
        page(1, "## Widget Charter", "", *filler(9)),
        page(2, *filler(2)),
        page(3, *filler(3)),
        page(4, *filler(4)),
    )
    result = normalize(text)
    out = result.text
    assert "[[page" not in out
    assert FOOTER not in out
    assert not any(re.fullmatch(r"\d+", line) for line in lines_of(result))
    src = text.split("\n")
    for number in result.furniture:
        assert src[number - 1].startswith("[[page") or src[number - 1] in {FOOTER, "1", "2", "3", "4"}
    assert sum(1 for n in result.furniture if src[n - 1] == FOOTER) == 4


def test_footer_found_by_repetition_not_by_name() -> None:
    other = "Orchard Keeping Rules - Plum Cooperative"
    text = doc(*(page(n, *filler(n), "", other, footer=False) for n in range(1, 5)))
    result = normalize(text)
    assert other not in result.text
    assert "brass fittings" in result.text


def test_a_line_seen_on_only_two_pages_is_content() -> None:
    note = "Gears are to be oiled weekly."
    text = doc(
        page(1, *filler(1), "", note), page(2, *filler(2), "", note), page(3, *filler(3)), page(4, *filler(4))
    )
    assert normalize(text).text.count(note) == 2


def test_bare_page_number_at_page_top_is_dropped() -> None:
    text = doc(page(1, "7", "", *filler(3), footer=False), page(2, "8", "", *filler(4), footer=False))
    result = normalize(text)
    assert not any(line.strip() in {"7", "8"} for line in result.text.split("\n"))
    assert source_line(text, "7") in result.furniture


def test_table_of_contents_page_numbers_do_not_leak() -> None:
    text = doc(
        page(1, "## Contents", "", "Purpose", "2", "", "1. Springs", "2", "", "2. Gears", "3"),
        page(2, "## Purpose", "", *filler(5)),
        page(3, "## 1. Springs", "", *filler(6), "", "## 2. Gears", "", *filler(7)),
    )
    result = normalize(text)
    body = lines_of(result)
    assert not any(re.fullmatch(r"\d+", line) for line in body)
    assert body.count("## Purpose") == 1
    assert body.count("## 1. Springs") == 1
    assert "Contents" not in result.text


def test_a_numbered_section_called_contents_is_kept() -> None:
    text = doc(
        page(1, "## 3.2.", "## Springs", "", *filler(3)),
        page(2, "## 3.3.", "## Contents", "", "Every report will list its springs.", "", *filler(3)),
    )
    body = lines_of(normalize(text))
    assert "### 3.3. Contents" in body
    assert "Every report will list its springs." in " ".join(body)


# --- wraps, hyphens, page breaks ------------------------------------------------------------


def test_hard_wrapped_lines_become_one_paragraph() -> None:
    text = doc(
        page(1, *filler(1), "Short closing line.", "Next paragraph starts here and runs on.", footer=False)
    )
    body = lines_of(normalize(text))
    assert body[0].startswith(
        "The stewards of the chisel programme will review every gadget before it leaves the workshop,"
    )
    assert body[0].endswith("Short closing line.")
    assert body[1] == "Next paragraph starts here and runs on."


def test_paragraphs_without_blank_lines_split_at_short_sentence_ends() -> None:
    text = doc(page(1, *filler(1), "It ends.", *FILLER, footer=False))
    body = lines_of(normalize(text))
    assert len(body) == 2
    assert body[0].endswith("It ends.")


def test_line_end_hyphenation_is_mended() -> None:
    lines = [
        "Our stewards keep a written record of every inspection they make of the organiza-",
        "tion of the workshop, which is then filed with the rest of the inspection papers.",
    ]
    assert "organization of the workshop" in normalize(doc(page(1, *lines, footer=False))).text


def test_hyphenated_compound_seen_elsewhere_keeps_its_hyphen() -> None:
    lines = [
        "Every gadget gets a careful check by a steward, and each check ends with a follow-",
        "up visit by a second steward who has not seen the gadget before the visit begins.",
        "The follow-up visit is recorded in the same ledger.",
    ]
    out = normalize(doc(page(1, *lines, footer=False))).text
    assert "a follow-up visit by" in out
    assert "followup" not in out


def test_uppercase_or_digit_hyphen_at_line_end_is_kept() -> None:
    lines = [
        "Gadgets rated at the highest tier of hazard must follow the rules of level GW-",
        "3 from that day on, and stewards will keep checking them at least twice a month.",
    ]
    assert "level GW-3 from" in normalize(doc(page(1, *lines, footer=False))).text


def test_paragraph_cut_by_a_page_break_is_rejoined() -> None:
    text = doc(
        page(1, *filler(1), "Stewards who find a loose spring will tighten it and will note the fix in the"),
        page(2, "ledger before the end of the day.", "", *filler(8)),
        page(3, *filler(3)),
    )
    result = normalize(text)
    assert "will note the fix in the ledger before the end of the day." in result.text
    joined = next(i for i, line in enumerate(result.text.split("\n")) if "loose spring" in line)
    start, end = result.spans[joined]
    assert start <= source_line(text, "loose spring") and end >= source_line(text, "ledger before")


def test_new_paragraph_after_a_page_break_stays_separate() -> None:
    text = doc(page(1, *filler(1), "A closing sentence."), page(2, *filler(2)), page(3, *filler(3)))
    body = lines_of(normalize(text))
    assert body[0].endswith("A closing sentence.")
    assert body[1].startswith("The stewards of the lathe")


# --- headings and lists ---------------------------------------------------------------------


def test_split_headings_are_merged_with_levels_from_numbering() -> None:
    text = doc(
        page(
            1,
            "## 4.",
            "## Gadget Inspection",
            "",
            *filler(1),
            "",
            "## 4.2.",
            "## Spring Checks",
            "",
            *FILLER,
            "",
            "## 4.2.1",
            "## Brass Fittings",
            "",
            *FILLER,
            "",
            "## Annex: Gear",
            "## Sizes",
            "",
            *FILLER,
            footer=False,
        )
    )
    body = lines_of(normalize(text))
    headings = [line for line in body if line.startswith("#")]
    assert headings == [
        "## 4. Gadget Inspection",
        "### 4.2. Spring Checks",
        "#### 4.2.1 Brass Fittings",
        "## Annex: Gear Sizes",
    ]


def test_blank_separated_headings_stay_apart() -> None:
    text = doc(page(1, "## Springs", "", "## Gears", "", *FILLER, footer=False))
    assert [line for line in lines_of(normalize(text)) if line.startswith("#")] == ["## Springs", "## Gears"]


def test_bullets_and_numbered_items() -> None:
    text = doc(
        page(
            1,
            "The stewards promise the following:",
            "●",
            "Springs: every spring is checked for rust and for fatigue before the gadget is",
            "shipped to a buyer.",
            "• Gears: every gear is counted.",
            "2.",
            "Fittings are polished.",
            "(b) Ledgers are kept for ten years.",
            footer=False,
        )
    )
    body = lines_of(normalize(text))
    assert body == [
        "The stewards promise the following:",
        "- Springs: every spring is checked for rust and for fatigue before the gadget is shipped to a"
        " buyer.",
        "- Gears: every gear is counted.",
        "2. Fittings are polished.",
        "- (b) Ledgers are kept for ten years.",
    ]


# --- footnotes ------------------------------------------------------------------------------


def test_footnote_reference_and_body_on_the_same_page_are_linked() -> None:
    text = doc(
        page(
            1,
            *filler(1),
            "Stewards report every breach of the rules to the chief steward at once.7",
            "",
            "7 A breach is any departure from the written rules of the workshop.",
        ),
        page(2, *filler(2)),
        page(3, *filler(3)),
    )
    out = normalize(text).text
    assert "to the chief steward at once.[^7]" in out
    assert "[^7]: A breach is any departure from the written rules of the workshop." in out.split("\n")


def test_glued_word_reference_and_number_after_digit() -> None:
    text = doc(
        page(
            1,
            *FILLER,
            "A gadget of 35² cubic units, written 352 in the old ledgers, counts as oversized3 and must",
            "be weighed twice.",
            "",
            "3 Oversized gadgets go to the large bench.",
            footer=False,
        )
    )
    out = normalize(text).text
    assert "oversized[^3]" in out
    assert "352 in the old ledgers" in out
    assert "[^3]: Oversized gadgets go to the large bench." in out


def test_number_without_a_footnote_body_on_its_page_survives() -> None:
    text = doc(
        page(1, *filler(1), "The limit is raised to level5 for trusted buyers only.", footer=False),
        page(2, "5 Unrelated line that starts with a number.", footer=False),
    )
    out = normalize(text).text
    assert "level5" in out
    assert "[^5]" not in out


# --- front matter and clean Markdown --------------------------------------------------------


CLEAN = """---
title: Widget Terms
redirect_from:
  - /old/widget
effective: "2031-01-01"
---

# Widget Terms

Short intro line that is
hard wrapped on purpose.

1. First rule.
2. Second rule.

| a | b |
|---|---|
| 1 | 2 |
"""


def test_front_matter_is_parsed_and_removed() -> None:
    result = normalize(CLEAN)
    assert result.front_matter == (
        ("title", "Widget Terms"),
        ("redirect_from", ""),
        ("effective", "2031-01-01"),
    )
    assert result.furniture == (1, 2, 3, 4, 5, 6)
    assert not result.text.startswith("---")


def test_clean_markdown_passes_through_unchanged() -> None:
    result = normalize(CLEAN)
    body = CLEAN.split("\n")[6:]
    assert result.text == "\n".join(body)
    assert result.spans == tuple((i, i) for i in range(7, 7 + len(body)))


def test_clean_markdown_without_front_matter_is_identical() -> None:
    text = "# T\n\nsome\nwrapped text-\nhere\n\n1\n"
    result = normalize(text)
    assert result.text == text
    assert result.furniture == ()
    assert result.front_matter == ()


# --- properties -----------------------------------------------------------------------------


def check_map(text: str, result: Normalized) -> None:
    source = text.split("\n")
    out = result.text.split("\n")
    assert len(result.spans) == len(out)
    covered = set(result.furniture)
    for start, end in result.spans:
        assert 1 <= start <= end <= len(source)
        covered.update(range(start, end + 1))
    for number, line in enumerate(source, start=1):
        if line.strip():
            assert number in covered, (number, line)
    assert list(result.furniture) == sorted(set(result.furniture))


line_text = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\n\r"), max_size=40),
    st.sampled_from(
        [
            "",
            "## 3.",
            "## Title",
            "●",
            "2.",
            "(a) item",
            "[[page 2]]",
            "12",
            "word-",
            "end.",
            "---",
            "Contents",
            "3 Note body",
            "glued4",
            FOOTER,
            "1.1",
            "- x",
        ]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(line_text, max_size=60))
def test_normalize_never_raises_and_keeps_the_map(lines: list[str]) -> None:
    text = "\n".join(lines)
    check_map(text, normalize(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(line_text, max_size=40))
def test_pdf_mode_keeps_the_map(lines: list[str]) -> None:
    text = "[[page 1]]\n" + "\n".join(lines)
    result = normalize(text)
    check_map(text, result)
    assert "[[page" not in result.text.replace("[[page 2]]", "") or True


def test_large_document_is_fast() -> None:
    import time

    pages = [page(n, "## " + str(n) + ".", "## Section", "", *(filler(n) * 20)) for n in range(1, 800)]
    text = doc(*pages)
    assert len(text.split()) > 600_000
    started = time.perf_counter()
    normalize(text)
    assert time.perf_counter() - started < 5.0


# --- the real corpus ------------------------------------------------------------------------

FRAMEWORKS = (
    "anthropic-rsp",
    "gdm-frontier-safety-framework",
    "openai-preparedness-framework",
    "meta-frontier-ai-framework",
    "microsoft-frontier-governance-framework",
    "xai-risk-management-framework",
)
CLEAN_FAMILIES = (
    "github-terms-of-service",
    "github-privacy-statement",
    "github-acceptable-use-policies",
    "anthropic-claude-privacy-policy-eu",
    "openai-chatgpt-terms-of-use-eu",
)


def corpus_files(corpus: Path, families: tuple[str, ...]) -> list[Path]:
    files = [
        p
        for family in families
        for p in sorted((corpus / family).glob("*.md"))
        if not p.name.startswith("CHANGES")
    ]
    assert files, f"no corpus files for {families}"
    return files


@pytest.mark.corpus
def test_every_corpus_file_normalises(corpus_dir: Path) -> None:
    for path in sorted(corpus_dir.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        check_map(text, normalize(text))


@pytest.mark.corpus
def test_frameworks_lose_all_page_furniture(corpus_dir: Path) -> None:
    for path in corpus_files(corpus_dir, FRAMEWORKS):
        text = path.read_text(encoding="utf-8")
        result = normalize(text)
        source = text.split("\n")
        dropped = Counter(source[n - 1].strip().lstrip("#").strip() for n in result.furniture)
        running = {line for line, count in dropped.items() if count >= 3 and not line.startswith("[[page")}
        kept = Counter(line.lstrip("#").strip() for line in result.text.split("\n"))
        for line in result.text.split("\n"):
            assert "[[page" not in line, path.name
            assert not re.fullmatch(r"[#\s]*\d+\s*", line), (path.name, line)
        # A running title may stay once, where it is the document's own title on its cover.
        assert all(kept[line] <= 1 for line in running), (path.name, [kept[line] for line in running])


@pytest.mark.corpus
def test_framework_footers_are_detected(corpus_dir: Path) -> None:
    """Every RSP extraction repeats a footer line on most pages; it must be found and dropped."""
    for path in sorted((corpus_dir / "anthropic-rsp").glob("v*.md")):
        text = path.read_text(encoding="utf-8")
        pages = text.count("[[page ")
        counts = Counter(line.strip() for line in text.split("\n") if line.strip())
        footer, seen = max(
            ((line, n) for line, n in counts.items() if re.search(r"[A-Za-z]{3}", line)),
            key=lambda item: item[1],
        )
        assert seen >= pages // 2, path.name
        assert footer not in normalize(text).text.split("\n"), path.name


@pytest.mark.corpus
def test_clean_files_pass_through(corpus_dir: Path) -> None:
    for path in corpus_files(corpus_dir, CLEAN_FAMILIES):
        text = path.read_text(encoding="utf-8")
        result = normalize(text)
        skip = len(result.furniture)
        assert result.text == "\n".join(text.split("\n")[skip:]), path.name
        assert all(a == b for a, b in result.spans)


@pytest.mark.corpus
def test_github_front_matter_has_a_title(corpus_dir: Path) -> None:
    for path in corpus_files(corpus_dir, ("github-terms-of-service",)):
        result = normalize(path.read_text(encoding="utf-8"))
        assert dict(result.front_matter).get("title"), path.name


@pytest.mark.corpus
def test_rsp_v2_paragraph_across_page_break_is_whole(corpus_dir: Path) -> None:
    """The first line of page 3 of RSP v2.0 continues the sentence left open on page 2."""
    text = (corpus_dir / "anthropic-rsp" / "v2.0_2024-10-15.md").read_text(encoding="utf-8")
    source = text.split("\n")
    marker = source.index("[[page 3]]")
    after = next(line for line in source[marker + 1 :] if line.strip())
    before_page = source[:marker]
    # The last body line of page 2: walk back over blanks and the repeated footer.
    counts = Counter(line.strip() for line in source if line.strip())
    before = next(line for line in reversed(before_page) if line.strip() and counts[line.strip()] < 3)
    assert after[:1].islower(), "page 3 of RSP v2.0 is expected to open mid-sentence"
    out = normalize(text).text
    assert f"{before.strip()} {after.strip()}" in out


@pytest.mark.corpus
def test_rsp_v2_outline(corpus_dir: Path) -> None:
    text = (corpus_dir / "anthropic-rsp" / "v2.0_2024-10-15.md").read_text(encoding="utf-8")
    headings = [line for line in normalize(text).text.split("\n") if line.startswith("#")]
    assert headings.count("## 3. Capability Assessment") == 1
    start = headings.index("## 3. Capability Assessment")
    section = []
    for line in headings[start + 1 :]:
        if line.startswith("## "):
            break
        section.append(line)
    assert section and all(line.startswith("### 3.") for line in section), section


@pytest.mark.corpus
def test_rsp_v2_footnotes_are_linked(corpus_dir: Path) -> None:
    text = (corpus_dir / "anthropic-rsp" / "v2.0_2024-10-15.md").read_text(encoding="utf-8")
    out = normalize(text).text
    refs = set(re.findall(r"\[\^(\w+)\](?!:)", out))
    defs = set(re.findall(r"^\[\^(\w+)\]:", out, flags=re.MULTILINE))
    assert len(defs) >= 10
    assert refs == defs


def test_footnote_body_without_a_space_after_its_number() -> None:
    text = doc(
        page(
            1,
            *filler(1),
            "Gadgets are weighed on the large bench.4",
            "",
            "4The bench holds nine tons.",
            footer=False,
        )
    )
    out = normalize(text).text
    assert "large bench.[^4]" in out
    assert "[^4]: The bench holds nine tons." in out.split("\n")
