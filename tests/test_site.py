"""The static site: one command over the RSP corpus, a valid Atom feed with one entry per step,
relative links only, and lineage links inserted safely into the pair pages."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from rspdiff.history_cli import register
from rspdiff.site import link_lineages

ATOM = "{http://www.w3.org/2005/Atom}"


@click.group()
def _group() -> None:
    """A stand-in for the rspdiff group."""


register(_group)


def test_link_lineages_goes_below_the_article_header() -> None:
    page = '<article id="c-1"><header><h4>W</h4></header><p>text</p></article>'
    out = link_lineages(page, {"c-1": "../lineages/l-1.html"})
    assert out.index("</header>") < out.index("lineage-link") < out.index("<p>text")


def test_link_lineages_inserts_after_named_articles_only() -> None:
    page = ('<main>\n<article id="c-1" class="x">\n<p>a &lt;b&gt;</p></article>'
            '<article id="c-2"></article></main>')
    out = link_lineages(page, {"c-1": '../lineages/l-1.html"><script>'})
    assert out.count('class="lineage-link"') == 1
    assert out.index("lineage-link") > out.index('id="c-1"') and out.index("lineage-link") < out.index("<p>a")
    assert "<script>" not in out and "&#34;&gt;&lt;script&gt;" in out


@pytest.fixture(scope="session")
def site(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(_group, ["site", str(corpus_dir / "anthropic-rsp"), "-o", str(out),
                                         "--jobs", "2", "--no-pdf"])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.corpus
def test_site_pages_and_feed(site: Path) -> None:
    pairs = sorted(p.name for p in (site / "pairs").glob("*.html"))
    assert len(pairs) == 8 and "v1.0--v2.0.html" in pairs
    assert (site / "index.html").is_file() and (site / "history.html").is_file()
    assert any((site / "lineages").glob("l-*.html"))
    root = ET.parse(site / "feed.xml").getroot()
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 8
    assert all(e.findtext(f"{ATOM}updated", "").endswith("T00:00:00Z") for e in entries)
    for page in (site / "index.html", site / "history.html"):
        text = page.read_text(encoding="utf-8")
        assert 'href="/' not in text and "http://" not in text.replace("http://www.w3.org", "")


@pytest.mark.corpus
def test_every_relative_link_of_the_index_resolves(site: Path) -> None:
    """Built with --no-pdf, the index must not point at PDFs that were never written."""
    index = (site / "index.html").read_text(encoding="utf-8")
    targets = [part.split('"', 1)[0] for part in index.split('href="')[1:]]
    local = [t for t in targets if not t.startswith(("#", "http"))]
    assert local and not any(t.endswith(".pdf") for t in local)
    assert all((site / t).is_file() for t in local), [t for t in local if not (site / t).is_file()]


@pytest.mark.corpus
def test_every_lineage_link_resolves(site: Path) -> None:
    page = (site / "pairs" / "v2.0--v2.1.html").read_text(encoding="utf-8")
    targets = [part.split('"', 1)[0] for part in page.split('href="../lineages/')[1:]]
    assert targets
    assert all((site / "lineages" / t).is_file() for t in targets)
