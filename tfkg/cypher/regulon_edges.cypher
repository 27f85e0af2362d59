// Curated TF->target edges of one REGULATES source as signed columns (sign +1 / -1, 0 = unknown), for regulon
// benchmarks. confidences: DoRothEA levels to keep (null = all). tfs: only these regulators (null = all).
// params: source, species, confidences, tfs
MATCH (t:Gene {species: $species})-[r:REGULATES {source: $source}]->(g:Gene)
WHERE t <> g AND ($confidences IS NULL OR r.confidence IN $confidences) AND ($tfs IS NULL OR t.symbol IN $tfs)
WITH t.symbol AS tf, g.symbol AS target,
     coalesce(r.sign, CASE r.mode WHEN 'activation' THEN 1 WHEN 'repression' THEN -1 ELSE 0 END) AS sign
RETURN collect(tf) AS tf, collect(target) AS target, collect(sign) AS sign
