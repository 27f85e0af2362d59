// Browser: the measured knockouts of a TF (not simulated): each experiment with its context, how many genes changed
// (padj <= 0.05, or |change| above 0.1 without p-values), the strongest changes (log2FC knockout vs control), and
// which of the TF's predicted targets (one run: run_id null = the newest run with predictions for the TF) and known
// targets changed, each known one flagged where the change agrees or DISAGREES with the curated sign.
// A TF without a measured knockout gets one row that says so.
// params: tf, species (optional, default 'human'), run_id (optional), limit (optional, default 10: genes per list)
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
OPTIONAL MATCH (ko:Knockout)-[:KNOCKS_OUT]->(z)
WHERE NOT coalesce(ko.simulated, false)
WITH z, k, run_id, ko ORDER BY ko.experiment_id
CALL (z, k, run_id, ko) {
  OPTIONAL MATCH (ko)-[a:AFFECTS]->(g:Gene)
  WHERE (a.padj IS NOT NULL AND a.padj <= 0.05) OR (a.padj IS NULL AND abs(coalesce(a.effect, a.log2fc, 0.0)) > 0.1)
  WITH g, coalesce(a.log2fc, a.effect) AS change, a.padj AS padj,
       EXISTS { (z)-[:PREDICTED_REGULATES {run_id: run_id}]->(g) } AS predicted,
       [s IN COLLECT { MATCH (z)-[r:REGULATES]->(g) RETURN DISTINCT r.sign } WHERE s IN [1, -1]] AS signs,
       EXISTS { (z)-[:REGULATES]->(g) } AS known
  ORDER BY abs(change) DESC
  // a knockout lowers an activated target and raises a repressed one: flag a change against the curated sign
  WITH collect({gene: g.symbol, change: change, padj: padj, predicted: predicted, known: known,
                flag: CASE WHEN size(signs) <> 1 THEN ''
                           WHEN (change < 0) = (signs[0] > 0) THEN ' (agrees with curated ' + CASE signs[0] WHEN 1 THEN 'activation' ELSE 'repression' END + ')'
                           ELSE ' (DISAGREES with curated ' + CASE signs[0] WHEN 1 THEN 'activation' ELSE 'repression' END + ')' END}) AS hits
  RETURN size([h IN hits WHERE h.gene IS NOT NULL]) AS changed,
         [h IN hits[..k] WHERE h.gene IS NOT NULL | h.gene + ' ' + toString(round(h.change, 2))] AS strongest,
         [h IN hits WHERE h.predicted | h.gene + ' ' + toString(round(h.change, 2))][..k] AS predicted_changed,
         [h IN hits WHERE h.known | h.gene + ' ' + toString(round(h.change, 2)) + h.flag][..k] AS known_changed
}
RETURN z.symbol AS tf,
       CASE WHEN ko IS NULL THEN 'no measured knockout of ' + z.symbol + ' in the graph (tfkg ingest morphic, or a de-table)'
            ELSE ko.experiment_id END AS experiment,
       coalesce(ko.description, ko.context) AS context, coalesce(ko.perturbation, ko.context) AS perturbation, changed,
       strongest AS `strongest changes (log2FC KO vs control)`, run_id,
       predicted_changed AS `predicted targets that changed`, known_changed AS `known targets that changed`
