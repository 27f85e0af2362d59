// Remove a run's earlier network analysis (Module nodes and IN_MODULE edges), before writing a new one.
// params: run_id
MATCH (m:Module {run_id: $run_id})
DETACH DELETE m
RETURN count(m) AS deleted
