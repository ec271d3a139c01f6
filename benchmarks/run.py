"""``make bench``: speed, memory and alignment quality of rspdiff against plain diff tools.

Every measurement runs in a child process of its own, reaped with ``os.wait4`` so that its peak
resident memory (``ru_maxrss``) is that child's alone, and start-up costs (spaCy, weasyprint) are
counted as a user pays them. Inputs: RSP v1.0 -> v2.0 from ../shared/corpus, and synthetic pairs
4x, 16x and 64x larger with known edits (``synthetic.py``), written to a temporary folder at run
time (no corpus text is ever committed). Baselines on the same inputs: ``git diff --no-index
--word-diff``, Python's difflib over words, and the ``redlines`` package (``pip install redlines``;
skipped with a note when absent).

    python benchmarks/run.py                 # everything (about 20 minutes on 2 cores)
    python benchmarks/run.py --sizes 1,4     # a quicker subset
    python benchmarks/run.py --child stages OLD NEW   # (internal) one measured child
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rspdiff.model import Changelog

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO.parent / "shared" / "corpus"
RSP = CORPUS / "anthropic-rsp"
RSP_OLD = RSP / "v1.0_2023-09-19.md"
RSP_NEW = RSP / "v2.0_2024-10-15.md"
BIN = Path(sys.executable).parent
RSPDIFF = BIN / "rspdiff"
STAGES = ("parse", "align", "classify", "json", "md", "html", "terminal", "pdf")
# A baseline slower than this is stopped and reported as "> N s": difflib and redlines are
# quadratic on long inputs, and the point is made once they exceed rspdiff by a wide margin.
BASELINE_TIMEOUT = 120.0
RSPDIFF_TIMEOUT = 600.0
# Targets from the brief, checked and printed at the end.
TARGET_64X_SECONDS = 60.0
TARGET_64X_BYTES = 2 * 1024**3
TARGET_GROWTH = 100.0
TARGET_HELP_SECONDS = 0.3
TARGET_PDF_SECONDS = 5.0


@dataclass(frozen=True)
class Run:
    """One child process: wall time, peak memory, and what it printed (for the stage children)."""

    seconds: float
    max_rss: int  # bytes
    ok: bool
    stdout: str = ""


@dataclass
class Row:
    label: str
    words: int
    results: dict[str, list[Run]] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=dict)
    quality: dict[str, tuple[int, int]] = field(default_factory=dict)

    def median(self, name: str) -> float | None:
        runs = [r.seconds for r in self.results.get(name, []) if r.ok]
        return statistics.median(runs) if runs else None

    def peak(self, name: str) -> int | None:
        runs = [r.max_rss for r in self.results.get(name, []) if r.ok]
        return max(runs) if runs else None


def measure(cmd: Sequence[str], timeout: float, capture: bool = False) -> Run:
    """Run ``cmd`` as a child; time it and read its own peak RSS from ``wait4``."""
    out = tempfile.TemporaryFile() if capture else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdout=out, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            os.wait4(proc.pid, 0)
            proc.returncode = -9
            return Run(timeout, 0, False)
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = ""
    if capture and not isinstance(out, int):
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
        out.close()
    # git diff exits 1 when the files differ; anything else non-zero is a failure.
    ok = proc.returncode in (0, 1)
    return Run(seconds, usage.ru_maxrss * 1024, ok, text)


# --- children ----------------------------------------------------------------------------------


def child_stages(old: str, new: str, pdf: bool) -> None:
    """Time each stage in one process and print them as JSON (the parent records the peak RSS)."""
    from rspdiff.align import align
    from rspdiff.compare import compare
    from rspdiff.load import load_bytes
    from rspdiff.render.html import to_html
    from rspdiff.render.json import to_json
    from rspdiff.render.markdown import to_markdown
    from rspdiff.render.terminal import to_terminal

    times: dict[str, float] = {}
    t = time.perf_counter()
    a = load_bytes(Path(old).read_bytes(), old)
    b = load_bytes(Path(new).read_bytes(), new)
    times["parse"] = time.perf_counter() - t
    t = time.perf_counter()
    align(a, b)
    times["align"] = time.perf_counter() - t
    t = time.perf_counter()
    cl = compare(a, b)  # aligns again; classify is the rest
    whole = time.perf_counter() - t
    # The first align above also paid one-off costs (SciPy's import, warming the lemma table);
    # compare's own align does not, so it is timed again warm before being subtracted.
    t = time.perf_counter()
    align(a, b)
    times["classify"] = max(0.0, whole - (time.perf_counter() - t))
    renderers: list[tuple[str, Callable[[Changelog], str | bytes]]] = [
        ("json", to_json), ("md", to_markdown), ("html", to_html),
        ("terminal", lambda c: to_terminal(c, color=False)),
    ]
    if pdf:
        from rspdiff.render.pdf import to_pdf

        renderers.append(("pdf", to_pdf))
    for name, fn in renderers:
        t = time.perf_counter()
        fn(cl)
        times[name] = time.perf_counter() - t
    print(json.dumps(times))


def child_quality(old: str, new: str, seed_words: int) -> None:
    """Compare a synthetic pair and print how many known edits were found as the right kind."""
    sys.path.insert(0, str(HERE))
    from synthetic import make_pair, score

    from rspdiff.compare import compare
    from rspdiff.load import load_bytes

    pair = make_pair(CORPUS, seed_words)
    cl = compare(load_bytes(pair.old.encode(), old), load_bytes(pair.new.encode(), new))
    print(json.dumps({k.value: list(v) for k, v in score(cl, pair.edits).items()}))


def child_difflib(old: str, new: str) -> None:
    import difflib

    a = Path(old).read_text(encoding="utf-8").split()
    b = Path(new).read_text(encoding="utf-8").split()
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    print(len(ops))


def child_redlines(old: str, new: str) -> None:
    from redlines import Redlines

    a, b = Path(old).read_text(encoding="utf-8"), Path(new).read_text(encoding="utf-8")
    out = Redlines(a, b).output_markdown
    print(len(out))


# --- the table ---------------------------------------------------------------------------------


def _py(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", *args]


def _fmt_s(x: float | None, failed: bool = False, timeout: float = BASELINE_TIMEOUT) -> str:
    if x is None:
        return f"> {timeout:.0f} s" if failed else "n/a"
    return f"{x:.2f} s" if x < 100 else f"{x:.0f} s"


def _fmt_mb(x: int | None) -> str:
    return "n/a" if x is None else f"{x / 1024**2:.0f} MB"


def _have_redlines() -> bool:
    probe = subprocess.run([sys.executable, "-c", "import redlines"], capture_output=True)
    return probe.returncode == 0


def repeat(cmd: Sequence[str], times: int) -> list[Run]:
    """A baseline ``times`` times, stopping at the first time-out (a second one would only cost time)."""
    runs: list[Run] = []
    for _ in range(times):
        runs.append(measure(cmd, BASELINE_TIMEOUT))
        if not runs[-1].ok:
            break
    return runs


def bench_pair(label: str, old: Path, new: Path, words: int, repeats: int, pdf: bool,
               redlines: bool, quality_words: int | None) -> Row:
    row = Row(label, words)
    cli = [str(RSPDIFF), str(old), str(new), "--no-color"]
    json_cmd = [*cli, "--format", "json"]
    row.results["rspdiff json"] = [measure(json_cmd, RSPDIFF_TIMEOUT) for _ in range(repeats)]
    stage_runs = [measure(_py("stages", str(old), str(new), *(["--pdf"] if pdf else [])), RSPDIFF_TIMEOUT,
                          capture=True) for _ in range(max(1, repeats - 1))]
    row.results["stages"] = stage_runs
    parsed = [json.loads(r.stdout) for r in stage_runs if r.ok and r.stdout.strip()]
    for stage in STAGES:
        vals = [p[stage] for p in parsed if stage in p]
        if vals:
            row.stages[stage] = statistics.median(vals)
    if pdf:
        row.results["rspdiff pdf"] = [
            measure([*cli, "--format", "pdf"], RSPDIFF_TIMEOUT) for _ in range(repeats)
        ]
    base_repeats = max(1, min(repeats, 3))
    row.results["git word-diff"] = repeat(["git", "diff", "--no-index", "--word-diff", str(old), str(new)],
                                          base_repeats)
    row.results["difflib words"] = repeat(_py("difflib", str(old), str(new)), base_repeats)
    if redlines:
        row.results["redlines"] = repeat(_py("redlines", str(old), str(new)), base_repeats)
    if quality_words is not None:
        q = measure(_py("quality", str(old), str(new), str(quality_words)), RSPDIFF_TIMEOUT, capture=True)
        if q.ok and q.stdout.strip():
            row.quality = {k: (v[0], v[1]) for k, v in json.loads(q.stdout).items()}
    return row


def _timed_out(row: Row, name: str) -> bool:
    return any(not r.ok for r in row.results.get(name, []))


def table(rows: list[Row], have_redlines: bool) -> str:
    tools = ["rspdiff json", "git word-diff", "difflib words"] + (["redlines"] if have_redlines else [])
    head = ["pair", "words", *tools, "rspdiff peak", "vs git", "vs difflib"]
    if have_redlines:
        head.append("vs redlines")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        cells = [row.label, f"{row.words:,}"]
        for t in tools:
            cells.append(_fmt_s(row.median(t), _timed_out(row, t),
                                RSPDIFF_TIMEOUT if t.startswith("rspdiff") else BASELINE_TIMEOUT))
        cells.append(_fmt_mb(row.peak("rspdiff json")))
        ours = row.median("rspdiff json")
        for t in tools[1:]:
            theirs = row.median(t)
            if ours and theirs:
                cells.append(f"{ours / theirs:.2f}x")
            elif ours and _timed_out(row, t):
                cells.append(f"< {ours / BASELINE_TIMEOUT:.2f}x")
            else:
                cells.append("n/a")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Stage times in one process (median; 'classify' excludes aligning; renderers start from the")
    lines.append("Changelog; peak is the largest of these processes, PDF included where measured):")
    lines.append("")
    lines.append("| pair | " + " | ".join(STAGES) + " | peak |")
    lines.append("|" + "---|" * (len(STAGES) + 2))
    for row in rows:
        cells = [row.label] + [_fmt_s(row.stages.get(s)) if s in row.stages else "-" for s in STAGES]
        cells.append(_fmt_mb(row.peak("stages")))
        lines.append("| " + " | ".join(cells) + " |")
    quality_rows = [r for r in rows if r.quality]
    if quality_rows:
        kinds = list(quality_rows[0].quality)
        lines.append("")
        lines.append("Alignment quality on synthetic pairs (known edits found as the expected kind):")
        lines.append("")
        lines.append("| pair | " + " | ".join(f"{k} -> {_EXPECT.get(k, '?')}" for k in kinds) + " |")
        lines.append("|" + "---|" * (len(kinds) + 1))
        for row in quality_rows:
            cells = [row.label]
            for k in kinds:
                found, total = row.quality[k]
                cells.append(f"{found}/{total} ({100 * found / total:.0f}%)" if total else "-")
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


_EXPECT = {"reword": "modified", "number": "modified", "delete": "removed", "insert": "added",
           "move": "moved"}


def targets(rows: list[Row], help_s: float) -> str:
    by = {r.label: r for r in rows}
    out = []

    def check(name: str, ok: bool | None, detail: str) -> None:
        mark = "n/a " if ok is None else ("PASS" if ok else "FAIL")
        out.append(f"- [{mark}] {name}: {detail}")

    rsp = by.get("RSP v1.0->v2.0")
    if rsp:
        ours, theirs = rsp.median("rspdiff json"), rsp.median("redlines")
        check("RSP JSON faster than redlines", (ours < theirs) if ours and theirs else None,
              f"{_fmt_s(ours)} vs {_fmt_s(theirs)}")
        pdf = rsp.median("rspdiff pdf")
        check(f"RSP PDF under {TARGET_PDF_SECONDS:.0f} s", (pdf < TARGET_PDF_SECONDS) if pdf else None,
              _fmt_s(pdf))
    big = by.get("synthetic 64x")
    if big:
        s, m = big.median("rspdiff json"), big.peak("rspdiff json")
        check("64x under 60 s", (s < TARGET_64X_SECONDS) if s else None, _fmt_s(s))
        check("64x under 2 GiB", (m < TARGET_64X_BYTES) if m else None, _fmt_mb(m))
        small = by.get("synthetic 1x")
        if small and s and small.median("rspdiff json"):
            ratio = s / small.median("rspdiff json")  # type: ignore[operator]
            check("64x time <= 100x the 1x time", ratio <= TARGET_GROWTH, f"{ratio:.1f}x")
    check(f"rspdiff --help under {TARGET_HELP_SECONDS} s", help_s < TARGET_HELP_SECONDS, f"{help_s:.3f} s")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1,4,16,64", help="synthetic sizes, multiples of RSP v1.0")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--pdf", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "stages":
            child_stages(rest[0], rest[1], args.pdf)
        elif kind == "quality":
            child_quality(rest[0], rest[1], int(rest[2]))
        elif kind == "difflib":
            child_difflib(rest[0], rest[1])
        elif kind == "redlines":
            child_redlines(rest[0], rest[1])
        return 0
    if not RSP_OLD.exists():
        print(f"the corpus is needed at {CORPUS}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(HERE))
    from synthetic import make_pair

    have_redlines = _have_redlines()
    help_runs = [measure([str(RSPDIFF), "--help"], 30) for _ in range(7)]
    help_s = statistics.median(r.seconds for r in help_runs)
    rsp_words = len(RSP_OLD.read_text(encoding="utf-8").split())
    rows: list[Row] = []
    print(f"rspdiff --help: {help_s:.3f} s (median of 7)", file=sys.stderr)
    print("RSP v1.0->v2.0 ...", file=sys.stderr)
    rows.append(bench_pair("RSP v1.0->v2.0", RSP_OLD, RSP_NEW, rsp_words, args.repeats, True, have_redlines,
                           None))
    tmp = Path(tempfile.mkdtemp(prefix="rspdiff-bench-"))
    try:
        for size in (int(s) for s in args.sizes.split(",") if s.strip()):
            print(f"synthetic {size}x ...", file=sys.stderr)
            pair = make_pair(CORPUS, rsp_words * size)
            old, new = tmp / f"old-{size}x.md", tmp / f"new-{size}x.md"
            old.write_text(pair.old, encoding="utf-8")
            new.write_text(pair.new, encoding="utf-8")
            repeats = args.repeats if size <= 16 else 1
            rows.append(bench_pair(f"synthetic {size}x", old, new, pair.words, repeats, size == 1,
                                   have_redlines, rsp_words * size))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(f"rspdiff --help start-up: {help_s:.3f} s (median of 7)")
    print()
    print(table(rows, have_redlines))
    print()
    print("Targets:")
    print(targets(rows, help_s))
    if not have_redlines:
        print("\n(redlines not installed: pip install redlines to add that baseline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
