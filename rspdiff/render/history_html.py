"""A history (and the site's index, lineage pages and feed) as HTML, PDF and Atom.

Same safety model as render/html.py: a jinja2 environment with autoescape and StrictUndefined,
document text passed only as plain data, our own stylesheets the only Markup, and a
Content-Security-Policy that allows that one inline style by hash and nothing else (these pages
need no script). All geometry and links are computed here, so templates only place values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rspdiff.announce import Announcement
from rspdiff.history import History, Lineage, Step
from rspdiff.model import Change, Effect
from rspdiff.render import EFFECT_COLOURS, EFFECT_ORDER, asset, printable, section_title, summary_line, teaser
from rspdiff.render.html import environment

_STYLESHEETS = ("page.css", "print.css", "history.css")
_MARKS = {Effect.WEAKENED: "W", Effect.STRENGTHENED: "S", Effect.CLARIFIED: "C", Effect.MIXED: "M"}
_BAR = 420  # px of the longest drift bar
_LABEL_W = 130


@dataclass(frozen=True)
class Links:
    """Where pages live relative to the page being rendered; None parts mean "no such page"."""

    pairs: str | None = None  # e.g. "pairs/" from the root, "../pairs/" from a lineage page
    lineages: str | None = None
    home: str | None = None

    def pair(self, h: History, i: int, change_id: str | None = None) -> str | None:
        if self.pairs is None:
            return None
        anchor = f"#{change_id}" if change_id else ""
        return f"{self.pairs}{h.pair_label(i)}.html{anchor}"

    def lineage(self, lineage_id: str) -> str | None:
        return None if self.lineages is None else f"{self.lineages}{lineage_id}.html"


def _base(page_title: str, heading: str, running: str, home: str | None) -> dict[str, Any]:
    from markupsafe import Markup

    from rspdiff.render.html import csp_hash

    css = "\n".join(asset(name) for name in _STYLESHEETS)
    csp = f"default-src 'none'; style-src {csp_hash(css)}; img-src data:; base-uri 'none'; form-action 'none'"
    return {"css": Markup(css), "csp": csp, "page_title": printable(page_title),
            "heading": printable(heading), "running": printable(running), "home": home}


def _change_teaser(change: Change) -> str:
    return teaser(" ".join(c.text for c in (change.new or change.old)))


def _drift(h: History) -> dict[str, Any]:
    rows = []
    drift = h.drift()
    top = max([sum(c.values()) for c in drift] + [1])
    for i, counts in enumerate(drift):
        x = _LABEL_W
        segments = []
        for effect in EFFECT_ORDER:
            width = round(_BAR * counts[effect] / top)
            if counts[effect]:
                segments.append({"x": x, "width": max(width, 1), "colour": EFFECT_COLOURS[effect.value],
                                 "count": counts[effect], "key": effect.value})
            x += width
        rows.append({"label": h.pair_label(i), "y": i * 26, "segments": segments, "end": x,
                     "total": sum(counts.values())})
    legend = [{"key": e.value, "colour": EFFECT_COLOURS[e.value], "x": _LABEL_W + n * 110}
              for n, e in enumerate(EFFECT_ORDER)]
    return {"rows": rows, "legend": legend, "width": _LABEL_W + _BAR + 60, "height": len(rows) * 26 + 26}


def _versions(h: History) -> list[dict[str, Any]]:
    return [{"label": v.label, "date": v.date, "clauses": len(v.doc.clauses), "name": printable(v.doc.name)}
            for v in h.versions]


def _note_view(h: History, i: int, note: Announcement | None, links: Links) -> dict[str, Any]:
    by_id = {c.id: c for c in h.changelogs[i].changes}

    def ref(cid: str) -> dict[str, Any]:
        ch = by_id[cid]
        return {"id": cid, "effect": ch.shown_effect.value, "href": links.pair(h, i, cid),
                "teaser": _change_teaser(ch)}

    label = h.pair_label(i)
    return {
        "label": label,
        "short": f"→v{h.versions[i + 1].label}",
        "href": links.pair(h, i),
        "counts": {e.value: n for e, n in h.drift()[i].items()},
        "note": note,
        "entries": [{"number": m.entry.index + 1, "text": printable(m.entry.text),
                     "changes": [ref(cid) for cid in m.change_ids]} for m in (note.entries if note else ())],
        "unannounced": [ref(cid) for cid in (note.unannounced if note else ())],
    }


def _weakened_in(h: History, lin: Lineage) -> str:
    return ", ".join(f"v{h.versions[s.pair + 1].label}" for s in lin.steps if s.effect is Effect.WEAKENED)


def history_context(h: History, links: Links) -> dict[str, Any]:
    notes = h.announcements or tuple(None for _ in h.changelogs)
    title = h.versions[0].doc.title
    ctx = _base(f"History: {title}", f"{title}: how it changed", f"{len(h.versions)} versions, "
                f"v{h.versions[0].label} to v{h.versions[-1].label}", links.home)
    rows = []
    for lin in h.lineages:
        if not lin.changed:
            continue
        cells = []
        for i in range(len(h.changelogs)):
            step = next((s for s in lin.steps if s.pair == i), None)
            if step is None or step.effect is None:
                mark = "·" if step is not None else ""
                cells.append({"key": "none", "mark": mark, "title": "unchanged" if step else "absent"})
            else:
                cells.append({"key": step.effect.value, "mark": _MARKS[step.effect],
                              "title": f"{step.kind.value}, {step.effect.value}"})
        rows.append({"id": lin.id, "href": links.lineage(lin.id), "cells": cells,
                     "teaser": teaser(lin.nodes[-1].text, 90)})
    ctx.update({
        "versions": _versions(h),
        "drift": _drift(h),
        "effect_keys": [e.value for e in EFFECT_ORDER],
        "steps": [_note_view(h, i, notes[i], links) for i in range(len(h.changelogs))],
        "eroded": [{"id": lin.id, "href": links.lineage(lin.id), "weakened_in": _weakened_in(h, lin),
                    "teaser": teaser(lin.nodes[-1].text)} for lin in h.weakened_repeatedly()],
        "lineage_rows": rows,
        "lineage_total": len(h.lineages),
    })
    return ctx


def to_html(h: History, links: Links | None = None) -> str:
    """The history page; standalone by default (no links to other pages)."""
    return environment().get_template("history.html.j2").render(history_context(h, links or Links()))


def lineage_html(h: History, lin: Lineage, links: Links) -> str:
    """One lineage's page: its text at every version and what each step did, with links to the pairs."""
    title = h.versions[0].doc.title
    ctx = _base(f"Lineage {lin.id}: {title}", teaser(lin.nodes[0].text, 90),
                f"{title} · lineage {lin.id}", links.home)
    timeline: list[dict[str, Any]] = []
    steps = {s.pair: s for s in lin.steps}
    for node in lin.nodes:
        if node.version - 1 in steps and timeline:
            timeline.append(_step_item(h, steps[node.version - 1], links))
        timeline.append({"is_node": True, "label": h.versions[node.version].label,
                         "path": printable(section_title(node.path)), "text": printable(node.text)})
    last = steps.get(lin.last)
    if last is not None:
        timeline.append(_step_item(h, last, links))
    origin = None
    if lin.origin is not None:
        origin = {"id": lin.origin, "href": links.pair(h, lin.first - 1, lin.origin) or f"#{lin.origin}"}
    ctx.update({"lin": lin, "origin": origin, "first": h.versions[lin.first].label,
                "last": h.versions[lin.last].label,
                "fate": lin.fate.value, "timeline": timeline})
    return environment().get_template("history_lineage.html.j2").render(ctx)


