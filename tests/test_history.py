"""History over the real RSP versions: lineages cover every clause, the cadence commitment is one
lineage, the command runs in one go and --jobs 2 gives byte-identical JSON."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from rspdiff.history import History, history_of_files, version_of
from rspdiff.history_cli import register


@click.group()
def _group() -> None:
    """A stand-in for the rspdiff group."""


register(_group)


def test_version_of_reads_label_and_date() -> None:
    assert version_of(Path("v2.0_2024-10-15.md")) == ("2.0", "2024-10-15")
    assert version_of(Path("notes.md")) == ("notes", None)


@pytest.fixture(scope="module")
def rsp(corpus_dir: Path) -> History:
    return history_of_files([corpus_dir / "anthropic-rsp"], jobs=2)


@pytest.mark.corpus
def test_versions_ordered_and_every_clause_in_one_lineage(rsp: History) -> None:
    dates = [v.date or "" for v in rsp.versions]
    assert len(rsp.versions) == 9 and all(dates) and dates == sorted(dates)
    for i, v in enumerate(rsp.versions):
        ids = [cid for lin in rsp.lineages for n in lin.nodes if n.version == i for cid in n.clause_ids]
        assert sorted(ids) == sorted(c.id for c in v.doc.clauses)


@pytest.mark.corpus
def test_cadence_commitment_is_one_lineage_from_v1(rsp: History) -> None:
    clauses = rsp.versions[0].doc.clauses
    first = [c for c in clauses if "3 months" in c.text and "evaluation" in c.text.lower()]
    assert first, "the v1.0 cadence clause was not found"
    lin = rsp.lineage_of(0, first[0].id)
    assert lin is not None
    v2 = lin.node_at(1)
    assert v2 is not None and "six months" in v2.text.lower()
    assert lin.steps[0].effect is not None  # the step says what the rewrite did


@pytest.mark.corpus
def test_history_cli_json_identical_with_two_jobs(corpus_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    folder = str(corpus_dir / "anthropic-rsp")
    for jobs in ("1", "2"):
        result = runner.invoke(_group, ["history", folder, "--format", "json", "-o", str(tmp_path / jobs),
                                        "--jobs", jobs])
        assert result.exit_code == 0, result.output
    one = (tmp_path / "1" / "history.json").read_bytes()
    assert one == (tmp_path / "2" / "history.json").read_bytes()
    data = json.loads(one)
    assert data["schema"] == "rspdiff-history/1" and len(data["steps"]) == 8


@pytest.mark.corpus
def test_history_cli_terminal_and_markdown(corpus_dir: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(_group, ["history", str(corpus_dir / "anthropic-rsp")])
    assert out.exit_code == 0 and "v2.1--v2.2" in out.output and "Unannounced" in out.output


def test_history_cli_error_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(_group, ["history", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "error" in result.output
