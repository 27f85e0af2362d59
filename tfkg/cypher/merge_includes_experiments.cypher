// Link a Dataset to its Knockout experiments with their role (experiment) and index.
// params: c (columns: experiment_id, role, index), dataset
MATCH (ds:Dataset {key: $dataset})
UNWIND range(0, size($c.experiment_id) - 1) AS i
WITH ds, $c AS c, i
MATCH (k:Knockout {experiment_id: c.experiment_id[i]}) USING INDEX k:Knockout(experiment_id)
MERGE (ds)-[r:INCLUDES {role: c.role[i]}]->(k)
SET r.index = c.index[i]
