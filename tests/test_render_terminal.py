"""Terminal output: plain text without colour, ANSI with it, and no markup from documents."""

from __future__ import annotations

from support_changelog import build_changelog

from rspdiff.render.terminal import to_terminal


def test_plain_text_has_no_escape_sequences() -> None:
    out = to_terminal(build_changelog(), color=False, width=100)
    assert "\x1b" not in out and "\x07" not in out
    assert out.splitlines()[1] == "3 weakened · 2 strengthened · 0 clarified · 1 mixed · 5 unchanged"
    assert all(line == line.rstrip() for line in out.splitlines())


def test_colour_has_ansi_badges() -> None:
    out = to_terminal(build_changelog(), color=True, width=100)
    assert "\x1b[" in out
    assert " WEAKENED " in out and " MIXED " in out


def test_changes_evidence_and_override() -> None:
    out = to_terminal(build_changelog(), color=False, width=200)
    assert "[-will evaluate every frontier model every 3 months-]" in out
    assert "{+aim to evaluate frontier models every six months+}" in out
    assert "quantity→weakened [quantity.interval] “every 3 months” → “every six months”" in out
    assert "(marked weakened by the editor; rspdiff said clarified)" in out
    assert "Note: A welcome addition." in out
    # rich markup in a document is printed literally, not interpreted
    assert "[bold red]rich[/]" in out


def test_width_is_respected() -> None:
    out = to_terminal(build_changelog(), color=False, width=60)
    assert max(len(line) for line in out.splitlines()) <= 60
