"""Many versions → clause lineages: one commitment followed from its first version to its last.

A pairwise changelog answers "what changed between two versions"; a reader of a policy's history
asks instead "what happened to *this* promise over the years". So the pairwise matches of every
successive comparison are chained: each clause of the first version starts a lineage, each link
(unchanged, modified, moved, split, merged) carries the lineage one version further, an added
clause starts a new one and a removed clause ends one. A split carries the lineage into all the
new clauses (the promise now reads as several sentences); a merge carries the lineage of the
first old clause into the new one and ends the others with a pointer to it, so every clause of
every version belongs to exactly one lineage.

The comparisons are independent, so ``jobs > 1`` runs them in worker processes; chaining happens
afterwards in version order, so the result is identical whatever the number of jobs.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date as Date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from rspdiff.errors import InputError
from rspdiff.model import Change, Changelog, Document, Effect, Kind, Signal

if TYPE_CHECKING:
    from rspdiff.announce import Announcement

Progress = Callable[[str], None]

_SUFFIXES = (".md", ".markdown", ".txt", ".pdf", ".html", ".htm")
RELINK_MIN = 0.2  # cosine above which a removal and an addition of one pair are the same clause
_MATERIAL = (Effect.WEAKENED, Effect.STRENGTHENED, Effect.MIXED)
# A file name such as "v2.0_2024-10-15.md": a version label, an underscore, an ISO date.
_FILE_NAME = re.compile(r"^v?(?P<label>[0-9A-Za-z.\-]+?)_(?P<date>\d{4}-\d{2}-\d{2})$")


class Fate(Enum):
    """How a lineage ends (or that it runs on to the last version)."""

    CURRENT = "current"  # present in the last version
    REMOVED = "removed"
    MERGED = "merged"  # folded into another lineage's clause


@dataclass(frozen=True)
class Version:
    """One version in the history: a short label, its date when known, and the parsed document."""

    label: str
    date: str | None
    doc: Document


@dataclass(frozen=True)
class Node:
    """A lineage's clauses in one version (several after a split), and their joined text."""

    version: int  # index into History.versions
    clause_ids: tuple[str, ...]
    text: str
    path: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    """What happened to a lineage between version ``pair`` and ``pair + 1``.

    ``effect`` is None for an unchanged link. ``change_ids`` name the pairwise changes involved
    (empty when unchanged), so a page can link each step to its place in the pair's changelog.
    """

    pair: int
    kind: Kind
    effect: Effect | None
    confidence: float
    change_ids: tuple[str, ...]
    signals: tuple[Signal, ...]
    merged_into: str | None = None
    relinked: float | None = None  # similarity, when history joined a removal to an addition


@dataclass(frozen=True)
class Lineage:
    id: str
    nodes: tuple[Node, ...]
    steps: tuple[Step, ...]
    fate: Fate
    origin: str | None = None  # the id of the change that added the clause, when it did not exist at first

    @property
    def first(self) -> int:
        return self.nodes[0].version

    @property
    def last(self) -> int:
        return self.nodes[-1].version

    @property
    def changed(self) -> bool:
        return any(s.kind is not Kind.UNCHANGED for s in self.steps)

    def count(self, effect: Effect) -> int:
        return sum(1 for s in self.steps if s.effect is effect)

    def node_at(self, version: int) -> Node | None:
        return next((n for n in self.nodes if n.version == version), None)


@dataclass(frozen=True)
class History:
    versions: tuple[Version, ...]
    changelogs: tuple[Changelog, ...]  # changelogs[i] compares versions[i] and versions[i + 1]
    lineages: tuple[Lineage, ...]
    announcements: tuple[Announcement | None, ...] = ()  # per pair, from the newer version's changelog

    def pair_label(self, i: int) -> str:
        return f"v{self.versions[i].label}--v{self.versions[i + 1].label}"

    def drift(self) -> tuple[dict[Effect, int], ...]:
        """Per pair, how many changes had each effect (the drift chart's bars)."""
        rows = []
        for cl in self.changelogs:
            counts = {e: 0 for e in Effect}
            for change in cl.changes:
                counts[change.shown_effect] += 1
            rows.append(counts)
        return tuple(rows)

    def weakened_repeatedly(self) -> tuple[Lineage, ...]:
        """Commitments weakened at two or more steps: the slow erosion a single diff cannot show."""
        return tuple(lin for lin in self.lineages if lin.count(Effect.WEAKENED) >= 2)

    def lineage_of(self, version: int, clause_id: str) -> Lineage | None:
        for lin in self.lineages:
            node = lin.node_at(version)
            if node is not None and clause_id in node.clause_ids:
                return lin
        return None

    def change_index(self) -> dict[tuple[int, str], str]:
        """(pair, change id) → lineage id, for linking a pair page's changes to lineage pages."""
        index: dict[tuple[int, str], str] = {}
        for lin in self.lineages:
            if lin.origin is not None:
                index.setdefault((lin.first - 1, lin.origin), lin.id)
            for step in lin.steps:
                for cid in step.change_ids:
                    index.setdefault((step.pair, cid), lin.id)
        return index


