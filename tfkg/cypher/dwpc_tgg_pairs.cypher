// The TF-GO process-target DWPC (shared GO biological processes) of given pairs counted by a Cypher path query, to
// check and time tfkg's matrix products against (benchmarks/genome_scoring.py). Degrees within the dataset's targets:
// DWPC = sum over shared BP terms s of (deg(TF) deg(s) deg(s) deg(target))^-damping, deg(gene) = its BP terms,
// deg(s) = the dataset's targets annotated with s. params: dataset, damping, tfs, targets (parallel symbol lists)
MATCH (ds:Dataset {key: $dataset})
UNWIND range(0, size($tfs) - 1) AS i
MATCH (ds)-[:INCLUDES {role: 'target'}]->(t:Gene {symbol: $tfs[i]})
MATCH (ds)-[:INCLUDES {role: 'target'}]->(g:Gene {symbol: $targets[i]})
OPTIONAL MATCH (t)-[:ANNOTATED_WITH]->(s:GOTerm {ontology: 'BP'})<-[:ANNOTATED_WITH]-(g)
WITH ds, i, t, g, s
WITH i, s,
     COUNT { (t)-[:ANNOTATED_WITH]->(:GOTerm {ontology: 'BP'}) } AS d_t,
     CASE WHEN s IS NULL THEN 0
          ELSE COUNT { (s)<-[:ANNOTATED_WITH]-(y:Gene) WHERE (ds)-[:INCLUDES {role: 'target'}]->(y) } END AS d_s,
     COUNT { (g)-[:ANNOTATED_WITH]->(:GOTerm {ontology: 'BP'}) } AS d_g
RETURN i, sum(CASE WHEN s IS NULL THEN 0.0 ELSE (1.0 * d_t * d_s * d_s * d_g) ^ (-$damping) END) AS dwpc
ORDER BY i
