// Members of a dataset with their role (tf, target, disease, gene) and original index, for snapshot id maps.
// params: dataset
MATCH (:Dataset {key: $dataset})-[r:INCLUDES]->(n)
RETURN r.role AS role, r.index AS index, coalesce(n.symbol, n.cui) AS key
ORDER BY role, index