# ---------------------------------------------------------------------------------------------
# Ordering and labelling versions


def version_of(path: Path) -> tuple[str, str | None]:
    """(label, ISO date) from a file name like ``v2.0_2024-10-15.md``; the stem and None otherwise."""
    m = _FILE_NAME.match(path.stem)
    if m is None:
        return path.stem, None
    try:
        Date.fromisoformat(m["date"])
    except ValueError:
        return m["label"], None
    return m["label"], m["date"]


def _registry_dates(folder: Path) -> dict[str, tuple[str, str]]:
    """corpus_file name → (version, date) from versions/registry.toml, when the registry is readable."""
    import tomllib

    registry = Path(__file__).resolve().parents[1] / "versions" / "registry.toml"
    try:
        data = tomllib.loads(registry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found: dict[str, tuple[str, str]] = {}
    for policy in data.get("policy", []):
        for v in policy.get("version", []):
            corpus_file = v.get("corpus_file")
            if isinstance(corpus_file, str) and "version" in v and "date" in v:
                found[Path(corpus_file).name] = (str(v["version"]), str(v["date"]))
    return found


def version_files(folder: Path) -> list[tuple[Path, str, str | None]]:
    """The policy files of a folder as (path, label, date), oldest first.

    Dates come from the registry when it lists the file, else from the file name; files without
    any date sort after dated ones, by name, so the order never depends on the file system.
    """
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder")
    registry = _registry_dates(folder)
    found = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in _SUFFIXES or not path.is_file():
            continue
        label, date = version_of(path)
        if label == path.stem and date is None:
            continue  # not a version file (e.g. README.md, CHANGES-from-source.md)
        if path.name in registry:
            label, date = registry[path.name]
        found.append((path, label, date))
    if len(found) < 2:
        raise InputError(f"{folder}: needs at least two version files named like v1.0_2023-09-19.md")
    found.sort(key=lambda item: (item[2] is None, item[2] or "", item[0].name))
    return found


def load_versions(paths: Sequence[Path], progress: Progress | None = None) -> list[Version]:
    """Load files (or one folder) as versions, oldest first when dates are known."""
    from rspdiff.load import load

    missing = [p for p in paths if not p.exists()]
    if missing:
        raise InputError(f"{missing[0]}: no such file or folder")
    if len(paths) == 1 and paths[0].is_dir():
        entries = version_files(paths[0])
    else:
        entries = [(p, *version_of(p)) for p in paths]
        if all(date is not None for _, _, date in entries):
            entries.sort(key=lambda item: (item[2] or "", item[0].name))
    if len(entries) < 2:
        raise InputError("history needs at least two versions")
    versions = []
    for n, (path, label, date) in enumerate(entries, 1):
        if progress:
            progress(f"loading {n}/{len(entries)}: {path.name}")
        versions.append(Version(label=label, date=date, doc=load(path, date=date)))
    return versions


# ---------------------------------------------------------------------------------------------
# Chaining


def _compare_pair(pair: tuple[Document, Document]) -> Changelog:
    from rspdiff.compare import compare

    return compare(*pair)


def changelogs(docs: Sequence[Document], jobs: int = 1, progress: Progress | None = None) -> list[Changelog]:
    """compare() on each successive pair, in order; in worker processes when ``jobs > 1``."""
    pairs = list(zip(docs, docs[1:], strict=False))
    if jobs <= 1 or len(pairs) <= 1:
        out = []
        for n, pair in enumerate(pairs, 1):
            if progress:
                progress(f"comparing {n}/{len(pairs)}")
            out.append(_compare_pair(pair))
        return out
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(pairs))) as pool:
        out = []
        for n, cl in enumerate(pool.map(_compare_pair, pairs), 1):
            if progress:
                progress(f"compared {n}/{len(pairs)}")
            out.append(cl)
        return out


def _lineage_id(version: int, clause_id: str, label: str) -> str:
    digest = hashlib.sha1(f"{version}\x1f{label}\x1f{clause_id}".encode()).hexdigest()[:10]
    return "l-" + digest


@dataclass
class _Open:
    """A lineage being built (mutable only inside ``chain``)."""

    id: str
    nodes: list[Node]
    steps: list[Step]
    fate: Fate = Fate.CURRENT
    origin: str | None = None


def _node(version: int, doc: Document, ids: Sequence[str]) -> Node:
    by_id = doc.by_id()
    ordered = sorted(set(ids), key=lambda cid: by_id[cid].index)
    clauses = [by_id[cid] for cid in ordered]
    return Node(version=version, clause_ids=tuple(ordered), text=" ".join(c.text for c in clauses),
                path=clauses[0].path)


