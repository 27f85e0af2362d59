// Which TFs drive this contrast (tfkg activity --write): the top TFs of a Contrast (the newest one unless
// $contrast_id names another) by consensus rank, each with its rank in every layer. params: contrast_id, limit
CALL () {
  OPTIONAL MATCH (c:Contrast)
  RETURN c.contrast_id AS newest ORDER BY c.created_at DESC, newest LIMIT 1
}
MATCH (x:Contrast {contrast_id: coalesce($contrast_id, newest)})-[a:TF_ACTIVITY {layer: 'consensus'}]->(t:Gene)
WITH x, t, a ORDER BY a.rank LIMIT toInteger(coalesce($limit, 20))
RETURN x.contrast_id AS contrast, t.symbol AS tf, a.rank AS rank, round(a.score, 3) AS consensus,
       [(x)-[b:TF_ACTIVITY]->(t) WHERE b.layer <> 'consensus' | b.layer + ' #' + toString(toInteger(b.rank))] AS layers
ORDER BY rank
UNION ALL
// nothing written yet: one row that says which command fills this step
WITH 1 AS one WHERE NOT EXISTS { MATCH (x:Contrast)-[:TF_ACTIVITY]->() WHERE $contrast_id IS NULL OR x.contrast_id = $contrast_id }
RETURN coalesce($contrast_id, 'no contrast yet: tfkg activity YOUR_DE_TABLE --write puts your experiment here') AS contrast,
       null AS tf, null AS rank, null AS consensus, [] AS layers
