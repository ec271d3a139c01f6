"""Normalise ingested text into clean Markdown, keeping a map back to the source lines.

Two kinds of input reach this stage. Clean Markdown (policy repositories, Open Terms Archive)
must pass through untouched apart from its YAML front matter: rewrapping it would invent changes.
PDF extractions, recognised by their ``[[page N]]`` markers, are full of artefacts that are not
content: running headers and footers, page numbers, tables of contents, one visual line per line,
words hyphenated across lines, footnotes parked at the foot of each page, headings broken over two
``## `` lines. Left in place they would make every page break look like an edit. This module
removes them by *evidence inside the document* (lines repeated on many pages, words hyphenated
elsewhere, reference numbers whose footnote body sits on the same page), never by a list of known
strings, so it works on a publisher it has not seen.

Every output line keeps the span of source lines it came from, and every dropped line is listed
as furniture, so a reader can always check a clause against the original page.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from pathlib import Path

_DATA = Path(__file__).parent / "data" / "normalize.toml"


@dataclass(frozen=True)
class Normalized:
    """Normalised Markdown plus its map back to the source lines."""

    text: str  # normalised Markdown
    spans: tuple[tuple[int, int], ...]  # per output line: 1-based inclusive source line span
    furniture: tuple[int, ...]  # 1-based source lines dropped as page furniture (sorted)
    front_matter: tuple[tuple[str, str], ...]  # YAML front matter ``key: value`` pairs


@dataclass(frozen=True)
class _Settings:
    bullets: tuple[str, ...]
    contents_titles: frozenset[str]
    furniture_zone: int
    furniture_min_pages: int
    furniture_min_share: float
    short_line_share: float
    standalone_share: float
    width_percentile: float
    footnote_max_lines: int
    heading_max_chars: int
    heading_sentence_chars: int
    connectives: frozenset[str]


@cache
def _settings() -> _Settings:
    raw = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    return _Settings(
        bullets=tuple(raw["bullets"]),
        contents_titles=frozenset(raw["contents_titles"]),
        furniture_zone=int(raw["furniture_zone"]),
        furniture_min_pages=int(raw["furniture_min_pages"]),
        furniture_min_share=float(raw["furniture_min_share"]),
        short_line_share=float(raw["short_line_share"]),
        standalone_share=float(raw["standalone_share"]),
        width_percentile=float(raw["width_percentile"]),
        footnote_max_lines=int(raw["footnote_max_lines"]),
        heading_max_chars=int(raw["heading_max_chars"]),
        heading_sentence_chars=int(raw["heading_sentence_chars"]),
        connectives=frozenset(raw["connectives"]),
    )


# --- small line classifiers -------------------------------------------------------------------

_PAGE_MARKER = re.compile(r"\[\[page \d+\]\]")
_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_PAGE_NUMBER = re.compile(r"(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"\d{1,4}")
_SECTION_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.?")
_NUMBERING = re.compile(r"(\d{1,3}(?:\.\d{1,3})*)(?:\.|\s*\||\s*[-–—]|\s|(?=[A-Z]))\s*")
_DOT_LEADER = re.compile(r"(?:\.\s?){3,}\s*\d*$|\s\d{1,4}$")
_ENUMERATOR = re.compile(r"(\d{1,2}[.)]|\([a-z0-9]{1,4}\)|[a-z]\)|(?:[ivx]{1,4}|[a-z])\.)(?:\s+|$)")
# A footnote body opens with its number, usually followed by a space; some extractions lose
# the space, so an uppercase letter or opening quote straight after the digits also counts.
_FOOTNOTE_BODY = re.compile(r"(\d{1,3})(?:\s+([A-Za-z“\"‘'(].*)|([A-Z“\"‘].*))")
# A footnote number glued to the end of a word ("noncompliance15") or to its punctuation
# ("framework.1"), but not to a digit ("352" for 35 squared) or a hyphen ("ASL-3"). Where an
# extraction lost the space after it, the next sentence's capital may follow ("enhancements.6To").
_GLUED_REF = re.compile(r"(?<=[A-Za-z)\]’”\"])([.,;:)\]’”\"]{0,2})(\d{1,3})(?:(?!\w)|(?=[A-Z][a-z]))")
_SENTENCE_END = re.compile(r"[.!?:][)\]’”\"']*$")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_FRONT_KEY = re.compile(r"([A-Za-z0-9_-]+)\s*:\s*(.*)")


def _glued_refs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, number) of each number glued to a word; a bare word needs 3+ letters ("v2")."""
    found = []
    for m in _GLUED_REF.finditer(text):
        if m.end() < len(text) and text[m.end()].isalpha() and not any(c in ".!?" for c in m.group(1)):
            continue  # a capital right after the number counts only after a sentence's stop
        word = text[:m.start()].rsplit(None, 1)[-1] if text[:m.start()].strip() else ""
        if m.group(1) or (len(word) >= 3 and word[-3:].isalpha()):
            found.append((m.start(2), m.end(2), m.group(2)))
    return found


