"""The changelog as a PDF, typeset by weasyprint from a lean print template.

The PDF says what the web page says — the same context (render/html.py ``context``), the same
wording (render/__init__.py) — but not in the same markup. The screen page carries filters, hidden
side-by-side columns, a per-change contents list and several styled spans per evidence item, and
weasyprint's time grows with that box count: the RSP v1.0 → v2.0 changelog took ~20-40 s as the
screen page. templates/print.html.j2 keeps only what paper needs: the summary page, a contents page
with one line per section and its page number, a running header naming both versions and the
section, page numbers, and per change its label (as text), kind, confidence, id, old and new lines,
redline, evidence, editor's label and notes. Its header says which layout choices keep weasyprint
fast (typesetting RSP v1.0 → v2.0 went from ~4.6 s to ~2.6 s of CPU with them).

weasyprint may fetch nothing: the template is self-contained, and a fetcher that refuses every URL
makes sure no document text could ever make it read a file or a web address.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Any, NoReturn

from rspdiff.model import Changelog

_TEMPLATE = "print.html.j2"


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"rspdiff PDFs load no external resources (refused {url[:80]})")


@contextlib.contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Pause Python's cycle collector while weasyprint builds and paints its boxes.

    weasyprint allocates hundreds of thousands of long-lived objects, which keeps triggering full
    collections that find almost nothing to free: on RSP v1.0 -> v2.0 they cost about a third of
    the run (6.5 s -> 4.3 s without them) for the same peak memory (~315 MB either way). Nothing
    leaks: the collector is switched back on (if it was on) and reclaims any cycles afterwards.
    The output does not depend on it, so the PDF stays byte-identical.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def to_print_html(cl: Changelog) -> str:
    """The HTML weasyprint typesets: autoescaped, strict, and with no script or external reference."""
    from rspdiff.render.html import context, environment

    # The same environment as the screen page (autoescape, StrictUndefined, the printable filter),
    # so both are equally safe.
    return environment().get_template(_TEMPLATE).render(context(cl))


def to_pdf(cl: Changelog) -> bytes:
    """The PDF bytes of the changelog (A4), identical for identical input."""
    from weasyprint import HTML

    with _without_cyclic_gc():
        document = HTML(string=to_print_html(cl), base_url=None, url_fetcher=_refuse, media_type="print")
        pdf = document.write_pdf()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return bytes(pdf)
