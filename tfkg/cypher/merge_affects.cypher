// Merge Knockout->Gene AFFECTS edges (measured effect of a perturbation), one per (experiment, gene, source).
// params: c (columns: experiment_id, symbol, species, log2fc, effect?, value?, pvalue?, padj?), source
UNWIND range(0, size($c.experiment_id) - 1) AS i
WITH $c AS c, i
MATCH (k:Knockout {experiment_id: c.experiment_id[i]}) USING INDEX k:Knockout(experiment_id)
MATCH (g:Gene {symbol: c.symbol[i], species: c.species[i]}) USING INDEX g:Gene(symbol, species)
MERGE (k)-[r:AFFECTS {source: $source}]->(g)
SET r.log2fc = c.log2fc[i], r.effect = c.effect[i], r.value = c.value[i], r.pvalue = c.pvalue[i], r.padj = c.padj[i]
