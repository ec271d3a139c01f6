"""Normalised Markdown → ``Document``: the clause tree.

The only importer of markdown_it. Like markdown-it-py itself, this module turns tokens into a tree
and renders nothing. HTML is disabled, so raw tags in a document stay text. Each sentence of a
paragraph, each list item (without its sub-items), table row, footnote and heading is a clause,
because a policy paragraph often holds several commitments with different fates.

The token stream is walked with an explicit stack, never recursion, so a hostile 10,000-deep list
cannot exhaust Python's stack; markdown-it caps nesting itself, and input deeper than that cap is
refused rather than silently cut (``MAX_NESTING``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from rspdiff.errors import InputError
from rspdiff.model import Clause, ClauseKind, Document
from rspdiff.sentences import split_clauses

if TYPE_CHECKING:
    from rspdiff.normalize import Normalized

# "3.1. Preliminary Assessment", "A. Definitions", "Appendix C: Detailed …", "Section 4 – Scope".
_NUMBERED = re.compile(
    r"^(?:(?:section|appendix|annex|part|chapter)\s+)?"
    r"(?P<num>\d{1,3}(?:\.\d{1,3})*(?!\d)|[A-Z](?:\.\d{1,3})*)"
    r"(?:[.):]|\s+[-\u2013\u2014:])?\s+(?=\S)",
    re.IGNORECASE,
)
# Section numbers have at most three digits a part, so "2024 in review" keeps its year.
# A one-letter "number" is only taken when followed by "." or ":" or the word Appendix etc. came
# first, so a heading like "A Safer Web" keeps its first word.
_LETTER_OK = re.compile(r"^(?:(?:section|appendix|annex|part|chapter)\s+[A-Z]|[A-Z][.:)])", re.IGNORECASE)
_SLUG_DROP = re.compile(r"[^a-z0-9]+")
# Section slugs longer than this are cut: ids stay readable in URLs and anchors.
_SLUG_MAX = 48
# markdown-it stops reading a container nested deeper than its maxNesting (20 by default, about
# ten list levels) and drops the rest without a word. 100 levels (about 50 nested lists) is beyond
# any real document, yet keeps markdown-it's recursive block parser far below Python's recursion
# limit; input that still reaches it is refused (see parse_markdown), never cut short.
MAX_NESTING = 100


@cache
def _md() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING}).enable("table")
    md.use(front_matter_plugin).use(footnote_plugin)
    return md


def split_number(heading: str) -> tuple[str | None, str]:
    """``"3.1. Preliminary Assessment"`` → ``("3.1", "Preliminary Assessment")``."""
    m = _NUMBERED.match(heading)
    if not m:
        return None, heading
    num = m.group("num")
    if num[0].isalpha() and not _LETTER_OK.match(heading):
        return None, heading
    rest = heading[m.end() :].strip()
    return (num.rstrip("."), rest or heading) if rest else (None, heading)


def slugify(text: str) -> str:
    slug = _SLUG_DROP.sub("-", text.lower()).strip("-")
    return slug[:_SLUG_MAX].rstrip("-") or "section"


def inline_text(token: Any) -> str:
    """Plain text of an inline token: code and text kept, markup and footnote markers dropped."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return " ".join("".join(parts).split())


@dataclass
class _Section:
    slug: str
    path: tuple[str, ...]
    level: int
    counters: dict[str, int] = field(default_factory=dict)

    def next(self, prefix: str) -> int:
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return self.counters[prefix]


