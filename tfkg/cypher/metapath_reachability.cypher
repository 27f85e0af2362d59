// Meta-path reachability behind enhanced negatives (Enhanced Negative Sampling on HGETGI): for each TF z, the targets t
// that have a TF->Disease->Disease->Target path, where Disease->Disease means "the two diseases share at
// least one gene of the dataset" (A_dd = A_gd^T A_gd > 0, diagonal included). Targets NOT returned for a
// TF are its enhanced negative candidates. DISTINCT at every hop keeps the work at
// sum over TFs of |D(z)| + |G2(z)| + |D2(z)| instead of the (huge) number of paths.
// params: dataset, source.  Returns one row per TF index with the reachable target indices.
MATCH (ds:Dataset {key: $dataset})-[zi:INCLUDES {role: 'tf'}]->(z:Gene)
CALL (z, ds) {
  MATCH (z)-[:ASSOCIATED_WITH {source: $source}]->(d1:Disease)
  WITH DISTINCT d1
  MATCH (d1)<-[:ASSOCIATED_WITH {source: $source}]-(x:Gene)
  WITH DISTINCT x
  MATCH (x)-[:ASSOCIATED_WITH {source: $source}]->(d2:Disease)
  WITH DISTINCT d2
  MATCH (d2)<-[:ASSOCIATED_WITH {source: $source}]-(t:Gene)<-[ti:INCLUDES {role: 'target'}]-(ds)
  RETURN collect(DISTINCT ti.index) AS reachable
}
RETURN zi.index AS tf_index, z.symbol AS tf, reachable
ORDER BY tf_index
