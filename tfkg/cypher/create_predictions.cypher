// Write scored TF->Gene predictions of one run (call delete_run_predictions in the same transaction first).
// weight and sign are set for models whose edges carry a learned signed weight (motif-rnn), else null.
// tf_rank (1 = the TF's best) and percentile (share of the TF's candidates scored lower) are set by per-TF predictions.
// evidence: the model's reasons in words (hetnet models: the meta-paths a pair stands out on), else null.
// Every gene of the batch (genes: its distinct symbols) is looked up once, not twice per row: 2-3x the edges/s.
// params: c (columns: tf, target, score, rank, weight?, sign?, tf_rank?, percentile?, evidence?), genes, species, run_id,
// model
MATCH (run:ModelRun {run_id: $run_id})
MATCH (x:Gene {species: $species}) WHERE x.symbol IN $genes
WITH apoc.map.fromPairs(collect([x.symbol, x])) AS node, $c AS c
UNWIND range(0, size(c.tf) - 1) AS i
WITH c, i, node[c.tf[i]] AS t, node[c.target[i]] AS g
WHERE t IS NOT NULL AND g IS NOT NULL
CREATE (t)-[:PREDICTED_REGULATES {score: c.score[i], rank: c.rank[i], model: $model, run_id: $run_id,
                                  weight: c.weight[i], sign: c.sign[i], tf_rank: c.tf_rank[i],
                                  percentile: c.percentile[i], evidence: c.evidence[i]}]->(g)
RETURN count(*) AS created
