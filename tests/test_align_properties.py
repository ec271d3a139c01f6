"""Properties of the alignment on generated documents whose edits we know.

Documents are sections of paragraphs of made-up sentences (a fixed vocabulary plus a distinct
number per sentence, so no two sentences are alike by accident). Edits are applied to that
structure before it is written as Markdown, so the expected verdict is known: a moved paragraph
must come back as one ``moved`` change, and nothing may be lost, duplicated or order-dependent.
"""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rspdiff.compare import compare
from rspdiff.model import Changelog, Document, Kind
from rspdiff.normalize import normalize
from rspdiff.parse import parse_markdown
from rspdiff.render.json import to_json

PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VOCAB = (
    "model evaluation capability threshold safeguard deployment board review incident report security "
    "weights access red team assessment risk mitigation audit partner external expert compute training "
    "frontier policy update procedure escalation notice response monitoring control"
).split()
SECTIONS = ("Scope", "Evaluations", "Safeguards", "Governance", "Security", "Transparency", "Incidents")

Doc = list[tuple[str, list[list[str]]]]  # sections: (title, paragraphs of sentences)


@st.composite
def documents(draw: st.DrawFn) -> Doc:
    counter = iter(range(10_000))
    n_sections = draw(st.integers(3, 6))
    doc: Doc = []
    for s in range(n_sections):
        paragraphs = []
        for _ in range(draw(st.integers(1, 4))):
            sentences = []
            for _ in range(draw(st.integers(1, 3))):
                words = draw(st.lists(st.sampled_from(VOCAB), min_size=6, max_size=12, unique=True))
                sentences.append(f"The {' '.join(words)} rule {next(counter) + 100} applies.")
            paragraphs.append(sentences)
        doc.append((f"{s + 1}. {SECTIONS[s]}", paragraphs))
    return doc


def markdown(doc: Doc) -> str:
    parts = ["# Policy", ""]
    for title, paragraphs in doc:
        parts += [f"## {title}", ""]
        for p in paragraphs:
            parts += [" ".join(p), ""]
    return "\n".join(parts)


def parsed(doc: Doc, name: str) -> Document:
    return parse_markdown(normalize(markdown(doc)), name)


def ids_covered(cl: Changelog) -> None:
    old = [a for a, _ in cl.unchanged] + [c.id for ch in cl.changes for c in ch.old]
    new = [b for _, b in cl.unchanged] + [c.id for ch in cl.changes for c in ch.new]
    assert sorted(old) == sorted(c.id for c in cl.old.clauses)
    assert sorted(new) == sorted(c.id for c in cl.new.clauses)


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[Doc, Doc]:
    """A document and a copy with a few random edits of every kind."""
    old = draw(documents())
    new = [(t, [list(p) for p in ps]) for t, ps in old]
    for _ in range(draw(st.integers(0, 4))):
        s = draw(st.integers(0, len(new) - 1))
        paragraphs = new[s][1]
        op = draw(st.sampled_from(["reword", "delete", "insert", "number", "drop_paragraph"]))
        if not paragraphs:
            continue
        p = draw(st.integers(0, len(paragraphs) - 1))
        sents = paragraphs[p]
        if op == "drop_paragraph" and len(paragraphs) > 1:
            paragraphs.pop(p)
        elif op == "delete" and len(sents) > 1:
            sents.pop(draw(st.integers(0, len(sents) - 1)))
        elif op == "insert":
            sents.append(f"A new duty number {draw(st.integers(1, 99))} covers incident {s} escalation.")
        elif sents:
            i = draw(st.integers(0, len(sents) - 1))
            sents[i] = sents[i].replace("The ", "Each ", 1) if op == "reword" else sents[i].replace(
                " applies.", " applies within 30 days.")
    return old, new


@PROPS
@given(edited_pairs())
def test_every_clause_exactly_once(pair: tuple[Doc, Doc]) -> None:
    cl = compare(parsed(pair[0], "old.md"), parsed(pair[1], "new.md"))
    ids_covered(cl)


@PROPS
@given(edited_pairs())
def test_deterministic_json(pair: tuple[Doc, Doc]) -> None:
    first = to_json(compare(parsed(pair[0], "old.md"), parsed(pair[1], "new.md")))
    second = to_json(compare(parsed(pair[0], "old.md"), parsed(pair[1], "new.md")))
    assert first == second


SWAP = {Kind.ADDED: Kind.REMOVED, Kind.REMOVED: Kind.ADDED, Kind.SPLIT: Kind.MERGED, Kind.MERGED: Kind.SPLIT,
        Kind.MODIFIED: Kind.MODIFIED, Kind.MOVED: Kind.MOVED}


@PROPS
@given(edited_pairs())
def test_swapping_sides_swaps_kinds(pair: tuple[Doc, Doc]) -> None:
    a, b = parsed(pair[0], "a.md"), parsed(pair[1], "b.md")
    forward, backward = compare(a, b), compare(b, a)
    fwd = sorted((SWAP[ch.kind].value, [c.id for c in ch.new], [c.id for c in ch.old])
                 for ch in forward.changes)
    bwd = sorted((ch.kind.value, [c.id for c in ch.old], [c.id for c in ch.new]) for ch in backward.changes)
    # Added/removed sets must mirror exactly; the pairing of edited clauses, too.
    assert fwd == bwd
    assert sorted((y, x) for x, y in forward.unchanged) == sorted(backward.unchanged)


def _jumped(doc: Doc, src: int, p: int, dst: int) -> int:
    """Clauses (headings and sentences) between paragraph ``p`` of ``src`` and the end of ``dst``."""
    def size(s: int, paragraphs: slice = slice(None)) -> int:
        return sum(len(x) for x in doc[s][1][paragraphs])

    if dst > src:
        return size(src, slice(p + 1, None)) + sum(1 + size(s) for s in range(src + 1, dst + 1))
    return sum(1 + size(s) for s in range(dst + 1, src)) + 1 + size(src, slice(0, p))


@PROPS
@given(documents(), st.data())
def test_moved_paragraph_is_one_move(doc: Doc, data: st.DataObject) -> None:
    src = data.draw(st.integers(0, len(doc) - 1))
    dst = data.draw(st.integers(0, len(doc) - 1).filter(lambda d: d != src))
    paragraphs = doc[src][1]
    p = data.draw(st.integers(0, len(paragraphs) - 1))
    # The move must be the one minimal explanation: what it jumps over is longer than the paragraph
    # (otherwise "the headings in between moved" is as good an answer, and the aligner may give it).
    assume(_jumped(doc, src, p, dst) > len(paragraphs[p]))
    new = [(t, [list(x) for x in ps]) for t, ps in doc]
    moved = new[src][1].pop(p)
    new[dst][1].append(moved)
    cl = compare(parsed(doc, "old.md"), parsed(new, "new.md"))
    ids_covered(cl)
    moved_keys = {s for s in moved}
    touched = [ch for ch in cl.changes if any(c.text in moved_keys for c in ch.old + ch.new)]
    assert len(touched) == 1, [(ch.kind, [c.text for c in ch.old]) for ch in cl.changes]
    assert touched[0].kind is Kind.MOVED
    assert sorted(c.text for c in touched[0].old) == sorted(moved)
    # Nothing else changed, except what the empty source section's move may imply: no edits.
    assert all(ch.kind is Kind.MOVED for ch in cl.changes)