@dataclass
class _Builder:
    """Collects clauses while the token stream is walked; holds the per-document id counters."""

    spans: tuple[tuple[int, int], ...]
    clauses: list[Clause] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)  # (level, text) stack
    section: _Section = field(default_factory=lambda: _Section("top", (), 0))
    slugs: dict[str, int] = field(default_factory=dict)
    footnote_paths: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def source_lines(self, token_map: list[int] | None) -> tuple[int, int]:
        """Source line span for a token's ``map`` (normalised lines, 0-based, end exclusive)."""
        if not token_map or not self.spans:
            return (0, 0)
        first = min(max(token_map[0], 0), len(self.spans) - 1)
        last = min(max(token_map[1] - 1, first), len(self.spans) - 1)
        return (self.spans[first][0], self.spans[last][1])

    def add(self, kind: ClauseKind, cid: str, text: str, markdown: str, lines: tuple[int, int],
            block: str, level: int = 0, number: str | None = None,
            path: tuple[str, ...] | None = None) -> None:
        if not text.strip():
            return
        self.clauses.append(
            Clause(id=cid, kind=kind, path=self.section.path if path is None else path, text=text,
                   markdown=markdown, lines=lines, block=block, index=len(self.clauses), level=level,
                   number=number)
        )

    def open_heading(self, level: int, text: str, markdown: str, lines: tuple[int, int]) -> None:
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        parent = tuple(h for _, h in self.headings)
        number, title = split_number(text)
        base = slugify(f"{number} {title}" if number else title)
        seen = self.slugs.get(base, 0) + 1
        self.slugs[base] = seen
        slug = base if seen == 1 else f"{base}-{seen}"
        self.section = _Section(slug, parent + (text,), level)
        self.add(ClauseKind.HEADING, f"{slug}/h", text, markdown, lines, f"{slug}/h", level, number,
                 path=parent)
        self.headings.append((level, text))


def _paragraph(b: _Builder, inline: Any, lines: tuple[int, int], block: str, kind: ClauseKind,
               level: int, ids: str) -> None:
    """Add one clause per sentence (paragraphs) or one for the whole item (list items, footnotes)."""
    text = inline_text(inline)
    for child in inline.children or ():
        if child.type == "footnote_ref":
            b.footnote_paths.setdefault(str(child.meta.get("label", "")), b.section.path)
    if kind is not ClauseKind.PARAGRAPH:
        b.add(kind, ids, text, inline.content, lines, block, level)
        return
    spans = split_clauses(text)
    if len(spans) == 1:
        b.add(kind, f"{ids}.s1", text, inline.content, lines, block, level)
        return
    for n, (start, end) in enumerate(spans, 1):
        sentence = text[start:end]
        b.add(kind, f"{ids}.s{n}", sentence, sentence, lines, block, level)


