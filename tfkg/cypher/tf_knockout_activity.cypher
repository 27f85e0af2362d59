// Browser: one TF's inferred activity across every knockout with activities (`tfkg benchmark knockouts`), per regulon
// set. Its own knockouts (perturbed = true) come first: a TF-specific regulon ranks it near 1 there and anywhere
// elsewhere. loss_score > 0: the profile says the TF lost activity.
// params: tf, species, regulons (optional), limit (optional, default 50)
MATCH (k:Knockout)-[a:TF_ACTIVITY]->(t:Gene {symbol_upper: toUpper($tf), species: $species})
WHERE ($regulons IS NULL OR a.regulons = $regulons)
WITH k, a, t, EXISTS { (k)-[:KNOCKS_OUT]->(t) } AS perturbed
RETURN t.symbol AS tf, a.regulons AS regulons, a.method AS method, k.experiment_id AS experiment,
       k.context AS context, perturbed, a.rank AS rank, a.n_tfs AS of_tfs, round(a.score, 3) AS loss_score
ORDER BY perturbed DESC, regulons, rank
LIMIT toInteger(coalesce($limit, 50))
UNION ALL
// nothing written yet: one row that says which command fills this step
WITH 1 AS one WHERE NOT EXISTS { MATCH (k:Knockout)-[a:TF_ACTIVITY]->(t:Gene {symbol_upper: toUpper($tf), species: $species})
                                 WHERE $regulons IS NULL OR a.regulons = $regulons }
RETURN $tf AS tf, null AS regulons, null AS method,
       'no TF activities of ' + $tf + ' in any knockout yet: tfkg benchmark knockouts writes them' AS experiment,
       null AS context, null AS perturbed, null AS rank, null AS of_tfs, null AS loss_score