def _is_page_marker(line: str) -> bool:
    return _PAGE_MARKER.fullmatch(line.strip()) is not None


def _strip_hashes(line: str) -> str:
    m = _HEADING.fullmatch(line.strip())
    return m.group(2).strip() if m else line.strip()


def _ends_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None


def _furniture_key(line: str) -> str:
    """Digits folded so that "Report 3" and "Report 4" count as the same running line."""
    text = re.sub(r"\d+", "#", _strip_hashes(line).lower())
    return " ".join(text.split())


# --- front matter ------------------------------------------------------------------------------


def _front_matter(lines: Sequence[str]) -> tuple[int, tuple[tuple[str, str], ...]]:
    """Number of lines the front matter occupies (0 if none) and its simple key/value pairs."""
    if not lines or lines[0].strip() != "---":
        return 0, ()
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            pairs = []
            for line in lines[1:end]:
                m = _FRONT_KEY.fullmatch(line.strip())
                if m and not line.startswith((" ", "\t", "-")):
                    pairs.append((m.group(1), m.group(2).strip().strip("'\"")))
            return end + 1, tuple(pairs)
    return 0, ()


# --- PDF extraction clean-up -------------------------------------------------------------------


@dataclass
class _Page:
    lines: list[tuple[int, str]] = field(default_factory=list)  # (1-based line no, stripped text)


def _split_pages(lines: Sequence[str], start: int) -> list[_Page]:
    pages = [_Page()]
    for index in range(start, len(lines)):
        text = lines[index].strip()
        if _is_page_marker(text):
            pages.append(_Page())
        else:
            pages[-1].lines.append((index + 1, text))
    return [page for page in pages if any(text for _, text in page.lines)]


def _zones(page: _Page, size: int) -> list[tuple[int, str]]:
    filled = [(no, text) for no, text in page.lines if text]
    if len(filled) <= 2 * size:
        return filled
    return filled[:size] + filled[-size:]


def _running_furniture(pages: Sequence[_Page], cfg: _Settings) -> tuple[set[int], set[int]]:
    """Lines repeated near the top or bottom of many pages, and bare page numbers there."""
    dropped: set[int] = set()
    numbers: set[int] = set()
    seen: dict[str, set[int]] = {}
    for page_index, page in enumerate(pages):
        for no, text in _zones(page, cfg.furniture_zone):
            if not text.startswith("#") and _PAGE_NUMBER.fullmatch(text):
                numbers.add(no)
                continue
            key = _furniture_key(text)
            if sum(ch.isalpha() for ch in key) >= 3:
                seen.setdefault(key, set()).add(page_index)
    needed = max(cfg.furniture_min_pages, math.ceil(cfg.furniture_min_share * len(pages)))
    running = {key for key, where in seen.items() if len(where) >= needed}
    for page in pages:
        for no, text in _zones(page, cfg.furniture_zone):
            if _furniture_key(text) in running:
                dropped.add(no)
    return dropped, numbers


