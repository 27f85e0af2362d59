// Delete Datasets' INCLUDES edges of the given roles, before their members are written again.
// params: c (columns: dataset, role)
UNWIND range(0, size($c.dataset) - 1) AS i
WITH $c AS c, i
MATCH (ds:Dataset {key: c.dataset[i]})-[r:INCLUDES {role: c.role[i]}]->()
DELETE r
