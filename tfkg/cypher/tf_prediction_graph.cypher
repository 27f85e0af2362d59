// Browser graph view: a TF and its best predicted targets from ONE run (PREDICTED_REGULATES, captioned by per-TF
// rank; run_id null = the newest run with predictions for the TF), the known REGULATES edges among the same genes
// (drawn in another colour by the tfkg stylesheet), and its most cited other known targets up to the same count.
// Case-insensitive symbol; an unknown TF is an error that says so.
// params: tf, run_id (optional: null = the newest run with predictions for the TF), species (optional, default 'human'), limit (optional, default 10)
WITH coalesce($species, 'human') AS species, toInteger(coalesce($limit, 10)) AS k
OPTIONAL MATCH (z:Gene {symbol_upper: toUpper($tf), species: species})
WITH species, k, z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: no gene %s (species %s) in the graph', [$tf, species])
CALL (z) {
  OPTIONAL MATCH (z)-[p:PREDICTED_REGULATES]->() WHERE $run_id IS NULL OR p.run_id = $run_id
  WITH DISTINCT p.run_id AS rid
  OPTIONAL MATCH (r:ModelRun {run_id: rid})
  WITH rid, r ORDER BY r.created_at DESC
  // by default only a complete run (not one still writing, or failed); a run asked for by id is shown as it is
  WITH collect(CASE WHEN $run_id IS NOT NULL OR r.status IS NULL OR r.status IN ['complete', 'done'] THEN rid END) AS ok
  RETURN head(ok) AS run_id
}
CALL (z, k, run_id) {
  MATCH path = (z)-[p:PREDICTED_REGULATES {run_id: run_id}]->(:Gene)
  WHERE p.tf_rank <= k OR (p.tf_rank IS NULL AND p.rank <= k)
  RETURN path
  UNION
  MATCH path = (z)-[r:REGULATES]->(g:Gene)
  WITH k, path, r ORDER BY size(coalesce(r.pmids, [])) DESC, g.symbol
  WITH k, collect(path) AS paths
  UNWIND paths[..k] AS path
  RETURN path
}
RETURN path
