"""Renderers: one ``Changelog`` in, one publishable text (or PDF) out.

Every format reads the same few facts the same way, so the wording a reader sees — what each
effect means, how an editor's override is announced, how changes are grouped by section — lives
here once instead of drifting apart in five modules. This package imports nothing heavy: rich,
jinja2 and weasyprint are imported inside the functions that need them, so ``rspdiff --help``
stays instant.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources

from rspdiff.model import Change, Changelog, Clause, Effect, Kind

EFFECT_ORDER: tuple[Effect, ...] = (Effect.WEAKENED, Effect.STRENGTHENED, Effect.CLARIFIED, Effect.MIXED)
KIND_ORDER: tuple[Kind, ...] = (
    Kind.MODIFIED,
    Kind.MOVED,
    Kind.SPLIT,
    Kind.MERGED,
    Kind.ADDED,
    Kind.REMOVED,
)

EFFECT_HELP: dict[Effect, str] = {
    Effect.WEAKENED: "The company promises less than before: a duty dropped, softened, delayed, "
    "made conditional or harder to check.",
    Effect.STRENGTHENED: "The company promises more than before: a new or firmer duty, an earlier "
    "deadline, wider scope or more outside oversight.",
    Effect.CLARIFIED: "The wording, order or explanation changed, but what the company must do did not.",
    Effect.MIXED: "The change binds the company more in one respect and less in another, "
    "and neither side clearly wins.",
}
"""Plain-language meanings for readers who are not lawyers (after ../shared/rubric.md)."""

KIND_HELP: dict[Kind, str] = {
    Kind.MODIFIED: "reworded in place",
    Kind.MOVED: "moved elsewhere (possibly also reworded)",
    Kind.SPLIT: "one clause became several",
    Kind.MERGED: "several clauses became one",
    Kind.ADDED: "new in this version",
    Kind.REMOVED: "deleted in this version",
}

NO_SECTION = "(before the first heading)"

EFFECT_COLOURS: dict[str, str] = {
    "weakened": "#b42318", "strengthened": "#0b6b3a", "clarified": "#1f5fae", "mixed": "#8a4b00",
}
"""Fills for charts, as SVG attributes (weasyprint's SVG renderer ignores CSS variables); the same
values as the --weakened etc. custom properties of templates/page.css."""


def asset(name: str) -> str:
    """A file of templates/ (CSS, script) as text, to inline into a self-contained page."""
    return (resources.files("rspdiff.render") / "templates" / name).read_text(encoding="utf-8")


def teaser(text: str, limit: int = 120) -> str:
    """The first ``limit`` characters of ``text``, cut at a word, for contents lists and indexes."""
    words = " ".join(printable(text).split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + "…"


def printable(text: str) -> str:
    """``text`` without control characters (ESC, BEL, C1 codes), which could drive a terminal.

    A policy's text has no business clearing a reader's screen or retitling their terminal window,
    so every text format drops these characters; tabs and newlines become spaces.
    """
    return "".join(" " if ch in "\t\n\r" else ch for ch in text if ch in "\t\n\r" or not _is_control(ch))


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or 0x7F <= code < 0xA0


def override_text(change: Change) -> str | None:
    """How an editor's override is announced, identically in every format."""
    if change.editor_effect is None or change.editor_effect is change.effect:
        return None
    return f"marked {change.editor_effect.value} by the editor; rspdiff said {change.effect.value}"


def section_title(path: tuple[str, ...]) -> str:
    return " › ".join(path) if path else NO_SECTION


def group_by_section(changes: Iterable[Change]) -> tuple[tuple[tuple[str, ...], tuple[Change, ...]], ...]:
    """Changes grouped by section path, sections in order of their first change.

    The changes arrive in document order, so keeping first-appearance order keeps the report in
    the order a reader of the policy would meet them.
    """
    groups: dict[tuple[str, ...], list[Change]] = {}
    for change in changes:
        groups.setdefault(change.path, []).append(change)
    return tuple((path, tuple(items)) for path, items in groups.items())


def kind_counts(cl: Changelog) -> dict[Kind, int]:
    counts = {kind: 0 for kind in KIND_ORDER}
    for change in cl.changes:
        counts[change.kind] = counts.get(change.kind, 0) + 1
    return counts


def joined_text(clauses: Iterable[Clause]) -> str:
    """The plain text of one side of a change, clauses joined as they would read."""
    return " ".join(c.text for c in clauses)


def line_span(clauses: tuple[Clause, ...]) -> str:
    """``lines 12–14`` for one side of a change, or an empty string when that side is empty."""
    if not clauses:
        return ""
    start = min(c.lines[0] for c in clauses)
    end = max(c.lines[1] for c in clauses)
    return f"line {start}" if start == end else f"lines {start}–{end}"


def where(change: Change) -> str:
    """``old lines 3–4 · new lines 5–6``: where each side of a change sits in its source file."""
    spans = (("old", line_span(change.old)), ("new", line_span(change.new)))
    return " · ".join(f"{side} {span}" for side, span in spans if span)


def summary_line(cl: Changelog) -> str:
    """``3 weakened · 2 strengthened · … · 40 unchanged`` — the one-line count every format shows."""
    counts = cl.summary()
    return " · ".join(f"{counts[key]} {key}" for key in counts)
