"""Text decoding and format detection for the ingest stage."""

from __future__ import annotations

import codecs

import pytest

from rspdiff.errors import InputError
from rspdiff.ingest import Format, detect_format, to_markdown
from rspdiff.ingest import text as text_mod
from rspdiff.ingest.text import decode


def test_empty_is_refused_with_the_name() -> None:
    with pytest.raises(InputError, match="old.md is empty"):
        decode(b"", "old.md")


def test_whitespace_only_is_empty() -> None:
    with pytest.raises(InputError, match="new.md is empty"):
        decode(b" \n\t\r\n  \n", "new.md")


def test_zero_width_only_is_empty() -> None:
    with pytest.raises(InputError, match="is empty"):
        decode("\u200b\ufeff\n".encode(), "x.md")


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(InputError, match="pic.md looks like a binary file, not text"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "pic.md")


def test_many_control_characters_mean_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(1, 32)) * 10 + b"abc", "blob.txt")


def test_utf8_with_bom() -> None:
    data = codecs.BOM_UTF8 + "Pledge: we shall test — always.\n".encode()
    assert decode(data, "a.md") == "Pledge: we shall test — always.\n"


def test_utf16_with_bom_both_orders() -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + "Ünïcode policy\r\nline two\r\n".encode(codec)
        assert decode(data, "a.md") == "Ünïcode policy\nline two\n"


def test_cp1252_falls_back_and_keeps_smart_quotes() -> None:
    assert decode(b"caf\xe9 \x93quoted\x94", "old.txt") == "café “quoted”"


def test_latin1_when_cp1252_cannot_decode() -> None:
    # 0x81 is undefined in cp1252, so only latin-1 can read it.
    assert decode(b"ab\x81cd \xe9", "x.txt") == "ab\x81cd é"


def test_newlines_and_invisible_characters_are_normalised() -> None:
    raw = "co\u00adop\u200berate\r\nnext\rlast\u2060 word\ufeff".encode()
    assert decode(raw, "x.md") == "cooperate\nnext\nlast word"


def test_over_size_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_mod, "MAX_BYTES", 10)
    with pytest.raises(InputError, match="big.md is too large"):
        decode(b"x" * 11, "big.md")
    assert decode(b"x" * 10, "ok.md") == "x" * 10


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("policy.md", b"# Title", Format.MARKDOWN),
        ("policy.MARKDOWN", b"# Title", Format.MARKDOWN),
        ("notes.txt", b"plain", Format.TEXT),
        ("doc.pdf", b"anything", Format.PDF),
        ("page.HTM", b"anything", Format.HTML),
        ("page.html", b"# but markdown inside", Format.HTML),
        ("-", b"%PDF-1.7\n%\xe2\xe3", Format.PDF),
        ("-", b"  <!DOCTYPE html><html><body>x</body></html>", Format.HTML),
        ("-", b"<html lang='en'>", Format.HTML),
        ("-", b"# Just markdown", Format.MARKDOWN),
        ("download", b"%PDF-1.4", Format.PDF),
        ("archive.unknown", b"<!doctype html>", Format.HTML),
        ("archive.unknown", b"plain words", Format.MARKDOWN),
    ],
)
def test_detect_format(name: str, data: bytes, expected: Format) -> None:
    assert detect_format(name, data) is expected


def test_to_markdown_decodes_text_inputs() -> None:
    assert to_markdown(b"# T\r\n\r\nBody\r\n", "x.md") == "# T\n\nBody\n"
    with pytest.raises(InputError, match="empty"):
        to_markdown(b"   ", "-")
