// Record the edge count on runs written before write_predictions kept it (ModelRun.edges: what list_runs shows and the
// default-run rules read); applied by `tfkg db init` and every ingest (Graph.apply_schema).
MATCH (r:ModelRun) WHERE r.edges IS NULL
SET r.edges = COUNT { ()-[:PREDICTED_REGULATES {run_id: r.run_id}]->() }
