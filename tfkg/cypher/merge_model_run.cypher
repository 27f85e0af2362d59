// Create or update a ModelRun provenance node. params: run (map: run_id, model, protocol, params_json,
// metrics_json, data_checksums, code_version, created_at, status, ...)
MERGE (r:ModelRun {run_id: $run.run_id})
SET r += $run
RETURN r.run_id AS run_id
