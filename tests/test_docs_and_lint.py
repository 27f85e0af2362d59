"""The docs site builds with no broken link (``mkdocs build --strict``), its generated pages match the code
(``scripts/gen_docs.py --check``), and ruff's pyflakes/pycodestyle checks pass — what CI holds every change to."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1",
                                                                              "PATH": f"{BIN}:/usr/bin:/bin"})


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
