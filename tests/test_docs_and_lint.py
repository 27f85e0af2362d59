"""The docs site builds with no broken link (``mkdocs build --strict``), its generated pages match the code
(``scripts/gen_docs.py --check``), ruff's lint and format checks pass and mypy passes on tfkg/: what CI holds
every change to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}:/usr/bin:/bin"}
    )


def test_generated_docs_are_current():
    r = _run(sys.executable, "scripts/gen_docs.py", "--check")
    assert r.returncode == 0, r.stderr + r.stdout


def test_docs_site_builds_strict(tmp_path):
    r = _run(str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert r.returncode == 0, r.stderr[-3000:]
    assert (tmp_path / "site" / "cli" / "index.html").read_text().count("tfkg ingest") > 0


def test_ruff_passes():
    r = _run(str(BIN / "ruff"), "check", "tfkg", "tests", "benchmarks", "scripts")
    assert r.returncode == 0, r.stdout[-3000:]


def test_ruff_format_holds():
    r = _run(str(BIN / "ruff"), "format", "--check", "tfkg", "tests", "benchmarks", "scripts")
    assert r.returncode == 0, "run `ruff format tfkg tests benchmarks scripts`:\n" + r.stdout[-3000:]


def test_mypy_passes():
    """mypy checks tfkg/ with the configuration in pyproject.toml ([tool.mypy])."""
    r = _run(str(BIN / "mypy"), "tfkg")
    assert r.returncode == 0, r.stdout[-3000:]


def test_a_result_table_follows_its_csv(tmp_path):
    """docs/results/NAME.md is what NAME.csv renders to: change a number in the CSV and the table changes (so the
    committed-table check above fails until the page is regenerated)."""
    import shutil

    sys.path.insert(0, str(ROOT))
    from benchmarks.results import RESULTS, render

    names = sorted(p.stem for p in RESULTS.glob("*.json"))
    assert names, "no published result in docs/results"
    for name in names:
        assert (RESULTS / f"{name}.md").read_text() == render(name)
        shutil.copy(RESULTS / f"{name}.json", tmp_path)
        csv = (RESULTS / f"{name}.csv").read_text().splitlines()
        first = csv[1].split(",")
        i = next(k for k, v in enumerate(first) if v.replace(".", "", 1).isdigit() and "." in v)
        first[i] = "0.123456"
        (tmp_path / f"{name}.csv").write_text("\n".join([csv[0], ",".join(first), *csv[2:]]) + "\n")
        assert render(name, tmp_path) != render(name)
