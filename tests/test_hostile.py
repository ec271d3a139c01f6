"""Nasty inputs, made by the tests themselves: each ends in a result or one clean error, in time.

Anything a user can hand rspdiff (a scraped page, a broken PDF extraction, a file crafted to hurt)
must end either in a valid comparison or in one ``rspdiff: error:`` line with exit status 2,
within a time bound: never a traceback, never a hang. Most cases run in one subprocess each (the
real exit status, a hard time-out); the injection cases also check the outputs escape everything.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rspdiff import atomic
from rspdiff.errors import OutputError

REPO = Path(__file__).resolve().parents[1]
V1 = REPO / "versions" / "example" / "v1.md"
RSPDIFF = Path(sys.executable).parent / "rspdiff"
TIME_BOUND = 90.0  # seconds for any one hostile file; the example pair takes a few


def rspdiff(*args: str | Path, timeout: float = TIME_BOUND) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run([str(RSPDIFF), *map(str, args)], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"rspdiff {' '.join(map(str, args))} did not finish within {timeout:.0f} s")


def result_or_clean_error(proc: subprocess.CompletedProcess[bytes]) -> dict[str, object] | None:
    """The parsed JSON of a success, or None after checking the failure was one clean line."""
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-2000:]
    assert "internal error" not in err, err  # the CLI's catch-all: a bug, even if it is one line
    if proc.returncode == 0:
        data: dict[str, object] = json.loads(proc.stdout)
        return data
    assert proc.returncode == 2, (proc.returncode, err[-2000:])
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rspdiff: error: "), err[-2000:]
    return None


def compare_json(tmp_path: Path, name: str, data: bytes,
                 timeout: float = TIME_BOUND) -> dict[str, object] | None:
    path = tmp_path / name
    path.write_bytes(data)
    return result_or_clean_error(rspdiff(path, V1, "--format", "json", timeout=timeout))


def covered(data: dict[str, object]) -> bool:
    """Every clause id of each side appears exactly once across unchanged and changes."""
    old = [p[0] for p in data["unchanged"]]  # type: ignore[attr-defined]
    new = [p[1] for p in data["unchanged"]]  # type: ignore[attr-defined]
    for ch in data["changes"]:  # type: ignore[attr-defined]
        old += [c["id"] for c in ch["old"]]
        new += [c["id"] for c in ch["new"]]
    clauses = data["clauses"]
    return sorted(old) == sorted(c["id"] for c in clauses["old"]) and sorted(new) == sorted(  # type: ignore[index]
        c["id"] for c in clauses["new"]  # type: ignore[index]
    )


def test_deeply_nested_list(tmp_path: Path) -> None:
    text = "# Nested\n\n" + "".join("  " * i + f"- level {i} item\n" for i in range(10_000))
    data = compare_json(tmp_path, "nested.md", text.encode())
    if data is not None:
        assert covered(data)


def test_deeply_nested_blockquote(tmp_path: Path) -> None:
    text = "# Quotes\n\n" + ">" * 10_000 + " deep quote\n"
    data = compare_json(tmp_path, "quotes.md", text.encode())
    if data is not None:
        assert covered(data)


def test_one_megabyte_single_line(tmp_path: Path) -> None:
    line = " ".join(f"word{i % 997}" for i in range(150_000))[: 1024 * 1024]
    data = compare_json(tmp_path, "line.md", ("# One line\n\n" + line + "\n").encode())
    if data is not None:
        assert covered(data)


def test_nul_bytes(tmp_path: Path) -> None:
    text = V1.read_bytes().replace(b"evaluation", b"eval\x00uation")
    data = compare_json(tmp_path, "nul.md", text)
    if data is not None:
        assert covered(data)
        assert "\x00" not in json.dumps(data, ensure_ascii=False)


def test_mixed_encodings(tmp_path: Path) -> None:
    raw = V1.read_bytes()
    half = len(raw) // 2
    latin = "Caf\u00e9 \u2014 r\u00e9sum\u00e9.\n\n".encode("cp1252")
    mixed = raw[:half] + latin + "na\u00efve \u2014 ok.\n".encode() + raw[half:]
    data = compare_json(tmp_path, "mixed.md", mixed)
    if data is not None:
        assert covered(data)


def test_bidi_and_zero_width(tmp_path: Path) -> None:
    text = V1.read_text(encoding="utf-8")
    text = text.replace("frontier", "fron\u200btier").replace("months", "\u202emonths\u202c")
    text += "\n\nمرحبا بالعالم \u200f\u200e\ufeff\u2066isolated\u2069 שלום\n"
    data = compare_json(tmp_path, "bidi.md", text.encode())
    if data is not None:
        assert covered(data)


def test_hundred_thousand_headings(tmp_path: Path) -> None:
    """Parsing 100,000 headings is bounded; the full comparison is checked on 20,000 to keep the suite fast
    (100,000 removed headings take over a minute to classify and serialise, linearly)."""
    text = "".join(f"{'#' * (1 + i % 6)} Heading {i}\n\n" for i in range(100_000))
    path = tmp_path / "headings.md"
    path.write_text(text)
    proc = rspdiff("parse", path, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.decode().splitlines()[0].endswith("(100000 clauses, 0 furniture lines dropped)")
    data = compare_json(tmp_path, "headings20k.md", "\n\n".join(text.split("\n\n")[:20_000]).encode())
    if data is not None:
        assert covered(data)


INJECTION = """# Policy <script>alert(1)</script>

