"""Atomic writes: complete files or nothing, no temporary files left, one clear error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rspdiff.atomic import write_atomic
from rspdiff.errors import OutputError


def test_writes_text_and_bytes(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    write_atomic(target, "héllo\n")
    assert target.read_bytes() == "héllo\n".encode()
    write_atomic(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_keeps_existing_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    target.chmod(0o600)
    write_atomic(target, "new")
    assert target.read_text() == "new" and target.stat().st_mode & 0o777 == 0o600


def test_missing_folder_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot write .*nowhere/x.json"):
        write_atomic(tmp_path / "nowhere" / "x.json", "{}")


def test_target_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="it is a folder"):
        write_atomic(tmp_path, "x")


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    if os.geteuid() == 0:
        # Root ignores folder permissions (CI runs as root): make the refusal the kernel would give.
        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("rspdiff.atomic.tempfile.mkstemp", refuse)
    try:
        with pytest.raises(OutputError, match="Permission denied"):
            write_atomic(folder / "x.txt", "x")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_failure_midway_removes_temp_and_keeps_old(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "changes.json"
    target.write_text("old")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="No space left on device") as info:
        write_atomic(target, "new")
    assert "\n" not in str(info.value)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["changes.json"]
