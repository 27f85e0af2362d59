// Link a Dataset to its member Diseases with their original index. params: c (columns: cui, role, index), dataset
MATCH (ds:Dataset {key: $dataset})
UNWIND range(0, size($c.cui) - 1) AS i
WITH ds, $c AS c, i
MATCH (n:Disease {cui: c.cui[i]}) USING INDEX n:Disease(cui)
MERGE (ds)-[r:INCLUDES {role: c.role[i]}]->(n)
SET r.index = c.index[i]
