"""Backup and restore of the managed server's graph: Neo4j's own offline ``neo4j-admin database dump|load``
(Community Edition dumps a stopped database, so the server is stopped around it and started again if it was
running), plus the files the graph points to — expression matrices, sample tables, knockout profiles, saved
models — in one tar archive with a manifest of sha256 checksums and the node/relationship counts.

A restore checks every checksum before it changes anything, loads the dump over the profile's database, puts the
files back at their recorded paths, starts the server and compares the counts with the manifest.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tfkg import config
from tfkg.errors import BackupError
from tfkg.graph import server
from tfkg.ingest.base import sha256

ADMIN = "org.neo4j.server.startup.Neo4jAdminCommand"
MANIFEST = "manifest.json"
DUMP = "neo4j.dump"


def _counts(g) -> dict:
    labels = {r["label"]: r["count"] for r in g.run("stats_labels")}
    rels = {f"{r['type']}|{r['source']}": r["count"] for r in g.run("stats_relationships")}
    return {"labels": labels, "relationships": rels}


def _files_of(entries: list[dict], models: bool) -> list[tuple[str, Path]]:
    """(kind, file) for every existing file the graph points to; a model path is a folder of files."""
    out = []
    for e in entries:
        if e["kind"] == "model" and not models:
            continue
        p = Path(e["path"])
        if p.is_dir():
            out += [(e["kind"], f) for f in sorted(p.rglob("*")) if f.is_file()]
        elif p.is_file():
            out.append((e["kind"], p))
    return sorted(set(out), key=lambda x: str(x[1]))


def backup(out: Path, *, models: bool = True, log: Callable[[str], None] = print, guide: server.Guide | None = None) -> dict:
    """Write the managed server's graph and its files to the tar archive ``out``; return the manifest. The server is
    started again with ``guide`` (the Browser guide, :class:`tfkg.graph.server.Guide`)."""
    from tfkg.graph.db import connect

    paths = config.ServerPaths(config.current_profile())
    if not server.is_installed(paths):
        raise BackupError("no managed Neo4j to back up: run `tfkg db install` first")
    out = Path(out)
    if out.exists():
        raise BackupError(f"{out} exists; choose a new archive path")
    was_running = server.is_running(paths)
    if not was_running:
        log("starting the server to list the files the graph points to")
        server.start(paths, guide=guide)
    with connect() as g:
        counts = _counts(g)
        files = _files_of(g.run("backup_files"), models)
    log("stopping the server: Neo4j Community dumps a stopped database")
    server.stop(paths, guide=guide)
    partial = out.with_name(out.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(prefix="tfkg-backup-") as tmp:
            server._boot(paths, ADMIN, ["database", "dump", "neo4j", f"--to-path={tmp}", "--overwrite-destination=true"])
            dump = Path(tmp) / DUMP
            manifest: dict[str, Any] = {
                "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "profile": paths.profile,
                "neo4j": config.NEO4J_VERSION,
                "counts": counts,
                "dump": {"name": DUMP, "sha256": sha256(dump), "bytes": dump.stat().st_size},
                "files": [],
            }
            with tarfile.open(partial, "w") as tar:
                tar.add(dump, arcname=DUMP)
                for i, (kind, f) in enumerate(files):
                    name = f"files/{i:05d}/{f.name}"
                    tar.add(f, arcname=name)
                    manifest["files"].append(
                        {"kind": kind, "path": str(f.resolve()), "name": name, "sha256": sha256(f), "bytes": f.stat().st_size}
                    )
                blob = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(blob)
                tar.addfile(info, io.BytesIO(blob))
        os.replace(partial, out)  # nothing half-written under the asked name
    finally:
        partial.unlink(missing_ok=True)
        if was_running:
            log("starting the server again")
            server.start(paths, guide=guide)
    return manifest


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            return json.loads(member.read())
    except (OSError, tarfile.TarError, KeyError, json.JSONDecodeError, AttributeError) as e:
        raise BackupError(f"{archive}: not a tfkg backup archive ({e})") from e


def restore(archive: Path, *, log: Callable[[str], None] = print, guide: server.Guide | None = None) -> dict:
    """Replace the managed server's database with the archive's and put its files back; return a report with the
    manifest's counts and those of the restored graph. The server is started again with ``guide``."""
    from tfkg.graph.db import connect

    paths = config.ServerPaths(config.current_profile())
    if not server.is_installed(paths):
        raise BackupError("no managed Neo4j to restore into: run `tfkg db install` first")
    archive = Path(archive)
    manifest = read_manifest(archive)
    with tempfile.TemporaryDirectory(prefix="tfkg-restore-") as tmp, tarfile.open(archive, "r") as tar:
        tar.extractall(tmp, filter="data")
        want = [(manifest["dump"]["name"], manifest["dump"]["sha256"])] + [(f["name"], f["sha256"]) for f in manifest["files"]]
        bad = [n for n, s in want if not (Path(tmp) / n).is_file() or sha256(Path(tmp) / n) != s]
        if bad:
            raise BackupError(
                f"{archive}: {len(bad)} member(s) missing or with a wrong checksum, e.g. {bad[0]}; nothing was changed"
            )
        server.init_home(paths, guide)
        if server.is_running(paths):
            log("stopping the server: a database is loaded while it is stopped")
        server.stop(paths, guide=guide)
        dump_dir = Path(tmp) / "dump"
        dump_dir.mkdir()
        shutil.move(Path(tmp) / manifest["dump"]["name"], dump_dir / DUMP)
        server._boot(paths, ADMIN, ["database", "load", "neo4j", f"--from-path={dump_dir}", "--overwrite-destination=true"])
        for f in manifest["files"]:
            dest = Path(f["path"])
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(tmp) / f["name"], dest)
    log("starting the server")
    server.start(paths, guide=guide)
    with connect() as g:
        now = _counts(g)
    return {"manifest": manifest, "counts": now, "identical": now == manifest["counts"]}
