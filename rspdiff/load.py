"""Bytes of one version → ``Document``: ingest, normalise, parse.

Kept apart from the CLI so the library can be used without touching the file system: callers
hand over bytes and a name, and get a ``Document`` or an ``InputError``.
"""

from __future__ import annotations

from pathlib import Path

from rspdiff.errors import InputError
from rspdiff.model import Document


def load_bytes(data: bytes, name: str, date: str | None = None) -> Document:
    """Parse one version given as raw bytes (Markdown, text, PDF or HTML, told by ``name``)."""
    from rspdiff.ingest import to_markdown
    from rspdiff.normalize import normalize
    from rspdiff.parse import parse_markdown

    text = to_markdown(data, name)
    doc = parse_markdown(normalize(text), name, raw=data, date=date)
    if not doc.clauses:
        raise InputError(f"{name}: no text found to compare")
    return doc


def load(path: str | Path, date: str | None = None) -> Document:
    """Read and parse a file; every failure is an ``InputError`` with one clear line."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{p}: is a folder, not a file")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    return load_bytes(data, str(path), date=date)
