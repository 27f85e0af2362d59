// Measured (not simulated) single-gene knockouts/knockdowns of one gene with their effects on every gene, knockouts first.
// The effect is the change from control: AFFECTS.effect (DREAM4) or else log2fc (MorPhiC).
// in_dataset: the experiment belongs to $dataset (so a model trained on that dataset has seen it).
// params: gene, species, dataset
MATCH (k:Knockout)-[:KNOCKS_OUT]->(:Gene {symbol: $gene, species: $species})
WHERE NOT coalesce(k.simulated, false) AND COUNT { (k)-[:KNOCKS_OUT]->() } = 1
MATCH (k)-[a:AFFECTS]->(g:Gene)
WITH k, collect(g.symbol) AS genes, collect(coalesce(a.effect, a.log2fc, 0.0)) AS effects
RETURN k.experiment_id AS experiment, k.context AS context, genes, effects,
       EXISTS { (:Dataset {key: $dataset})-[:INCLUDES]->(k) } AS in_dataset
ORDER BY CASE k.context WHEN 'knockout' THEN 0 WHEN 'knockdown' THEN 2 ELSE 1 END, experiment
