"""The PDF: summary first, contents with page numbers, running header, every change, nothing off the page.

The text checks read the PDF back with pdftotext, as a reader's copy-paste or a search engine would,
so they test what was typeset rather than the HTML it came from.
"""

from __future__ import annotations

import gc
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support_changelog import build_changelog

from rspdiff.model import Changelog, SignalType
from rspdiff.render import group_by_section, override_text, printable, section_title
from rspdiff.render.pdf import to_pdf, to_print_html

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

A4_WIDTH = 595.3  # points
RIGHT_MARGIN = 18 * 72 / 25.4  # 18 mm, as in print.html.j2's @page


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "changes.pdf"
    path.write_bytes(to_pdf(build_changelog()))
    return path


@pytest.fixture(scope="module")
def rsp(corpus_dir: Path) -> Changelog:
    from rspdiff.compare import compare
    from rspdiff.load import load

    folder = corpus_dir / "anthropic-rsp"
    return compare(load(str(folder / "v1.0_2023-09-19.md")), load(str(folder / "v2.0_2024-10-15.md")))


@pytest.fixture(scope="module")
def rsp_pdf(rsp: Changelog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "rsp.pdf"
    path.write_bytes(to_pdf(rsp))
    return path


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    return [page for page in text.stdout.split("\f") if page.strip()]


def _flat(text: str) -> str:
    """Text with every run of whitespace (line ends included) as one space, for phrase searches."""
    return " ".join(text.split())


def _lede(cl: Changelog) -> str:
    counts = cl.summary()
    effects = ", ".join(f"{counts[key]} {key}" for key in ("weakened", "strengthened", "clarified", "mixed"))
    return f"{len(cl.changes)} changes: {effects}. {counts['unchanged']} clauses unchanged."


def _check_furniture(pdf: Path, cl: Changelog) -> None:
    """Summary on page 1, contents on page 2, running header and "Page N of M" on every later page."""
    pages = _pages(pdf)
    assert len(pages) >= 3
    first = _flat(pages[0])
    assert _lede(cl) in first
    assert "What the labels mean" in first and f"Page 1 of {len(pages)}" in first
    assert "Contents" in pages[1]
    header = _flat(f"{printable(cl.old.title)} → {printable(cl.new.title)}")
    for number, page in enumerate(pages[1:], 2):
        assert f"Page {number} of {len(pages)}" in page
        assert header in _flat(page)  # as text: the titles reach the header through string-set
    body = _flat("\n".join(pages))
    for change in cl.changes:
        assert change.id in body


def _check_contents_page_numbers(pdf: Path, cl: Changelog) -> None:
    """One contents line per section, and its page number is a page that carries that section."""
    pages = _pages(pdf)
    contents = [_flat(line) for line in "\n".join(p for p in pages if "Contents" in p).splitlines()]
    for path, changes in group_by_section(cl.changes):
        title = printable(section_title(path))
        entry = f"{title} ({len(changes)} change{'' if len(changes) == 1 else 's'})"
        lines = [line for line in contents if line.startswith(entry)]
        assert lines, entry
        number = int(lines[0].rsplit(" ", 1)[1])
        assert 2 < number <= len(pages)
        assert title in _flat(pages[number - 1])


def _check_inside_margins(pdf: Path) -> None:
    # pdftotext -bbox gives every word's box; none may leave the A4 page or enter the right margin.
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True)
    boxes = [
        (float(line.split('xMin="')[1].split('"')[0]), float(line.split('xMax="')[1].split('"')[0]))
        for line in out.stdout.splitlines()
        if "<word " in line
    ]
    assert boxes
    assert min(x0 for x0, _ in boxes) >= 0
    assert max(x1 for _, x1 in boxes) <= A4_WIDTH - RIGHT_MARGIN + 1


def test_summary_contents_header_and_page_numbers(pdf: Path) -> None:
    assert pdf.read_bytes().startswith(b"%PDF-")
    _check_furniture(pdf, build_changelog())


def test_contents_has_one_line_per_section_with_its_page(pdf: Path) -> None:
    _check_contents_page_numbers(pdf, build_changelog())


def test_each_change_shows_label_kind_evidence_override_and_note(pdf: Path) -> None:
    cl = build_changelog()
    body = _flat("\n".join(_pages(pdf)))
    for change in cl.changes:
        label = change.shown_effect.value.upper()  # typeset in capitals, so extracted in capitals
        assert f"{label} · {change.kind.value} · confidence {change.confidence:.2f} · {change.id}" in body
        for signal in change.signals:
            assert _flat(printable(signal.explanation)) in body
            assert printable(signal.rule) in body
        override = override_text(change)
        if override is not None:
            assert f"Editor's label: {override.capitalize()}." in body
        if change.note:
            assert _flat(printable(change.note)) in body
    assert any(override_text(change) for change in cl.changes)  # the fixture has an override to show


