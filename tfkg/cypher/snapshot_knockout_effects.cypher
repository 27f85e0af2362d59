// Perturbation experiments of a dataset (minus held-out ones) with their perturbed gene(s) and effects on member genes.
// The effect is the change from control: AFFECTS.effect (DREAM4: value - wild type) or else log2fc (MorPhiC).
// kind: knockout, knockdown or double-knockout; perturbed: the perturbed genes (two for a double knockout), sorted;
// simulated: an in-silico knockout written by a model (tfkg simulate), not data.
// params: dataset, target_role, exclude_experiments (experiment ids that must not reach training)
MATCH (ds:Dataset {key: $dataset})-[e:INCLUDES {role: 'experiment'}]->(k:Knockout)
WHERE NOT k.experiment_id IN $exclude_experiments
CALL (k) {
  OPTIONAL MATCH (k)-[:KNOCKS_OUT]->(p:Gene)
  WITH p ORDER BY p.symbol
  RETURN collect(p.symbol) AS perturbed
}
CALL (ds, k) {
  MATCH (k)-[a:AFFECTS]->(g:Gene)
  WHERE (ds)-[:INCLUDES {role: $target_role}]->(g)
  RETURN collect(g.symbol) AS genes, collect(coalesce(a.effect, a.log2fc, 0.0)) AS effects
}
RETURN e.index AS index, k.experiment_id AS experiment, perturbed,
       CASE k.context WHEN 'knockdown' THEN 'knockdown' WHEN 'double-knockout' THEN 'double-knockout'
                      ELSE 'knockout' END AS kind,
       coalesce(k.simulated, false) AS simulated, genes, effects
ORDER BY index
