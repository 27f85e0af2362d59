// Fill Gene.symbol_upper on genes merged before it existed (merge_genes sets it on every gene it writes); applied by
// `tfkg db init` and every ingest (Graph.apply_schema). Manages its own transactions.
MATCH (g:Gene) WHERE g.symbol_upper IS NULL
CALL (g) { SET g.symbol_upper = toUpper(g.symbol) } IN TRANSACTIONS OF 20000 ROWS
