// Browser: one knockout's top TF activities, per regulon set (`tfkg benchmark knockouts` writes them). A good regulon
// set puts the knocked-out TF (perturbed = true) at rank 1; a hub-only set ranks it at chance. experiment null: a
// knockout of $tf if there is one, else the first experiment with activities.
// params: experiment (optional), tf (optional), species, limit (optional, default 10)
MATCH (k:Knockout)-[:TF_ACTIVITY]->()
WHERE $experiment IS NULL OR k.experiment_id = $experiment
WITH DISTINCT k
ORDER BY EXISTS { (k)-[:KNOCKS_OUT]->(g:Gene {symbol_upper: toUpper($tf), species: $species}) } DESC,
         k.experiment_id
LIMIT 1
MATCH (k)-[a:TF_ACTIVITY]->(t:Gene)
WHERE a.rank <= toInteger(coalesce($limit, 10)) OR EXISTS { (k)-[:KNOCKS_OUT]->(t) }
RETURN k.experiment_id AS experiment, coalesce(k.description, k.context) AS context,
       COLLECT { MATCH (k)-[:KNOCKS_OUT]->(p:Gene) RETURN p.symbol } AS knocked_out,
       a.regulons AS regulons, a.method AS method, a.rank AS rank, a.n_tfs AS of_tfs, t.symbol AS tf,
       round(a.score, 3) AS loss_score, EXISTS { (k)-[:KNOCKS_OUT]->(t) } AS perturbed
ORDER BY regulons, method, rank
UNION ALL
// nothing written yet: one row that says which command fills this step
WITH 1 AS one WHERE NOT EXISTS { MATCH (k:Knockout)-[:TF_ACTIVITY]->() WHERE $experiment IS NULL OR k.experiment_id = $experiment }
RETURN coalesce($experiment, 'no knockout with TF activities yet: tfkg benchmark knockouts writes them') AS experiment,
       null AS context, [] AS knocked_out, null AS regulons, null AS method, null AS rank, null AS of_tfs, null AS tf,
       null AS loss_score, null AS perturbed
