// Typed adjacency of ONE meta-path step of a dataset (CSR rows for the walk engine), held-out pairs excluded.
// rel: 'regulates' (TF->target), 'regulated_by' (target->TF), 'associated_with' (gene->disease) or
// 'associated_with_rev' (disease->gene). Each call returns, for every source node of role src_role with
// at least one neighbour of role dst_role, its INCLUDES.index and the indices of those neighbours.
// params: dataset, src_role, dst_role, rel, reg_source, assoc_source, exclude (list of 'TF|TARGET')
MATCH (ds:Dataset {key: $dataset})-[si:INCLUDES {role: $src_role}]->(s)
CALL (s, ds) {
  MATCH (s)-[:REGULATES {source: $reg_source}]->(d:Gene)<-[di:INCLUDES {role: $dst_role}]-(ds)
  WHERE $rel = 'regulates' AND NOT (s.symbol + '|' + d.symbol) IN $exclude
  RETURN di.index AS j
  UNION ALL
  MATCH (s)<-[:REGULATES {source: $reg_source}]-(d:Gene)<-[di:INCLUDES {role: $dst_role}]-(ds)
  WHERE $rel = 'regulated_by' AND NOT (d.symbol + '|' + s.symbol) IN $exclude
  RETURN di.index AS j
  UNION ALL
  MATCH (s)-[:ASSOCIATED_WITH {source: $assoc_source}]->(d:Disease)<-[di:INCLUDES {role: $dst_role}]-(ds)
  WHERE $rel = 'associated_with'
  RETURN di.index AS j
  UNION ALL
  MATCH (s)<-[:ASSOCIATED_WITH {source: $assoc_source}]-(d:Gene)<-[di:INCLUDES {role: $dst_role}]-(ds)
  WHERE $rel = 'associated_with_rev'
  RETURN di.index AS j
}
RETURN si.index AS src, collect(DISTINCT j) AS dst
ORDER BY src
