// tfkg activity --write: one Contrast node per contrast and its TF_ACTIVITY edges (one per TF and layer, the
// consensus included), replacing the contrast's earlier ones, all in one transaction.
// params: c (columns contrast, tf, layer, score, rank, pvalue, padj, n_targets), contrasts (maps: id, name,
// source, kind, method, layers, created_at), species, method
UNWIND $contrasts AS k
MERGE (x:Contrast {contrast_id: k.id})
SET x.name = k.name, x.source = k.source, x.kind = k.kind, x.method = k.method, x.layers = k.layers,
    x.species = $species, x.created_at = k.created_at
WITH collect(x) AS xs
CALL (xs) {
  UNWIND xs AS x
  MATCH (x)-[a:TF_ACTIVITY]->()
  DELETE a
}
UNWIND range(0, size($c.tf) - 1) AS i
WITH $c AS c, i
MATCH (x:Contrast {contrast_id: c.contrast[i]})
MATCH (t:Gene {symbol: c.tf[i], species: $species}) USING INDEX t:Gene(symbol, species)
CREATE (x)-[:TF_ACTIVITY {layer: c.layer[i], method: $method, score: c.score[i], rank: c.rank[i],
                          pvalue: c.pvalue[i], padj: c.padj[i], n_targets: c.n_targets[i]}]->(t)
