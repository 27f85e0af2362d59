"""The root of tfkg's own errors: the CLI prints these as one line (exit 1); anything else is a bug and keeps its
traceback."""
from __future__ import annotations


class TfkgError(Exception):
    """Something the user can fix: bad input, missing configuration, data not ingested yet."""


class ConfigError(TfkgError):
    """No usable Neo4j configuration (no server set up, a URI without a password, …)."""
