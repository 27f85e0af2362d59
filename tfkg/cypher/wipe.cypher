// Delete every node (and any relationship left) in batches; used by tests and benchmarks on disposable databases.
MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS
