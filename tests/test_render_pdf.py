"""The PDF: made from the same page; summary and running header readable by pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from support_changelog import build_changelog

from rspdiff.render.pdf import to_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "changes.pdf"
    path.write_bytes(to_pdf(build_changelog()))
    return path


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    return text.stdout.split("\f")


def test_first_page_has_the_summary(pdf: Path) -> None:
    assert pdf.read_bytes().startswith(b"%PDF-")
    first = _pages(pdf)[0]
    assert "6 changes: 3 weakened, 2 strengthened, 0 clarified, 1 mixed. 5 clauses unchanged." in first
    assert "What the labels mean" in first and "Page 1 of" in first


def test_contents_header_and_page_numbers(pdf: Path) -> None:
    pages = [p for p in _pages(pdf) if p.strip()]
    assert len(pages) >= 3
    assert "Contents" in pages[1]
    for number, page in enumerate(pages[1:], 2):
        assert f"Page {number} of {len(pages)}" in page
        assert "Example Scaling Policy v1 → Policy <b>v2</b>" in page  # running header, as text
    body = "\n".join(pages)
    for change in build_changelog().changes:
        assert change.id in body


def test_nothing_runs_off_the_page(pdf: Path) -> None:
    # pdftotext -bbox gives every word's box; none may leave the A4 media box (595 x 842 pt).
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True)
    boxes = [
        (float(x0), float(x1))
        for x0, x1 in (
            (line.split('xMin="')[1].split('"')[0], line.split('xMax="')[1].split('"')[0])
            for line in out.stdout.splitlines()
            if "<word " in line
        )
    ]
    assert boxes
    assert min(x0 for x0, _ in boxes) >= 0
    assert max(x1 for _, x1 in boxes) <= 595.3 - 18 * 72 / 25.4 + 1  # inside the right margin


def test_page_images_render(pdf: Path, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len([p for p in _pages(pdf) if p.strip()])
