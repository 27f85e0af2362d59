// Browser graph view: a TF and its best predicted targets from ONE run (PREDICTED_REGULATES, captioned by per-TF
// rank; run_id null = the pinned default run covering the TF, else the newest), the literature-curated REGULATES edges among the same genes
// (drawn in another colour by the tfkg stylesheet), and its most cited other known targets up to the same count.
// Case-insensitive symbol; an unknown TF is an error that says so.
// params: tf, run_id (optional: null = the default run, else the newest covering the TF), species (optional, default 'human'), limit (optional, default 10)
WITH coalesce($species, 'human') AS species, toInteger(coalesce($limit, 10)) AS k
OPTIONAL MATCH (z:Gene {symbol_upper: toUpper($tf), species: species})
WITH species, k, z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: no gene %s (species %s) in the graph', [$tf, species])
CALL (z) {
  OPTIONAL MATCH (r:ModelRun) WHERE r.run_id = $run_id OR ($run_id IS NULL AND r.status IN ['complete', 'done'])
  WITH r ORDER BY coalesce(r.default, false) DESC, r.created_at DESC
  WHERE $run_id IS NOT NULL OR EXISTS { (z)-[:PREDICTED_REGULATES {run_id: r.run_id}]->() }
  RETURN collect(r.run_id)[0] AS run_id
}
CALL (z, k, run_id) {
  MATCH path = (z)-[p:PREDICTED_REGULATES {run_id: run_id}]->(:Gene)
  WHERE p.tf_rank <= k OR (p.tf_rank IS NULL AND p.rank <= k)
  RETURN path
  UNION
  MATCH path = (z)-[r:REGULATES {curated: true}]->(g:Gene)
  WITH k, path, r ORDER BY size(coalesce(r.pmids, [])) DESC, g.symbol
  WITH k, collect(path) AS paths
  UNWIND paths[..k] AS path
  RETURN path
}
RETURN path
