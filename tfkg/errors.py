"""The root of tfkg's own errors: the CLI prints these as one line (exit 1); anything else is a bug and keeps its
traceback (``tfkg --debug`` shows the traceback of these too).

Each subclass also derives from the built-in error it replaces, so ``except ValueError`` keeps working. Every error
class of tfkg is defined here, under ``TfkgError``; the modules that raise them re-export them under their old names."""

from __future__ import annotations

from pathlib import Path


class TfkgError(Exception):
    """Something the user can fix: bad input, missing configuration, data not ingested yet."""


class ConfigError(TfkgError):
    """No usable Neo4j configuration (no server set up, a URI without a password, …)."""


class InputError(TfkgError, ValueError):
    """Bad input: an option, a file's content, a dataset or task that does not fit the request."""


class NotFoundError(TfkgError, LookupError):
    """Something asked for is not in the graph (a gene, a dataset's members, a run): ingest or predict it first."""


class UnknownNameError(TfkgError, KeyError):
    """A name that no registry holds (model, source, protocol, dataset, task, query, parameter)."""

    def __str__(self) -> str:  # KeyError quotes its message; people read this one
        return str(self.args[0]) if self.args else ""


class LeakageError(TfkgError, AssertionError):
    """A training snapshot contains held-out data (an edge, sample or experiment, or a claim on an evaluated pair),
    or misses training data."""


# ---------------------------------------------------------------- every other error of tfkg, by where it is raised
# (each stays importable from its old module: ``tfkg.registry.UnknownName``, ``tfkg.models.base.ParamError``, …)


class UnknownName(UnknownNameError):
    """A name the registry does not hold (the message lists the known ones); raised by ``tfkg.registry``."""


class UnknownQuery(UnknownNameError):
    """No named query of that name (``tfkg.cypher``)."""


class UnknownParameter(InputError):
    """A query was given a parameter it does not declare (a typo would otherwise run as null; ``tfkg.graph.db``)."""


class ParamError(TfkgError, TypeError, ValueError):
    """Unknown, ill-typed or out-of-range model parameters, or an unknown preset (``tfkg.models.base``)."""


class IngestError(TfkgError):
    """Bad input that was not skipped: carries every problem found (``tfkg.ingest.base.Problem``)."""

    def __init__(self, problems: list, quarantine: Path | None):
        self.problems = problems
        self.quarantine = quarantine
        head = "\n".join(str(p) for p in problems[:10])
        more = f"\n… and {len(problems) - 10} more" if len(problems) > 10 else ""
        where = f"\nquarantine report: {quarantine}" if quarantine else ""
        super().__init__(f"{len(problems)} bad row(s); nothing was written.\n{head}{more}{where}")


class IngestRefused(TfkgError):
    """At least one ingest job had bad input and ``skip_bad`` was off: nothing was written (``tfkg.ingest.runner``;
    ``tfkg ingest`` prints every job's problems and exits 2)."""

    def __init__(self, errors: list[tuple[str, IngestError]]):
        self.errors = errors
        super().__init__("\n".join(f"{source}: {e}" for source, e in errors))


class ServerError(TfkgError, RuntimeError):
    """The managed Neo4j cannot be installed, started or reached (``tfkg.graph.server``)."""


class BackupError(TfkgError):
    """A backup or restore that cannot go on (missing server, bad archive, checksum mismatch; ``tfkg.graph.backup``)."""
