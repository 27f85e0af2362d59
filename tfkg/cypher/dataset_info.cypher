// One Dataset provenance node with all its properties (files, checksums, version, expression path, ...).
// params: dataset
MATCH (d:Dataset {key: $dataset})
RETURN properties(d) AS dataset
