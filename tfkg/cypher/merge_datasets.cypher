// Merge Dataset provenance nodes (one per ingested file set). params: rows [{key, source, version, files, checksums, ...}]
UNWIND $rows AS row
MERGE (d:Dataset {key: row.key})
SET d += row
