"""HTML bytes → the page's main content as Markdown.

Policies published as web pages carry navigation, cookie banners, scripts and footers around the
text that matters. Those would otherwise show up as "changes" between versions, so they are removed
before conversion, and the ``<main>`` or ``<article>`` element is preferred when the page has one.

Nothing from the page is trusted: executable content (scripts, event handlers, ``javascript:``
links, frames, forms, SVG) is deleted from the tree, never rendered, and links keep only their
text, so no URL from the page reaches our output either.

BeautifulSoup (with the standard-library parser, so no C dependency) and markdownify are imported
lazily to keep start-up fast.
"""

from __future__ import annotations

import codecs
from typing import Any

from rspdiff.errors import InputError

# Elements whose whole subtree is furniture or executable content.
# (<header>/<footer> are handled apart: inside <main> or <article> they hold the document's own
# title and "last updated" line, which are content.)
_DROP = (
    "script",
    "style",
    "noscript",
    "nav",
    "aside",
    "form",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "svg",
    "math",
    "template",
    "button",
    "dialog",
    "link",
    "meta",
    "base",
    "canvas",
    "audio",
    "video",
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# How far into the document a <meta charset> must appear (the HTML standard says 1024 bytes;
# real pages put long <head>s first, so allow more).
_SNIFF_BYTES = 4096


def html_to_markdown(data: bytes, name: str = "HTML input") -> str:
    """Convert the main content of an HTML page to Markdown (ATX headings, ``-`` bullets, pipe tables)."""
    from bs4 import BeautifulSoup, Comment

    text = decode_html(data)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for tag in soup.find_all(["header", "footer"]):
        if tag.find_parent(["main", "article"]) is None:
            tag.decompose()
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        comment.extract()
    root = _main_content(soup)
    _defuse(root)
    markdown = _to_markdown(root)
    if not markdown.strip():
        raise InputError(f"{name}: HTML page has no text content")
    return markdown


def decode_html(data: bytes) -> str:
    """Decode by BOM, then ``<meta charset>``, then UTF-8, then cp1252 (never fails)."""
    from bs4.dammit import EncodingDetector

    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = EncodingDetector.find_declared_encoding(data[:_SNIFF_BYTES], is_html=True)
    if declared:
        try:
            return data.decode(declared, errors="replace")
        except LookupError:  # an unknown encoding name is ignored, as browsers do
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _main_content(soup: Any) -> Any:
    """The ``<main>`` element, else the longest ``<article>``, else ``<body>``, else the whole tree."""
    main = soup.find("main")
    if main is not None:
        return main
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda tag: len(tag.get_text()))
    return soup.body or soup


def _defuse(root: Any) -> None:
    """Strip event handlers, styles and every URL-bearing attribute; images become their alt text.

    Also escapes ``<`` in text (so it cannot become raw HTML) and pipes inside table cells.
    """
    for image in root.find_all("img"):
        alt = " ".join(str(image.get("alt") or "").split())
        if alt:
            image.replace_with(alt)
        else:
            image.decompose()
    for node in root.find_all(string=True):
        if node.find_parent(["code", "pre"]) is not None:
            continue  # code spans are literal in Markdown: an escape would show
        escaped = str(node)
        # A literal "<" in page text must stay text, never become raw HTML in the Markdown.
        escaped = escaped.replace("<", "\\<")
        if node.find_parent(["td", "th"]) is not None:
            escaped = escaped.replace("|", "\\|")  # a literal pipe would split the table cell in two
        if escaped != node:
            node.replace_with(escaped)
    for tag in root.find_all(True):
        tag.attrs = {key: value for key, value in tag.attrs.items() if key in {"colspan", "rowspan"}}


def _to_markdown(root: Any) -> str:
    from markdownify import ATX, markdownify

    markdown = markdownify(
        str(root),
        heading_style=ATX,
        bullets="-",
        strip=["a", "img"],
    )
    return _tidy(markdown)


def _tidy(markdown: str) -> str:
    """Trailing spaces removed, runs of blank lines collapsed to one, one final newline."""
    lines: list[str] = []
    for raw in markdown.splitlines():
        line = raw.rstrip()
        if not line and (not lines or not lines[-1]):
            continue
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
