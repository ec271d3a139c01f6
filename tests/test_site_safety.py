"""Site details that a review found wanting: unique safe labels, link placement, PDF links."""

from __future__ import annotations

from rspdiff.history import unique_labels
from rspdiff.site import link_lineages


def test_labels_are_unique_and_safe_for_paths_and_pages() -> None:
    got = unique_labels(["1.0", "2.0", "policy", "policy", "<b>x</b>", "..", "a\x1bb"])
    assert got[:2] == ["1.0", "2.0"]
    assert got[2] != got[3]
    assert len(set(got)) == len(got)
    for label in got:
        assert label and all(ch.isalnum() or ch in "._-" for ch in label)
        assert label not in {".", ".."}


def test_lineage_links_land_after_their_own_headers_even_after_a_line_separator() -> None:
    page = (
        "<p>before \u2028 a line separator</p>\n"
        '<article id="c-1"><header><h4>One</h4></header><p>first</p></article>\n'
        '<article id="c-2"><header><h4>Two</h4></header><p>second</p></article>\n'
    )
    out = link_lineages(page, {"c-1": "l-1.html", "c-2": "l-2.html"})
    first, second = out.split('<article id="c-2">')
    assert first.count('href="l-1.html"') == 1 and "l-2.html" not in first
    assert second.count('href="l-2.html"') == 1
    assert first.index("</header>") < first.index("l-1.html") < first.index("<p>first</p>")