def _squash(text: str) -> str:
    return "".join(text.lower().split())


def _later_headings(stream: Sequence[tuple[int, int, str]]) -> dict[str, int]:
    """Squashed text of every ``## `` line, and of each pair of adjacent ones, -> last page seen."""
    found: dict[str, int] = {}
    previous = ""
    for page, _, text in stream:
        if not _HEADING.fullmatch(text):
            previous = ""
            continue
        squashed = _squash(_strip_hashes(text))
        found[squashed] = page
        if previous:
            found[previous + squashed] = page
        previous = squashed
    return found


def _contents_furniture(pages: Sequence[_Page], dropped: set[int], cfg: _Settings) -> set[int]:
    """Lines of a table of contents: titles with page numbers, or titles repeated as headings.

    An entry with a page number (on its own line, after dot leaders, or at the end of the line)
    continues the table across pages; an entry without one must sit on the same page as the
    "Contents" title and be repeated as a heading on a later page.
    """
    stream = [(p, no, text) for p, page in enumerate(pages) for no, text in page.lines
              if text and no not in dropped]
    headings = _later_headings(stream)
    toc: set[int] = set()
    index = 0
    while index < len(stream):
        page_no, no, text = stream[index]
        previous = stream[index - 1][2] if index else ""
        if (_strip_hashes(text).lower().rstrip(":").strip() not in cfg.contents_titles
                or (previous.startswith("#") and _SECTION_NUMBER.fullmatch(_strip_hashes(previous)))):
            # "3.3." then "Contents" is a numbered section about contents, not a table of them.
            index += 1
            continue
        toc.add(no)
        index += 1
        while index < len(stream):
            p, no, text = stream[index]
            plain = _strip_hashes(text)
            nxt = _strip_hashes(stream[index + 1][2]) if index + 1 < len(stream) else ""
            numbered = (
                _SECTION_NUMBER.fullmatch(plain) is not None
                or _DOT_LEADER.search(plain) is not None
                or _BARE_NUMBER.fullmatch(nxt) is not None
            )
            if not numbered and (p != page_no or headings.get(_squash(plain), -1) <= page_no):
                break
            toc.add(no)
            index += 1
    return toc


