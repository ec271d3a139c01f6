"""Download a published policy version named in the registry, verify it, and cache it as Markdown.

``rspdiff anthropic-rsp@2.0 anthropic-rsp@2.1`` should work without the user hunting for PDFs.
The registry (``versions/registry.toml``) records, for each version, where it was published and,
when known, the SHA-256 of the file as published, so a changed or tampered file is refused rather
than silently compared.

The cache is ``$XDG_CACHE_HOME/rspdiff/<name>/<version>.md`` with the raw download beside it. A
file appears there only complete and verified: the download goes to a temporary file in the same
folder and is moved into place with ``os.replace`` (atomic on one file system), and every failure
removes what it wrote. Only ``http``/``https`` URLs are followed, downloads are capped in size and
time, and names and versions are restricted to safe characters before they become paths.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from rspdiff.errors import FetchError, InputError

MAX_BYTES = 64 * 1024 * 1024
# ``timeout`` bounds each network wait; a server dripping bytes just fast enough would never trip
# it, so the whole download is also bounded, by this many time-outs (and at least MIN_TOTAL_S).
TOTAL_TIMEOUTS = 20
MIN_TOTAL_S = 60.0
_CHUNK = 64 * 1024
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
_USER_AGENT = "rspdiff/0.1 (+policy changelog tool)"


class Kind(StrEnum):
    """What a download turned out to be (the value is the raw file's extension)."""

    PDF = "pdf"
    HTML = "html"


@dataclass(frozen=True)
class RegistryEntry:
    """One published version as recorded in the registry."""

    name: str
    version: str
    url: str
    sha256: str | None
    date: str | None


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/rspdiff``, else ``~/.cache/rspdiff`` (the XDG default)."""
    base = os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "rspdiff"


def resolve(spec: str) -> tuple[str, str] | None:
    """``"anthropic-rsp@2.0"`` → ``("anthropic-rsp", "2.0")``; ``None`` when ``spec`` is not that form.

    Both parts must be made of letters, digits, ``.``, ``_`` and ``-`` and start with a letter or
    digit, so a resolved spec can never name a path outside the cache (no ``/``, no ``..``).
    """
    name, sep, version = spec.partition("@")
    if not sep or not _is_safe(name) or not _is_safe(version):
        return None
    return name, version


def _is_safe(part: str) -> bool:
    return bool(part) and part[0].isalnum() and part.isascii() and all(c in _SAFE for c in part)


def fetch_command_help() -> str:
    """Help text for ``rspdiff fetch NAME VERSION``, kept beside the code it describes."""
    return (
        "Download a published version listed in the registry, check its SHA-256 when one is "
        "recorded, convert it to Markdown and keep it in the cache "
        f"({cache_dir()}/NAME/VERSION.md). Prints the path of the Markdown file. "
        "A cached, verified copy is reused without network access. "
        "Anywhere a file is expected you may write NAME@VERSION instead."
    )


def lookup(name: str, version: str, registry: Path) -> RegistryEntry:
    """Find ``name``/``version`` in the registry TOML, with an error that lists what is known."""
    try:
        data = tomllib.loads(registry.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise FetchError(f"{registry}: registry file not found") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FetchError(f"{registry}: cannot read registry: {exc}") from exc
    policies = [p for p in data.get("policy", []) if isinstance(p, dict)]
    policy = next((p for p in policies if p.get("name") == name), None)
    if policy is None:
        known = ", ".join(sorted(str(p.get("name")) for p in policies)) or "none"
        raise FetchError(f"{registry}: no policy named {name!r} (known: {known})")
    versions = [v for v in policy.get("version", []) if isinstance(v, dict)]
    entry = next((v for v in versions if str(v.get("version")) == version), None)
    if entry is None:
        known = ", ".join(str(v.get("version")) for v in versions) or "none"
        raise FetchError(f"{registry}: {name} has no version {version!r} (known: {known})")
    url = entry.get("url")
    if not isinstance(url, str) or not url:
        raise FetchError(f"{registry}: {name}@{version} has no url")
    sha = entry.get("sha256")
    return RegistryEntry(
        name=name,
        version=version,
        url=url,
        sha256=str(sha).lower() if sha else None,
        date=str(entry["date"]) if entry.get("date") else None,
    )


def fetch(
    name: str,
    version: str,
    *,
    registry: Path,
    timeout: float = 30.0,
    progress: bool = False,
    url_override: str | None = None,
) -> Path:
    """Return the cached Markdown of ``name@version``, downloading and converting it if needed."""
    if not (_is_safe(name) and _is_safe(version)):
        raise FetchError(f"{name}@{version}: names and versions may only use letters, digits, '.', '_', '-'")
    entry = lookup(name, version, registry)
    url = url_override or entry.url
    folder = cache_dir() / name
    markdown_path = folder / f"{version}.md"
    cached = _cached(markdown_path, entry.sha256)
    if cached is not None:
        return cached
    _check_scheme(url)
    folder_existed = folder.is_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        raw_tmp, digest, content_type = _download(url, folder, timeout, progress, written)
        if entry.sha256 and digest != entry.sha256:
            raise FetchError(
                f"{url}: SHA-256 mismatch for {name}@{version} (expected {entry.sha256}, got {digest}); "
                "the published file changed or was tampered with: not cached"
            )
        kind = _kind_of(url, content_type, raw_tmp)
        markdown = _convert(raw_tmp.read_bytes(), kind, url)
        md_tmp = _temp_file(folder, ".md", written)
        md_tmp.write_text(markdown, encoding="utf-8")
        raw_path = folder / f"{version}.{kind}"
        for stale in (folder / f"{version}.{other}" for other in (Kind.PDF, Kind.HTML) if other != kind):
            stale.unlink(missing_ok=True)
        os.replace(raw_tmp, raw_path)
        os.replace(md_tmp, markdown_path)
        written.clear()
    finally:
        for leftover in written:
            leftover.unlink(missing_ok=True)
        if not folder_existed:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only succeeds when empty, i.e. when the fetch failed
    return markdown_path


def _cached(markdown_path: Path, sha256: str | None) -> Path | None:
    """The cached Markdown when present and, if a checksum is recorded, its raw file still matches it."""
    if not markdown_path.is_file():
        return None
    if sha256 is None:
        return markdown_path
    for kind in (Kind.PDF, Kind.HTML):
        raw = markdown_path.with_suffix(f".{kind}")
        if raw.is_file() and _sha256_file(raw) == sha256:
            return markdown_path
    return None


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check_scheme(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError(f"{url}: only http and https URLs can be fetched")


def _temp_file(folder: Path, suffix: str, written: list[Path]) -> Path:
    handle, name = tempfile.mkstemp(prefix=".partial-", suffix=suffix, dir=folder)
    os.close(handle)
    path = Path(name)
    written.append(path)
    return path


def _download(
    url: str, folder: Path, timeout: float, progress: bool, written: list[Path]
) -> tuple[Path, str, str]:
    """Stream ``url`` into a temporary file; return it, its SHA-256 and the Content-Type."""
    host = urllib.parse.urlsplit(url).hostname or url
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    target = _temp_file(folder, ".download", written)
    digest = hashlib.sha256()
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = str(response.headers.get("Content-Type", "")).lower()
            declared = _declared_length(response.headers.get("Content-Length"))
            if declared is not None and declared > MAX_BYTES:
                raise FetchError(f"{url}: file is {declared} bytes, more than the {MAX_BYTES} byte limit")
            deadline = time.monotonic() + deadline_s(timeout)
            with target.open("wb") as out, _progress_bar(progress, declared, host) as advance:
                total = 0
                while chunk := response.read1(_CHUNK):  # what has arrived, so the deadline is checked
                    if time.monotonic() > deadline:
                        raise FetchError(f"{url}: download too slow, gave up after {deadline_s(timeout):g} s")
                    total += len(chunk)
                    if total > MAX_BYTES:
                        raise FetchError(f"{url}: download exceeds the {MAX_BYTES} byte limit")
                    digest.update(chunk)
                    out.write(chunk)
                    advance(len(chunk))
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: server answered HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FetchError(f"{url}: timed out after {timeout:g} s") from exc
        raise FetchError(f"cannot reach {host}: {exc.reason}; are you offline?") from exc
    except TimeoutError as exc:
        raise FetchError(f"{url}: timed out after {timeout:g} s") from exc
    except OSError as exc:  # refused, reset, DNS failure outside URLError
        raise FetchError(f"cannot reach {host}: {exc}; are you offline?") from exc
    return target, digest.hexdigest(), content_type


def deadline_s(timeout: float) -> float:
    """How long a whole download may take for a given per-wait ``timeout``."""
    return max(TOTAL_TIMEOUTS * timeout, MIN_TOTAL_S)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http/https: urllib would otherwise also follow one to ftp."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme not in {"http", "https"}:
            raise FetchError(f"{req.full_url}: refused redirect to {newurl} (only http and https)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _declared_length(value: str | None) -> int | None:
    if value is None or not value.strip().isdigit():
        return None
    return int(value.strip())


@contextlib.contextmanager
def _progress_bar(enabled: bool, total: int | None, host: str) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on standard error, only when asked for and stderr is a terminal."""
    if not (enabled and sys.stderr.isatty()):
        yield lambda _n: None
        return
    from rich.console import Console
    from rich.progress import DownloadColumn, Progress, TransferSpeedColumn

    columns: tuple[Any, ...] = (*Progress.get_default_columns(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(f"fetching {host}", total=total)
        yield lambda n: bar.advance(task, n)


def _kind_of(url: str, content_type: str, body_path: Path) -> Kind:
    """PDF or HTML, checked against what the URL and headers promised; anything else is refused."""
    with body_path.open("rb") as handle:
        head = handle.read(1024)
    is_pdf = head.lstrip()[:5].startswith(b"%PDF")
    promised_pdf = (
        urllib.parse.urlsplit(url).path.lower().endswith(".pdf") or "application/pdf" in content_type
    )
    if promised_pdf:
        if not is_pdf:
            raise FetchError(f"{url}: expected a PDF but the server sent something else ({_describe(head)})")
        return Kind.PDF
    if is_pdf:
        return Kind.PDF
    if _looks_like_html(head, content_type):
        return Kind.HTML
    raise FetchError(f"{url}: neither a PDF nor an HTML page ({_describe(head)})")


def _looks_like_html(head: bytes, content_type: str) -> bool:
    if "html" in content_type:
        return True
    lowered = head.lower()
    return any(marker in lowered for marker in (b"<!doctype html", b"<html", b"<body", b"<head"))


def _describe(head: bytes) -> str:
    if not head:
        return "an empty body"
    if b"\x00" in head:
        return "binary data"
    snippet = " ".join(head[:40].decode("utf-8", errors="replace").split())
    return f"starts with {snippet!r}"


def _convert(data: bytes, kind: Kind, url: str) -> str:
    try:
        if kind == Kind.PDF:
            from rspdiff.ingest.pdf import pdf_to_text

            return pdf_to_text(data, name=url)
        from rspdiff.ingest.html import html_to_markdown

        return html_to_markdown(data, name=url)
    except InputError as exc:
        raise FetchError(str(exc)) from exc