def _step_item(h: History, step: Step, links: Links) -> dict[str, Any]:
    return {
        "is_node": False,
        "effect": step.effect.value if step.effect else None,
        "kind": f"{step.kind.value} in v{h.versions[step.pair + 1].label}",
        "relinked": step.relinked,
        "merged_into": step.merged_into,
        "changes": [{"id": cid, "href": links.pair(h, step.pair, cid) or f"#{cid}"}
                    for cid in step.change_ids],
        "signals": [printable(f"{s.direction.value} ({s.type.value}): {s.explanation}")
                    for s in step.signals],
    }


def index_html(h: History, pdf: bool = True) -> str:
    """The site's front page; ``pdf`` says whether the pair PDFs were written, so links exist."""
    title = h.versions[0].doc.title
    ctx = _base(title, title, "rspdiff: every revision, compared", None)
    versions = _versions(h)
    for i, row in enumerate(versions):
        row["pair"] = None
        if i:
            label = h.pair_label(i - 1)
            row["pair"] = {"label": label, "href": f"pairs/{label}.html",
                           "pdf": f"pairs/{label}.pdf" if pdf else None,
                           "summary": summary_line(h.changelogs[i - 1])}
    ctx["versions"] = versions
    return environment().get_template("site_index.html.j2").render(ctx)


def feed_xml(h: History) -> str:
    """An Atom feed, one entry per version step, dated by the versions themselves (no clock)."""
    title = printable(h.versions[0].doc.title)
    tag = "tag:rspdiff," + (h.versions[0].date or "2000-01-01") + ":" + h.versions[0].doc.sha256[:16]
    entries = []
    for i, cl in enumerate(h.changelogs):
        new = h.versions[i + 1]
        label = h.pair_label(i)
        entries.append({"title": f"{title} v{new.label}", "id": f"{tag}:{label}",
                        "updated": _stamp(new.date), "href": f"pairs/{label}.html",
                        "summary": f"{label}: {summary_line(cl)}"})
    entries.reverse()  # newest first, as feed readers expect
    updated = max((e["updated"] for e in entries), default=_stamp(None))
    ctx = {"title": title, "feed_id": tag, "updated": updated, "entries": entries}
    return environment().get_template("feed.xml.j2").render(ctx)


def _stamp(date: str | None) -> str:
    return f"{date or '1970-01-01'}T00:00:00Z"


def to_pdf(h: History) -> bytes:
    from weasyprint import HTML

    from rspdiff.render.pdf import _refuse

    pdf = HTML(string=to_html(h), base_url=None, url_fetcher=_refuse, media_type="print").write_pdf()
    assert pdf is not None
    return bytes(pdf)