def _combine(effects: Sequence[Effect]) -> Effect:
    """One step's effect when a lineage's clauses went through several changes."""
    material = {e for e in effects if e in _MATERIAL}
    if Effect.MIXED in material or {Effect.WEAKENED, Effect.STRENGTHENED} <= material:
        return Effect.MIXED
    if material:
        return material.pop()
    return Effect.CLARIFIED


def _step(pair: int, changes: Sequence[Change], relinked: float | None = None) -> Step:
    if not changes:
        return Step(pair=pair, kind=Kind.UNCHANGED, effect=None, confidence=1.0, change_ids=(), signals=())
    kind = changes[-1].kind
    if relinked is not None:
        old = next(c for c in changes if c.old)
        new = next(c for c in changes if c.new)
        kind = Kind.MODIFIED if old.old[0].path == new.new[0].path else Kind.MOVED
    return Step(
        pair=pair,
        kind=kind,
        effect=_combine([c.shown_effect for c in changes]),
        confidence=min(c.confidence for c in changes),
        change_ids=tuple(c.id for c in changes),
        signals=tuple(s for c in changes for s in c.signals),
        relinked=relinked,
    )


# Number words written as digits, so "three months" and "3 months" share a term.
_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
            "eight": "8", "nine": "9", "ten": "10", "twelve": "12", "twenty": "20", "hundred": "100"}


