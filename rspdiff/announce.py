"""Did the policy's own changelog say so? Match a version's changelog entries to detected changes.

A provider that revises a safety policy usually appends a short account of what it changed. The
interesting question for a reader is the converse: which material changes (weakened, strengthened,
mixed) does that account *not* mention? So the new version's changelog section is found by its
heading, the dated subsection for this version is split into entries (one per paragraph or list
item), and each entry is scored against every detected change of the step by

- TF-IDF similarity of their content terms (IDF over both whole versions, so a shared rare term
  such as "insiders" counts for far more than "model"),
- section names the entry mentions (an entry saying "ASL-3 Security" points at that section), and
- numbers the entry quotes that the change also adds or removes.

Each entry keeps its best-scoring changes; a material change no entry reaches is *unannounced*.
Changes inside the changelog section itself are left out: the account is not a commitment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from rspdiff.model import Change, Changelog, Clause, ClauseKind, Document, Effect, Op

# Headings that open a provider's account of its revisions.
CHANGELOG_HEADINGS = frozenset({"changelog", "change log", "version history", "revision history",
                                "changes", "summary of changes"})
# Changelog headings that also name a policy's own rules on changes, not only its account of them.
_AMBIGUOUS_HEADINGS = frozenset({"changes"})
MATERIAL = (Effect.WEAKENED, Effect.STRENGTHENED, Effect.MIXED)
MATCH_MIN = 0.12  # score at which an entry is taken to mention a change
BEST_MIN = 0.04  # an entry's single best change counts from here (entries are short summaries)
SECTION_BONUS = 0.15
NUMBER_BONUS = 0.1
MAX_PER_ENTRY = 8
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_VERSION = re.compile(r"\bv\s?(\d+(?:\.\d+)*)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\b\d+(?:\.\d+)?x?\b")
_DATE_FORMATS = ("%B %d, %Y", "%B %d %Y", "%d %B %Y", "%Y-%m-%d")


@dataclass(frozen=True)
class Entry:
    """One item of a version's changelog: a paragraph or list item, with the clauses it spans."""

    index: int
    text: str
    clause_ids: tuple[str, ...]


@dataclass(frozen=True)
class EntryMatch:
    entry: Entry
    change_ids: tuple[str, ...]  # best first
    scores: tuple[float, ...]


@dataclass(frozen=True)
class Announcement:
    """A step's changelog entries, what each matched, and the material changes none mentions."""

    heading: str  # the dated subsection used, e.g. its heading text
    entries: tuple[EntryMatch, ...]
    unannounced: tuple[str, ...]  # change ids, document order
    announced: tuple[str, ...]  # material change ids some entry matched
    excluded: tuple[str, ...]  # change ids inside the changelog sections

    @property
    def material(self) -> int:
        return len(self.unannounced) + len(self.announced)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace(":", " ").split())


# A heading's label before its name: "Appendix II -", "Annex B:", "Section 9.", "7.2".
_HEADING_LABEL = re.compile(
    r"^(?:(?:appendix|annex|section|part|chapter)\s+[0-9a-z]{1,6}\.?|[0-9]+(?:\.[0-9]+)*\.?)"
    r"\s*[-\u2013\u2014:.]?\s+", re.IGNORECASE)


def _heading_name(text: str) -> str:
    """A heading's name without its label, so "Appendix II - Change log" reads "change log"."""
    return _norm(_HEADING_LABEL.sub("", text.strip(), count=1))


def _dated(text: str) -> bool:
    return bool(_YEAR.search(text) or _VERSION.search(text))


def changelog_regions(doc: Document) -> tuple[tuple[Clause, ...], ...]:
    """Each changelog section of ``doc``: its heading, dated subsections and their text, in order.

    A section runs from a heading named like "Changelog" through the dated headings after it and
    ends at the first heading that is not dated (a table of contents repeats the headings and then
    moves on to "Introduction"). Footnotes are never part of it.
    """
    regions = []
    clauses = doc.clauses
    for i, clause in enumerate(clauses):
        if clause.kind is not ClauseKind.HEADING or _heading_name(clause.text) not in CHANGELOG_HEADINGS:
            continue
        region = [clause]
        for later in clauses[i + 1:]:
            if later.kind is ClauseKind.HEADING and not _dated(later.text):
                break
            if later.kind is not ClauseKind.FOOTNOTE:
                region.append(later)
        regions.append(tuple(region))
    return tuple(regions)


def account_regions(doc: Document) -> tuple[tuple[Clause, ...], ...]:
    """The changelog regions that surely are the document's account of its own revisions.

    A section headed only "Changes" may as well be a policy's rules about changing its terms ("We
    will notify you 30 days before any change"): it counts only when it holds a dated or
    versioned subsection. The other changelog headings count as they are.
    """
    def dated_inside(region: tuple[Clause, ...]) -> bool:
        return any(c.kind is ClauseKind.HEADING and _dated(c.text) for c in region[1:])

    return tuple(r for r in changelog_regions(doc)
                 if _heading_name(r[0].text) not in _AMBIGUOUS_HEADINGS or dated_inside(r))


