"""A history as plain text for a terminal, or as Markdown: drift per step, erosion, unannounced.

Both formats tell the same three things in the same order, so they share one list of facts:
how many changes of each effect every step brought, which commitments were weakened more than
once, and which material changes the policy's own changelog did not mention.
"""

from __future__ import annotations

from rspdiff.history import History, Lineage
from rspdiff.model import Change, Effect
from rspdiff.render import EFFECT_ORDER, printable, teaser

_TEASER = 110


def _teaser(text: str) -> str:
    return teaser(text, _TEASER)


def _md(text: str) -> str:
    """Markdown-inert text: the changelog's own escaper, so both Markdown outputs agree."""
    from rspdiff.render.markdown import escape

    return escape(text)


def _lineage_line(h: History, lin: Lineage) -> tuple[str, str]:
    node = lin.nodes[-1]
    path = " › ".join(h.versions[s.pair + 1].label for s in lin.steps if s.effect is Effect.WEAKENED)
    return lin.id, f"weakened in v{path.replace(' › ', ', v')}: {_teaser(node.text)}"


def _change_text(change: Change) -> str:
    return _teaser(" ".join(c.text for c in (change.new or change.old)))


def to_terminal(h: History) -> str:
    lines = [f"History of {printable(h.versions[0].doc.title)}: {len(h.versions)} versions, "
             f"{len(h.lineages)} lineages", ""]
    lines.append("Drift per step (weakened / strengthened / clarified / mixed):")
    for i, counts in enumerate(h.drift()):
        row = " / ".join(str(counts[e]) for e in EFFECT_ORDER)
        lines.append(f"  {h.pair_label(i):<16} {row}")
    lines += ["", f"Commitments weakened more than once: {len(h.weakened_repeatedly())}"]
    for lid, text in (_lineage_line(h, lin) for lin in h.weakened_repeatedly()):
        lines.append(f"  {lid}  {text}")
    lines += ["", "Unannounced material changes (not named by the version's own changelog):"]
    for i, note in enumerate(h.announcements):
        if note is None:
            lines.append(f"  {h.pair_label(i)}: no changelog in the newer version")
            continue
        by_id = {c.id: c for c in h.changelogs[i].changes}
        lines.append(f"  {h.pair_label(i)}: {len(note.unannounced)} of {note.material} material changes "
                     f"unannounced; {len(note.entries)} changelog entries")
        for cid in note.unannounced[:5]:
            ch = by_id[cid]
            lines.append(f"    {ch.shown_effect.value:<12} {cid}  {_change_text(ch)}")
        if len(note.unannounced) > 5:
            lines.append(f"    … and {len(note.unannounced) - 5} more")
    return "\n".join(lines) + "\n"


def to_markdown(h: History) -> str:
    out = [f"# History of {_md(h.versions[0].doc.title)}", ""]
    out.append("| Version | Date | Clauses |")
    out.append("|---|---|---|")
    for v in h.versions:
        out.append(f"| v{_md(v.label)} | {v.date or '—'} | {len(v.doc.clauses)} |")
    out += ["", "## Drift per step", "", "| Step | " + " | ".join(e.value for e in EFFECT_ORDER) + " |",
            "|---|" + "---:|" * len(EFFECT_ORDER)]
    for i, counts in enumerate(h.drift()):
        out.append(f"| {h.pair_label(i)} | " + " | ".join(str(counts[e]) for e in EFFECT_ORDER) + " |")
    out += ["", "## Commitments weakened more than once", ""]
    for lid, text in (_lineage_line(h, lin) for lin in h.weakened_repeatedly()):
        out.append(f"- `{lid}` {_md(text)}")
    if not h.weakened_repeatedly():
        out.append("None.")
    out += ["", "## What the changelogs left out", ""]
    for i, note in enumerate(h.announcements):
        out.append(f"### {h.pair_label(i)}")
        out.append("")
        if note is None:
            out += ["The newer version carries no changelog.", ""]
            continue
        by_id = {c.id: c for c in h.changelogs[i].changes}
        out.append(f"{len(note.unannounced)} of {note.material} material changes unannounced "
                   f"(changelog entry: {_md(note.heading)}).")
        out.append("")
        for m in note.entries:
            out.append(f"- Entry {m.entry.index + 1}: {_md(_teaser(m.entry.text))} — matched "
                       f"{len(m.change_ids)}: " + ", ".join(f"`{cid}`" for cid in m.change_ids))
        out.append("")
        for cid in note.unannounced:
            ch = by_id[cid]
            out.append(f"- **{ch.shown_effect.value}** `{cid}` {_md(_change_text(ch))}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
