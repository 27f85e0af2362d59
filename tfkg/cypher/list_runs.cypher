// Model runs, newest first: what each is (description: model, features, dataset, ranking, sign calibration), whether
// it is the pinned default, and how many predicted edges it wrote (kept on the run by write_predictions;
// migrate_run_edges fills runs written before that). params: model (null for all)
MATCH (r:ModelRun)
WHERE $model IS NULL OR r.model = $model
RETURN r.run_id AS run_id, r.model AS model, r.kind AS kind, r.protocol AS protocol, r.created_at AS created_at,
       r.dataset AS dataset, r.status AS status, r.description AS description, coalesce(r.default, false) AS default,
       coalesce(r.edges, 0) AS predictions
ORDER BY created_at DESC
