"""The command line as a user meets it: outputs, exit codes, and one-line errors on bad input.

A few tests run the installed ``rspdiff`` script in a subprocess, because only there are the real
exit status, standard error and the absence of a traceback visible; the rest use click's CliRunner
in-process, which is much faster (spaCy loads once).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from rspdiff.cli import FILE_NAMES, cli

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "versions" / "example"
V1, V2 = EXAMPLE / "v1.md", EXAMPLE / "v2.md"
RSPDIFF = Path(sys.executable).parent / "rspdiff"
CONTRACT_KEYS = ["schema", "old", "new", "summary", "clauses", "unchanged", "changes"]
CHANGE_KEYS = ["id", "kind", "effect", "confidence", "old", "new", "redline", "signals", "note"]
KINDS = {"modified", "moved", "split", "merged", "added", "removed"}
EFFECTS = {"weakened", "strengthened", "clarified", "mixed"}


Proc = subprocess.CompletedProcess[bytes]


def run(*args: str | Path, stdin: bytes | None = None, timeout: float = 120) -> Proc:
    return subprocess.run([str(RSPDIFF), *map(str, args)], input=stdin, capture_output=True, timeout=timeout)


def invoke(*args: str | Path, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=stdin)


def assert_clean_error(proc: Proc, *words: str) -> str:
    """Exit 2, exactly one line on stderr starting ``rspdiff: error:``, no traceback, nothing on stdout."""
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("rspdiff: error: "), err
    for w in words:
        assert w in lines[0], (w, lines[0])
    assert proc.stdout == b""
    return lines[0]


def assert_clean_error_runner(res: Result, *words: str) -> str:
    """The same check as ``assert_clean_error``, in-process (the exit went through ``sys.exit(2)``)."""
    assert res.exit_code == 2, (res.exit_code, res.output)
    assert isinstance(res.exception, SystemExit), res.exception
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rspdiff: error: "), res.stderr
    assert "Traceback" not in res.stderr
    for w in words:
        assert w in lines[0], (w, lines[0])
    assert res.stdout == ""
    return lines[0]


@pytest.fixture(scope="module")
def example_json() -> dict[str, object]:
    res = invoke(V1, V2, "--format", "json")
    assert res.exit_code == 0, res.output
    data: dict[str, object] = json.loads(res.stdout)
    return data


def check_contract(data: dict[str, object]) -> None:
    assert list(data)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert data["schema"] == "rspdiff/1"
    clauses = data["clauses"]
    assert isinstance(clauses, dict)
    seen_old = [i for pair in data["unchanged"] for i in pair[:1]]  # type: ignore[attr-defined]
    seen_new = [i for pair in data["unchanged"] for i in pair[1:]]  # type: ignore[attr-defined]
    for ch in data["changes"]:  # type: ignore[attr-defined]
        assert list(ch)[: len(CHANGE_KEYS)] == CHANGE_KEYS
        assert ch["kind"] in KINDS and ch["effect"] in EFFECTS
        assert 0.0 <= ch["confidence"] <= 1.0
        assert all(op in ("=", "-", "+") for op, _ in ch["redline"])
        seen_old += [c["id"] for c in ch["old"]]
        seen_new += [c["id"] for c in ch["new"]]
    # Coverage: every clause id of each side exactly once across unchanged and the changes.
    assert sorted(seen_old) == sorted(c["id"] for c in clauses["old"])
    assert sorted(seen_new) == sorted(c["id"] for c in clauses["new"])
    summary = data["summary"]
    assert isinstance(summary, dict)
    assert list(summary) == ["weakened", "strengthened", "clarified", "mixed", "unchanged"]
    assert summary["unchanged"] == len(data["unchanged"])  # type: ignore[arg-type]


# --- the happy paths --------------------------------------------------------------------------


def test_terminal_output_on_example() -> None:
    proc = run(V1, V2, "--no-color")
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr
    assert "\x1b[" not in out  # --no-color (and a pipe) means plain text
    assert "WEAKENED" in out and "STRENGTHENED" in out
    assert "every [-3 -]{+six +}months" in out  # the redline of the evaluation cadence
    assert proc.stderr == b""


def test_json_output_follows_contract(example_json: dict[str, Any]) -> None:
    check_contract(example_json)
    assert example_json["old"]["path"] == str(V1)
    assert example_json["summary"]["weakened"] >= 1
    texts = [" ".join(c["text"] for c in ch["old"]) for ch in example_json["changes"]]
    assert any("every 3 months" in t for t in texts)


def test_output_folder_has_exactly_the_four_files(tmp_path: Path) -> None:
    out = tmp_path / "out" / "nested"
    res = invoke(V1, V2, "-o", out)
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == sorted(FILE_NAMES.values())
    assert (out / "changelog.pdf").read_bytes().startswith(b"%PDF")
    assert "<html" in (out / "changelog.html").read_text(encoding="utf-8").lower()
    check_contract(json.loads((out / "changes.json").read_text(encoding="utf-8")))
    assert (out / "changelog.md").read_text(encoding="utf-8").strip()


def test_output_folder_with_one_format(tmp_path: Path) -> None:
    res = invoke(V1, V2, "-o", tmp_path, "--format", "md")
    assert res.exit_code == 0, res.output
    assert [p.name for p in tmp_path.iterdir()] == ["changelog.md"]


def test_exit_code_flag() -> None:
    assert run(V1, V2, "--exit-code", "--format", "json").returncode == 1  # the real status, once
    assert invoke(V1, V2, "--exit-code", "--format", "json").exit_code == 1
    assert invoke(V1, V1, "--exit-code", "--format", "json").exit_code == 0
    assert invoke(V1, V2, "--format", "json").exit_code == 0  # without the flag, changes are not an error


def test_same_file_has_no_changes() -> None:
    res = invoke(V2, V2, "--format", "json")
    data = json.loads(res.stdout)
    assert data["changes"] == []
    assert data["summary"]["unchanged"] == data["old"]["clauses"] == data["new"]["clauses"]


def test_python_dash_m_help() -> None:
    proc = subprocess.run([sys.executable, "-m", "rspdiff", "--help"], capture_output=True, timeout=60)
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert "rspdiff OLD NEW" in out and "parse" in out


def test_help_does_not_load_heavy_libraries() -> None:
    code = "import sys; from rspdiff.cli import cli; print(sorted(m for m in ('spacy','weasyprint','scipy'," \
           "'rich','jinja2','pdfplumber') if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert proc.stdout.decode().strip() == "[]"


def test_parse_outline_and_json() -> None:
    res = invoke("parse", V1)
    assert res.exit_code == 0
    assert res.stdout.splitlines()[0].startswith("Northwind AI Responsible Scaling Policy")
    assert "2. Capability Evaluations" in res.stdout
    res = invoke("parse", V1, "--format", "json")
    data = json.loads(res.stdout)
    assert data["path"] == str(V1)
    ids = [c["id"] for c in data["clauses"]]
    assert len(ids) == len(set(ids)) > 10


def test_stdin_dash(example_json: dict[str, Any]) -> None:
    res = invoke("parse", "-", stdin=V1.read_bytes())
    assert res.exit_code == 0
    assert "2. Capability Evaluations" in res.stdout
    res = invoke("-", V2, "--format", "json", stdin=V1.read_bytes())
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["old"]["path"] == "<stdin>"
    assert data["old"]["sha256"] == example_json["old"]["sha256"]
    assert data["changes"] == example_json["changes"]


def test_annotations_apply(tmp_path: Path) -> None:
    notes = tmp_path / "notes.toml"
    notes.write_text('[[note]]\nphrase = "every six months"\nnote = "Cadence halved."\neffect = "mixed"\n')
    data = json.loads(invoke(V1, V2, "--format", "json", "--annotations", notes).stdout)
    noted = [ch for ch in data["changes"] if ch["note"] == "Cadence halved."]
    assert len(noted) == 1
    assert noted[0]["editor_effect"] == "mixed"


# --- bad input: one line on stderr, exit 2, no traceback --------------------------------------


def test_missing_file() -> None:
    assert_clean_error(run("no/such/file.md", V2), "no/such/file.md")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    assert_clean_error(run(tmp_path, V2), "folder")


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    assert_clean_error(run(empty, V2), "empty.md")


def test_binary_file(tmp_path: Path) -> None:
    blob = tmp_path / "blob.md"
    blob.write_bytes(bytes(range(256)) * 64)
    proc = run(blob, V2, "--format", "json")
    if proc.returncode == 0:  # tolerated only if it really produced a valid comparison
        check_contract(json.loads(proc.stdout))
    else:
        assert_clean_error(proc)


def test_cp1252_text_decodes(tmp_path: Path) -> None:
    text = V1.read_text(encoding="utf-8").replace("Scope", "Scope \u2014 caf\u00e9 \u201cquoted\u201d")
    old = tmp_path / "v1-cp1252.md"
    old.write_bytes(text.encode("cp1252"))
    res = invoke("parse", old, "--format", "json")
    assert res.exit_code == 0, res.output
    texts = [c["text"] for c in json.loads(res.stdout)["clauses"]]
    assert any("caf\u00e9" in t and "\u201cquoted\u201d" in t for t in texts)


def test_huge_file_is_answered_within_bound(tmp_path: Path) -> None:
    """A 50 MB input gives a result or one clear error (it is over the 16 MB cap), within a bound."""
    big = tmp_path / "big.md"
    para = b"We will evaluate every model for dangerous capabilities before deployment. "
    with big.open("wb") as fh:
        for i in range(50 * 1024 * 1024 // (len(para) * 4 + 20)):
            fh.write(b"## Section %d\n\n" % i + para * 4 + b"\n\n")
    try:
        proc = run("parse", big, timeout=240)
    except subprocess.TimeoutExpired:
        pytest.fail("rspdiff parse on a 50 MB file took more than 240 s")
    if proc.returncode != 0:
        assert_clean_error(proc)


def test_over_the_size_cap(tmp_path: Path) -> None:
    big = tmp_path / "huge.md"
    with big.open("wb") as fh:
        fh.truncate(65 * 1024 * 1024)  # sparse: cheap to make, refused before parsing
    assert_clean_error(run(big, V2, timeout=60), "MB")


def test_unwritable_output_folder(tmp_path: Path) -> None:
    # Tests run as root, where chmod does not stop writes; a path under a regular file always fails.
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    line = assert_clean_error_runner(invoke(V1, V2, "-o", blocker / "sub"))
    assert "a-file" in line


def test_bad_annotations(tmp_path: Path) -> None:
    bad = tmp_path / "notes.toml"
    bad.write_text("[[note]\nchange = \n")
    assert_clean_error(run(V1, V2, "--annotations", bad), "notes.toml")  # real exit status, once
    unknown = tmp_path / "effect.toml"
    unknown.write_text('[[note]]\nphrase = "x"\neffect = "catastrophic"\n')
    assert_clean_error_runner(invoke(V1, V2, "--annotations", unknown), "effect.toml")
    missing = tmp_path / "none.toml"
    assert_clean_error_runner(invoke(V1, V2, "--annotations", missing), "none.toml")


def test_unknown_format_and_option() -> None:
    proc = run(V1, V2, "--format", "docx")
    assert_clean_error(proc, "docx")
    proc = run(V1, V2, "--bogus")
    assert_clean_error(proc, "--bogus")


def test_cli_runner_errors_exit_2(tmp_path: Path) -> None:
    assert_clean_error_runner(invoke(tmp_path / "nope.md", V2), "nope.md")


def test_bare_command_prints_help() -> None:
    proc = run()
    assert proc.returncode == 0
    assert b"rspdiff OLD NEW" in proc.stdout and proc.stderr == b""


def test_usage_error_is_one_line() -> None:
    assert_clean_error(run(V1), "Missing argument")
    assert_clean_error(run(V1, V2, "--format", "xml"), "xml")


def test_history_of_a_missing_path_names_it(tmp_path: Path) -> None:
    assert_clean_error(run("history", tmp_path / "nowhere"), "nowhere", "no such file")
    assert_clean_error(run("history", V1), "at least two versions")
