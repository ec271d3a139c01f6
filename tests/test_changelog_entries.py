"""A change inside the document's own changelog is an account of a revision, not a commitment."""

from __future__ import annotations

from rspdiff.compare import compare
from rspdiff.load import load_bytes
from rspdiff.model import Changelog, Effect

HEAD = "# Gadget Safety Charter\n\n## Reviews\n\n"


def run(old: str, new: str) -> Changelog:
    return compare(load_bytes((HEAD + old).encode(), "old.md"), load_bytes((HEAD + new).encode(), "new.md"))


def test_an_entry_added_to_the_documents_own_changelog_binds_nobody() -> None:
    """Changelog text describes a revision ("It now requires ..."): clarified, with its reason."""
    body = "The stewards will inspect every gadget each spring.\n\n## Changelog\n\n### March 3, 2026\n\n"
    old = body + "First edition of the charter.\n"
    new = (body + "First edition of the charter.\n\n### June 9, 2026\n\n"
           "It now requires two stewards at every inspection.\n")
    cl = run(old, new)
    entry = [ch for ch in cl.changes if any("two stewards" in c.text for c in ch.new)]
    assert entry and all(ch.effect is Effect.CLARIFIED for ch in entry)
    assert [s.rule for s in entry[0].signals] == ["clause.changelog"]
    # The same sentence in the body is a commitment added.
    cl = run(body.split("## Changelog")[0], body.split("## Changelog")[0] +
             "It now requires two stewards at every inspection.\n")
    assert [ch.effect for ch in cl.changes] == [Effect.STRENGTHENED]


def test_a_section_headed_changes_with_rules_about_changes_is_judged() -> None:
    """'Changes' may be the terms' own rules about changing them: a weakened notice duty is weakened."""
    body = "The stewards will inspect every gadget each spring.\n\n## Changes\n\n"
    old = body + "We will notify every member at least 30 days before any change to these rules.\n"
    new = body + "We may notify members before a change to these rules.\n"
    effects = [ch.effect for ch in run(old, new).changes]
    assert effects == [Effect.WEAKENED]
