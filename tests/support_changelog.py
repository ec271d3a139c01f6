"""A realistic ``Changelog`` built by hand from the model types, for the renderer tests.

The renderers must not wait for the pipeline, and their tests must not depend on how the aligner or
classifier behave today, so this module assembles two small invented policy versions and the
changes between them directly. It covers every change kind and every effect, an editor's override,
a commentator's note, an unchanged pair, and clause text that is hostile to every output format
(HTML tags, event handlers, ``javascript:`` links, template syntax, Markdown and rich markup).
The wording is invented for these tests; no corpus text is copied here.
"""

from __future__ import annotations

from rspdiff.model import (
    Change,
    Changelog,
    Clause,
    ClauseKind,
    Document,
    Effect,
    Kind,
    Op,
    Signal,
    SignalType,
)

HOSTILE = (
    '<script>window.pwned = 1</script> <img src=x onerror="window.pwned=1"> '
    "[click me](javascript:window.pwned=1) {{ 7*7 }} {% for x in y %} [bold red]rich[/] "
    "*stars* _under_ | pipe | `tick` # hash &amp; ]]> \x1b[2J\x07 $x^2$"
)
"""Text that would run, inject or restyle something if any renderer trusted it."""

HOSTILE_TITLE = 'Policy <b>v2</b> "quoted" </title><script>window.pwned=2</script>'


def _clause(
    cid: str,
    path: tuple[str, ...],
    text: str,
    index: int,
    line: int,
    kind: ClauseKind = ClauseKind.PARAGRAPH,
    level: int = 0,
) -> Clause:
    return Clause(
        id=cid,
        kind=kind,
        path=path,
        text=text,
        markdown=text,
        lines=(line, line + 1),
        block=f"{cid}-block",
        index=index,
        level=level,
    )


EVAL = ("1. Evaluations",)
SAFE = ("2. Safeguards",)
GOV = ("3. Governance",)


def old_document() -> Document:
    clauses = (
        _clause("o-h1", (), "1. Evaluations", 0, 1, ClauseKind.HEADING, 1),
        _clause("o-1", EVAL, "We will evaluate every frontier model every 3 months.", 1, 3),
        _clause("o-2", EVAL, "Results are reviewed by the board.", 2, 5),
        _clause("o-h2", (), "2. Safeguards", 3, 7, ClauseKind.HEADING, 1),
        _clause("o-3", SAFE, "We must apply security controls before deployment and report them.", 4, 9),
        _clause("o-4", SAFE, "Access is limited to 10 people.", 5, 11, ClauseKind.LIST_ITEM, 1),
        _clause("o-5", SAFE, "Red teams are external.", 6, 12, ClauseKind.LIST_ITEM, 1),
        _clause("o-6", SAFE, "We publish an annual report.", 7, 14),
        _clause("o-h3", (), "3. Governance", 8, 16, ClauseKind.HEADING, 1),
        _clause("o-7", GOV, "The policy officer may pause training.", 9, 18),
        _clause("o-8", GOV, HOSTILE, 10, 20),
    )
    return Document(
        name="versions/example/policy-v1.md",
        title="Example Scaling Policy v1",
        sha256="a" * 64,
        clauses=clauses,
        date="2024-01-15",
    )


def new_document() -> Document:
    clauses = (
        _clause("n-h1", (), "1. Evaluations", 0, 1, ClauseKind.HEADING, 1),
        _clause("n-1", EVAL, "We aim to evaluate frontier models every six months.", 1, 3),
        _clause("n-2", EVAL, "Results are reviewed by the board.", 2, 5),
        _clause("n-h2", (), "2. Safeguards", 3, 7, ClauseKind.HEADING, 1),
        _clause("n-3", SAFE, "We must apply security controls before deployment.", 4, 9),
        _clause("n-4", SAFE, "We must report those controls publicly within 30 days.", 5, 10),
        _clause("n-5", SAFE, "Access is limited to 50 people, and red teams are external.", 6, 12),
        _clause("n-h3", (), "3. Governance", 7, 14, ClauseKind.HEADING, 1),
        _clause("n-6", GOV, HOSTILE + " Now revised.", 8, 16),
        _clause("n-7", GOV, "The policy officer may pause training.", 9, 18),
        _clause("n-8", GOV, "An independent auditor will review compliance every year.", 10, 20),
    )
    return Document(
        name="versions/example/policy-v2.md",
        title=HOSTILE_TITLE,
        sha256="b" * 64,
        clauses=clauses,
        date="2025-03-01",
    )


