// Browser: the measured knockouts of a TF (not simulated), flags first: per experiment how many of the TF's known
// (literature-curated) targets changed with the curated sign ('agree'), against it ('disagree') or not at all
// ('unchanged'); the changed known and predicted targets (one run: run_id, else the pinned default run covering the
// TF, else the newest), the strongest changes (log2FC knockout vs control; padj <= 0.05, or |change| > 0.1 without
// p-values) and the experiment. The knocked-out gene is never counted as its own target. A TF without a measured
// knockout gets one row that says so, and how many knockouts the graph holds.
// params: tf, species (optional, default 'human'), run_id (optional), limit (optional, default 10: genes per list)
// header: tf, run_id
// columns: flags, known targets that changed, experiment
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
// the TF's targets, read once: curated sign per target (0: no single curated sign) and this run's predictions
WITH z, k, run_id,
     apoc.map.fromPairs(COLLECT { MATCH (z)-[r:REGULATES {curated: true}]->(g) WHERE g <> z
                                  WITH g, collect(DISTINCT r.sign) AS s
                                  RETURN [g.symbol, CASE WHEN size([x IN s WHERE x IN [1, -1]]) = 1
                                                         THEN [x IN s WHERE x IN [1, -1]][0] ELSE 0 END] }) AS known,
     COLLECT { MATCH (z)-[p:PREDICTED_REGULATES {run_id: run_id}]->(g) RETURN g.symbol } AS predicted
OPTIONAL MATCH (ko:Knockout)-[:KNOCKS_OUT]->(z)
WHERE NOT coalesce(ko.simulated, false)
WITH z, k, run_id, known, predicted, ko ORDER BY ko.experiment_id
CALL (z, k, known, predicted, ko) {
  OPTIONAL MATCH (ko)-[a:AFFECTS]->(g:Gene)
  WHERE g <> z AND ((a.padj IS NOT NULL AND a.padj <= 0.05) OR (a.padj IS NULL AND abs(coalesce(a.effect, a.log2fc, 0.0)) > 0.1))
  WITH g.symbol AS gene, coalesce(a.log2fc, a.effect) AS change ORDER BY abs(change) DESC
  WITH collect({gene: gene, change: change, sign: known[gene], predicted: gene IN predicted}) AS hits
  WITH hits, [h IN hits WHERE h.gene IS NOT NULL] AS changed
  // a knockout lowers an activated target and raises a repressed one
  WITH changed, [h IN changed WHERE h.sign IS NOT NULL AND h.sign <> 0 AND (h.change < 0) = (h.sign > 0)] AS agree,
       [h IN changed WHERE h.sign IS NOT NULL AND h.sign <> 0 AND (h.change < 0) <> (h.sign > 0)] AS disagree,
       [h IN changed WHERE h.sign IS NOT NULL] AS known_changed
  RETURN size(changed) AS n_changed,
         size(agree) + ' agree, ' + size(disagree) + ' disagree, ' + (size(keys(known)) - size(known_changed))
         + ' unchanged of ' + size(keys(known)) + ' known targets' AS flags,
         [h IN known_changed[..k] | h.gene + ' ' + toString(round(h.change, 2))
                                  + CASE WHEN h.sign = 0 THEN '' WHEN (h.change < 0) = (h.sign > 0) THEN ' (agrees)'
                                         ELSE ' (DISAGREES)' END] AS known_targets,
         [h IN changed WHERE h.predicted | h.gene + ' ' + toString(round(h.change, 2))][..k] AS predicted_targets,
         [h IN changed[..k] | h.gene + ' ' + toString(round(h.change, 2))] AS strongest
}
RETURN z.symbol AS tf,
       CASE WHEN ko IS NULL THEN 'no measured knockout of ' + z.symbol + ' in the graph ('
                                 + COUNT { MATCH (x:Knockout)-[:KNOCKS_OUT]->() WHERE NOT coalesce(x.simulated, false) }
                                 + ' measured knockouts of other genes; tfkg ingest morphic, or a de-table)'
            ELSE flags END AS flags,
       known_targets AS `known targets that changed`, predicted_targets AS `predicted targets that changed`,
       n_changed AS `genes changed`, strongest AS `strongest changes (log2FC KO vs control)`,
       coalesce(ko.description, ko.context) AS context, ko.experiment_id AS experiment, run_id
