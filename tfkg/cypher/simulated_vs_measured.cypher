// Browser: a run's simulated knockout of one TF beside the measured knockout(s) of the same gene, gene by gene.
// Genes without a measured change show null; sorted by the size of the simulated change.
// params: run_id, gene, species
MATCH (sim:Knockout {run_id: $run_id, simulated: true})-[:KNOCKS_OUT]->(tf:Gene {symbol: $gene, species: $species})
MATCH (sim)-[s:AFFECTS]->(g:Gene)
OPTIONAL MATCH (real:Knockout)-[:KNOCKS_OUT]->(tf)
WHERE NOT coalesce(real.simulated, false) AND real.context = 'knockout'
OPTIONAL MATCH (real)-[m:AFFECTS]->(g)
RETURN g.symbol AS gene, s.effect AS simulated, coalesce(m.effect, m.log2fc) AS measured,
       real.experiment_id AS measured_in
ORDER BY abs(s.effect) DESC
LIMIT 50