def build_changelog() -> Changelog:
    """Two versions and one change of every kind, with every effect shown at least once."""
    old = old_document()
    new = new_document()
    o = old.by_id()
    n = new.by_id()
    changes = (
        Change(
            id="chg-modified-eval",
            kind=Kind.MODIFIED,
            effect=Effect.WEAKENED,
            confidence=0.86,
            old=(o["o-1"],),
            new=(n["n-1"],),
            redline=(
                (Op.EQUAL, "We "),
                (Op.DELETE, "will evaluate every frontier model every 3 months"),
                (Op.INSERT, "aim to evaluate frontier models every six months"),
                (Op.EQUAL, "."),
            ),
            signals=(
                Signal(
                    SignalType.MODALITY,
                    Effect.WEAKENED,
                    "will",
                    "aim to",
                    "A binding verb became an aspiration.",
                    "modality.binding-to-aspirational",
                ),
                Signal(
                    SignalType.QUANTITY,
                    Effect.WEAKENED,
                    "every 3 months",
                    "every six months",
                    "Evaluation interval lengthened from 3 to 6 months.",
                    "quantity.interval",
                ),
            ),
        ),
        Change(
            id="chg-split-report",
            kind=Kind.SPLIT,
            effect=Effect.STRENGTHENED,
            confidence=0.71,
            old=(o["o-3"],),
            new=(n["n-3"], n["n-4"]),
            redline=(
                (Op.EQUAL, "We must apply security controls before deployment"),
                (Op.DELETE, " and report them"),
                (Op.INSERT, ". We must report those controls publicly within 30 days"),
                (Op.EQUAL, "."),
            ),
            signals=(
                Signal(
                    SignalType.SPECIFICITY,
                    Effect.STRENGTHENED,
                    "",
                    "within 30 days",
                    "A deadline was added to the reporting duty.",
                    "quantity.deadline-added",
                ),
            ),
        ),
        Change(
            id="chg-merged-access",
            kind=Kind.MERGED,
            effect=Effect.MIXED,
            confidence=0.55,
            old=(o["o-4"], o["o-5"]),
            new=(n["n-5"],),
            redline=(
                (Op.EQUAL, "Access is limited to "),
                (Op.DELETE, "10 people. Red"),
                (Op.INSERT, "50 people, and red"),
                (Op.EQUAL, " teams are external."),
            ),
            signals=(
                Signal(
                    SignalType.QUANTITY,
                    Effect.WEAKENED,
                    "10 people",
                    "50 people",
                    "The maximum number of people with access rose.",
                    "quantity.maximum",
                ),
                Signal(
                    SignalType.CLAUSE,
                    Effect.STRENGTHENED,
                    "",
                    "red teams are external",
                    "External red-teaming now applies to the access rule too.",
                    "clause.merged-anchor",
                ),
            ),
        ),
        Change(
            id="chg-removed-annual",
            kind=Kind.REMOVED,
            effect=Effect.WEAKENED,
            confidence=0.9,
            old=(o["o-6"],),
            new=(),
            redline=((Op.DELETE, "We publish an annual report."),),
            signals=(
                Signal(
                    SignalType.CLAUSE,
                    Effect.WEAKENED,
                    "We publish an annual report.",
                    "",
                    "A disclosure commitment was removed.",
                    "clause.removed-commitment",
                ),
            ),
        ),
        Change(
            id="chg-moved-hostile",
            kind=Kind.MOVED,
            effect=Effect.CLARIFIED,
            confidence=0.64,
            old=(o["o-8"],),
            new=(n["n-6"],),
            redline=((Op.EQUAL, HOSTILE), (Op.INSERT, " Now revised.")),
            signals=(
                Signal(
                    SignalType.CLAUSE,
                    Effect.CLARIFIED,
                    "<b>old</b>",
                    "<i>new</i>",
                    "Moved <u>within</u> the section; {{ wording }} unchanged.",
                    "clause.moved",
                ),
            ),
            note="Editor's note: the <em>move</em> changes nothing {{ really }}.",
            editor_effect=Effect.WEAKENED,
        ),
        Change(
            id="chg-added-audit",
            kind=Kind.ADDED,
            effect=Effect.STRENGTHENED,
            confidence=0.8,
            old=(),
            new=(n["n-8"],),
            redline=((Op.INSERT, "An independent auditor will review compliance every year."),),
            signals=(
                Signal(
                    SignalType.OVERSIGHT,
                    Effect.STRENGTHENED,
                    "",
                    "independent auditor",
                    "New external oversight of compliance.",
                    "oversight.independent",
                ),
            ),
            note="A welcome addition.",
        ),
    )
    unchanged = (
        ("o-h1", "n-h1"),
        ("o-2", "n-2"),
        ("o-h2", "n-h2"),
        ("o-h3", "n-h3"),
        ("o-7", "n-7"),
    )
    return Changelog(old=old, new=new, unchanged=unchanged, changes=changes)
