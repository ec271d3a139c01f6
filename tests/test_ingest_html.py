"""HTML ingestion: a policy page wrapped in site furniture and scripts comes back as its Markdown."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from support_roundtrip import found_share, unchanged_clause_share

from rspdiff.errors import InputError
from rspdiff.ingest.html import decode_html, html_to_markdown
from rspdiff.normalize import normalize

FURNITURE = ("Skip to content", "Products Pricing Careers", "Cookie settings", "Copyright Northwind")


def _sample_policy() -> str:
    parts = [
        "# Northwind Acceptable Use Policy",
        "",
        "## 1. Scope",
        "",
        "This policy applies to everyone who uses the Northwind service. Breaking it may lead to the "
        "suspension of an account.",
        "",
        "| Violation | First response | Repeat response |",
        "| --- | --- | --- |",
        "| Spam | warning | suspension |",
        "| Malware | suspension | termination |",
        "",
    ]
    for number, topic in enumerate(("spam", "malware", "harassment", "impersonation"), start=2):
        parts += [
            f"## {number}. Rules about {topic}",
            "",
            f"You must not use the service for {topic}. We review reports of {topic} within {number} days.",
            "",
            f"- Reports of {topic} can be sent by any user.",
            f"- We may remove content involving {topic} without notice.",
            "",
            f"### {number}.1 Appeals about {topic}",
            "",
            f"1. You may appeal a decision about {topic} once.",
            f"2. An appeal is decided by someone who did not take the first decision on {topic}.",
            "",
        ]
    return "\n".join(parts)


def render_page(markdown: str, *, charset: str = "utf-8") -> bytes:
    """Markdown → a whole web page with the usual furniture and some active content around it."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").enable("table").render(markdown)
    page = (
        "<!doctype html><html><head><meta charset='" + charset + "'><title>Policy</title>"
        "<style>body { color: #222 } .secret { content: 'style text' }</style>"
        "<script>window.trackingId = 'script text';</script></head><body>"
        "<header><a href='#main'>Skip to content</a></header>"
        "<nav><ul><li>Products Pricing Careers</li></ul></nav>"
        "<main id='main'>" + body + "</main>"
        "<aside><form><button>Cookie settings</button></form></aside>"
        "<footer>Copyright Northwind</footer><noscript>noscript text</noscript>"
        "<script>document.write('late script text')</script></body></html>"
    )
    return page.encode(charset)


def assert_no_furniture(markdown: str) -> None:
    for text in (*FURNITURE, "script text", "style text", "noscript text", "trackingId"):
        assert text not in markdown


def test_own_policy_round_trip_drops_furniture_and_keeps_structure() -> None:
    original = _sample_policy()
    markdown = html_to_markdown(render_page(original))
    assert_no_furniture(markdown)
    text = normalize(markdown).text
    share, missing = found_share(original, text)
    assert share >= 0.95, missing
    assert unchanged_clause_share(original, markdown) >= 0.95
    lines = markdown.splitlines()
    assert "# Northwind Acceptable Use Policy" in lines
    assert "### 3.1 Appeals about malware" in lines
    assert "- Reports of harassment can be sent by any user." in lines
    assert "1. You may appeal a decision about spam once." in lines
    assert "| Malware | suspension | termination |" in lines


def test_article_is_used_when_there_is_no_main() -> None:
    page = (
        b"<html><body><div>Site banner</div><article><h2>Terms</h2><p>Be kind.</p></article>"
        b"<div>Unrelated sidebar</div></body></html>"
    )
    assert html_to_markdown(page) == "## Terms\n\nBe kind.\n"


def test_site_header_goes_but_the_articles_own_header_and_footer_stay() -> None:
    page = (
        b"<body><header>Site logo</header><article><header><h1>Privacy</h1></header><p>We care.</p>"
        b"<footer>Last updated 1 May</footer></article><footer>Site footer</footer></body>"
    )
    assert html_to_markdown(page) == "# Privacy\n\nWe care.\n\nLast updated 1 May\n"


def test_hostile_markup_leaves_no_script_handler_or_javascript_url() -> None:
    page = (
        b"<main><p>Intro<script>alert(1)</script> text.</p>"
        b'<p><img src=x onerror="alert(\'img\')" alt="diagram"> and <img src=y onerror=alert(2)></p>'
        b'<p><a href="javascript:alert(3)">Click here</a> or <a href="JaVaScRiPt:alert(4)">there</a></p>'
        b'<p onclick="alert(5)" style="background:url(javascript:alert(6))">Styled</p>'
        b'<svg><script>alert(7)</script></svg><iframe src="javascript:alert(8)"></iframe>'
        b"<object data=x></object><p>&lt;script&gt;shown as text&lt;/script&gt;</p></main>"
    )
    from markdown_it import MarkdownIt

    markdown = html_to_markdown(page)
    for banned in ("alert", "onerror", "onclick", "javascript", "style="):
        assert banned not in markdown.lower(), (banned, markdown)
    # Rendered by a Markdown renderer that passes raw HTML through, nothing active appears.
    rendered = MarkdownIt("commonmark").render(markdown).lower()
    for element in ("<script", "<img", "<svg", "<iframe", "<object"):
        assert element not in rendered, (element, rendered)
    assert "Intro text." in markdown
    assert "diagram" in markdown  # an image's alt text is content; the image and handler are not
    assert "Click here or there" in markdown  # links keep their text only
    assert "Styled" in markdown
    assert r"\<script>shown as text\</script>" in markdown  # escaped: text, not raw HTML


def test_table_cells_with_pipes_stay_one_cell() -> None:
    page = b"<main><table><tr><th>A</th><th>B</th></tr><tr><td>x | y</td><td>z</td></tr></table></main>"
    assert "| x \\| y | z |" in html_to_markdown(page).splitlines()


def test_meta_charset_is_honoured() -> None:
    markdown = html_to_markdown(render_page("Caf\u00e9 \u201cquoted\u201d rules.", charset="windows-1252"))
    assert "Caf\u00e9 \u201cquoted\u201d rules." in markdown


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "na\u00efve".encode(), "na\u00efve"),
        (codecs.BOM_UTF16_LE + "na\u00efve".encode("utf-16-le"), "na\u00efve"),
        ("na\u00efve".encode(), "na\u00efve"),
        ("\u201cna\u00efve\u201d".encode("cp1252"), "\u201cna\u00efve\u201d"),  # not UTF-8: cp1252 fallback
    ],
)
def test_decoding_order_bom_then_meta_then_utf8_then_cp1252(data: bytes, expected: str) -> None:
    assert decode_html(data) == expected


def test_page_without_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^empty\.html: HTML page has no text content$"):
        html_to_markdown(b"<html><body><nav>Home</nav><script>x()</script></body></html>", name="empty.html")


@pytest.mark.corpus
@pytest.mark.parametrize(
    "relative",
    ["github-acceptable-use-policies/2022-03-14.md", "anthropic-rsp/v2.0_2024-10-15.md"],
)
def test_corpus_documents_survive_an_html_round_trip(corpus_dir: Path, relative: str) -> None:
    original = normalize((corpus_dir / relative).read_text(encoding="utf-8")).text
    markdown = html_to_markdown(render_page(original))
    assert_no_furniture(markdown)
    share, missing = found_share(original, normalize(markdown).text)
    assert share >= 0.95, (share, missing[:10])
    assert unchanged_clause_share(original, markdown) >= 0.95
