// Why this TF (tfkg activity --write): the targets that drive a TF's score in a Contrast (the newest unless
// $contrast_id names another) — the gene's statistic, the edge's sign, whether it moved that way, the layers and
// the evidence. $tf when the contrast has its drivers, else the contrast's top TF. params: contrast_id, tf
CALL () {
  OPTIONAL MATCH (c:Contrast)
  RETURN c.contrast_id AS newest ORDER BY c.created_at DESC, newest LIMIT 1
}
MATCH (x:Contrast {contrast_id: coalesce($contrast_id, newest)})
CALL (x) {
  MATCH (x)-[a:TF_ACTIVITY {layer: 'consensus'}]->(t:Gene)
  WHERE EXISTS { MATCH (x)-[:DRIVER {tf: t.symbol}]->() }
  WITH t, a ORDER BY a.rank
  RETURN collect(t.symbol) AS explained
}
WITH x, CASE WHEN toUpper(coalesce($tf, '')) IN explained THEN toUpper($tf) ELSE explained[0] END AS tf
MATCH (x)-[d:DRIVER {tf: tf}]->(g:Gene)
RETURN x.contrast_id AS contrast, tf, g.symbol AS target, round(d.stat, 2) AS statistic,
       CASE d.sign WHEN -1 THEN 'represses' ELSE 'activates' END AS edge,
       CASE WHEN d.agrees THEN 'moved as the edge says' ELSE 'moved AGAINST the edge' END AS moved,
       d.layers AS layers, d.evidence AS evidence
ORDER BY d.rank
UNION ALL
// nothing written yet: one row that says which command fills this step
WITH 1 AS one WHERE NOT EXISTS { MATCH (x:Contrast)-[:DRIVER]->() WHERE $contrast_id IS NULL OR x.contrast_id = $contrast_id }
RETURN coalesce($contrast_id, 'no contrast yet: tfkg activity YOUR_DE_TABLE --write puts your experiment here') AS contrast,
       null AS tf, null AS target, null AS statistic, null AS edge, null AS moved, [] AS layers, null AS evidence
