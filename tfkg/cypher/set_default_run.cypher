// Pin one run as the default the Browser guide and `tfkg query` show when no run_id is given (it must have predicted
// edges: ModelRun.edges, kept by write_predictions); every other run is unpinned. run_id null: unpin all.
// params: run_id
OPTIONAL MATCH (r:ModelRun {run_id: $run_id}) WHERE r.edges > 0
CALL (r) {
  MATCH (o:ModelRun) WHERE o.default AND (r IS NULL OR o <> r)
  REMOVE o.default
}
WITH r WHERE r IS NOT NULL
SET r.default = true
RETURN r.run_id AS run_id, r.description AS description
