"""The changelog as GitHub-flavoured Markdown, for READMEs, pull requests and wikis.

Document text is hostile: a policy could contain ``<script>``, a ``javascript:`` link or
Markdown that restyles the page. Every piece of it goes through ``escape`` first, which turns
``& < >`` into entities and backslash-escapes the punctuation that starts Markdown constructs, so
it renders as the literal characters and can never form a tag, link or heading. Only the fixed
scaffolding written here is live Markdown.
"""

from __future__ import annotations

from rspdiff.model import Change, Changelog, Document, Op, Signal
from rspdiff.render import (
    EFFECT_HELP,
    EFFECT_ORDER,
    KIND_HELP,
    KIND_ORDER,
    group_by_section,
    kind_counts,
    override_text,
    printable,
    section_title,
    where,
)

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BACKSLASHED = frozenset("\\`*_[]()#!|~{}$")
_ID_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:")


def escape(text: str) -> str:
    """Document text as inert Markdown: one line, no tags, no links, no emphasis, no math."""
    out: list[str] = []
    for char in " ".join(printable(text).split()):
        if char in _ENTITIES:
            out.append(_ENTITIES[char])
        elif char in _BACKSLASHED:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _guard_line_start(line: str) -> str:
    """Keep a line of document text from starting a list item ("- ", "+ ", "3. ", "3) ")."""
    if line[:1] in ("-", "+"):
        return "\\" + line
    digits = len(line) - len(line.lstrip("0123456789"))
    if 0 < digits and line[digits : digits + 1] in (".", ")"):
        return line[:digits] + "\\" + line[digits:]
    return line


def anchor_id(change_id: str) -> str:
    """A change id reduced to characters that are safe inside an HTML attribute."""
    return "".join(c if c in _ID_SAFE else "-" for c in change_id)


def _wrap(text: str, marker: str) -> str:
    """``marker`` around the words of ``text``, keeping outer spaces outside.

    ``**word **`` does not close in CommonMark, so the spaces must sit outside the delimiters.
    """
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{' ' if lead else ''}{marker}{escape(core)}{marker}{' ' if trail else ''}"


def redline(change: Change) -> str:
    parts: list[str] = []
    for op, text in change.redline:
        if op is Op.DELETE:
            parts.append(_wrap(text, "~~"))
        elif op is Op.INSERT:
            parts.append(_wrap(text, "**"))
        else:
            core = escape(text)
            lead = " " if text[:1].isspace() and core else ""
            trail = " " if text[-1:].isspace() and core else ""
            parts.append(f"{lead}{core}{trail}")
    return _guard_line_start("".join(parts).strip())


def _quote(text: str) -> str:
    return f"“{escape(text)}”" if text.strip() else "(nothing)"


def _signal(signal: Signal) -> str:
    rule = signal.rule.replace("`", "'")
    return (
        f"- **{signal.type.value}** → {signal.direction.value} (rule `{rule}`): "
        f"{_quote(signal.old)} → {_quote(signal.new)}. {escape(signal.explanation)}"
    )


def _document_line(label: str, doc: Document) -> str:
    date = f" ({escape(doc.date)})" if doc.date else ""
    return f"**{label}:** {escape(doc.title)}{date} — {escape(doc.name)}, {len(doc.clauses)} clauses  "


def _change(change: Change) -> list[str]:
    effect = change.shown_effect.value.capitalize()
    lines = [
        f'<a id="{anchor_id(change.id)}"></a>',
        "",
        f"#### {effect} · {change.kind.value} · confidence {change.confidence:.2f}",
        "",
    ]
    override = override_text(change)
    if override:
        lines += [f"*{override}*", ""]
    lines += [redline(change), ""]
    lines += [f"<sub>{escape(change.id)} · {escape(where(change))}</sub>", ""]
    if change.signals:
        lines += ["Evidence:", ""]
        lines += [_signal(s) for s in change.signals]
        lines.append("")
    if change.note:
        for paragraph in change.note.split("\n\n"):
            lines += [f"> **Note:** {escape(paragraph)}", ">"]
        lines[-1] = ""
    return lines


def to_markdown(cl: Changelog) -> str:
    """The whole changelog: summary table, legend, then changes grouped by section."""
    counts = cl.summary()
    kinds = kind_counts(cl)
    lines = [
        f"# What changed: {escape(cl.old.title)} → {escape(cl.new.title)}",
        "",
        _document_line("Old", cl.old),
        _document_line("New", cl.new),
        "",
        "## Summary",
        "",
        "| Effect | Changes |",
        "|---|---:|",
    ]
    lines += [f"| {e.value.capitalize()} | {counts[e.value]} |" for e in EFFECT_ORDER]
    lines += [f"| Unchanged clauses | {counts['unchanged']} |", ""]
    lines += ["Kinds: " + " · ".join(f"{kinds[k]} {k.value}" for k in KIND_ORDER if kinds.get(k)), ""]
    lines += ["### What the labels mean", ""]
    lines += [f"- **{e.value.capitalize()}**: {EFFECT_HELP[e]}" for e in EFFECT_ORDER]
    lines += ["", "Kinds of change: " + "; ".join(f"*{k.value}*: {KIND_HELP[k]}" for k in KIND_ORDER), ""]
    if cl.warnings:
        lines += ["### Warnings", ""] + [f"- {escape(w)}" for w in cl.warnings] + [""]
    lines += ["## Changes", ""]
    if not cl.changes:
        lines += ["No changes: every clause is unchanged.", ""]
    for path, changes in group_by_section(cl.changes):
        lines += [f"### {escape(section_title(path))}", ""]
        for change in changes:
            lines += _change(change)
    return "\n".join(lines).rstrip("\n") + "\n"
