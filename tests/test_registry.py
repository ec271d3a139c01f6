"""The registry of published versions and the example pair are data others rely on: check them.

The registry is read by history and demo code, and EXPECTED.md is the answer key for the tests of
the aligner and classifier, so a typo in either would silently corrupt other tests.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
REGISTRY = REPO / "versions" / "registry.toml"
EXAMPLE = REPO / "versions" / "example"

RSP_VERSIONS = ["1.0", "2.0", "2.1", "2.2", "3.0", "3.1", "3.2", "3.3", "3.4"]
KINDS = {"unchanged", "modified", "moved", "split", "merged", "added", "removed"}
EFFECTS = {"weakened", "strengthened", "clarified", "mixed"}
SIGNALS = {
    "modality",
    "quantity",
    "hedge",
    "intensifier",
    "scope",
    "oversight",
    "specificity",
    "exception",
    "clause",
    "-",
}
POLICY_FIELDS = {"name", "publisher", "title", "version"}
VERSION_FIELDS = {
    "version",
    "date",
    "title",
    "url",
    "sha256",
    "corpus_file",
    "announcement_url",
    "redline_url",
    "note",
}


def _policies() -> list[dict[str, Any]]:
    with REGISTRY.open("rb") as fh:
        data = tomllib.load(fh)
    policies = data["policy"]
    assert isinstance(policies, list)
    return policies


def _versions() -> list[tuple[str, dict[str, Any]]]:
    return [(p["name"], v) for p in _policies() for v in p["version"]]


def _flat(text: str) -> str:
    """Collapse whitespace, since EXPECTED.md quotes hard-wrapped phrases on one line."""
    return " ".join(text.split())


def test_registry_parses_with_known_fields_only() -> None:
    policies = _policies()
    assert len(policies) >= 6
    names = [p["name"] for p in policies]
    assert len(names) == len(set(names))
    for policy in policies:
        assert set(policy) == POLICY_FIELDS, policy["name"]
        assert policy["publisher"] and policy["title"]
        for version in policy["version"]:
            assert set(version) <= VERSION_FIELDS, (policy["name"], version)
            assert isinstance(version["version"], str) and version["version"]


def test_dates_are_iso_and_strictly_increasing() -> None:
    for policy in _policies():
        dates = [dt.date.fromisoformat(v["date"]) for v in policy["version"]]
        for v in policy["version"]:
            assert len(v["date"]) == 10, v["date"]  # YYYY-MM-DD, not a compact ISO form
        assert all(a < b for a, b in zip(dates, dates[1:], strict=False)), policy["name"]


def test_rsp_has_its_nine_published_versions() -> None:
    rsp = next(p for p in _policies() if p["name"] == "anthropic-rsp")
    assert [v["version"] for v in rsp["version"]] == RSP_VERSIONS
    assert rsp["version"][0]["date"] == "2023-09-19"
    assert rsp["version"][-1]["date"] == "2026-07-08"


def test_urls_are_https_and_a_missing_url_is_explained() -> None:
    for name, version in _versions():
        for key in ("url", "announcement_url", "redline_url"):
            if key in version:
                assert version[key].startswith("https://"), (name, version["version"], key)
                assert "..." not in version[key] and " " not in version[key]
        if "url" not in version:
            assert version.get("note"), (name, version["version"])


def test_sha256_when_present_is_a_hex_digest() -> None:
    for _name, version in _versions():
        if "sha256" in version:
            digest = version["sha256"]
            assert len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)


@pytest.mark.corpus
def test_every_corpus_file_exists(corpus_dir: Path) -> None:
    listed = [(n, v["corpus_file"]) for n, v in _versions() if "corpus_file" in v]
    assert len(listed) >= 20
    for name, rel in listed:
        assert not Path(rel).is_absolute() and ".." not in Path(rel).parts
        assert rel.split("/")[0] == name, rel
        assert (corpus_dir / rel).is_file(), rel


@pytest.mark.corpus
def test_every_frontier_corpus_file_is_registered(corpus_dir: Path) -> None:
    """A version added to the corpus should be added here too, or this test names it."""
    registered = {v["corpus_file"] for _n, v in _versions() if "corpus_file" in v}
    for policy in _policies():
        folder = corpus_dir / policy["name"]
        if folder.is_dir():
            on_disk = {
                f"{policy['name']}/{f.name}"
                for f in folder.glob("*.md")
                if f.name != "CHANGES-from-source.md"
            }
            assert on_disk <= registered, sorted(on_disk - registered)


# --- the example pair -------------------------------------------------------------------------------


def _example(name: str) -> str:
    return (EXAMPLE / name).read_bytes().decode("utf-8")  # strict: raises on invalid UTF-8


def test_example_pair_is_markdown_with_title_and_version_line() -> None:
    for name, version in (("v1.md", "Version 1.0"), ("v2.md", "Version 2.0")):
        text = _example(name)
        lines = text.splitlines()
        assert lines[0].startswith("# "), name
        assert any(line.startswith(version) for line in lines[:5]), name
        assert "\r" not in text and text.endswith("\n")
        for marker in ("## 1. ", "### 2.1. ", "\n- ", "\n| ", "[^1]: "):
            assert marker in text, (name, marker)
    assert _example("v1.md") != _example("v2.md")


def _expected_rows() -> list[dict[str, str]]:
    rows = []
    for line in _example("EXPECTED.md").splitlines():
        if not line.startswith("| C"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        assert len(cells) == 8, line
        keys = ("id", "section", "kind", "effect", "signal", "old", "new", "note")
        rows.append(dict(zip(keys, cells, strict=True)))
    return rows


def _quoted(cell: str) -> str | None:
    if cell == "-":
        return None
    assert cell.startswith("`") and cell.endswith("`"), cell
    return cell[1:-1]


def test_expected_rows_use_model_vocabulary() -> None:
    rows = _expected_rows()
    assert [r["id"] for r in rows] == [f"C{i:02d}" for i in range(1, len(rows) + 1)]
    assert len(rows) >= 14
    for row in rows:
        assert row["kind"] in KINDS and row["effect"] in EFFECTS and row["signal"] in SIGNALS, row
    kinds = {r["kind"] for r in rows}
    assert {"modified", "moved", "split", "added", "removed"} <= kinds
    assert {r["effect"] for r in rows} == {"weakened", "strengthened", "clarified"}


def test_expected_phrases_are_in_the_versions_they_name() -> None:
    v1, v2 = _flat(_example("v1.md")), _flat(_example("v2.md"))
    for row in _expected_rows():
        old, new = _quoted(row["old"]), _quoted(row["new"])
        if row["kind"] == "added":
            assert old is None and new is not None and new in v2 and new not in v1, row["id"]
        elif row["kind"] == "removed":
            assert new is None and old is not None and old in v1 and old not in v2, row["id"]
        elif row["kind"] == "moved":
            assert old == new and old is not None and old in v1 and old in v2, row["id"]
        else:
            assert old is not None and new is not None, row["id"]
            assert old in v1 and old not in v2, row["id"]
            assert new in v2 and new not in v1, row["id"]


def test_moved_paragraph_changes_section() -> None:
    """The moved paragraph must sit under a different heading in v2, or it is not a move."""
    moved = next(r for r in _expected_rows() if r["kind"] == "moved")
    phrase = _quoted(moved["old"])
    assert phrase is not None

    def section_of(text: str) -> str:
        flat = _flat(text)
        before = flat[: flat.index(phrase)]
        return before[before.rindex("## ") :].split(" ", 2)[1]

    assert section_of(_example("v1.md")) == "5."
    assert section_of(_example("v2.md")) == "4."
