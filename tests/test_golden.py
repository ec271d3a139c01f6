"""Golden files: the Markdown and JSON changelogs of the example pair, byte for byte.

They catch any unintended change of output (wording, order, ids, labels). After an intended
change, refresh them with ``make golden`` (which sets RSPDIFF_UPDATE_GOLDEN=1) and review the diff
of tests/golden/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rspdiff.compare import compare
from rspdiff.load import load_bytes
from rspdiff.model import Changelog
from rspdiff.render.json import to_json
from rspdiff.render.markdown import to_markdown

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"


def _example() -> Changelog:
    names = ("versions/example/v1.md", "versions/example/v2.md")
    old, new = (load_bytes((REPO / n).read_bytes(), n) for n in names)
    return compare(old, new)


@pytest.mark.parametrize(("name", "render"), [("example.md", to_markdown), ("example.json", to_json)])
def test_output_matches_golden_file(name: str, render) -> None:
    actual = render(_example())
    path = GOLDEN / name
    if os.environ.get("RSPDIFF_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} missing: run `make golden` to create it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from tests/golden/{name}; if intended, run `make golden`"
