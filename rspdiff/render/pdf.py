"""The changelog as a PDF, typeset by weasyprint from the very same HTML page.

One source for screen and paper means the PDF can never disagree with the web page; the print
stylesheet (templates/print.css) turns it into pages: the summary first, a table of contents with
page numbers, a running header naming both versions, and changes that are never split across
pages. weasyprint may only fetch nothing: the page is self-contained, and a fetcher that refuses
every URL makes sure no document text could ever make it read a file or a web address.
"""

from __future__ import annotations

from typing import Any, NoReturn

from rspdiff.model import Changelog
from rspdiff.render.html import to_html


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"rspdiff PDFs load no external resources (refused {url[:80]})")


def to_pdf(cl: Changelog) -> bytes:
    """The PDF bytes of the changelog (A4, print stylesheet)."""
    from weasyprint import HTML

    document = HTML(string=to_html(cl), base_url=None, url_fetcher=_refuse, media_type="print")
    pdf = document.write_pdf()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return bytes(pdf)
