// Merge GOTerm nodes by go_id. params: c (columns: go_id, name, ontology), source
UNWIND range(0, size($c.go_id) - 1) AS i
WITH $c AS c, i
MERGE (t:GOTerm {go_id: c.go_id[i]})
SET t.name = c.name[i], t.ontology = c.ontology[i], t.source = $source
