"""The ``history`` and ``site`` commands; ``register(group)`` adds them to the rspdiff CLI.

Only click and the standard library are imported at module level, so ``rspdiff --help`` stays
instant; the pipeline is imported inside the commands, which run through the CLI's own error
handler (``cli._run``): one line on standard error and exit status 2, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

FORMATS = ("terminal", "md", "html", "pdf", "json")
_FILE_NAMES = {"md": "history.md", "html": "history.html", "pdf": "history.pdf", "json": "history.json",
               "terminal": "history.txt"}


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        click.echo(f"rspdiff: {message}", err=True)


def _render(h: object, fmt: str) -> str | bytes:
    from rspdiff.history import History
    from rspdiff.render import history_html, history_json, history_text

    assert isinstance(h, History)
    if fmt == "json":
        return history_json.to_json(h)
    if fmt == "md":
        return history_text.to_markdown(h)
    if fmt == "html":
        return history_html.to_html(h)
    if fmt == "pdf":
        return history_html.to_pdf(h)
    return history_text.to_terminal(h)


@click.command("history")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True)
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=None,
              help="Write the report into this folder instead of printing it.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Compare version pairs in this many processes.")
def history_command(inputs: tuple[Path, ...], fmt: str, out: Path | None, jobs: int) -> None:
    """Follow every clause across many versions (files, or one folder of v1.0_2023-09-19.md-named files)."""
    from rspdiff.atomic import write_atomic
    from rspdiff.cli import _emit, _run
    from rspdiff.errors import OutputError
    from rspdiff.history import history_of_files

    def body() -> int:
        h = history_of_files(list(inputs), jobs=jobs, progress=_progress)
        data = _render(h, fmt)
        if out is None:
            _emit(data)
            return 0
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create folder {out}: {exc.strerror or exc}") from None
        path = out / _FILE_NAMES[fmt]
        write_atomic(path, data)
        click.echo(f"wrote {path}", err=True)
        return 0

    _run(body)


@click.command("site")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=Path("output/site"),
              show_default=True, help="Folder to write the site into.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Compare version pairs in this many processes.")
@click.option("--no-pdf", is_flag=True, help="Skip the PDF of each pair (the slowest part).")
def site_command(inputs: tuple[Path, ...], out: Path, jobs: int, no_pdf: bool) -> None:
    """Write a static web site of every successive comparison and the history."""
    from rspdiff.cli import _run
    from rspdiff.history import load_versions
    from rspdiff.site import build_site

    def body() -> int:
        versions = load_versions(list(inputs), progress=_progress)
        build_site([v.doc for v in versions], out, jobs=jobs, progress=_progress,
                   labels=[v.label for v in versions], pdf=not no_pdf)
        click.echo(f"wrote {out / 'index.html'}", err=True)
        return 0

    _run(body)


def register(group: click.Group) -> None:
    """Add ``history`` and ``site`` to the rspdiff command group."""
    group.add_command(history_command)
    group.add_command(site_command)
