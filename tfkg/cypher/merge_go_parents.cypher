// Merge GO graph edges child -> parent, one per relationship (is_a, part_of, regulates, …).
// params: c (columns: child, parent, relationship), source
UNWIND range(0, size($c.child) - 1) AS i
WITH $c AS c, i
MATCH (a:GOTerm {go_id: c.child[i]})
MATCH (b:GOTerm {go_id: c.parent[i]})
MERGE (a)-[r:GO_PARENT {relationship: c.relationship[i]}]->(b)
SET r.source = $source
