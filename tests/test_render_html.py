"""The HTML page: structure, escaping of hostile text, the CSP hashes, determinism."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from support_changelog import build_changelog

from rspdiff.render.html import to_html


class _Collect(HTMLParser):
    """Every start tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in][-1] += data


def _page() -> tuple[str, _Collect]:
    html = to_html(build_changelog())
    parser = _Collect()
    parser.feed(html)
    return html, parser


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_one_article_per_change_with_permalink() -> None:
    _, page = _page()
    articles = [a for t, a in page.tags if t == "article"]
    assert [a["id"] for a in articles] == [c.id for c in build_changelog().changes]
    links = {a.get("href") for t, a in page.tags if t == "a"}
    assert all(f"#{c.id}" in links for c in build_changelog().changes)
    assert {a["data-effect"] for a in articles} == {"weakened", "strengthened", "mixed"}


def test_only_our_script_and_style_and_they_match_the_csp() -> None:
    html, page = _page()
    assert len(page.raw["script"]) == 1 and len(page.raw["style"]) == 1
    metas = [a for t, a in page.tags if t == "meta"]
    csp = next(a["content"] for a in metas if a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and "default-src 'none'" in csp
    assert f"script-src {_sha(page.raw['script'][0])};" in csp
    assert f"style-src {_sha(page.raw['style'][0])};" in csp
    forbidden = {"img", "iframe", "object", "embed", "link", "form", "b", "em"}
    assert not [t for t, _ in page.tags if t in forbidden]


def test_no_event_handlers_or_outside_urls() -> None:
    _, page = _page()
    for _, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs)
        for name in ("href", "src", "action"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), value


def test_hostile_text_is_shown_as_text() -> None:
    html, _ = _page()
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html and "{% for x in y %}" in html and "49" not in html
    assert "&lt;/title&gt;&lt;script&gt;window.pwned=2" in html
    assert "\x1b" not in html


def test_redline_side_by_side_evidence_notes_override() -> None:
    html, _ = _page()
    assert "<del>will evaluate every frontier model every 3 months</del>" in html
    assert "<ins>aim to evaluate frontier models every six months</ins>" in html
    assert html.count('<details class="side-by-side">') == 6
    assert "quantity.interval" in html and "Evaluation interval lengthened from 3 to 6 months." in html
    assert "Marked weakened by the editor; rspdiff said clarified." in html
    assert "A welcome addition." in html
    assert 'datetime="2024-01-15"' in html


def test_legend_chart_and_filters() -> None:
    html, page = _page()
    assert "What the labels mean" in html and "promises less than before" in html
    rects = [a for t, a in page.tags if t == "rect"]
    assert [int(r["width"] or 0) for r in rects] == [260, 173, 2, 87]
    buttons = [a for t, a in page.tags if t == "button" and a.get("data-filter")]
    assert {b["data-value"] for b in buttons} >= {"weakened", "mixed", "modified", "removed"}
    assert all(b["aria-pressed"] == "true" for b in buttons)
    assert re.search(r'<div id="filters" class="filters" hidden>', html)  # page complete without JS


def test_deterministic() -> None:
    assert to_html(build_changelog()) == to_html(build_changelog())
