// Merge Knockout->Gene KNOCKS_OUT edges (the perturbed gene of each experiment).
// params: c (columns: experiment_id, gene, species), source
UNWIND range(0, size($c.experiment_id) - 1) AS i
WITH $c AS c, i
MATCH (k:Knockout {experiment_id: c.experiment_id[i]}) USING INDEX k:Knockout(experiment_id)
MATCH (g:Gene {symbol: c.gene[i], species: c.species[i]}) USING INDEX g:Gene(symbol, species)
MERGE (k)-[r:KNOCKS_OUT]->(g)
SET r.source = $source
