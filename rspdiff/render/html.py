"""The changelog as one self-contained HTML page, safe to publish and to open from ``file://``.

Safety comes from structure, not from care at each call site: the page is rendered by a jinja2
``Environment`` with ``autoescape=True`` and ``StrictUndefined``, document text only ever reaches
the template as *data* (never as template source, never marked safe), and the only markup marked
safe is our own stylesheet and script, read from files in ``templates/``. A Content-Security-Policy
allows exactly those two inline blocks, by their sha256 hash, and nothing else: no other script,
no request to any site, no form, no plug-in. Even a tag that slipped through could not run.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rspdiff.model import Change, Changelog, Clause, Effect
from rspdiff.render import (
    EFFECT_COLOURS,
    EFFECT_HELP,
    EFFECT_ORDER,
    KIND_HELP,
    KIND_ORDER,
    asset,
    group_by_section,
    joined_text,
    kind_counts,
    line_span,
    override_text,
    printable,
    section_title,
    teaser,
)

if TYPE_CHECKING:
    from jinja2 import Environment

_TEMPLATES = "templates"
_STYLESHEETS = ("page.css", "print.css")
_SCRIPT = "filters.js"
_CHART_WIDTH = 260  # px of the longest bar in the summary chart


@dataclass(frozen=True)
class Bar:
    """One row of the summary chart; widths are computed here so the template does no arithmetic."""

    key: str
    label: str
    colour: str
    count: int
    width: int
    y: int


@dataclass(frozen=True)
class ChangeView:
    """What the template needs about one change, beyond the model's own fields."""

    change: Change
    effect: Effect
    override: str | None
    old_where: str
    new_where: str
    notes: tuple[str, ...]
    teaser: str  # the first words, so a contents entry says which clause it is
    redline: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SectionView:
    title: str
    anchor: str
    changes: tuple[ChangeView, ...]


def csp_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline ``<style>`` or ``<script>`` body."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    """The one jinja2 environment of every HTML-like output (page, PDF, history, site, feed).

    Autoescape on and undefined names fatal, so document text is always escaped and a template
    typo fails loudly instead of printing nothing.
    """
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("rspdiff.render", _TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["printable"] = printable  # returns plain str, so autoescape still applies
    return env


def _bars(counts: dict[str, int]) -> tuple[Bar, ...]:
    keys = [e.value for e in EFFECT_ORDER]
    top = max([counts[k] for k in keys] + [1])
    return tuple(
        Bar(
            key=k,
            label=k.capitalize(),
            colour=EFFECT_COLOURS[k],
            count=counts[k],
            width=round(_CHART_WIDTH * counts[k] / top),
            y=i * 30,
        )
        for i, k in enumerate(keys)
    )


def _where(clauses: tuple[Clause, ...]) -> str:
    return line_span(clauses)


def _view(change: Change) -> ChangeView:
    notes = tuple(p.strip() for p in (change.note or "").split("\n\n") if p.strip())
    return ChangeView(
        change=change,
        effect=change.shown_effect,
        override=override_text(change),
        old_where=_where(change.old),
        new_where=_where(change.new),
        notes=tuple(printable(n) for n in notes),
        teaser=teaser(joined_text(change.new or change.old), 70),
        redline=tuple((op.value, printable(text)) for op, text in change.redline),
    )


def _sections(cl: Changelog) -> tuple[SectionView, ...]:
    return tuple(
        SectionView(
            title=printable(section_title(path)),
            anchor=f"section-{number}",
            changes=tuple(_view(c) for c in changes),
        )
        for number, (path, changes) in enumerate(group_by_section(cl.changes), 1)
    )


def context(cl: Changelog) -> dict[str, Any]:
    """Everything the template reads. Document text stays plain ``str``, so autoescape covers it."""
    from markupsafe import Markup

    css = "\n".join(asset(name) for name in _STYLESHEETS)
    script = asset(_SCRIPT)
    csp = (
        "default-src 'none'; "
        f"style-src {csp_hash(css)}; "
        f"script-src {csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    counts = cl.summary()
    kinds = kind_counts(cl)
    return {
        "cl": cl,
        "old_title": printable(cl.old.title),
        "new_title": printable(cl.new.title),
        "counts": counts,
        "total": len(cl.changes),
        "bars": _bars(counts),
        "chart_height": 30 * len(EFFECT_ORDER),
        "effects": [(e.value, e.value.capitalize(), EFFECT_HELP[e]) for e in EFFECT_ORDER],
        "kinds": [(k.value, k.value.capitalize(), KIND_HELP[k], kinds.get(k, 0)) for k in KIND_ORDER],
        "sections": _sections(cl),
        "css": Markup(css),  # our own file, never document text
        "script": Markup(script),  # our own file, never document text
        "csp": csp,
    }


def to_html(cl: Changelog) -> str:
    """The complete page as a string (UTF-8 when written), identical for identical input."""
    return environment().get_template("page.html.j2").render(context(cl))
