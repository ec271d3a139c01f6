"""The ``rspdiff`` command: a thin click layer over the library.

The only module that touches the file system and exit codes (sqlite-utils' model): it reads the
inputs, calls the library, writes outputs atomically, and turns every ``RspdiffError`` into one
line on standard error with exit status 2. Heavy libraries are imported inside the commands, so
``rspdiff --help`` never loads spaCy or weasyprint.

``rspdiff OLD NEW`` is the main job; the group routes any first argument that is not a
subcommand's name to the hidden ``compare`` command, so both ``rspdiff old.md new.md`` and
``rspdiff parse FILE`` work.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from rspdiff.errors import InputError, OutputError, RspdiffError
from rspdiff.history_cli import register as register_history
from rspdiff.ingest.text import MAX_BYTES

if TYPE_CHECKING:
    from rspdiff.model import Changelog, Document

FORMATS = ("terminal", "md", "html", "pdf", "json")
# File names written by ``-o DIR``, one per format (terminal output is never written).
FILE_NAMES = {"md": "changelog.md", "html": "changelog.html", "pdf": "changelog.pdf", "json": "changes.json"}
# Inputs larger than this are refused before parsing (the ingest stage's own limit, see there).
MAX_INPUT_BYTES = MAX_BYTES
REGISTRY = Path(__file__).resolve().parents[1] / "versions" / "registry.toml"


class _Group(click.Group):
    """A group whose default command is ``compare``: ``rspdiff OLD NEW`` just works."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["compare", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage("rspdiff", "OLD NEW [OPTIONS]\n       rspdiff COMMAND [ARGS]...")


def _fail(message: str) -> NoReturn:
    raise InputError(message)


def read_input(spec: str) -> tuple[bytes, str]:
    """Bytes and display name of an input: a path, ``-`` for standard input, or ``NAME@VERSION``."""
    if spec == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        name = "<stdin>"
    else:
        path = Path(spec)
        if not path.exists():
            from rspdiff.fetch import resolve

            ref = resolve(spec)
            if ref is not None:
                from rspdiff.fetch import fetch

                path = fetch(ref[0], ref[1], registry=REGISTRY, progress=sys.stderr.isatty())
            else:
                _fail(f"{spec}: no such file")
        if path.is_dir():
            _fail(f"{spec}: is a folder, not a file")
        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_INPUT_BYTES + 1)
        except PermissionError:
            _fail(f"{spec}: permission denied")
        except OSError as exc:
            _fail(f"{spec}: cannot read ({exc.strerror or exc})")
        name = spec
    if len(data) > MAX_INPUT_BYTES:
        _fail(f"{name}: larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB; is this really a policy text?")
    return data, name


def _load(spec: str) -> Document:
    from rspdiff.load import load_bytes

    data, name = read_input(spec)
    return load_bytes(data, name)


def _render(cl: Changelog, fmt: str, color: bool) -> str | bytes:
    if fmt == "json":
        from rspdiff.render.json import to_json

        return to_json(cl)
    if fmt == "md":
        from rspdiff.render.markdown import to_markdown

        return to_markdown(cl)
    if fmt == "html":
        from rspdiff.render.html import to_html

        return to_html(cl)
    if fmt == "pdf":
        from rspdiff.render.pdf import to_pdf

        return to_pdf(cl)
    import shutil

    from rspdiff.render.terminal import to_terminal

    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    return to_terminal(cl, color=color, width=width)


def _write_outputs(cl: Changelog, out: Path, formats: Sequence[str], color: bool) -> list[Path]:
    from rspdiff.atomic import write_atomic

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create output folder ({exc.strerror or exc})") from None
    if not os.access(out, os.W_OK):
        raise OutputError(f"{out}: output folder is not writable")
    # Render everything first, so a failure in one format leaves no partial set of files behind.
    rendered = [(out / FILE_NAMES[f], _render(cl, f, color)) for f in formats if f in FILE_NAMES]
    for path, data in rendered:
        write_atomic(path, data)
    return [p for p, _ in rendered]


def _emit(data: str | bytes) -> None:
    if isinstance(data, bytes):
        if sys.stdout.isatty():
            raise OutputError("refusing to print a PDF to the terminal; use -o DIR or redirect to a file")
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        click.echo(data, nl=not data.endswith("\n"))


