// Write scored TF->Gene predictions of one run (call delete_run_predictions in the same transaction first).
// weight and sign are set for models whose edges carry a learned signed weight (motif-rnn), else null.
// tf_rank (1 = the TF's best) and percentile (share of the TF's candidates scored lower) are set by per-TF predictions.
// evidence: the model's reasons in words (hetnet models: the meta-paths the pair stands out on), else null.
// params: c (columns: tf, target, score, rank, weight?, sign?, tf_rank?, percentile?, evidence?), species, run_id, model
MATCH (run:ModelRun {run_id: $run_id})
UNWIND range(0, size($c.tf) - 1) AS i
WITH run, $c AS c, i
MATCH (t:Gene {symbol: c.tf[i], species: $species}) USING INDEX t:Gene(symbol, species)
MATCH (g:Gene {symbol: c.target[i], species: $species}) USING INDEX g:Gene(symbol, species)
CREATE (t)-[:PREDICTED_REGULATES {score: c.score[i], rank: c.rank[i], model: $model, run_id: $run_id,
                                  weight: c.weight[i], sign: c.sign[i], tf_rank: c.tf_rank[i],
                                  percentile: c.percentile[i], evidence: c.evidence[i]}]->(g)
