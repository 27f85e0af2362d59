// Write an in-silico knockout predicted by a run's model: a simulated Knockout linked to the run, the gene it
// knocks out, and AFFECTS {effect} (predicted change from the unperturbed steady state) to every gene.
// params: experiment_id, gene, species, run_id, dataset, c (columns: symbol, effect)
MATCH (run:ModelRun {run_id: $run_id})
MATCH (tf:Gene {symbol: $gene, species: $species})
MERGE (k:Knockout {experiment_id: $experiment_id})
SET k.gene = $gene, k.species = $species, k.context = 'knockout', k.simulated = true, k.run_id = $run_id,
    k.dataset = $dataset, k.source = 'tfkg-simulate'
MERGE (k)-[:KNOCKS_OUT {source: 'tfkg-simulate'}]->(tf)
MERGE (k)-[:SIMULATED_BY]->(run)
WITH k
OPTIONAL MATCH (k)-[old:AFFECTS]->()
DELETE old
WITH DISTINCT k
UNWIND range(0, size($c.symbol) - 1) AS i
WITH k, $c AS c, i
MATCH (g:Gene {symbol: c.symbol[i], species: $species}) USING INDEX g:Gene(symbol, species)
CREATE (k)-[:AFFECTS {source: 'tfkg-simulate', effect: c.effect[i], simulated: true}]->(g)
