"""The root of tfkg's own errors: the CLI prints these as one line (exit 1); anything else is a bug and keeps its
traceback (``tfkg --debug`` shows the traceback of these too).

Each subclass also derives from the built-in error it replaces, so ``except ValueError`` keeps working."""

from __future__ import annotations


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