def _heading_date(text: str) -> str | None:
    head = text.split("(")[0].strip().rstrip(",")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(head, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def version_entries(doc: Document, label: str | None = None) -> tuple[str, tuple[Entry, ...]] | None:
    """The subsection of ``doc``'s changelog about this version, split into entries.

    The subsection is the one whose heading names the version ("v2.1"), else the one dated with
    the document's date, else the last one (changelogs append); None when there is no changelog.
    """
    regions = [r for r in changelog_regions(doc) if len(r) > 1]
    if not regions:
        return None
    region = max(regions, key=len)  # the full section, not a table of contents' echo of it
    subsections: list[tuple[Clause, list[Clause]]] = []
    for clause in region[1:]:
        if clause.kind is ClauseKind.HEADING:
            subsections.append((clause, []))
        elif subsections:
            subsections[-1][1].append(clause)
    subsections = [(h, body) for h, body in subsections if body]
    if not subsections:
        return None
    chosen = None
    if label:
        chosen = next((s for s in subsections if label in _VERSION.findall(s[0].text)), None)
    if chosen is None and doc.date:
        chosen = next((s for s in subsections if _heading_date(s[0].text) == doc.date), None)
    heading, body = chosen or subsections[-1]
    blocks: dict[str, list[Clause]] = {}
    for clause in body:
        blocks.setdefault(clause.block, []).append(clause)
    entries = tuple(
        Entry(index=n, text=" ".join(c.text for c in items), clause_ids=tuple(c.id for c in items))
        for n, items in enumerate(blocks.values())
    )
    return heading.text, entries


def _changed_text(change: Change) -> str:
    return " ".join(text for op, text in change.redline if op is not Op.EQUAL)


def _numbers(text: str) -> set[str]:
    return set(_NUMBER.findall(text.lower()))


def _sections(change: Change) -> set[str]:
    """Names of the sections a change sits in, without their numbers ("ASL-3 Security Standard")."""
    names = set()
    for clause in (*change.old, *change.new):
        for part in clause.path:
            name = part.lstrip("0123456789. ").strip().lower()
            if len(name) >= 6:
                names.add(name)
    return names


def _score_matrix(cl: Changelog, entries: Sequence[Entry], changes: Sequence[Change]) -> list[list[float]]:
    from rspdiff.align.vectors import tfidf
    from rspdiff.history import content_terms

    background = [content_terms(c.text) for c in (*cl.old.clauses, *cl.new.clauses)]
    entry_terms = [content_terms(e.text) for e in entries]
    # A change is described by both its sides, with the words that changed counted twice.
    change_terms = [
        content_terms(" ".join(c.text for c in (*ch.old, *ch.new)) + " " + _changed_text(ch))
        for ch in changes
    ]
    matrix = tfidf(background + entry_terms + change_terms)[len(background):]
    sims = (matrix[: len(entries)] @ matrix[len(entries):].T).toarray()
    rows = []
    for i, entry in enumerate(entries):
        lowered = entry.text.lower()
        numbers = _numbers(entry.text)
        row = []
        for j, change in enumerate(changes):
            score = float(sims[i, j])
            if any(name in lowered for name in _sections(change)):
                score += SECTION_BONUS
            score += NUMBER_BONUS * len(numbers & _numbers(_changed_text(change)))
            row.append(round(score, 4))
        rows.append(row)
    return rows


def announce(cl: Changelog, label: str | None = None) -> Announcement | None:
    """Match the new version's changelog entry to ``cl``'s changes; None without a changelog."""
    found = version_entries(cl.new, label)
    if found is None:
        return None
    heading, entries = found
    inside = {c.id for doc in (cl.old, cl.new) for region in changelog_regions(doc) for c in region}
    excluded = tuple(ch.id for ch in cl.changes
                     if all(c.id in inside for c in (*ch.old, *ch.new)))
    changes = [ch for ch in cl.changes if ch.id not in set(excluded)]
    rows = _score_matrix(cl, entries, changes) if entries and changes else [[] for _ in entries]
    matches = []
    mentioned: set[str] = set()
    for entry, row in zip(entries, rows, strict=True):
        order = sorted(range(len(row)), key=lambda j: (-row[j], j))
        picked = [j for j in order[:MAX_PER_ENTRY] if row[j] >= MATCH_MIN]
        if not picked and order and row[order[0]] >= BEST_MIN:
            picked = [order[0]]
        matches.append(EntryMatch(entry=entry, change_ids=tuple(changes[j].id for j in picked),
                                  scores=tuple(row[j] for j in picked)))
        mentioned.update(changes[j].id for j in picked)
    material = [ch for ch in changes if ch.shown_effect in MATERIAL]
    return Announcement(
        heading=heading,
        entries=tuple(matches),
        unannounced=tuple(ch.id for ch in material if ch.id not in mentioned),
        announced=tuple(ch.id for ch in material if ch.id in mentioned),
        excluded=excluded,
    )