def _check_redlines(pdf: Path, cl: Changelog) -> None:
    """Every word of every redline is typeset, whether the clause changed in part or as a whole."""
    # Compared without any whitespace: a line may break after a hyphen ("hard-|to-detect"), which
    # pdftotext reads back as a space that the clause never had.
    body = "".join("\n".join(_pages(pdf)).split())
    for change in cl.changes:
        for _op, text in change.redline:
            if text.strip():
                assert "".join(printable(text).split()) in body, (change.id, text)


def test_every_redline_is_typeset_word_for_word(pdf: Path) -> None:
    cl = build_changelog()
    assert any(len(change.redline) == 1 for change in cl.changes)  # a wholly added or removed clause
    assert any(len(change.redline) > 1 for change in cl.changes)  # and a word-level redline
    _check_redlines(pdf, cl)


def test_running_header_names_the_section_at_the_top_of_each_page(pdf: Path) -> None:
    # The changes' own lines no longer repeat their section, so a page that opens mid-section
    # must say which section it is in; the first page of changes opens with the first section.
    pages = _pages(pdf)
    first_title = printable(section_title(group_by_section(build_changelog().changes)[0][0]))
    assert f"Section: {first_title}" in _flat(pages[2])
    assert all("Section: " in page for page in pages[2:])
    assert "Section: " not in pages[0] + pages[1]  # summary and contents belong to no section


def test_only_section_headings_carry_ids() -> None:
    # weasyprint gives every element with an id a style of its own, which stops it sharing
    # computed styles between alike elements and their children: ids on each change made the
    # RSP v1.0 -> v2.0 PDF about a fifth slower. The contents links need the section ids only.
    cl = build_changelog()
    html = to_print_html(cl)
    ids = re.findall(r'\sid="([^"]*)"', html)
    assert ids == [f"section-{number}" for number in range(1, len(group_by_section(cl.changes)) + 1)]
    assert all(f'href="#{anchor}"' in html for anchor in ids)


def test_hostile_text_is_typeset_as_text_never_as_markup(pdf: Path) -> None:
    html = to_print_html(build_changelog())
    assert "<script" not in html and "<img" not in html and "<em>" not in html
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in html
    body = _flat("\n".join(_pages(pdf)))
    assert "<script>window.pwned = 1</script>" in body  # shown to the reader, escaped in the source
    raw = pdf.read_bytes()
    assert b"/JavaScript" not in raw and b"/URI" not in raw and b"/Launch" not in raw


def test_nothing_runs_off_the_page(pdf: Path) -> None:
    _check_inside_margins(pdf)


def test_same_input_gives_the_same_bytes(pdf: Path) -> None:
    assert to_pdf(build_changelog()) == pdf.read_bytes()


def test_the_cycle_collector_is_left_as_it_was_found() -> None:
    # to_pdf pauses the collector for speed; it must hand it back on, or off, exactly as it was.
    assert gc.isenabled()
    to_pdf(build_changelog())
    assert gc.isenabled()
    gc.disable()
    try:
        to_pdf(build_changelog())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_page_images_render(pdf: Path, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(_pages(pdf))


@pytest.mark.corpus
def test_rsp_v1_to_v2_furniture_contents_margins_and_redlines(rsp: Changelog, rsp_pdf: Path) -> None:
    _check_furniture(rsp_pdf, rsp)
    _check_contents_page_numbers(rsp_pdf, rsp)
    _check_inside_margins(rsp_pdf)
    _check_redlines(rsp_pdf, rsp)


@pytest.mark.corpus
def test_rsp_v1_to_v2_shows_the_evaluation_cadence_change(rsp: Changelog, rsp_pdf: Path) -> None:
    # The cadence change is found in the changelog at run time (no corpus words in this file), then
    # looked for in the PDF: its id, and its evidence quoting the old and the new interval.
    cadence = [
        (change, signal)
        for change in rsp.changes
        for signal in change.signals
        if signal.type is SignalType.QUANTITY and "cadence" in signal.rule
    ]
    assert cadence, "rspdiff no longer reports the evaluation cadence change"
    body = _flat("\n".join(_pages(rsp_pdf)))
    for change, signal in cadence:
        start = body.index(f"· {change.id}")
        block = body[start : body.find(" · confidence ", start + 1)]  # up to the next change's head
        assert f"“{_flat(signal.old)}” → “{_flat(signal.new)}”" in block
        assert change.shown_effect.value.capitalize() in block