def content_terms(text: str) -> list[str]:
    """Content terms for relinking: hyphens joined, numbers as digits, stop words and plurals dropped.

    A rewrite that survives no sentence intact still keeps its rare terms ("4x", "effective
    compute", "6 month"), but spelled differently ("fine-tuning", "finetuning"; "three", "3").
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    from rspdiff.align.text import words

    out = []
    for word in words(text.replace("-", "")):
        if word in STOP_WORDS:
            continue
        word = _NUMBERS.get(word, word)
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return out


def relink(cl: Changelog, min_sim: float = RELINK_MIN) -> dict[str, tuple[str, float]]:
    """Removed clause id → (added change id, similarity) for clauses that reappear reworded.

    The pairwise aligner is rightly cautious: a sentence rewritten beyond recognition is reported
    as one removal plus one addition, which is honest for a diff. A history, though, should not
    lose a commitment's thread because its wording changed a lot, so each removed clause of a pair
    is compared once more with each addition of the same pair (TF-IDF over both whole versions, so
    rare shared terms weigh most). A pair is joined only when each is the other's best partner and
    the similarity reaches ``min_sim``; the step says it was joined this way, with the score.
    """
    removed = [c for change in cl.changes if change.kind is Kind.REMOVED for c in change.old]
    added = [c for c in cl.changes if c.kind is Kind.ADDED]
    if not removed or not added:
        return {}
    from rspdiff.align.vectors import tfidf

    background = [content_terms(c.text) for c in (*cl.old.clauses, *cl.new.clauses)]
    sides = [content_terms(c.text) for c in removed]
    sides += [content_terms(" ".join(x.text for x in c.new)) for c in added]
    matrix = tfidf(background + sides)[len(background):]
    sims = (matrix[: len(removed)] @ matrix[len(removed):].T).toarray()
    out: dict[str, tuple[str, float]] = {}
    for i, clause in enumerate(removed):
        j = int(sims[i].argmax())  # argmax takes the first of equal scores: deterministic
        score = float(sims[i, j])
        if score >= min_sim and int(sims[:, j].argmax()) == i:
            out[clause.id] = (added[j].id, round(score, 3))
    return out


def chain(versions: Sequence[Version], logs: Sequence[Changelog]) -> tuple[Lineage, ...]:
    """Chain the pairwise matches of ``logs`` into lineages (see the module docstring)."""
    first = versions[0]
    open_: dict[str, _Open] = {}
    owner: dict[str, str] = {}  # clause id in the current version → lineage id
    for clause in first.doc.clauses:
        lid = _lineage_id(0, clause.id, first.label)
        open_[lid] = _Open(id=lid, nodes=[_node(0, first.doc, [clause.id])], steps=[])
        owner[clause.id] = lid

    for pair, cl in enumerate(logs):
        new_v = pair + 1
        new_doc = versions[new_v].doc
        carried: dict[str, list[str]] = {}  # lineage → new clause ids
        via: dict[str, list[Change]] = {}  # lineage → changes its clauses went through
        touched: dict[str, None] = {}  # lineages with any clause in this pair, in order
        next_owner: dict[str, str] = {}
        for a, b in cl.unchanged:
            lid = owner[a]
            touched.setdefault(lid)
            carried.setdefault(lid, []).append(b)
        merged_into: dict[str, str] = {}
        links = relink(cl)
        inherited: dict[str, list[str]] = {}  # added change id → removed clause ids joined to it
        for clause_id, (added_id, _score) in links.items():
            inherited.setdefault(added_id, []).append(clause_id)
        removal_of = {c.id: change for change in cl.changes for c in change.old}
        joined: dict[str, float] = {}  # lineage → relink score
        for change in cl.changes:
            kept = [c for c in change.old if c.id not in links]
            if change.kind is Kind.REMOVED and not kept:
                continue  # every clause went on with the addition it was joined to
            old_ids = [c.id for c in kept]
            for clause_id in inherited.get(change.id, []):
                lid = owner[clause_id]
                joined[lid] = links[clause_id][1]
                touched.setdefault(lid)
                via.setdefault(lid, []).append(removal_of[clause_id])
                old_ids.append(clause_id)
            old_lids = list(dict.fromkeys(owner[cid] for cid in old_ids))
            for lid in old_lids:
                touched.setdefault(lid)
                if change not in via.get(lid, []):
                    via.setdefault(lid, []).append(change)
            if not change.new:
                continue
            if old_lids:
                main = old_lids[0]
                for other in old_lids[1:]:
                    merged_into.setdefault(other, main)
            else:  # added: a new lineage starts here
                main = _lineage_id(new_v, change.new[0].id, versions[new_v].label)
                open_[main] = _Open(id=main, nodes=[], steps=[], origin=change.id)
            carried.setdefault(main, []).extend(c.id for c in change.new)
        for lid in touched:
            lin = open_[lid]
            step = _step(pair, via.get(lid, []), joined.get(lid))
            if lid in carried:
                lin.steps.append(step)
            else:
                target = merged_into.get(lid)
                lin.fate = Fate.MERGED if target else Fate.REMOVED
                kind = Kind.MERGED if target else Kind.REMOVED
                lin.steps.append(Step(pair=pair, kind=kind, effect=step.effect, confidence=step.confidence,
                                      change_ids=step.change_ids, signals=step.signals,
                                      merged_into=target))
        for lid, ids in carried.items():
            open_[lid].nodes.append(_node(new_v, new_doc, ids))
            for cid in ids:
                next_owner[cid] = lid
        owner = next_owner

    return tuple(
        Lineage(id=lin.id, nodes=tuple(lin.nodes), steps=tuple(lin.steps), fate=lin.fate, origin=lin.origin)
        for lin in open_.values()
    )


def history(docs: Sequence[Document], jobs: int = 1, progress: Progress | None = None,
            labels: Sequence[str] | None = None) -> History:
    """Compare each successive pair of ``docs`` (oldest first) and chain the results into lineages.

    ``labels`` name the versions ("1.0", "2.0"…); by default they come from the documents' file
    names (``v2.0_2024-10-15.md`` → ``2.0``) or their position.
    """
    if len(docs) < 2:
        raise InputError("history needs at least two versions")
    if labels is None:
        labels = [_label(doc, n) for n, doc in enumerate(docs, 1)]
    labels = unique_labels(labels)
    versions = [Version(label=label, date=doc.date or version_of(Path(doc.name))[1], doc=doc)
                for label, doc in zip(labels, docs, strict=True)]
    logs = changelogs(docs, jobs=jobs, progress=progress)
    from rspdiff.announce import announce

    if progress:
        progress("chaining lineages")
    lineages = chain(versions, logs)
    if progress:
        progress("matching changelog entries")
    notes = tuple(announce(cl, versions[i + 1].label) for i, cl in enumerate(logs))
    return History(versions=tuple(versions), changelogs=tuple(logs), lineages=lineages, announcements=notes)


def unique_labels(labels: Sequence[str]) -> list[str]:
    """Labels name pages and files of a site, so each is made safe and unique.

    Only letters, digits, ".", "_" and "-" survive (a label comes from a file name, which must
    not smuggle markup, control characters or path parts into pages and paths), and a repeated
    label gets its position appended: three files all called ``policy.md`` would otherwise write
    the same pair page three times.
    """
    safe = ["".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "-" for ch in label)
            .strip(".-") or "version" for label in labels]
    seen = Counter(safe)
    return [label if seen[label] == 1 else f"{label}-{n}" for n, label in enumerate(safe, 1)]


def _label(doc: Document, n: int) -> str:
    label, date = version_of(Path(doc.name))
    return label if date is not None else str(n)


def history_of_files(paths: Sequence[Path], jobs: int = 1, progress: Progress | None = None) -> History:
    """Load files (or one folder), order them by date, and build their history."""
    versions = load_versions(paths, progress)
    return history([v.doc for v in versions], jobs=jobs, progress=progress,
                   labels=[v.label for v in versions])