def _walk(b: _Builder, tokens: list[Any]) -> None:
    list_stack: list[tuple[str, int]] = []  # (list block id, item counter) per open list
    item_ids: list[str] = []
    item_done: list[bool] = []
    footnote_label: str | None = None
    footnote_paras = 0
    footnote_seen: dict[str, int] = {}
    row: list[str] = []
    row_map: list[int] | None = None
    table_id = ""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        t = tok.type
        if t == "heading_open":
            inline = tokens[i + 1]
            text = inline_text(inline)
            if text:
                b.open_heading(int(tok.tag[1]), text, inline.content, b.source_lines(tok.map))
            i += 3
            continue
        if t in ("bullet_list_open", "ordered_list_open"):
            # A nested list belongs to its parent item: its items get ids under the parent's id.
            block = item_ids[-1] if item_ids else f"{b.section.slug}/l{b.section.next('l')}"
            list_stack.append((block, 0))
        elif t in ("bullet_list_close", "ordered_list_close"):
            if list_stack:
                list_stack.pop()
        elif t == "list_item_open" and list_stack:
            block, count = list_stack[-1]
            list_stack[-1] = (block, count + 1)
            item_ids.append(f"{block}.{count + 1}")
            item_done.append(False)
        elif t == "list_item_close":
            if item_ids:
                item_ids.pop()
                item_done.pop()
        elif t == "footnote_open":
            label = str(tok.meta.get("label", tok.meta.get("id", "")))
            footnote_seen[label] = footnote_seen.get(label, 0) + 1
            n = footnote_seen[label]
            footnote_label = slugify(label) + ("" if n == 1 else f"-{n}")
            footnote_paras = 0
        elif t == "footnote_close":
            footnote_label = None
        elif t == "table_open":
            table_id = f"{b.section.slug}/t{b.section.next('t')}"
        elif t == "tr_open":
            row, row_map = [], tok.map
        elif t in ("th_open", "td_open"):
            row.append(inline_text(tokens[i + 1]) if tokens[i + 1].type == "inline" else "")
        elif t == "tr_close":
            n = b.section.next(table_id)
            text = " | ".join(cell for cell in row)
            if any(cell.strip() for cell in row):
                b.add(ClauseKind.TABLE_ROW, f"{table_id}.r{n}", text, "| " + text + " |",
                      b.source_lines(row_map), table_id)
        elif t == "inline" and tokens[i - 1].type == "paragraph_open":
            lines = b.source_lines(tokens[i - 1].map)
            if footnote_label is not None:
                fid = f"fn-{footnote_label}"
                path = b.footnote_paths.get(footnote_label.split("-")[0], b.section.path)
                footnote_paras += 1
                cid = fid if footnote_paras == 1 else f"{fid}.p{footnote_paras}"
                b.add(ClauseKind.FOOTNOTE, cid, inline_text(tok), tok.content, lines, fid, path=path)
            elif item_ids:
                depth = len(list_stack)
                cid = item_ids[-1] if not item_done[-1] else f"{item_ids[-1]}.p{b.section.next(item_ids[-1])}"
                item_done[-1] = True
                _paragraph(b, tok, lines, list_stack[-1][0], ClauseKind.LIST_ITEM, depth, cid)
            else:
                pid = f"{b.section.slug}/p{b.section.next('p')}"
                _paragraph(b, tok, lines, pid, ClauseKind.PARAGRAPH, 0, pid)
        elif t in ("code_block", "fence"):
            pid = f"{b.section.slug}/p{b.section.next('p')}"
            text = " ".join(tok.content.split())
            b.add(ClauseKind.PARAGRAPH, f"{pid}.s1", text, tok.content, b.source_lines(tok.map), pid)
        i += 1


def _title(doc_clauses: list[Clause], front: dict[str, str], name: str) -> str:
    if front.get("title"):
        return front["title"]
    headings = [c for c in doc_clauses if c.kind is ClauseKind.HEADING]
    top = [c for c in headings if c.level == 1]
    if top:
        return top[0].text
    if headings:
        return headings[0].text
    stem = name.rsplit("/", 1)[-1]
    return stem.rsplit(".", 1)[0] if "." in stem else stem


def _cut_by_nesting(tokens: list[Any], text: str) -> bool:
    """Whether markdown-it stopped at MAX_NESTING with words still inside (not a ">>>>" rule line)."""
    lines = text.split("\n")
    for t in tokens:
        if t.level >= MAX_NESTING - 1 and t.map:
            if any(ch.isalpha() for line in lines[t.map[0] : t.map[1]] for ch in line):
                return True
    return False


def parse_markdown(norm: Normalized, name: str, raw: bytes | None = None,
                   date: str | None = None) -> Document:
    """Parse normalised Markdown into a ``Document``.

    ``raw`` is the input as read, for the sha256 the JSON contract records; without it the
    normalised text is hashed.
    """
    tokens = _md().parse(norm.text)
    if _cut_by_nesting(tokens, norm.text):
        raise InputError(f"{name}: lists or quotes nested too deeply (over {MAX_NESTING} Markdown "
                         f"levels, about {MAX_NESTING // 2} nested lists); rspdiff would have to drop "
                         "the deeper text")
    builder = _Builder(spans=norm.spans)
    _walk(builder, tokens)
    front = dict(norm.front_matter)
    digest = hashlib.sha256(raw if raw is not None else norm.text.encode("utf-8")).hexdigest()
    return Document(
        name=name,
        title=_title(builder.clauses, front, name),
        sha256=digest,
        clauses=tuple(builder.clauses),
        furniture=tuple(norm.furniture),
        date=date or front.get("date") or front.get("effective_date"),
    )