We will <img src=x onerror=alert(2)> evaluate [models](javascript:alert(3)) every {{ 7*7 }} months.

{% for x in range(9) %}loop{% endfor %} and ${7*7} and <!-- comment --> and </textarea></title>.

<iframe src="https://example.invalid/"></iframe>

[click](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==) and <a href="vbscript:x">y</a>.
"""


def test_markup_injection_is_escaped(tmp_path: Path) -> None:
    hostile = tmp_path / "inject.md"
    hostile.write_text(INJECTION, encoding="utf-8")
    out = tmp_path / "out"
    proc = rspdiff(V1, hostile, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr
    page = (out / "changelog.html").read_text(encoding="utf-8").lower()
    assert "<script>alert" not in page
    assert "<img src=x" not in page and "<iframe" not in page
    assert 'href="javascript:' not in page and "href='javascript:" not in page
    assert 'href="vbscript:' not in page and 'href="data:' not in page
    assert "onerror=alert" not in page or "&lt;img" in page
    assert "49 months" not in page and "loop" not in page.split("{%")[0][-10:]  # templates never evaluated
    md = (out / "changelog.md").read_text(encoding="utf-8")
    assert "](javascript:" not in md
    data = json.loads((out / "changes.json").read_text(encoding="utf-8"))
    assert covered(data)
    assert any("{{ 7*7 }}" in c["text"] for c in data["clauses"]["new"])  # kept as text, not evaluated


def test_atomic_write_on_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC half-way leaves neither the target nor a temporary file behind."""
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    target = tmp_path / "changes.json"
    with pytest.raises(OutputError, match="No space left"):
        atomic.write_atomic(target, "{}" * 100_000)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(atomic.os, "fsync", real_fsync)
    atomic.write_atomic(target, "{}")
    assert target.read_text() == "{}"


def test_atomic_write_full_disk_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "changelog.md"
    target.write_text("previous complete version\n")

    class FullFile:
        """A file object whose write fails like a full disk after the first chunk."""

        def __init__(self, fd: int, mode: str) -> None:
            self._fh = open(fd, mode)  # noqa: SIM115 - closed in __exit__

        def __enter__(self) -> FullFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self._fh.close()

        def write(self, data: bytes) -> int:
            self._fh.write(data[:10])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fdopen", FullFile)
    with pytest.raises(OutputError):
        atomic.write_atomic(target, "new text " * 1000)
    assert target.read_text() == "previous complete version\n"
    assert [p.name for p in tmp_path.iterdir()] == ["changelog.md"]


def test_cli_full_disk_leaves_no_partial_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the CLI: one clean error, and no changelog or temporary file in the folder."""
    from click.testing import CliRunner

    from rspdiff.cli import cli

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, [str(V1), str(V1.parent / "v2.md"), "-o", str(out), "--format", "md"])
    assert res.exit_code == 2
    assert res.stderr.startswith("rspdiff: error: ") and len(res.stderr.strip().splitlines()) == 1
    assert list(out.iterdir()) == []


def test_read_only_output_folder(tmp_path: Path) -> None:
    """A folder that cannot take files (below a regular file, as root ignores chmod) fails cleanly."""
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    proc = rspdiff(V1, V1.parent / "v2.md", "-o", blocker / "out")
    assert result_or_clean_error(proc) is None
    assert blocker.read_text() == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]
