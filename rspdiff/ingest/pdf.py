"""PDF bytes → page-marked text in the shape of the corpus's PDF extractions.

Policies are mostly published as PDFs. The corpus already holds extractions of such PDFs (pages
marked ``[[page N]]``, headings as ``## ``, running footers left in), and ``rspdiff.normalize``
knows how to clean exactly that shape. So this module does not try to clean anything itself: it
only recovers what a flat text dump loses and the later stages need:

- **headings**, from font size and weight, because the clause tree hangs on them;
- **paragraph breaks**, from vertical gaps, because hard wraps are re-joined only within one;
- **tables**, as Markdown pipe tables, because one-cell-per-line output cannot be re-assembled;
- **footnote bodies**, as lines starting with their number, so they become their own clauses.

pdfplumber (MIT) is used rather than PyMuPDF (AGPL) for licence reasons; it is imported lazily so
that importing this module stays cheap.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any

from rspdiff.errors import InputError

# A line counts as a heading by size when its characters are this much larger than the body text.
_HEADING_SIZE_RATIO = 1.12
# Footnote bodies are set smaller than the body text.
_SMALL_SIZE_RATIO = 0.9
# ... and sit in the lower part of the page.
_FOOT_OF_PAGE = 0.55
# A heading is a short line: longer "large" lines are pull quotes or intros, not headings.
_MAX_HEADING_WORDS = 20
_MAX_BOLD_HEADING_WORDS = 12
# A vertical gap larger than this fraction of the font size separates paragraphs.
_PARAGRAPH_GAP_RATIO = 0.45
# Deepest heading level emitted; smaller heading sizes share it.
_MAX_LEVEL = 4
_FIRST_LEVEL = 2

# Symbol-font bullets (private-use code points) as Word and others export them.
_BULLET_GLYPHS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf076": "•", "\uf0d8": "•"}
_BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi")


@dataclass(frozen=True)
class _Line:
    """One visual line of running text (not inside a table)."""

    top: float
    bottom: float
    text: str
    size: float
    bold: bool
    small_lead_digits: int  # how many leading characters are a smaller-set footnote number


@dataclass(frozen=True)
class _Table:
    top: float
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class _Page:
    number: int
    height: float
    lines: tuple[_Line, ...]
    tables: tuple[_Table, ...]


def pdf_to_text(data: bytes, name: str = "PDF input") -> str:
    """Extract ``data`` page by page; raise InputError when there is no text to extract.

    ``name`` only labels error messages (the dispatcher passes the file name).
    """
    pages = _read_pages(data, name)
    if not any(page.lines or page.tables for page in pages):
        raise InputError(f"{name}: PDF has no extractable text (scanned?)")
    body = _body_size(pages)
    levels = _heading_levels(pages, body)
    out: list[str] = []
    for page in pages:
        out.append(f"[[page {page.number}]]")
        out.append("")
        out.extend(_render_page(page, body, levels))
        out.append("")
    return _squeeze_blank_lines(out)


def _read_pages(data: bytes, name: str) -> list[_Page]:
    """Open the PDF and collect lines and tables; any parser failure becomes one InputError."""
    import pdfplumber

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(f"{name}: not a PDF file (no %PDF header)")
    pages: list[_Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(_read_page(page, number))
    except InputError:
        raise
    except Exception as exc:  # untrusted input: pdfminer raises many unrelated types
        reason = _describe_failure(exc)
        raise InputError(f"{name}: cannot read PDF ({reason})") from exc
    return pages


def _describe_failure(exc: Exception) -> str:
    kind = type(exc).__name__
    if "Password" in kind or "Encrypt" in kind:
        return "it is encrypted; save an unlocked copy first"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else kind
    return f"corrupt or unsupported: {text[:120]}"


def _read_page(page: Any, number: int) -> _Page:
    found = page.find_tables()
    boxes = [table.bbox for table in found]
    tables = tuple(
        _Table(top=float(table.bbox[1]), rows=rows)
        for table in found
        if (rows := _clean_rows(table.extract()))
    )
    text_only = page.filter(lambda obj: not _inside_any(obj, boxes)) if boxes else page
    lines = tuple(
        line
        for raw in text_only.extract_text_lines(return_chars=True, strip=True)
        if (line := _make_line(raw)) is not None
    )
    return _Page(number=number, height=float(page.height), lines=lines, tables=tables)


def _inside_any(obj: dict[str, Any], boxes: Sequence[tuple[float, float, float, float]]) -> bool:
    if "x0" not in obj or "top" not in obj:
        return False
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _clean_rows(rows: Iterable[Sequence[str | None]]) -> tuple[tuple[str, ...], ...]:
    """Cells with their internal wraps joined; rows that are wholly empty dropped."""
    cleaned = []
    for row in rows:
        cells = tuple(" ".join((cell or "").split()) for cell in row)
        if any(cells):
            cleaned.append(cells)
    return tuple(cleaned)


def _make_line(raw: dict[str, Any]) -> _Line | None:
    chars = [c for c in raw.get("chars", []) if str(c.get("text", "")).strip()]
    text = _fix_bullet(str(raw.get("text", "")).strip())
    if not chars or not text:
        return None
    sizes = [round(float(c["size"]), 1) for c in chars]
    size = median(sizes)
    bold = sum(_is_bold(str(c.get("fontname", ""))) for c in chars) >= 0.9 * len(chars)
    return _Line(
        top=float(raw["top"]),
        bottom=float(raw["bottom"]),
        text=text,
        size=size,
        bold=bold,
        small_lead_digits=_small_leading_digits(chars, size),
    )


def _fix_bullet(text: str) -> str:
    if text and text[0] in _BULLET_GLYPHS:
        return _BULLET_GLYPHS[text[0]] + text[1:]
    return text


def _is_bold(fontname: str) -> bool:
    lowered = fontname.lower()
    return any(marker in lowered for marker in _BOLD_MARKERS)


def _small_leading_digits(chars: Sequence[dict[str, Any]], size: float) -> int:
    """Count leading digits set as a superscript (smaller or raised): a footnote number glued to its text."""
    baseline = median(float(c["bottom"]) for c in chars)
    count = 0
    for char in chars:
        smaller = float(char["size"]) < 0.9 * size
        raised = float(char["bottom"]) < baseline - 0.15 * size
        if str(char["text"]).isdigit() and (smaller or raised):
            count += 1
        else:
            break
    return count if count < len(chars) else 0


def _body_size(pages: Sequence[_Page]) -> float:
    """The font size that carries the most characters: the running text."""
    weights: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            weights[line.size] += len(line.text)
    if not weights:
        return 10.0
    # Ties broken towards the smaller size so that a big title never becomes "body".
    return min(weights, key=lambda size: (-weights[size], size))


def _heading_levels(pages: Sequence[_Page], body: float) -> dict[float, int]:
    """Map each heading font size to a Markdown level: the largest is ``##``, then ``###``, ..."""
    sizes = sorted(
        {
            line.size
            for page in pages
            for line in page.lines
            if line.size >= body * _HEADING_SIZE_RATIO and len(line.text.split()) <= _MAX_HEADING_WORDS
        },
        reverse=True,
    )
    return {size: min(_FIRST_LEVEL + index, _MAX_LEVEL) for index, size in enumerate(sizes)}


