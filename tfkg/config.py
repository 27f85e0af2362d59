"""Settings: where the managed server lives, how to reach a Neo4j, where secrets are kept.

A *profile* names one managed server (its directory, ports and password). ``default`` is what
people use; ``test`` is a second, disposable server on other ports that the test suite wipes
freely. Select one with ``TFKG_PROFILE`` or ``tfkg --profile``.

Any other Neo4j (Docker, Desktop, Aura) is reached with ``NEO4J_URI``, ``NEO4J_USERNAME``,
``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` (or the matching CLI flags), which win over the
managed server.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import string
from dataclasses import dataclass
from pathlib import Path

from tfkg.errors import ConfigError

NEO4J_VERSION = "5.26.19"
GDS_VERSION = "2.13.9"
APOC_VERSION = "5.26.19"
# The newest Browser release on Maven Central; it is a static web app served by the server.
BROWSER_VERSION = "5.24.0"

# bolt, http ports per profile; test servers "test2", "test3", … (one per pytest-xdist worker of scripts/test.sh)
# sit 100 ports apart above "test", never on a user's default ports
PROFILE_PORTS = {"default": (7687, 7474), "test": (17687, 17474)}


def profile_ports(profile: str) -> tuple[int, int]:
    m = re.fullmatch(r"test([2-9]|[1-9][0-9])", profile)
    if m:
        step = 100 * (int(m.group(1)) - 1)
        return PROFILE_PORTS["test"][0] + step, PROFILE_PORTS["test"][1] + step
    return PROFILE_PORTS.get(profile, PROFILE_PORTS["default"])


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var)
    return Path(value) if value else Path.home() / fallback


def config_dir() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config") / "tfkg"


def cache_dir() -> Path:
    return Path(os.environ["TFKG_CACHE"]) if os.environ.get("TFKG_CACHE") else _xdg("XDG_CACHE_HOME", ".cache") / "tfkg"


def current_profile() -> str:
    return os.environ.get("TFKG_PROFILE", "default")


def data_root() -> Path:
    """The shared public data folder (``../shared/data`` beside the checkout) unless TFKG_DATA says otherwise."""
    if os.environ.get("TFKG_DATA"):
        return Path(os.environ["TFKG_DATA"])
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "shared" / "data", here / "shared" / "data"):
        if candidate.is_dir():
            return candidate
    return here.parent / "shared" / "data"


@dataclass(frozen=True)
class ServerPaths:
    """Layout of a managed server: one shared distribution, one home per profile."""

    profile: str

    @property
    def dist(self) -> Path:
        return cache_dir() / f"neo4j-{NEO4J_VERSION}-gds-{GDS_VERSION}"

    @property
    def home(self) -> Path:
        return cache_dir() / "servers" / self.profile

    @property
    def ports(self) -> tuple[int, int]:
        bolt = os.environ.get("TFKG_BOLT_PORT")
        http = os.environ.get("TFKG_HTTP_PORT")
        default = profile_ports(self.profile)
        return (int(bolt) if bolt else default[0], int(http) if http else default[1])

    @property
    def guide_port(self) -> int:
        """The loopback port of the Browser guide server: the HTTP port + 3 unless TFKG_GUIDE_PORT says."""
        port = os.environ.get("TFKG_GUIDE_PORT")
        return int(port) if port else self.ports[1] + 3

    @property
    def credentials_file(self) -> Path:
        return config_dir() / f"credentials-{self.profile}.json"


def _write_private(path: Path, payload: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(payload, fh)
    os.chmod(path, 0o600)


# letters and digits only: no value a command line, a shell or a URL could read as anything else (token_urlsafe
# begins with '-' once in 64, which neo4j-admin took for an option); 32 of 62 symbols = 190 bits
_PASSWORD_ALPHABET = string.ascii_letters + string.digits


def new_password(n: int = 32) -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(n))


def load_or_create_password(paths: ServerPaths) -> str:
    """The managed server's password: generated once, stored 0600, never printed."""
    f = paths.credentials_file
    if f.exists():
        try:
            return json.loads(f.read_text())["password"]
        except (ValueError, KeyError, TypeError) as e:
            raise ConfigError(f"{f}: not a tfkg credentials file ({type(e).__name__}); delete it to make a new one") from e
    password = new_password()
    _write_private(f, {"username": "neo4j", "password": password})
    return password


@dataclass(frozen=True)
class Connection:
    uri: str
    user: str
    password: str
    database: str
    managed: bool

    def describe(self) -> str:
        kind = "managed" if self.managed else "external"
        return f"{self.uri} (database {self.database}, user {self.user}, {kind})"


def resolve_connection(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    profile: str | None = None,
) -> Connection:
    """CLI flags, then NEO4J_* environment variables, then the managed server of the profile."""
    uri = uri or os.environ.get("NEO4J_URI")
    user = user or os.environ.get("NEO4J_USERNAME") or "neo4j"
    password = password or os.environ.get("NEO4J_PASSWORD")
    database = database or os.environ.get("NEO4J_DATABASE") or "neo4j"
    if uri:
        if not password:
            raise ConfigError("NEO4J_URI is set but no password: set NEO4J_PASSWORD or pass --password.")
        return Connection(uri, user, password, database, managed=False)
    paths = ServerPaths(profile or current_profile())
    if not paths.credentials_file.exists():
        raise ConfigError("No Neo4j configured: run `tfkg db install && tfkg db start`, or set NEO4J_URI/NEO4J_PASSWORD.")
    return Connection(f"bolt://127.0.0.1:{paths.ports[0]}", "neo4j", load_or_create_password(paths), database, managed=True)