def _run(fn: Callable[[], int | None]) -> NoReturn:
    """Run a command body (or the whole CLI), turning every error into one line and exit status 2.

    Ours (RspdiffError) and click's usage errors are expected; anything else is a bug, still
    reported as one line unless RSPDIFF_DEBUG asks for the traceback.
    """
    try:
        code = fn() or 0
    except RspdiffError as exc:
        click.echo(f"rspdiff: error: {exc}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        hint = " (try rspdiff --help)" if isinstance(exc, click.UsageError) else ""
        click.echo(f"rspdiff: error: {exc.format_message()}{hint}", err=True)
        sys.exit(2)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("rspdiff: interrupted", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
    except RecursionError:
        click.echo("rspdiff: error: input nested too deeply to process", err=True)
        sys.exit(2)
    except MemoryError:
        click.echo("rspdiff: error: input too large to process in memory", err=True)
        sys.exit(2)
    except Exception as exc:  # a bug: still one line, unless the user asked for the traceback
        if os.environ.get("RSPDIFF_DEBUG"):
            raise
        click.echo(f"rspdiff: internal error: {type(exc).__name__}: {exc} (set RSPDIFF_DEBUG=1 for details)",
                   err=True)
        sys.exit(2)
    sys.exit(code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rspdiff")
def cli() -> None:
    """Compare two versions of a safety policy and judge every change.

    \b
    rspdiff OLD NEW                 annotated changelog in the terminal
    rspdiff OLD NEW -o output/      changelog.md, .html, .pdf and changes.json
    rspdiff OLD NEW --format json   the rspdiff/1 JSON contract on standard output
    rspdiff parse FILE              one document's clause tree, for odd PDF extractions

    OLD and NEW are Markdown, plain text, PDF or HTML files (by extension), `-` for standard
    input, or a registry version such as anthropic-rsp@2.0. Errors print one line and exit 2.
    """


@cli.command(hidden=True)
@click.argument("old")
@click.argument("new")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: terminal, or every file format with -o).")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=None,
              help="Write the files to this folder (atomically) instead of printing.")
@click.option("--annotations", type=click.Path(path_type=Path), default=None,
              help="TOML file of commentator notes and effect overrides.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when anything changed, as `git diff --exit-code`.")
@click.option("--no-color", is_flag=True, help="Plain text even on a terminal.")
def compare(old: str, new: str, fmt: str | None, out: Path | None, annotations: Path | None,
            exit_code: bool, no_color: bool) -> None:
    """Compare OLD and NEW."""

    def body() -> int:
        from rspdiff.compare import compare as run_compare

        cl = run_compare(_load(old), _load(new))
        if annotations is not None:
            from rspdiff.annotations import apply_annotations, load_annotations

            data, name = read_input(str(annotations))
            cl, warnings = apply_annotations(cl, load_annotations(data, name))
            for warning in warnings:
                click.echo(f"rspdiff: warning: {warning}", err=True)
        color = not no_color and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        if out is not None:
            formats = [fmt] if fmt and fmt != "terminal" else list(FILE_NAMES)
            for path in _write_outputs(cl, out, formats, color):
                click.echo(f"wrote {path}", err=True)
        else:
            _emit(_render(cl, fmt or "terminal", color))
        return 1 if exit_code and cl.changes else 0

    _run(body)


@cli.command()
@click.argument("file")
@click.option("--format", "-f", "fmt", type=click.Choice(["outline", "json"]), default="outline",
              help="outline (headings with clause counts) or json (every clause).")
def parse(file: str, fmt: str) -> None:
    """Print one document's clause tree (to debug an odd PDF extraction)."""

    def body() -> int:
        from rspdiff.outline import outline_json, outline_text

        doc = _load(file)
        click.echo(outline_json(doc) if fmt == "json" else outline_text(doc), nl=False)
        return 0

    _run(body)


@cli.command()
@click.argument("name")
@click.argument("version")
@click.option("--registry", type=click.Path(path_type=Path), default=REGISTRY, show_default=False,
              help="Registry TOML (default: versions/registry.toml).")
def fetch(name: str, version: str, registry: Path) -> None:
    """Download a registry version (e.g. anthropic-rsp 2.0), verify, convert, print its path."""

    def body() -> int:
        from rspdiff.fetch import fetch as run_fetch

        path = run_fetch(name, version, registry=registry, progress=sys.stderr.isatty())
        click.echo(str(path))
        return 0

    _run(body)


register_history(cli)


def main(argv: Sequence[str] | None = None) -> Any:
    """Console-script entry point; usage errors, too, become one line and exit status 2."""
    args = list(argv) if argv is not None else sys.argv[1:]
    if not args:  # a bare `rspdiff` is a request for help, not a mistake
        click.echo(cli.get_help(click.Context(cli, info_name="rspdiff")))
        sys.exit(0)

    def body() -> int:
        code = cli.main(args=args, prog_name="rspdiff", standalone_mode=False)
        return code if isinstance(code, int) else 0

    _run(body)
