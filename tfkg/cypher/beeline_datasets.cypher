// BEELINE data sets in the graph that have an expression matrix (the benchmark's data sets), by key.
// params: (none)
MATCH (d:Dataset)
WHERE d.key STARTS WITH 'beeline:' AND coalesce(d.expression_available, false)
RETURN d.key AS key
ORDER BY key
