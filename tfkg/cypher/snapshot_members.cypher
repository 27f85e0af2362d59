// Members of a dataset per INCLUDES role, in index order, as columns (one row per role).
// params: dataset
MATCH (:Dataset {key: $dataset})-[r:INCLUDES]->(n)
WITH r.role AS role, r.index AS index, coalesce(n.symbol, n.cui, n.experiment_id) AS key
ORDER BY role, index
RETURN role, collect(index) AS indices, collect(key) AS keys
