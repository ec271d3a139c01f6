"""A static web site of a policy's whole history, readable from ``file://`` and any web server.

index.html lists the versions; pairs/<old>--<new>.html (and .pdf) is each successive changelog,
rendered by the ordinary changelog renderer; history.html shows drift and what the changelogs left
out; lineages/<id>.html follows one clause across versions; feed.xml is an Atom feed with one
entry per revision. Every link is relative, so the folder can be moved or zipped as it is.

The changelog renderer knows nothing about lineages, so each pair page is post-processed: an HTML
parser finds every ``<article id="c-…">`` and a small link to that clause's lineage page is
inserted just after its start tag. The inserted markup is rendered by markupsafe from our own
ids, never from document text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from pathlib import Path

from rspdiff.atomic import write_atomic
from rspdiff.errors import OutputError
from rspdiff.history import History, history
from rspdiff.model import Document

Progress = Callable[[str], None]


class _Articles(HTMLParser):
    """Where to put a link in each ``<article id=…>`` named in ``wanted``.

    Just after the article's own ``<header>`` when it has one (below the label, where a reader
    looks next), else just after the article's start tag.
    """

    def __init__(self, wanted: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.found: list[tuple[int, int, str, bool]] = []  # (line, column, id, at a header's end)
        self.current: str | None = None
        self.header_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "article":
            return
        ident = dict(attrs).get("id")
        self.current = ident if ident in self.wanted else None
        self.header_done = False
        if self.current is not None:
            line, col = self.getpos()
            self.found.append((line, col + len(self.get_starttag_text() or ""), self.current, False))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.current = None
        elif tag == "header" and self.current is not None and not self.header_done:
            line, col = self.getpos()
            self.found[-1] = (line, col, self.current, True)
            self.header_done = True


def link_lineages(page: str, links: dict[str, str]) -> str:
    """``page`` with a "follow this clause" link after each change article named in ``links``."""
    from markupsafe import Markup

    parser = _Articles(set(links))
    parser.feed(page)
    parser.close()
    # HTMLParser counts lines at "\n" only (str.splitlines would also cut at U+2028 and friends).
    starts = [0]
    for text_line in page.split("\n"):
        starts.append(starts[-1] + len(text_line) + 1)
    inserts = []
    for line, col, ident, after_header in parser.found:
        offset = starts[line - 1] + col
        if after_header:  # the parser gives the start of "</header…>": skip to its closing ">"
            offset = page.index(">", offset) + 1
        inserts.append((offset, ident))
    for offset, ident in sorted(inserts, reverse=True):
        snippet = Markup('<p class="lineage-link"><a href="{}">Follow this clause across versions →</a></p>')
        page = page[:offset] + str(snippet.format(links[ident])) + page[offset:]
    return page


def build_site(docs: Sequence[Document], out_dir: Path, jobs: int = 1, progress: Progress | None = None,
               labels: Sequence[str] | None = None, pdf: bool = True) -> History:
    """Compare every successive pair of ``docs`` and write the site into ``out_dir``."""
    from rspdiff.render.history_html import Links, feed_xml, index_html, lineage_html, to_html
    from rspdiff.render.html import to_html as pair_html

    say = progress or (lambda _msg: None)
    for folder in (out_dir, out_dir / "pairs", out_dir / "lineages"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create folder {folder}: {exc.strerror or exc}") from None
    h = history(docs, jobs=jobs, progress=progress, labels=labels)
    index = h.change_index()
    for i, cl in enumerate(h.changelogs):
        label = h.pair_label(i)
        say(f"writing pair {i + 1}/{len(h.changelogs)}: {label}")
        links = {cid: f"../lineages/{lid}.html" for (pair, cid), lid in index.items() if pair == i}
        page = link_lineages(pair_html(cl), links)
        write_atomic(out_dir / "pairs" / f"{label}.html", page.encode("utf-8"))
        if pdf:
            from rspdiff.render.pdf import to_pdf

            write_atomic(out_dir / "pairs" / f"{label}.pdf", to_pdf(cl))
    say("writing history and lineage pages")
    root = Links(pairs="pairs/", lineages="lineages/", home="index.html")
    write_atomic(out_dir / "history.html", to_html(h, root).encode("utf-8"))
    nested = Links(pairs="../pairs/", lineages="", home="../index.html")
    for lin in h.lineages:
        if lin.changed or lin.origin:
            page = lineage_html(h, lin, nested)
            write_atomic(out_dir / "lineages" / f"{lin.id}.html", page.encode("utf-8"))
    write_atomic(out_dir / "index.html", index_html(h, pdf=pdf).encode("utf-8"))
    write_atomic(out_dir / "feed.xml", feed_xml(h).encode("utf-8"))
    say(f"site written to {out_dir}")
    return h
