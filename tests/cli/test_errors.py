"""One error root: tfkg's own errors end as one line (exit 1); any other exception is a bug and keeps its
traceback; ``--debug`` shows the traceback of tfkg's errors too."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tfkg.cli import ls as ls_cmds
from tfkg.cli import main
from tfkg.errors import InputError, NotFoundError, TfkgError, UnknownNameError
from tfkg.models.base import ParamError
from tfkg.registry import UnknownName


def test_the_error_family_keeps_the_builtin_bases():
    for cls, builtin in (
        (InputError, ValueError),
        (NotFoundError, LookupError),
        (UnknownNameError, KeyError),
        (UnknownName, KeyError),
        (ParamError, ValueError),
    ):
        assert issubclass(cls, TfkgError) and issubclass(cls, builtin)
    assert str(UnknownNameError("unknown model 'x'")) == "unknown model 'x'"  # not KeyError's quoted repr


def test_a_tfkg_error_is_one_line():
    r = CliRunner().invoke(main, ["models", "no-such-model"])
    assert r.exit_code == 1 and r.output.startswith("Error: unknown model 'no-such-model'; known: ")
    assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1


@pytest.mark.parametrize("bug", [KeyError("columns"), TypeError("bad call")])
def test_a_bug_keeps_its_traceback(monkeypatch, bug):
    def broken():
        raise bug

    monkeypatch.setitem(ls_cmds.KINDS, "tasks", broken)
    r = CliRunner().invoke(main, ["ls", "tasks"])
    assert r.exit_code == 1 and r.exception is bug  # not turned into a one-line "Error: …"


def test_debug_shows_the_traceback_of_tfkg_errors(monkeypatch):
    monkeypatch.setenv("TFKG_DEBUG", "")  # --debug sets it for the process: monkeypatch restores its absence
    r = CliRunner().invoke(main, ["--debug", "models", "no-such-model"])
    assert isinstance(r.exception, UnknownName)
