"""Markdown output: structure, overrides, and document text that cannot become markup."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt
from support_changelog import build_changelog

from rspdiff.render.markdown import escape, redline, to_markdown


def _html(markdown: str) -> str:
    # GitHub-like: raw HTML allowed (so our anchors pass), tables and strikethrough on.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)


def test_summary_table_and_sections() -> None:
    md = to_markdown(build_changelog())
    assert "| Weakened | 3 |" in md and "| Mixed | 1 |" in md and "| Unchanged clauses | 5 |" in md
    assert md.index("### 1. Evaluations") < md.index("### 2. Safeguards") < md.index("### 3. Governance")
    for change in build_changelog().changes:
        assert md.count(f'<a id="{change.id}"></a>') == 1


def test_redline_uses_strike_and_bold() -> None:
    change = build_changelog().changes[0]
    line = redline(change)
    assert "~~will evaluate every frontier model every 3 months~~" in line
    assert "**aim to evaluate frontier models every six months**" in line
    html = _html(line)
    assert "<s>will evaluate every frontier model every 3 months</s>" in html
    assert "<strong>aim to evaluate frontier models every six months</strong>" in html


def test_override_and_notes_are_shown() -> None:
    md = to_markdown(build_changelog())
    assert "marked weakened by the editor; rspdiff said clarified" in md
    assert "> **Note:** A welcome addition." in md
    assert "rule `quantity.interval`" in md


def test_hostile_text_cannot_form_tags_or_links() -> None:
    html = _html(to_markdown(build_changelog()))
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html))
    allowed = {"h1", "h2", "h3", "h4", "p", "a", "table", "thead", "tbody", "tr", "th", "td", "ul", "li"}
    allowed |= {"strong", "em", "s", "code", "blockquote", "sub", "br"}
    assert tags <= allowed, tags - allowed
    assert "<script" not in html and "<img" not in html and "<title" not in html
    assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', html))
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html  # shown, as text
    assert "\x1b" not in html and "\x07" not in html


@pytest.mark.parametrize(
    "text",
    ["- a list?", "1. numbered?", "# heading?", "> quote?", "---", "<b>x</b>", "[a](b)", "a | b", "`x`"],
)
def test_line_start_text_stays_a_paragraph(text: str) -> None:
    change = build_changelog().changes[3]  # removed: a single deleted segment
    from dataclasses import replace

    from rspdiff.model import Op

    plain = replace(change, redline=((Op.EQUAL, text),))
    html = _html(redline(plain))
    assert html.startswith("<p>") and html.count("<") == 2, html


def test_escape_collapses_whitespace_and_controls() -> None:
    assert escape("a\n\tb\x1b[2J") == "a b\\[2J"
