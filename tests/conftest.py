"""Shared fixtures: where the read-only corpus lives, and how a missing one is handled.

The corpus is not ours to publish, so it is read from ../shared/corpus at run time. Without it the
corpus tests skip with a reason; with RSPDIFF_REQUIRE_CORPUS=1 (set by .ci/run) they fail instead,
so CI can never go green by skipping them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
GOLD = REPO.parent / "shared" / "gold"
EXAMPLE = REPO / "versions" / "example"
SHOTS = REPO / "output" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium as root, headless, with nothing phoning home (this machine's network is closed,
# and background connections would only log errors).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _need(path: Path, what: str) -> Path:
    if path.is_dir():
        return path
    reason = f"{what} not found at {path} (it lives in ../shared beside the repository)"
    if os.environ.get("RSPDIFF_REQUIRE_CORPUS") == "1":
        pytest.fail(reason + " and RSPDIFF_REQUIRE_CORPUS=1", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return _need(CORPUS, "the corpus")


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return _need(GOLD, "the gold set")


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never `playwright install`).

    Skips when Chromium is missing, unless RSPDIFF_REQUIRE_BROWSER=1 (set by .ci/run), where a
    missing browser fails instead.
    """
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}"
        if os.environ.get("RSPDIFF_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " and RSPDIFF_REQUIRE_BROWSER=1", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
