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


def test_a_changelog_headed_as_an_appendix_is_recognised() -> None:
    """'Appendix II - Change log' (Meta, Microsoft) names a changelog behind its label."""
    body = "The stewards will inspect every gadget each spring.\n\n## Appendix II - Change log\n\n"
    old = body + "### Version 1 (2025)\n\nFirst edition of the charter.\n"
    new = old + "\n### Version 2 (2026)\n\nIt now requires two stewards at every inspection.\n"
    entry = [ch for ch in run(old, new).changes if any("two stewards" in c.text for c in ch.new)]
    assert entry and [s.rule for s in entry[0].signals] == ["clause.changelog"]


def test_an_appendix_named_otherwise_is_not_a_changelog() -> None:
    """Only the name after the label counts: 'Appendix A: Commitments' stays a body section."""
    body = "The stewards will inspect every gadget each spring.\n\n## Appendix A: Commitments\n\n"
    cl = run(body, body + "It now requires two stewards at every inspection.\n")
    assert [ch.effect for ch in cl.changes] == [Effect.STRENGTHENED]
