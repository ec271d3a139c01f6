"""Write an output file so that readers only ever see the old file or the complete new one.

A changelog is often written where a web server or a colleague reads it; a crash or a full disk
half-way must not leave a truncated page behind. So the data goes to a temporary file in the same
folder (same file system, so the rename is atomic), is flushed to disk, and then replaces the
target with ``os.replace``. Any failure removes the temporary file and becomes one ``OutputError``
line naming the path, which the CLI prints without a traceback.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from rspdiff.errors import OutputError

_DEFAULT_MODE = 0o644  # mkstemp creates 0600; published files must stay readable by others


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual rw-r--r--."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return _DEFAULT_MODE


def write_atomic(path: Path, data: str | bytes) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8) atomically, or raise ``OutputError``."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror or err}") from err
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(err, OSError):
            raise OutputError(f"cannot write {path}: {err.strerror or err}") from err
        if isinstance(err, Exception):
            raise OutputError(f"cannot write {path}: {err}") from err
        raise  # KeyboardInterrupt and friends: cleaned up, then passed on untouched
