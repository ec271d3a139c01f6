"""Ingest: the raw bytes of any supported input -> Markdown text.

The format is chosen by file extension, and sniffed from the first bytes when the name says
nothing (standard input is ``-``). The PDF and HTML converters pull in heavy libraries, so they
are imported only when such a file actually arrives: ``rspdiff --help`` must stay instant.
"""

from __future__ import annotations

from enum import Enum
from pathlib import PurePath

from rspdiff.ingest.text import decode


class Format(Enum):
    """The input kinds rspdiff understands."""

    MARKDOWN = "markdown"
    TEXT = "text"
    PDF = "pdf"
    HTML = "html"


_BY_EXTENSION = {
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".mdown": Format.MARKDOWN,
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".pdf": Format.PDF,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
}

_SNIFF_BYTES = 1024


def _sniff(data: bytes) -> Format:
    """Recognise PDF by its magic number and HTML by its opening tag; anything else is text."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return Format.PDF
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return Format.HTML
    return Format.MARKDOWN


def detect_format(name: str, data: bytes) -> Format:
    """The format named by the extension, else the one sniffed from the content."""
    if name != "-":
        fmt = _BY_EXTENSION.get(PurePath(name).suffix.lower())
        if fmt is not None:
            return fmt
    return _sniff(data)


def to_markdown(data: bytes, name: str) -> str:
    """Convert one input to Markdown text (not yet normalised) according to its format."""
    fmt = detect_format(name, data)
    if fmt is Format.PDF:
        from rspdiff.ingest.pdf import pdf_to_text

        return pdf_to_text(data, name)
    if fmt is Format.HTML:
        from rspdiff.ingest.html import html_to_markdown

        return html_to_markdown(data, name)
    return decode(data, name)


__all__ = ["Format", "decode", "detect_format", "to_markdown"]