def _heading_level(line: _Line, body: float, levels: dict[float, int]) -> int | None:
    if line.size in levels and len(line.text.split()) <= _MAX_HEADING_WORDS:
        return levels[line.size]
    if (
        line.bold
        and abs(line.size - body) < 0.5
        and len(line.text.split()) <= _MAX_BOLD_HEADING_WORDS
        and not line.text.endswith((".", ":", ";", ","))
        and not _starts_like_list_item(line.text)
    ):
        return min(_FIRST_LEVEL + len(levels), _MAX_LEVEL)
    return None


def _starts_like_list_item(text: str) -> bool:
    if text[:1] in "•●▪◦‣∙-–*":
        return True
    head = text.split(" ", 1)[0]
    return head[:-1].isdigit() and head.endswith((".", ")"))


def _render_page(page: _Page, body: float, levels: dict[float, int]) -> list[str]:
    """Lines and tables in reading order (top to bottom), with blank lines between blocks."""
    items: list[tuple[float, int, _Line | _Table]] = [(line.top, 1, line) for line in page.lines]
    items += [(table.top, 0, table) for table in page.tables]
    items.sort(key=lambda item: (item[0], item[1]))
    out: list[str] = []
    previous: _Line | None = None
    previous_heading: int | None = None
    for _, _, item in items:
        if isinstance(item, _Table):
            out += ["", *_table_markdown(item.rows), ""]
            previous, previous_heading = None, None
            continue
        level = _heading_level(item, body, levels)
        footnote = _is_footnote(item, page, body)
        text = _footnote_text(item) if footnote else item.text
        if level is not None:
            # Consecutive heading lines of one level stay adjacent so the normaliser can merge them.
            if previous_heading != level or _new_paragraph(previous, item, footnote=False):
                out.append("")
            out.append("#" * level + " " + text)
        else:
            if previous_heading is not None or _new_paragraph(previous, item, footnote):
                out.append("")
            out.append(text)
        previous, previous_heading = item, level
    return out


def _is_footnote(line: _Line, page: _Page, body: float) -> bool:
    return line.size < body * _SMALL_SIZE_RATIO and line.top > page.height * _FOOT_OF_PAGE


def _footnote_text(line: _Line) -> str:
    """Separate a smaller-set footnote number from its text: ``15Text`` → ``15 Text``."""
    cut = line.small_lead_digits
    if cut and line.text[:cut].isdigit() and not line.text[cut:].startswith(" "):
        return line.text[:cut] + " " + line.text[cut:]
    return line.text


def _new_paragraph(previous: _Line | None, line: _Line, footnote: bool) -> bool:
    if previous is None:
        return True
    if footnote and line.text[:1].isdigit():
        return True
    if abs(previous.size - line.size) >= 0.5:
        return True
    gap = line.top - previous.bottom
    return gap > _PARAGRAPH_GAP_RATIO * max(line.size, previous.size)


def _table_markdown(rows: Sequence[Sequence[str]]) -> list[str]:
    """A pipe table; the first row is the header, as in the published table."""
    width = max(len(row) for row in rows)
    padded = [[_escape_cell(cell) for cell in row] + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(padded[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in padded[1:]]
    return lines


def _escape_cell(cell: str) -> str:
    return cell.replace("\\", "\\\\").replace("|", "\\|")


def _squeeze_blank_lines(lines: Sequence[str]) -> str:
    """Join lines, never two blank lines in a row, ending with one newline."""
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
