// tfkg activity --write: one Contrast node per contrast, its TF_ACTIVITY edges (one per TF and layer, the consensus
// included) and its DRIVER edges (the targets behind its top TFs, with the evidence in words), replacing the
// contrast's earlier ones, all in one transaction.
// params: c (columns contrast, tf, layer, score, rank, pvalue, padj, n_targets), d (columns contrast, tf, gene,
// rank, stat, sign, agrees, layers, evidence), contrasts (maps: id, name, source, kind, method, layers, created_at),
// species, method
UNWIND $contrasts AS k
MERGE (x:Contrast {contrast_id: k.id})
SET x.name = k.name, x.source = k.source, x.kind = k.kind, x.method = k.method, x.layers = k.layers,
    x.species = $species, x.created_at = k.created_at
WITH collect(x) AS xs
CALL (xs) {
  UNWIND xs AS x
  MATCH (x)-[a:TF_ACTIVITY|DRIVER]->()
  DELETE a
}
CALL () {
  UNWIND range(0, size($c.tf) - 1) AS i
  WITH $c AS c, i
  MATCH (x:Contrast {contrast_id: c.contrast[i]})
  MATCH (t:Gene {symbol: c.tf[i], species: $species}) USING INDEX t:Gene(symbol, species)
  CREATE (x)-[:TF_ACTIVITY {layer: c.layer[i], method: $method, score: c.score[i], rank: c.rank[i],
                            pvalue: c.pvalue[i], padj: c.padj[i], n_targets: c.n_targets[i]}]->(t)
}
CALL () {
  UNWIND range(0, size($d.tf) - 1) AS j
  WITH $d AS d, j
  MATCH (x:Contrast {contrast_id: d.contrast[j]})
  MATCH (g:Gene {symbol: d.gene[j], species: $species}) USING INDEX g:Gene(symbol, species)
  CREATE (x)-[:DRIVER {tf: d.tf[j], rank: d.rank[j], stat: d.stat[j], sign: d.sign[j], agrees: d.agrees[j],
                       layers: d.layers[j], evidence: d.evidence[j]}]->(g)
}
