// Browser graph view: a TF, its best predicted targets (PREDICTED_REGULATES, captioned by per-TF rank) and the known
// REGULATES edges among the same genes (drawn in another colour by the tfkg stylesheet), plus its other known
// targets up to the same count. Case-insensitive symbol; an unknown TF is an error that says so.
// params: tf, run_id (optional: null = every run), species (optional, default 'human'), limit (optional, default 10)
WITH coalesce($species, 'human') AS species, toInteger(coalesce($limit, 10)) AS k
OPTIONAL MATCH (z:Gene {species: species}) WHERE toUpper(z.symbol) = toUpper($tf)
WITH species, k, z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: no gene %s (species %s) in the graph', [$tf, species])
CALL (z, k) {
  MATCH path = (z)-[p:PREDICTED_REGULATES]->(:Gene)
  WHERE ($run_id IS NULL OR p.run_id = $run_id) AND p.tf_rank <= k
  RETURN path
  UNION
  MATCH path = (z)-[:REGULATES]->(g:Gene)
  WITH k, path ORDER BY g.symbol
  WITH k, collect(path) AS paths
  UNWIND paths[..k] AS path
  RETURN path
}
RETURN path
