"""PDF ingestion: render Markdown to a real PDF, read it back, and check nothing of substance is lost.

The PDFs are made inside the tests with weasyprint (with a running footer, so there is page
furniture to remove), read back with ``pdf_to_text`` and cleaned with ``normalize``, which is the
path a published PDF takes through rspdiff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support_roundtrip import found_share, unchanged_clause_share

from rspdiff.errors import InputError
from rspdiff.ingest.pdf import pdf_to_text
from rspdiff.normalize import normalize

FOOTER = "Example Policy — page"
PAGE_CSS = """
@page { size: A4; margin: 2cm 2cm 2.5cm 2cm;
        @bottom-center { content: "Example Policy — page " counter(page); font-size: 9pt } }
body { font-family: sans-serif; font-size: 11pt; line-height: 1.35 }
h1 { font-size: 22pt } h2 { font-size: 16pt } h3 { font-size: 13pt }
table { border-collapse: collapse } td, th { border: 1px solid #444; padding: 2pt 4pt }
"""


def _sample_policy() -> str:
    """A several-page policy of our own with headings, lists, a table and numbered sections."""
    parts = [
        "# Harbour Lab Model Safety Policy",
        "",
        "## 1. Purpose",
        "",
        "This policy sets out how Harbour Lab evaluates new models before release. It applies to every "
        "model trained with more than ten thousand accelerator hours. The safety board owns this document "
        "and reviews it once a year.",
        "",
        "## 2. Evaluation schedule",
        "",
        "We will evaluate each model at least every 3 months during training. Evaluations must use the "
        "current threat models. Results are shared with the board within five working days.",
        "",
        "| Level | Interval | Owner |",
        "| --- | --- | --- |",
        "| Tier one | every 3 months | Evaluation team |",
        "| Tier two | every month | Evaluation team and external reviewers |",
        "| Tier three | every week | Safety board |",
        "",
        "### 2.1 Triggers for an extra evaluation",
        "",
        "- A jump of more than ten points on any capability benchmark.",
        "- A new training technique that was not covered by the last evaluation.",
        "- A credible report from an outside researcher.",
        "",
    ]
    topics = [
        ("Security", "model weights", "the security lead"),
        ("Deployment", "public releases", "the deployment committee"),
        ("Incident response", "serious incidents", "the on-call engineer"),
        ("Transparency", "public reports", "the policy team"),
        ("External review", "independent audits", "the audit liaison"),
        ("Governance", "policy changes", "the chief executive"),
    ]
    for number, (title, subject, owner) in enumerate(topics, start=3):
        parts += [
            f"## {number}. {title}",
            "",
            f"Section {number} covers {subject}. Decisions about {subject} are taken by {owner}, who keeps "
            f"a written record of each one. The record for {subject} is kept for at least {number + 4} years "
            f"and is available to the board on request.",
            "",
            f"Before any change to {subject}, {owner} will consult at least {number} colleagues outside the "
            f"team. If the consultation finds a serious concern, the change is paused until the board has "
            f"decided. Exceptions require written approval from two board members.",
            "",
            f"### {number}.1 Requirements for {subject}",
            "",
            f"1. Every decision about {subject} names a responsible person.",
            f"2. Reviews of {subject} happen within {number * 7} days of a request.",
            f"3. Records about {subject} are stored in the central archive.",
            "",
            f"We publish a short summary of our work on {subject} in the annual report. Where a summary "
            f"would reveal sensitive details, we publish a redacted version and say what was removed.",
            "",
        ]
    return "\n".join(parts)


def render_pdf(markdown: str) -> bytes:
    """Markdown → HTML (markdown-it-py, with tables) → PDF (weasyprint) with a running footer."""
    import weasyprint
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").enable("table").render(markdown)
    page = "<!doctype html><html><head><meta charset='utf-8'><style>" + PAGE_CSS + "</style></head>"
    page += "<body>" + body + "</body></html>"
    pdf: bytes = weasyprint.HTML(string=page).write_pdf()
    return pdf


def round_trip(markdown: str) -> tuple[str, str, int]:
    """Return (raw extraction, normalised text, page count) for ``markdown`` printed to PDF."""
    raw = pdf_to_text(render_pdf(markdown))
    pages = raw.count("[[page ")
    return raw, normalize(raw).text, pages


def assert_no_furniture(text: str) -> None:
    for line in text.splitlines():
        assert FOOTER not in line, f"running footer survived: {line!r}"
        assert not line.strip().isdigit(), f"bare page number survived: {line!r}"


def test_own_policy_round_trip_keeps_text_and_drops_footer() -> None:
    original = _sample_policy()
    raw, text, pages = round_trip(original)
    assert pages >= 3
    assert raw.count(FOOTER) == pages  # the extraction itself keeps furniture: the normaliser's job
    assert_no_furniture(text)
    share, missing = found_share(original, text)
    assert share >= 0.95, missing
    assert unchanged_clause_share(original, raw) >= 0.95


def test_headings_bullets_and_table_have_markdown_shape() -> None:
    raw, _text, _pages = round_trip(_sample_policy())
    lines = raw.splitlines()
    assert lines[0] == "[[page 1]]"
    assert "## Harbour Lab Model Safety Policy" in lines
    assert "### 1. Purpose" in lines  # the next smaller size gets the next level
    assert "#### 2.1 Triggers for an extra evaluation" in lines
    assert any(line.startswith("• A jump of more than ten points") for line in lines)
    assert any(line.startswith("1. Every decision about model weights") for line in lines)
    assert "| Level | Interval | Owner |" in lines
    assert "| Tier two | every month | Evaluation team and external reviewers |" in lines
    # Paragraphs are separated by a blank line so that hard wraps are re-joined only within one.
    purpose = lines.index("### 1. Purpose")
    assert lines[purpose + 1] == "" and lines[purpose + 2].startswith("This policy sets out")


def test_small_footnote_body_at_page_foot_keeps_its_number() -> None:
    import weasyprint

    page = (
        "<html><head><style>@page { size: A5 } body { font-size: 11pt }"
        " .fn { position: absolute; bottom: 0; font-size: 7pt } sup { font-size: 6pt }</style></head>"
        "<body><p>The board may grant an exception.<sup>7</sup> It must say why.</p>"
        "<p class='fn'><sup>7</sup>Exceptions expire after ninety days.</p></body></html>"
    )
    raw = pdf_to_text(weasyprint.HTML(string=page).write_pdf())
    assert "7 Exceptions expire after ninety days." in raw.splitlines()


def test_bold_body_size_line_becomes_a_heading_but_bold_sentence_does_not() -> None:
    markdown = (
        "Intro paragraph of ordinary text that runs long enough to set the body size.\n\n"
        "**Scope of review**\n\n"
        "**This bold sentence ends with a full stop.**\n\nMore ordinary text follows here.\n"
    )
    raw = pdf_to_text(render_pdf(markdown))
    assert "## Scope of review" in raw.splitlines()
    assert "This bold sentence ends with a full stop." in raw.splitlines()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a PDF"),
        (b"hello, world", "not a PDF"),
        (b"%PDF-1.7\n garbage that is not a PDF body", "cannot read PDF"),
    ],
)
def test_unreadable_pdf_is_one_clear_input_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        pdf_to_text(data, name="policy.pdf")
    assert str(info.value).startswith("policy.pdf: ")
    assert "\n" not in str(info.value)


def test_pdf_without_text_is_reported_as_scanned() -> None:
    import weasyprint

    blank = weasyprint.HTML(string="<html><body><div style='height:5cm'></div></body></html>").write_pdf()
    with pytest.raises(InputError, match=r"^scan\.pdf: PDF has no extractable text \(scanned\?\)$"):
        pdf_to_text(blank, name="scan.pdf")


@pytest.mark.corpus
@pytest.mark.parametrize(
    "relative",
    ["github-acceptable-use-policies/2022-03-14.md", "anthropic-rsp/v2.0_2024-10-15.md"],
)
def test_corpus_documents_survive_a_pdf_round_trip(corpus_dir: Path, relative: str) -> None:
    # The RSP is itself a PDF extraction: normalise it first so we print clean Markdown.
    original = normalize((corpus_dir / relative).read_text(encoding="utf-8")).text
    raw, text, pages = round_trip(original)
    assert pages >= 2
    assert_no_furniture(text)
    share, missing = found_share(original, text)
    assert share >= 0.95, (share, missing[:10])
    assert unchanged_clause_share(original, raw) >= 0.95
