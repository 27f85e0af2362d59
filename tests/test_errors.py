"""tfkg's errors: one hierarchy under ``TfkgError``, defined in ``tfkg/errors.py`` (what the CLI prints as one line)."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import tfkg
from tfkg import errors

ROOT = Path(tfkg.__file__).parent


def _exception_classes_outside_errors() -> list[str]:
    """Classes anywhere in tfkg but errors.py whose bases name an error (``…Error``, ``Exception``, ``…Refused``)."""
    found = []
    for path in ROOT.rglob("*.py"):
        if path == ROOT / "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef):
                bases = [ast.unparse(b).rsplit(".", 1)[-1] for b in node.bases]
                if any(b.endswith(("Error", "Exception", "Refused")) or b in ("UnknownName", "UnknownQuery") for b in bases):
                    found.append(f"{path.relative_to(ROOT.parent)}:{node.name}")
    return found


def test_every_error_class_lives_in_errors_py():
    assert not _exception_classes_outside_errors(), "define error classes in tfkg/errors.py (re-export them where raised)"


def test_every_error_is_a_tfkg_error():
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, BaseException)]
    assert len(classes) > 5
    assert all(issubclass(c, errors.TfkgError) for c in classes), [c for c in classes if not issubclass(c, errors.TfkgError)]


def test_old_names_stay_importable():
    from tfkg.cypher import UnknownQuery
    from tfkg.graph.backup import BackupError
    from tfkg.graph.db import UnknownParameter
    from tfkg.graph.server import ServerError
    from tfkg.ingest.base import IngestError
    from tfkg.ingest.runner import IngestRefused
    from tfkg.models.base import ParamError
    from tfkg.registry import UnknownName

    for c in (UnknownQuery, BackupError, UnknownParameter, ServerError, IngestError, IngestRefused, ParamError, UnknownName):
        assert c is getattr(errors, c.__name__)
