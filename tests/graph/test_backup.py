"""`tfkg db backup` / `tfkg db restore` on the managed test server: a round trip gives the same graph and files, a
damaged archive changes nothing."""

from __future__ import annotations

import io
import os
import tarfile
from pathlib import Path

import pytest

from tests.ingest._util import counts
from tfkg.cli.db import browser_guide
from tfkg.graph.backup import BackupError, backup, read_manifest, restore
from tfkg.ingest import de_table, trrust
from tfkg.ingest.base import execute

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "de_table_example.tsv"


@pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")), reason="backup needs the managed server (not NEO4J_URI)")
def test_backup_restore_round_trip_and_a_damaged_archive(empty_graph, tmp_path):
    reg = tmp_path / "mini.human.tsv"
    reg.write_text("STAT3\tSOCS3\tActivation\t1\nTP53\tMDM2\tActivation\t2\n")
    execute(empty_graph, trrust.plan([reg]), False, tmp_path / "q")
    execute(empty_graph, de_table.plan([EXAMPLE]), False, tmp_path / "q")  # a Parquet file the graph points to
    profile = Path(empty_graph.cypher("MATCH (d:Dataset) WHERE d.profiles_path IS NOT NULL RETURN d.profiles_path AS p")[0]["p"])
    before, content = counts(empty_graph), profile.read_bytes()
    archive = tmp_path / "graph.tar"
    m = backup(archive, log=lambda s: None, guide=browser_guide())
    assert [f["path"] for f in m["files"]] == [str(profile.resolve())] and m["dump"]["bytes"] > 0
    assert counts(empty_graph) == before  # the server is back up, unchanged
    with pytest.raises(BackupError, match="exists"):
        backup(archive, log=lambda s: None, guide=browser_guide())
    empty_graph.wipe()
    profile.unlink()
    r = restore(archive, log=lambda s: None, guide=browser_guide())
    assert r["identical"] and counts(empty_graph) == before and profile.read_bytes() == content
    # a damaged member is found before anything changes
    bad = tmp_path / "bad.tar"
    with tarfile.open(archive) as src, tarfile.open(bad, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.startswith("files/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            dst.addfile(member, io.BytesIO(data))
    empty_graph.cypher("CREATE (:Dataset {key: 'after-restore'})")
    with pytest.raises(BackupError, match="wrong checksum"):
        restore(bad, log=lambda s: None, guide=browser_guide())
    assert empty_graph.cypher("MATCH (d:Dataset {key: 'after-restore'}) RETURN count(d) AS n")[0]["n"] == 1
    with pytest.raises(BackupError, match="not a tfkg backup"):
        read_manifest(reg)
