"""Fetching registry versions, against a real HTTP server on 127.0.0.1 started by the tests.

No test touches any non-loopback address: every registry written here points at the local server
(or at a closed local port, to play "offline").
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rspdiff import fetch as fetch_module
from rspdiff.errors import FetchError
from rspdiff.fetch import cache_dir, fetch, fetch_command_help, resolve

SLEEP = 1.5  # longer than the 0.5 s time-out used below


@dataclass
class Route:
    body: bytes
    status: int = 200
    content_type: str = "application/pdf"
    delay_headers: float = 0.0
    delay_body: float = 0.0
    drip_size: int = 1 << 30
    drip_delay: float = 0.0


@dataclass
class Site:
    base: str
    routes: dict[str, Route | Redirect]
    hits: list[str] = field(default_factory=list)


@dataclass
class Redirect:
    location: str


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:  # noqa: N802 - name fixed by http.server
        site = self.server.site  # type: ignore[attr-defined]
        site.hits.append(self.path)
        route = site.routes.get(self.path, Route(b"no such page", 404, "text/plain"))
        if isinstance(route, Redirect):
            self.send_response(302)
            self.send_header("Location", route.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        try:
            time.sleep(route.delay_headers)
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body[:10])
            self.wfile.flush()
            time.sleep(route.delay_body)
            for start in range(10, len(route.body), route.drip_size):
                self.wfile.write(route.body[start : start + route.drip_size])
                self.wfile.flush()
                time.sleep(route.drip_delay)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first, which is what the time-out tests want

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature fixed
        return


def _pdf(text: str) -> bytes:
    import weasyprint

    html = "<html><body><h1>Tiny Policy</h1><p>" + text + "</p></body></html>"
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    pdf = _pdf("We will review this policy every year.")
    routes: dict[str, Route | Redirect] = {
        "/policy.pdf": Route(pdf),
        "/tampered.pdf": Route(pdf),
        "/slow.pdf": Route(pdf, delay_headers=SLEEP),
        "/slow-body.pdf": Route(pdf, delay_body=SLEEP),
        "/error-page.pdf": Route(b"<html><body>Sorry, moved</body></html>", 200, "text/html"),
        "/policy": Route(
            b"<html><head><script>alert(1)</script></head><body><nav>Menu</nav>"
            b"<main><h1>Web Policy</h1><p>We keep logs for 30 days.</p></main></body></html>",
            200,
            "text/html; charset=utf-8",
        ),
        "/drip.pdf": Route(pdf, drip_size=256, drip_delay=0.05),
        "/moved.pdf": Redirect("/policy.pdf"),
        "/to-ftp.pdf": Redirect("ftp://127.0.0.1/policy.pdf"),
        "/to-file.pdf": Redirect("file:///etc/passwd"),
        "/blob": Route(b"\x00\x01\x02 binary", 200, "application/octet-stream"),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    site = Site(base=f"http://127.0.0.1:{server.server_address[1]}", routes=routes)
    server.site = site  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "rspdiff"


def _registry(tmp_path: Path, versions: dict[str, tuple[str, str | None]]) -> Path:
    """A registry with one policy ``tiny``: version → (url, sha256 or None)."""
    lines = ["[[policy]]", 'name = "tiny"', 'publisher = "Test"', 'title = "Tiny Policy"', ""]
    for version, (url, sha) in versions.items():
        lines += ["[[policy.version]]", f'version = "{version}"', 'date = "2024-01-01"', f'url = "{url}"']
        if sha is not None:
            lines.append(f'sha256 = "{sha}"')
        lines.append("")
    path = tmp_path / "registry.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _files(cache: Path) -> list[Path]:
    return sorted(path for path in cache.rglob("*") if path.is_file()) if cache.exists() else []


def test_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "rspdiff"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "rspdiff"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("anthropic-rsp@2.0", ("anthropic-rsp", "2.0")),
        ("gdm_fsf@v3.1-draft", ("gdm_fsf", "v3.1-draft")),
        ("anthropic-rsp", None),
        ("old.md", None),
        ("@2.0", None),
        ("anthropic-rsp@", None),
        ("../etc@passwd", None),
        ("rsp@../../x", None),
        ("dir/rsp@2.0", None),
        ("rsp@2.0@3", None),
        ("rsp@.hidden", None),
    ],
)
def test_resolve(spec: str, expected: tuple[str, str] | None) -> None:
    assert resolve(spec) == expected


def test_fetch_pdf_verifies_converts_and_caches(site: Site, cache: Path, tmp_path: Path) -> None:
    route = site.routes["/policy.pdf"]
    assert isinstance(route, Route)
    body = route.body
    registry = _registry(tmp_path, {"1.0": (site.base + "/policy.pdf", hashlib.sha256(body).hexdigest())})
    path = fetch("tiny", "1.0", registry=registry, timeout=5)
    assert path == cache / "tiny" / "1.0.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("[[page 1]]")
    assert "## Tiny Policy" in text.splitlines()
    assert "We will review this policy every year." in text
    assert (cache / "tiny" / "1.0.pdf").read_bytes() == body
    assert _files(cache) == [cache / "tiny" / "1.0.md", cache / "tiny" / "1.0.pdf"]  # no temp files left
    # A verified cached copy is reused without asking the server again.
    hits = len(site.hits)
    assert fetch("tiny", "1.0", registry=registry, timeout=5) == path
    assert len(site.hits) == hits


def test_fetch_html_page_converts_main_content(site: Site, cache: Path, tmp_path: Path) -> None:
    registry = _registry(tmp_path, {"2024": (site.base + "/policy", None)})
    text = fetch("tiny", "2024", registry=registry, timeout=5).read_text(encoding="utf-8")
    assert text == "# Web Policy\n\nWe keep logs for 30 days.\n"
    assert (cache / "tiny" / "2024.html").is_file()


def test_http_redirect_is_followed(site: Site, cache: Path, tmp_path: Path) -> None:
    registry = _registry(tmp_path, {"1.0": (site.base + "/moved.pdf", None)})
    assert "## Tiny Policy" in fetch("tiny", "1.0", registry=registry, timeout=5).read_text(encoding="utf-8")


def test_url_override_is_used(site: Site, cache: Path, tmp_path: Path) -> None:
    registry = _registry(tmp_path, {"1.0": (site.base + "/missing.pdf", None)})
    path = fetch("tiny", "1.0", registry=registry, timeout=5, url_override=site.base + "/policy.pdf")
    assert "We will review this policy every year." in path.read_text(encoding="utf-8")


def test_checksum_mismatch_is_refused_and_nothing_cached(site: Site, cache: Path, tmp_path: Path) -> None:
    registry = _registry(tmp_path, {"1.0": (site.base + "/tampered.pdf", "0" * 64)})
    with pytest.raises(FetchError, match="SHA-256 mismatch for tiny@1.0"):
        fetch("tiny", "1.0", registry=registry, timeout=5)
    assert _files(cache) == []


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("/missing.pdf", r"HTTP 404"),
        ("/slow.pdf", r"timed out after 0.5 s"),
        ("/slow-body.pdf", r"timed out after 0.5 s"),
        ("/error-page.pdf", r"expected a PDF but the server sent something else \(starts with '<html>"),
        ("/to-ftp.pdf", r"refused redirect to ftp://127\.0\.0\.1/policy\.pdf"),
        ("/to-file.pdf", r"(refused redirect to file:)|(HTTP 302)"),
        ("/blob", r"neither a PDF nor an HTML page \(binary data\)"),
    ],
)
def test_failures_are_clear_and_leave_nothing(
    site: Site, cache: Path, tmp_path: Path, route: str, message: str
) -> None:
    registry = _registry(tmp_path, {"1.0": (site.base + route, None)})
    with pytest.raises(FetchError, match=message) as info:
        fetch("tiny", "1.0", registry=registry, timeout=0.5)
    assert "\n" not in str(info.value)
    assert _files(cache) == []


def test_unreachable_host_says_offline(cache: Path, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a loopback port that nobody listens on once closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    registry = _registry(tmp_path, {"1.0": (f"http://127.0.0.1:{port}/policy.pdf", None)})
    with pytest.raises(FetchError, match=r"^cannot reach 127\.0\.0\.1: .*; are you offline\?$"):
        fetch("tiny", "1.0", registry=registry, timeout=2)
    assert _files(cache) == []


def test_size_cap(site: Site, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch_module, "MAX_BYTES", 100)
    registry = _registry(tmp_path, {"1.0": (site.base + "/policy.pdf", None)})
    with pytest.raises(FetchError, match="100 byte limit"):
        fetch("tiny", "1.0", registry=registry, timeout=5)
    assert _files(cache) == []


def test_registry_errors(cache: Path, tmp_path: Path) -> None:
    registry = _registry(
        tmp_path, {"1.0": ("file:///etc/passwd", None), "2.0": ("http://127.0.0.1:9/x", None)}
    )
    with pytest.raises(FetchError, match=r"no policy named 'other' \(known: tiny\)"):
        fetch("other", "1.0", registry=registry)
    with pytest.raises(FetchError, match=r"tiny has no version '9' \(known: 1.0, 2.0\)"):
        fetch("tiny", "9", registry=registry)
    with pytest.raises(FetchError, match="only http and https"):
        fetch("tiny", "1.0", registry=registry)
    with pytest.raises(FetchError, match="registry file not found"):
        fetch("tiny", "1.0", registry=tmp_path / "absent.toml")
    with pytest.raises(FetchError, match="may only use letters"):
        fetch("tiny", "../1.0", registry=registry)
    assert _files(cache) == []


def test_help_mentions_the_cache(cache: Path) -> None:
    assert str(cache) in fetch_command_help()


def test_progress_stays_off_piped_stderr(
    site: Site, cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = _registry(tmp_path, {"1.0": (site.base + "/policy.pdf", None)})
    fetch("tiny", "1.0", registry=registry, timeout=5, progress=True)
    assert capsys.readouterr().err == ""  # captured stderr is not a terminal


def test_dripping_server_hits_the_total_deadline(
    site: Site, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch_module, "TOTAL_TIMEOUTS", 1)
    monkeypatch.setattr(fetch_module, "MIN_TOTAL_S", 0.3)
    registry = _registry(tmp_path, {"1.0": (site.base + "/drip.pdf", None)})
    with pytest.raises(FetchError, match=r"download too slow, gave up after 0.5 s"):
        fetch("tiny", "1.0", registry=registry, timeout=0.5)  # each read is quick: only the total trips
    assert _files(cache) == []
