"""The read commands answer in under a second: importing them must not load torch or the models (1-2 s alone)."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["tfkg.cli.query", "tfkg.cli.runs", "tfkg.cli.explain", "tfkg.cli"])
def test_read_commands_do_not_import_torch(module):
    code = f"import sys, {module}; bad = [m for m in ('torch', 'sklearn', 'tfkg.models') if m in sys.modules]; print(bad)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]", f"{module} imports {out}"
