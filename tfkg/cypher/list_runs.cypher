// Model runs, newest first, with how many predicted edges each wrote. params: model (null for all)
MATCH (r:ModelRun)
WHERE $model IS NULL OR r.model = $model
OPTIONAL CALL (r) { MATCH ()-[p:PREDICTED_REGULATES {run_id: r.run_id}]->() RETURN count(p) AS predictions }
RETURN r.run_id AS run_id, r.model AS model, r.kind AS kind, r.protocol AS protocol, r.created_at AS created_at,
       r.dataset AS dataset, r.status AS status, coalesce(predictions, 0) AS predictions
ORDER BY created_at DESC
