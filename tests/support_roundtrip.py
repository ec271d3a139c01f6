"""Round-trip checks shared by the PDF and HTML ingest tests: did the text survive, unchanged?"""

from __future__ import annotations

import re

from rspdiff.normalize import normalize

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(])")


def text_units(markdown: str) -> list[str]:
    """Sentences of paragraphs, list items, headings and table cells of a Markdown document."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    units: list[str] = []
    for token in tokens:
        if token.type != "inline":
            continue
        children = token.children or []
        plain = "".join(" " if child.type.endswith("break") else child.content for child in children)
        units += [piece for piece in SENTENCE_END.split(plain) if _key(piece)]
    return units


def _key(text: str) -> str:
    """Whitespace- and punctuation-insensitive form: lower-case letters and digits only."""
    return "".join(char for char in text.lower() if char.isalnum())


def found_share(original: str, round_tripped: str) -> tuple[float, list[str]]:
    """Share of the original's units found in the round-tripped text, and the ones missing."""
    haystack = _key(round_tripped)
    units = text_units(original)
    missing = [unit for unit in units if _key(unit) not in haystack]
    return 1 - len(missing) / len(units), missing


def unchanged_clause_share(original: str, round_tripped: str) -> float:
    """Share of clauses that ``compare`` finds unchanged between the original and the round trip.

    This is the check that matters to rspdiff: a lossy reader shows up as spurious changes.
    """
    from rspdiff.compare import compare
    from rspdiff.parse import parse_markdown

    old = parse_markdown(normalize(original), "original")
    new = parse_markdown(normalize(round_tripped), "round trip")
    changelog = compare(old, new)
    return len(changelog.unchanged) / max(len(old.clauses), len(new.clauses))
