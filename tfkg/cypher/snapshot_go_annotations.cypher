// GO annotations of a dataset's target genes in one ontology (BP, MF or CC) as columns, for hetnet meta-paths.
// evidence: GO evidence codes to keep (null = all, IEA included). params: dataset, target_role, ontology, evidence
MATCH (ds:Dataset {key: $dataset})-[:INCLUDES {role: $target_role}]->(g:Gene)-[a:ANNOTATED_WITH]->(t:GOTerm)
WHERE t.ontology = $ontology AND ($evidence IS NULL OR any(e IN a.evidence WHERE e IN $evidence))
RETURN collect(g.symbol) AS gene, collect(t.go_id) AS term
