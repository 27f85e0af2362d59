// Merge Knockout (perturbation experiment) nodes by experiment_id; context is 'knockout', 'knockdown' or a cell context.
// perturbation: knockout, knockdown, overexpression or activation (default: knockdown where context says so, else knockout).
// description: the context in words. params: c (columns: experiment_id, gene, species, context, description?, strategy?, release?, dataset?, perturbation?), source
UNWIND range(0, size($c.experiment_id) - 1) AS i
WITH $c AS c, i
MERGE (k:Knockout {experiment_id: c.experiment_id[i]})
SET k.gene = c.gene[i], k.species = c.species[i], k.context = c.context[i], k.description = c.description[i], k.strategy = c.strategy[i],
    k.release = c.release[i], k.dataset = c.dataset[i], k.source = $source,
    k.perturbation = coalesce(c.perturbation[i], CASE c.context[i] WHEN 'knockdown' THEN 'knockdown' ELSE 'knockout' END)
