"""The changelog for a terminal: counts first, then each change with a coloured badge.

Built from rich ``Text`` objects, never from rich markup strings, because document text may
contain ``[bold red]``-style brackets that markup would interpret. With ``color=False`` the same
layout is produced as plain text without a single escape sequence, for pipes, logs and ``NO_COLOR``.
"""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

from rspdiff.model import Change, Changelog, Effect, Op
from rspdiff.render import EFFECT_ORDER, group_by_section, override_text, printable, section_title, where

if TYPE_CHECKING:
    from rich.text import Text

_BADGE_STYLE: dict[Effect, str] = {
    Effect.WEAKENED: "bold white on red3",
    Effect.STRENGTHENED: "bold white on green4",
    Effect.CLARIFIED: "bold white on blue",
    Effect.MIXED: "bold black on yellow3",
}
_COUNT_STYLE: dict[Effect, str] = {
    Effect.WEAKENED: "bold red",
    Effect.STRENGTHENED: "bold green",
    Effect.CLARIFIED: "bold blue",
    Effect.MIXED: "bold yellow",
}
_DEFAULT_WIDTH = 100


def _summary(cl: Changelog) -> Text:
    from rich.text import Text

    counts = cl.summary()
    line = Text()
    for effect in EFFECT_ORDER:
        line.append(f"{counts[effect.value]} {effect.value}", style=_COUNT_STYLE[effect])
        line.append(" · ")
    line.append(f"{counts['unchanged']} unchanged", style="dim")
    return line


def _redline(change: Change) -> Text:
    """Deleted words struck through in red, inserted words underlined in green.

    Without colour the styles vanish, so the edits are also bracketed: ``[-old-]`` and ``{+new+}``
    (the notation of ``git diff --word-diff``), which stays readable in plain text.
    """
    from rich.text import Text

    text = Text()
    for op, words in change.redline:
        if op is Op.DELETE:
            text.append("[-", style="red")
            text.append(printable(words), style="red strike")
            text.append("-]", style="red")
        elif op is Op.INSERT:
            text.append("{+", style="green")
            text.append(printable(words), style="green underline")
            text.append("+}", style="green")
        else:
            text.append(printable(words))
    return text


def _change(change: Change) -> list[Text]:
    from rich.text import Text

    effect = change.shown_effect
    head = Text()
    head.append(f" {effect.value.upper()} ", style=_BADGE_STYLE[effect])
    head.append(f" {change.kind.value}", style="bold")
    head.append(f"  confidence {change.confidence:.2f}  ", style="dim")
    head.append(printable(change.id), style="dim")
    out = [head]
    override = override_text(change)
    if override:
        out.append(Text(f"({override})", style="italic magenta"))
    out.append(_redline(change))
    out.append(Text(where(change), style="dim"))
    for signal in change.signals:
        line = Text("• ")
        line.append(f"{signal.type.value}→{signal.direction.value}", style="bold")
        line.append(f" [{printable(signal.rule)}] ", style="dim")
        line.append(f"{_quote(signal.old)} → {_quote(signal.new)}: ")
        line.append(printable(signal.explanation))
        out.append(line)
    if change.note:
        out.append(Text("Note: " + printable(change.note), style="cyan"))
    return out


def _quote(words: str) -> str:
    return f"“{printable(words)}”" if words.strip() else "(nothing)"


def to_terminal(cl: Changelog, color: bool, width: int | None = None) -> str:
    """The report as text for a terminal; ANSI colour only when ``color`` is true."""
    from rich.console import Console
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    buffer = StringIO()
    console = Console(
        file=buffer,
        width=width or _DEFAULT_WIDTH,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    title = Text(f"{printable(cl.old.title)} → {printable(cl.new.title)}", style="bold")
    console.print(title)
    console.print(_summary(cl))
    for warning in cl.warnings:
        console.print(Text(f"warning: {printable(warning)}", style="yellow"))
    if not cl.changes:
        console.print(Text("No changes.", style="dim"))
    for path, changes in group_by_section(cl.changes):
        console.print()
        console.print(Rule(Text(printable(section_title(path)), style="bold"), align="left", characters="─"))
        for change in changes:
            console.print()
            head, *body = _change(change)
            console.print(head)
            for line in body:
                console.print(Padding(line, (0, 0, 0, 2), expand=False))
    text = buffer.getvalue()
    if not color:  # rich pads wrapped lines to the width; plain text has no use for that
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text
