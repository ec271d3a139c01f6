"""Turn the raw bytes of a text or Markdown input into clean ``str``.

Policy files arrive from many tools: saved web pages in cp1252, PDF extractions sprinkled with
zero-width joiners, Windows line endings. Everything downstream compares words, so invisible
characters and newline styles must be gone before a single clause is cut; otherwise two identical
sentences would differ. Binary or empty input is refused with a message naming the file, because
diffing a JPEG as text gives a confident-looking but meaningless changelog.
"""

from __future__ import annotations

import codecs

from rspdiff.errors import InputError

# The largest input accepted. The longest policies and laws are under 1 MB of text; at 16 MB
# (about 2.5 million words, four times the 64x benchmark pair) a comparison still ends in minutes
# and a few GB, while a 50 MB input would run for long minutes: refused at once instead.
MAX_BYTES = 16 * 1024 * 1024

# Characters that carry no visible text but split words for a comparer: zero-width space,
# non-joiner, joiner, word joiner, byte-order mark, and the soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# Share of control characters (other than tab, newline, carriage return, form feed) above which
# the input is taken for binary data mis-named as text.
_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")


def _looks_binary(data: bytes) -> bool:
    """NUL bytes never occur in text (UTF-16 is recognised by its BOM before this check)."""
    if b"\x00" in data:
        return True
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and chr(b) not in _ALLOWED_CONTROLS)
    return controls > _CONTROL_SHARE * len(sample)


def _to_str(data: bytes) -> str:
    """Decode by BOM, then strict UTF-8, then cp1252 (the usual Windows culprit), then latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def decode(data: bytes, name: str) -> str:
    """Bytes -> text with ``\\n`` newlines and no invisible characters, or an ``InputError``."""
    if len(data) > MAX_BYTES:
        raise InputError(
            f"{name} is too large ({len(data)} bytes; the limit is {MAX_BYTES} bytes)"
        )
    is_utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not is_utf16 and _looks_binary(data):
        raise InputError(f"{name} looks like a binary file, not text")
    text = _to_str(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    if not text.strip():
        raise InputError(f"{name} is empty")
    if is_utf16 and "\x00" in text:
        raise InputError(f"{name} looks like a binary file, not text")
    return text
