"""rspdiff: compare versions of a policy clause by clause and judge what each change does.

A library first, with a thin command line over it. The public API is ``load`` (a file's bytes →
``Document``), ``compare`` (two documents → ``Changelog``) and the model types. Heavy libraries
(spaCy, weasyprint, scipy) are imported only when a function needs them, so importing rspdiff and
running ``rspdiff --help`` stay instant.
"""

from __future__ import annotations

from rspdiff.model import (
    Alignment,
    Change,
    Changelog,
    Clause,
    ClauseKind,
    Document,
    Effect,
    Judgement,
    Kind,
    Match,
    Op,
    Signal,
    SignalType,
)

__version__ = "0.1.0"

__all__ = [
    "Alignment", "Change", "Changelog", "Clause", "ClauseKind", "Document", "Effect", "Judgement",
    "Kind", "Match", "Op", "Signal", "SignalType", "__version__",
]
