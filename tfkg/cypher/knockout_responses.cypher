// Measured single-gene knockouts (not simulated) of the given TFs, with the genes each one changed: AFFECTS.padj <= $padj
// where the source reports p-values (MorPhiC: absent = not significant), else |effect| > $threshold (DREAM4).
// params: tfs, species, padj, threshold
MATCH (k:Knockout)-[:KNOCKS_OUT]->(t:Gene {species: $species})
WHERE t.symbol IN $tfs AND NOT coalesce(k.simulated, false) AND k.context <> 'knockdown'
  AND COUNT { (k)-[:KNOCKS_OUT]->() } = 1
RETURN t.symbol AS tf, k.experiment_id AS experiment,
       COLLECT { MATCH (k)-[a:AFFECTS]->(g:Gene)
                 WHERE (a.padj IS NOT NULL AND a.padj <= $padj)
                    OR (a.padj IS NULL AND abs(coalesce(a.effect, a.log2fc, 0.0)) > $threshold)
                 RETURN g.symbol } AS responders
ORDER BY tf, experiment
