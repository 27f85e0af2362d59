// Measured perturbation experiments (not simulated) with their perturbed genes, perturbation and context.
// params: ids (experiment ids)
MATCH (k:Knockout)
WHERE k.experiment_id IN $ids AND NOT coalesce(k.simulated, false)
RETURN k.experiment_id AS experiment, COLLECT { MATCH (k)-[:KNOCKS_OUT]->(g:Gene) RETURN g.symbol } AS perturbed,
       coalesce(k.perturbation, CASE k.context WHEN 'knockdown' THEN 'knockdown' ELSE 'knockout' END) AS perturbation,
       k.context AS context
ORDER BY experiment