class _Kind(Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    FOOTNOTE = "footnote"


@dataclass
class _Block:
    kind: _Kind
    marker: str  # "- ", "1. " for items; footnote label for footnotes; "" otherwise
    lines: list[tuple[int, str]] = field(default_factory=list)

    @property
    def last(self) -> str:
        return self.lines[-1][1] if self.lines else ""

    @property
    def empty(self) -> bool:
        return not any(text for _, text in self.lines)


@dataclass
class _Page2:
    """A page after furniture removal: its body lines and the footnotes found at its foot."""

    body: list[tuple[int, str]]
    notes: list[_Block]


def _footnotes(page: _Page, dropped: set[int], cfg: _Settings) -> _Page2:
    """Split a page into body and footnote blocks, and mark the glued references in the body.

    Walking up from the foot of the page, each footnote body must begin with a number that is
    glued to a word higher up on the same page; the walk stops at the first stretch of lines
    that no such number closes. Footnotes without a reference stay in the text untouched.
    """
    lines = [(no, text) for no, text in page.lines if no not in dropped]
    filled = [i for i, (_, text) in enumerate(lines) if text]
    first_ref: dict[str, int] = {}
    for i in filled:
        for _, _, ref in _glued_refs(lines[i][1]):
            first_ref.setdefault(ref, i)
    if not first_ref:
        return _Page2(lines, [])
    zone_start = len(lines)
    groups: list[tuple[int, int, str]] = []  # (start, end exclusive, number)
    end = len(lines)
    pending = 0
    for i in reversed(filled):
        m = _FOOTNOTE_BODY.fullmatch(lines[i][1])
        if m is not None and first_ref.get(m.group(1), len(lines)) < i:
            groups.append((i, end, m.group(1)))
            zone_start, end, pending = i, i, 0
            continue
        pending += 1
        if pending > cfg.footnote_max_lines:
            break
    if not groups:
        return _Page2(lines, [])
    body = lines[:zone_start]
    notes: list[_Block] = []
    for start, stop, number in sorted(groups):
        block = _Block(_Kind.FOOTNOTE, number)
        for no, text in lines[start:stop]:
            if text:
                block.lines.append((no, text))
        first_no, first_text = block.lines[0]
        opening = _FOOTNOTE_BODY.fullmatch(first_text)
        if opening is not None:
            block.lines[0] = (first_no, opening.group(2) or opening.group(3))
        notes.append(block)
        for j in range(len(body) - 1, -1, -1):
            no, text = body[j]
            refs = [(start, stop) for start, stop, n in _glued_refs(text) if n == number]
            if refs:
                start, stop = refs[-1]
                body[j] = (no, f"{text[:start]}[^{number}]{text[stop:]}")
                break
    return _Page2(body, notes)


def _typical_width(pages: Sequence[_Page2], cfg: _Settings) -> int:
    lengths = sorted(len(text) for page in pages for _, text in page.body
                     if text and not text.startswith("#"))
    if not lengths:
        return 80
    return max(20, lengths[min(len(lengths) - 1, int(cfg.width_percentile * len(lengths)))])


def _double_spaced(body: Sequence[tuple[int, str]]) -> bool:
    """A page whose every line is followed by a blank line, so blanks are not paragraph breaks."""
    gaps = total = 0
    previous_filled = False
    blank_run = 0
    for _, text in body:
        if not text:
            blank_run += 1
            continue
        if previous_filled:
            total += 1
            gaps += blank_run > 0
        previous_filled, blank_run = True, 0
    return total >= 6 and gaps >= 0.7 * total


def _bullet(text: str, cfg: _Settings) -> str | None:
    """The text after a leading bullet glyph, or None when the line is not a bullet."""
    for glyph in cfg.bullets:
        if text == glyph:
            return ""
        if text.startswith(glyph + " ") or (len(glyph) == 1 and not glyph.isalnum() and glyph not in "-*"
                                            and text.startswith(glyph) and len(text) > 1):
            return text[len(glyph):].strip()
    return None


def _heading_merges(block: _Block, text: str, blank_before: bool, soft: bool) -> bool:
    """Whether the ``## `` line ``text`` continues the heading ``block``.

    A heading that is only a number ("3.") always takes the next line as its title; otherwise
    an adjacent line continues a heading that has no final punctuation, unless it starts a new
    number. On double-spaced pages only a lowercase start continues.
    """
    last = block.last
    if _SECTION_NUMBER.fullmatch(last):
        return True
    if _ends_sentence(last) or _SECTION_NUMBER.match(text) and _NUMBERING.match(text):
        return False
    if soft:
        return text[:1].islower()
    return not blank_before


def _assemble(pages: Sequence[_Page2], cfg: _Settings) -> list[_Block]:
    width = _typical_width(pages, cfg)
    blocks: list[_Block] = []
    pending_notes: list[_Block] = []
    cur: _Block | None = None

    def close() -> None:
        nonlocal cur
        if cur is not None and cur.lines:
            blocks.append(cur)
        cur = None
        blocks.extend(pending_notes)
        pending_notes.clear()

    def ends_block(block: _Block) -> bool:
        last = block.last
        return _ends_sentence(last) and len(last) < cfg.short_line_share * width

    def standalone(block: _Block, nxt: str) -> bool:
        if block.kind is not _Kind.PARAGRAPH or len(block.lines) != 1:
            return False
        last = block.last
        tail = last.rsplit(None, 1)[-1].lower()
        return (len(last) < cfg.standalone_share * width and nxt[:1].isupper()
                and last[-1:].isalnum() and tail not in cfg.connectives)

    for page in pages:
        soft = _double_spaced(page.body)
        first = True
        blank_before = False
        for no, text in page.body:
            if not text:
                blank_before = blank_before or not soft
                continue
            heading = _HEADING.fullmatch(text)
            bullet = _bullet(text, cfg)
            enum = _ENUMERATOR.match(text)
            awaiting = cur is not None and cur.kind is _Kind.ITEM and cur.empty
            if heading:
                title = heading.group(2).strip()
                if cur is not None and cur.kind is _Kind.HEADING and _heading_merges(cur, title, blank_before,
                                                                                         soft):
                    cur.lines.append((no, title))
                else:
                    close()
                    cur = _Block(_Kind.HEADING, "", [(no, title)])
            elif bullet is not None and not awaiting:
                close()
                cur = _Block(_Kind.ITEM, "- ", [(no, bullet)])
            elif enum and not awaiting and (
                cur is None or blank_before or cur.kind is _Kind.HEADING or _ends_sentence(cur.last)
                or cur.last.endswith(";")
            ):
                close()
                label = enum.group(1)
                marker = f"{label[:-1]}. " if label[0].isdigit() else f"- {label} "
                cur = _Block(_Kind.ITEM, marker, [(no, text[enum.end():].strip())])
            elif cur is None:
                cur = _Block(_Kind.PARAGRAPH, "", [(no, text)])
            elif awaiting:
                cur.lines.append((no, text))
            elif (first or blank_before) and cur.kind is not _Kind.HEADING and (
                text[:1].islower() and not _ends_sentence(cur.last)
            ):
                cur.lines.append((no, text))
            elif first and cur.kind is not _Kind.HEADING:
                # A page break cuts a paragraph when the new page goes on in lowercase, or when
                # the old page stopped mid-sentence at full line width.
                full = len(cur.last) >= cfg.short_line_share * width
                if text[:1].islower() or (full and not _ends_sentence(cur.last)):
                    cur.lines.append((no, text))
                else:
                    close()
                    cur = _Block(_Kind.PARAGRAPH, "", [(no, text)])
            elif blank_before or cur.kind is _Kind.HEADING or ends_block(cur) or standalone(cur, text):
                close()
                cur = _Block(_Kind.PARAGRAPH, "", [(no, text)])
            else:
                cur.lines.append((no, text))
            first = False
            blank_before = False
        if cur is None:
            blocks.extend(page.notes)
        else:
            pending_notes.extend(page.notes)
    close()
    return blocks


@dataclass(frozen=True)
class _Vocabulary:
    """Words seen in the document, to decide how a word broken at a line end is mended."""

    hyphenated: frozenset[str]
    words: frozenset[str]


def _vocabulary(texts: Iterable[str]) -> _Vocabulary:
    """Hyphenated compounds, and words seen at least twice (the broken halves count once)."""
    hyphenated: set[str] = set()
    counts: Counter[str] = Counter()
    for text in texts:
        for token in _WORD.findall(text):
            token = token.lower()
            if "-" in token:
                hyphenated.add(token)
                counts.update(token.split("-"))
            else:
                counts[token] += 1
    return _Vocabulary(frozenset(hyphenated), frozenset(w for w, n in counts.items() if n >= 2))


def _join(parts: Sequence[str], vocab: _Vocabulary) -> str:
    """Join the visual lines of one block, mending words hyphenated at a line end."""
    out = ""
    for part in parts:
        if not out:
            out = part
            continue
        if len(out) >= 2 and out.endswith("-") and out[-2].isalpha():
            head_m = re.search(r"([A-Za-z]+)-$", out)
            tail_m = re.match(r"[A-Za-z]+", part)
            if head_m and tail_m and out[-2].islower() and part[:1].islower():
                head, tail = head_m.group(1).lower(), tail_m.group(0).lower()
                keep = (f"{head}-{tail}" in vocab.hyphenated
                        or (head + tail not in vocab.words and head in vocab.words and tail in vocab.words
                            and len(head) > 2))
                out = out + part if keep else out[:-1] + part
            else:
                out = out + part
        elif out.endswith(("—", "/")):
            out = out + part
        else:
            out = out + " " + part
    return out


def _heading_level(title: str) -> int:
    m = _NUMBERING.match(title)
    if not m or not title[m.end():][:1].isalpha():
        return 2
    return min(6, 1 + m.group(1).count(".") + 1)


def _render(blocks: Sequence[_Block], vocab: _Vocabulary,
            cfg: _Settings) -> tuple[list[str], list[tuple[int, int]]]:
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    used_labels: set[str] = set()
    for block in blocks:
        if block.empty and block.kind is not _Kind.ITEM:
            continue
        text = _join([t for _, t in block.lines if t], vocab)
        numbers = [no for no, _ in block.lines]
        span = (min(numbers), max(numbers))
        if block.kind is _Kind.HEADING:
            too_long = len(text) > cfg.heading_max_chars or (
                len(text) > cfg.heading_sentence_chars and text.endswith("."))
            line = text if too_long else "#" * _heading_level(text) + " " + text
        elif block.kind is _Kind.ITEM:
            line = (block.marker + text).rstrip()
        elif block.kind is _Kind.FOOTNOTE:
            label = block.marker
            while label in used_labels:
                label += "x"
            used_labels.add(label)
            line = f"[^{label}]: {text}"
        else:
            line = text
        if out:
            out.append("")
            spans.append((spans[-1][1], spans[-1][1]))
        out.append(line)
        spans.append(span)
    return out, spans


def _normalize_pdf(lines: Sequence[str], start: int,
                   furniture: set[int]) -> tuple[list[str], list[tuple[int, int]]]:
    cfg = _settings()
    furniture.update(i + 1 for i in range(start, len(lines)) if _is_page_marker(lines[i]))
    pages = _split_pages(lines, start)
    running, numbers = _running_furniture(pages, cfg)
    furniture.update(running)
    # Page numbers are looked for only after the table of contents, whose own page numbers
    # might otherwise be mistaken for them and break the run of entries.
    furniture.update(_contents_furniture(pages, furniture, cfg))
    furniture.update(numbers)
    cleaned = [_footnotes(page, furniture, cfg) for page in pages]
    blocks = _assemble(cleaned, cfg)
    vocab = _vocabulary(text for page in cleaned for _, text in page.body)
    return _render(blocks, vocab, cfg)


def is_pdf_extraction(text: str) -> bool:
    """PDF extractions carry ``[[page N]]`` markers; clean Markdown never does."""
    return any(_is_page_marker(line) for line in text.split("\n"))


def normalize(text: str) -> Normalized:
    """Clean up one document's Markdown and record where every output line came from."""
    lines = text.split("\n")
    start, front = _front_matter(lines)
    furniture = set(range(1, start + 1))
    if not is_pdf_extraction(text):
        body = lines[start:]
        identity = tuple((start + i + 1, start + i + 1) for i in range(len(body)))
        return Normalized(
            text="\n".join(body),
            spans=identity or ((len(lines), len(lines)),),
            furniture=tuple(sorted(furniture)),
            front_matter=front,
        )
    out, mapped = _normalize_pdf(lines, start, furniture)
    if not out:  # nothing but furniture: one empty line, mapped to the last source line
        out, mapped = [""], [(len(lines), len(lines))]
    return Normalized(
        text="\n".join(out),
        spans=tuple(mapped),
        furniture=tuple(sorted(furniture)),
        front_matter=front,
    )
